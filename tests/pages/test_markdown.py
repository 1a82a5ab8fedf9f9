"""Essays, bios and claims are untrusted: no payload in them is ever live on a public page.

Each payload goes into every text an editor writes (markdown and plain), then every public
page that shows those texts is parsed and searched for anything a browser would run or
load: scripts, event handlers, javascript:/data: URLs, frames, plugins, styles.
"""

import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_artist, make_director, make_technique, make_video
from videos.models import Source, Video, VideoTechnique

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    '<img src="javascript:alert(1)">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click]( javascript:alert(1) )",
    "[click](<javascript:alert(1)>)",
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '![x](x" onerror="alert(1))',
    "<javascript:alert(1)>",
    '<a href="jAvAsCrIpT:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;script:alert(1)">click</a>',
    "[click](&#106;avascript:alert(1))",
    '<a href="java&#x09;script:alert(1)">click</a>',
    '<a href="data:text/html,<script>alert(1)</script>">click</a>',
    '<a href="vbscript:msgbox(1)">click</a>',
    '<a href="https://example.org" onclick="alert(1)">click</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    '<div style="width:expression(alert(1))">styled</div>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<form action="https://evil.example"><input name=p><button>Go</button></form>',
    '<button formaction="javascript:alert(1)">Go</button>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<math href="javascript:alert(1)">click</math>',
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction>",
    '<details open ontoggle="alert(1)">',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<base href="javascript:/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '"><script>alert(1)</script>',
    "</textarea></title></script><script>alert(1)</script>",
    "<!--<img src=x onerror=alert(1)>-->",
]

# Elements no public page has any business showing.
FORBIDDEN_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base",
    "math", "foreignobject", "template", "noscript", "xmp", "noembed", "plaintext",
}  # fmt: skip
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster",
    "background", "srcset", "ping", "lowsrc", "dynsrc", "longdesc", "cite",
}  # fmt: skip
LIVE_SCHEMES = ("javascript:", "data:", "vbscript:")
# Browsers drop these anywhere in a URL before reading its scheme.
URL_NOISE = re.compile(r"[\x00-\x20\x7f]+")
LIVE_STYLE = re.compile(
    r"url\s*\(|expression\s*\(|javascript:|@import|behavior\s*:", re.I
)
JSON_LD = "application/ld+json"


def is_live_url(value):
    return URL_NOISE.sub("", value).lower().startswith(LIVE_SCHEMES)


