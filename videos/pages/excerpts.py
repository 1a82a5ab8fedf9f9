"""Search excerpts (issue 15): a short passage of each result's essay around the first
word searched for, with those words marked.

An excerpt is a list of (text, marked) pieces of plain text. The template escapes every
piece and wraps the marked ones in <mark>, so nothing from an essay is ever rendered as
HTML. Words are matched by a rough English stem ("morphing" finds "morphed"), close to
what both databases' stemmers match; an excerpt that finds none is left out and the
entry shows its opening instead.
"""

import re

from videos.models import Essay
from videos.pages.markdown import LINK_OR_EMPHASIS, LONGEST_MARKDOWN

WORD = re.compile(r"\w+")
SPAN = re.compile(r"\S+")
SUFFIXES = ("ing", "ed", "es", "s", "ly")
# Operators of PostgreSQL's web search syntax, not words to find.
OPERATORS = {"or", "and", "not"}
EXCERPT_WORDS = 32
WORDS_BEFORE = 10


def stem(word):
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def pattern_for(text):
    """A pattern for the words of `text` (not "-excluded" ones), or None."""
    stems = {
        stem(match.group().lower())
        for match in re.finditer(r"(?<![-\w])\w+", text)
        if match.group().lower() not in OPERATORS
    }
    if not stems:
        return None
    words = "|".join(sorted(map(re.escape, stems), key=len, reverse=True))
    return re.compile(rf"\b(?:{words})\w*", re.IGNORECASE)


def plain_text(markdown):
    text = LINK_OR_EMPHASIS.sub(lambda m: m.group(1) or "", markdown[:LONGEST_MARKDOWN])
    return re.sub(r"(?m)^\s*(?:#+|>|[-+]|\d+\.)\s+", "", text)


def excerpt(text, pattern):
    """[(text, marked)] for the passage of `text` around the first match, or []."""
    plain = plain_text(text or "")
    found = pattern.search(plain)
    if found is None:
        return []
    spans = [(m.start(), m.end()) for m in SPAN.finditer(plain)]
    at = next(i for i, (start, end) in enumerate(spans) if end > found.start())
    first = max(0, at - WORDS_BEFORE)
    last = min(len(spans), first + EXCERPT_WORDS)
    passage = plain[spans[first][0] : spans[last - 1][1]]
    pieces = [("… " if first else "", False)]
    position = 0
    for match in pattern.finditer(passage):
        pieces += [(passage[position : match.start()], False), (match.group(), True)]
        position = match.end()
    pieces += [(passage[position:], False), (" …" if last < len(spans) else "", False)]
    return [(re.sub(r"\s+", " ", piece), marked) for piece, marked in pieces if piece]


def attach_excerpts(entries, text):
    """Give each entry an `excerpt` from its essay for the search `text`: one query for
    the page's essays."""
    pattern = pattern_for(text)
    for entry in entries:
        entry.excerpt = []
    if pattern is None or not entries:
        return
    essays = Essay.objects.filter(video__slug__in=[entry.slug for entry in entries])
    texts = {
        slug: (headline, body)
        for slug, headline, body in essays.values_list(
            "video__slug", "headline", "body"
        )
    }
    for entry in entries:
        headline, body = texts.get(entry.slug, ("", ""))
        entry.excerpt = excerpt(body, pattern) or excerpt(headline, pattern)
