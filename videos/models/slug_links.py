from functools import lru_cache

from django.urls import get_script_prefix, reverse

SLUG_PLACEHOLDER = "--slug--"


@lru_cache(maxsize=64)
def _url_with_placeholder(viewname, script_prefix):
    return reverse(viewname, args=[SLUG_PLACEHOLDER])


def slug_url(viewname, slug):
    """reverse(viewname, args=[slug]), reversed once per view rather than once per link.

    A timeline page links each video, artist, director and technique (hundreds of links);
    slugs need no quoting, so the slug is put into a URL reversed with a placeholder.
    """
    return _url_with_placeholder(viewname, get_script_prefix()).replace(
        SLUG_PLACEHOLDER, slug
    )