class LiveContentFinder(HTMLParser):
    """Collects what a browser would run or load from a page; `found` lists it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []
        self.json_ld = None  # the text of the JSON-LD script being read

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if (attributes.get("type") or "").lower() != JSON_LD or "src" in attributes:
                self.found.append(f"<script {attrs}>")
            self.json_ld = ""
        if tag in FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.found.append("<meta http-equiv=refresh>")
        if tag == "form" and not is_same_site(attributes.get("action") or "/"):
            self.found.append(f"<form action={attributes['action']!r}>")
        for name, value in attrs:
            self.check_attribute(tag, name, value or "")

    handle_startendtag = handle_starttag

    def check_attribute(self, tag, name, value):
        if name.startswith("on"):
            self.found.append(f"<{tag} {name}=…>")
        if name in URL_ATTRIBUTES and is_live_url(value):
            self.found.append(f"<{tag} {name}={value!r}>")
        if name == "style" and LIVE_STYLE.search(value):
            self.found.append(f"<{tag} style={value!r}>")

    def handle_data(self, data):
        if self.json_ld is not None:
            self.json_ld += data

    def handle_endtag(self, tag):
        if tag == "script" and self.json_ld is not None:
            try:
                json.loads(self.json_ld)
            except ValueError:
                self.found.append("JSON-LD that is not JSON (something broke out)")
            self.json_ld = None


def is_same_site(url):
    return url.startswith("/") and not url.startswith("//")


def live_content_in_html(html):
    finder = LiveContentFinder()
    finder.feed(html)
    finder.close()
    return finder.found


def live_content_in_feed(xml):
    """Atom/RSS: no script elements, no live links, and HTML content that is clean."""
    found = []
    for element in ElementTree.fromstring(xml).iter():
        tag = element.tag.rsplit("}", 1)[-1].lower()
        if tag == "script" or tag in FORBIDDEN_TAGS:
            found.append(f"<{tag}> in the feed")
        for name, value in element.attrib.items():
            if name.rsplit("}", 1)[-1] in URL_ATTRIBUTES and is_live_url(value):
                found.append(f"<{tag} {name}={value!r}>")
        if element.get("type") == "html" or tag in {"description", "encoded"}:
            found += live_content_in_html(element.text or "")
    return found


def live_content_in_json(value, key=""):
    """JSON: HTML-bearing values are clean, URL-bearing values are not live."""
    if isinstance(value, dict):
        return [
            item for k, v in value.items() for item in live_content_in_json(v, str(k))
        ]
    if isinstance(value, list):
        return [item for v in value for item in live_content_in_json(v, key)]
    if not isinstance(value, str):
        return []
    found = []
    if "html" in key.lower():
        found += live_content_in_html(value)
    if re.search(r"(^|_)(url|href|link|src|image)s?$", key.lower()) and is_live_url(
        value
    ):
        found.append(f"{key}: {value!r}")
    return found


def hostile_video(payload):
    """A published video whose title, essay and headline, technique essay and summary,
    director bio, source and claim all carry `payload`."""
    short = payload[:100]
    technique = make_technique(
        "Hostile technique",
        slug="hostile-technique",
        summary=short,
        essay=f"History.\n\n{payload}\n\nMore history.",
    )
    director = make_director(
        "Hostile director", slug="hostile-director", bio=f"A bio.\n\n{payload}"
    )
    video = make_video(
        short,
        slug="hostile-video",
        artists=[make_artist("Hostile artist")],
        directors=[director],
        techniques=[technique],
        verdict="contested",
        essay_body=f"{payload} opens it.\n\n{payload}\n\nIn a sentence: {payload} there.",
        tags=["hostile"],
    )
    video.essay.headline = short
    video.essay.save()
    Source.objects.filter(video=video).update(title=payload, publication=short)
    VideoTechnique.objects.filter(video=video).update(
        usage=payload, tool=short, studio=short
    )
    return video


PAGES = [
    "/videos/hostile-video/",
    "/",
    "/techniques/hostile-technique/",
    "/techniques/",
    "/directors/hostile-director/",
    "/artists/hostile-artist/",
    "/tags/hostile/",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_public_page_shows_a_payload_live(client, payload):
    hostile_video(payload)
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        assert live_content_in_html(response.content.decode()) == [], url


def test_the_payloads_were_on_the_pages(client):
    """Guards the test above: the texts carrying the payloads are really shown."""
    hostile_video("[a link](https://example.org/ok) <b>bold</b> *emphasis*")
    video_page = client.get("/videos/hostile-video/").content.decode()
    assert '<a href="https://example.org/ok" rel="noopener noreferrer">' in video_page
    assert "&lt;b&gt;bold&lt;/b&gt;" in video_page  # the headline, escaped
    assert "<em>emphasis</em>" in video_page  # the essay, rendered
    technique_page = client.get("/techniques/hostile-technique/").content.decode()
    assert "<em>emphasis</em>" in technique_page
    director_page = client.get("/directors/hostile-director/").content.decode()
    assert "<em>emphasis</em>" in director_page


@pytest.mark.parametrize(
    "url",
    [
        "/feed/",
        "/techniques/hostile-technique/feed/",
        "/timeline.json",
        "/timeline.json?q=hostile",
        "/videos/hostile-video.json",
    ],
)
# Feeds and JSON escape by one rule each, so every third payload is enough to test it.
@pytest.mark.parametrize("payload", PAYLOADS[::3])
def test_feeds_and_json_carry_no_live_payload(client, url, payload):
    hostile_video(payload)
    response = client.get(url)
    if response.status_code == 404:
        pytest.skip(f"{url} is not routed yet")
    assert response.status_code == 200
    content_type = response["Content-Type"]
    body = response.content.decode()
    if "json" in content_type:
        assert response.get("X-Content-Type-Options") == "nosniff"
        assert live_content_in_json(json.loads(body)) == []
    else:
        assert "xml" in content_type, content_type
        assert live_content_in_feed(body) == []


def test_director_links_that_are_not_web_addresses_are_not_linked(client):
    make_video(
        directors=[
            make_director(
                "Linked director",
                slug="linked-director",
                links="javascript:alert(1)\n data:text/html,x\nhttps://example.org/films",
            )
        ]
    )
    html = client.get("/directors/linked-director/").content.decode()
    assert live_content_in_html(html) == []
    assert 'href="https://example.org/films"' in html


@pytest.mark.parametrize(
    "model, field",
    [(Video, "watch_url"), (Source, "url"), (VideoTechnique, "source_url")],
)
@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,x", "JAVASCRIPT:alert(1)"]
)
def test_link_fields_refuse_urls_that_run_code(model, field, url):
    with pytest.raises(ValidationError):
        model._meta.get_field(field).clean(url, None)


def test_the_finder_sees_what_it_should():
    """The checker itself: each of these is live, and the site's own markup is not."""
    live = [
        "<script>x</script>",
        '<a href=" JaVa\tScRipt:x">',
        '<img src="data:image/svg+xml,x">',
        '<p onmouseover="x">',
        "<iframe>",
        '<p style="background:url(x)">',
        '<form action="https://evil.example">',
        '<script type="application/ld+json">{"a": </script>',
    ]
    for html in live:
        assert live_content_in_html(html), html
    own = (
        '<script type="application/ld+json">{"a": "b"}</script>'
        '<a class="chip" style="--chip: #1d4e89" href="/techniques/x/">x</a>'
        '<form method="get" action="/"></form><svg viewBox="0 0 1 1"><a href="/"></a></svg>'
    )
    assert live_content_in_html(own) == []
