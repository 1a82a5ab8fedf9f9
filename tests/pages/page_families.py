"""One address per public page family, on the curated collection: what the
accessibility and HTML checks visit (tests/pages/test_accessibility.py,
tests/pages/test_html_validity.py)."""

from django.urls import Resolver404, resolve

NOT_FOUND = "/no/such/page/"
FAMILIES = {
    "timeline": "/",
    "filtered timeline": "/?technique=deepfake&decade=2020",
    "search": "/?q=faces",
    "a filter that can't be understood (400)": "/?year_from=abc",
    "an unknown address (404)": NOT_FOUND,
    "video": "/videos/cry/",
    "correction form": "/videos/cry/correction/",  # issue 17
    "correction thanks": "/videos/cry/correction/thanks/",
    "techniques": "/techniques/",
    "technique": "/techniques/digital-morphing/",
    "directors": "/directors/",
    "director": "/directors/michel-gondry/",
    "artists": "/artists/",
    "artist": "/artists/aphex-twin/",
    "tags": "/tags/",
    "tag": "/tags/faces/",
    "about": "/about/",
    # The instruments and open data, once their pages exist (issues 16 and 18).
    "compare": "/compare/",
    "verdicts": "/verdicts/",
    "lineage": "/lineage/",
    "exhibits": "/exhibits/",
    "open data": "/data/",
}


def served(url):
    """Whether the archive has a route for `url`: a family added later joins the checks
    the moment its route does."""
    try:
        resolve(url.split("?")[0])
    except Resolver404:
        return url == NOT_FOUND
    return True


def families():
    return {family: url for family, url in FAMILIES.items() if served(url)}
