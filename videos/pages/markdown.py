"""Markdown for essays, bios and technique histories: rendered, then sanitised.

Essays are untrusted input, so whatever Markdown lets through (raw HTML included) is cleaned
by nh3 against a short allow-list: no scripts, event handlers, styles, iframes, or
javascript:/data: URLs.
"""

import re

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "blockquote", "ul", "ol", "li", "code", "pre", "br", "hr",
    "h2", "h3", "h4", "sup", "sub", "abbr", "cite", "q",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
LINK_OR_EMPHASIS = re.compile(r"\[([^\]]*)\]\([^)]*\)|[*_`]")


def render_markdown(text):
    html = markdown_lib.markdown(
        text or "", extensions=["smarty"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_opening(text, words=45):
    """The first paragraph as plain text, cut to `words` words, for timeline entries."""
    paragraph = (text or "").strip().split("\n\n", 1)[0]
    plain = LINK_OR_EMPHASIS.sub(lambda m: m.group(1) or "", paragraph)
    parts = plain.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
