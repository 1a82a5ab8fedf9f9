"""Markdown for essays, bios and technique histories: rendered, then sanitised.

Essays are untrusted input (issue 12: one essay of `"[" * 20000` stopped the site under
Python-Markdown, which is quadratic on it). markdown-it-py implements CommonMark, whose
parsing is linear by design, and it is meant for untrusted input; whatever it lets through
(raw HTML included) is then cleaned by nh3 against a short allow-list: no scripts, event
handlers, styles, iframes, or javascript:/data: URLs.

markdown-it-py is pure Python, about 10 µs a character on the worst inputs, so the text is
also cut at the longest any field may hold: every render costs tens of milliseconds at
most, even for text that bypassed the admin's validation.
"""

import functools
import re

import nh3
from markdown_it import MarkdownIt

# The longest Markdown field (an essay's body, a technique's history) in characters, about
# 650 words: well past the 400 the style asks an essay for. The models validate it.
LONGEST_MARKDOWN = 4000

ALLOWED_TAGS = {
    "p", "a", "em", "strong", "blockquote", "ul", "ol", "li", "code", "pre", "br", "hr",
    "h2", "h3", "h4", "sup", "sub", "abbr", "cite", "q",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
# Curly quotes, dashes and ellipses, as Python-Markdown's "smarty" gave the essays. No
# essay nests ten deep, and images are never shown (nh3 drops <img>): the nesting limit
# and no image rule halve the worst inputs' cost (`[`, `![x](`), so `![a](u)` is a link.
PARSER = (
    MarkdownIt("commonmark", {"typographer": True, "maxNesting": 10})
    .enable(["replacements", "smartquotes"])
    .disable("image")
)
# A link's label, or an emphasis mark. A label can't hold a bracket and a target can't
# hold a parenthesis, so no character is scanned by more than one attempt: linear time.
LINK_OR_EMPHASIS = re.compile(r"\[([^\[\]]*)\]\([^()]*\)|[*_`]")
# More than an opening of 45 words could use, however long its links.
LONGEST_OPENING = 4000


def render_markdown(text):
    return rendered((text or "")[:LONGEST_MARKDOWN])


# Pages show the same essays, bios and histories again and again; each distinct text is
# parsed once per process (a few MB at most), so a visitor waits for no parse that an
# earlier one already paid for, however costly the text.
@functools.lru_cache(maxsize=1024)
def rendered(text):
    html = PARSER.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


def plain_opening(text, words=45):
    """The first paragraph as plain text, cut to `words` words, for timeline entries.

    Runs for every entry on a timeline page, so it is a regular expression over at most
    LONGEST_OPENING characters rather than a Markdown parse."""
    paragraph = (text or "").lstrip()[:LONGEST_OPENING].split("\n\n", 1)[0]
    plain = LINK_OR_EMPHASIS.sub(lambda m: m.group(1) or "", paragraph)
    parts = plain.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")
