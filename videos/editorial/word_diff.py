"""What changed in a text, word by word, for the entry's history (issue 17, item 5).

An essay edit shows the words removed in <del> and the words added in <ins>, with a few
unchanged words around each change and the rest elided, never the two whole bodies. Every
word is escaped: stored text is shown as text, whatever it holds.
"""

from difflib import SequenceMatcher

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

# Unchanged words kept on each side of a change; a longer unchanged run is elided.
CONTEXT_WORDS = 6
ELLIPSIS = "…"


def word_diff(old, new, context=CONTEXT_WORDS):
    """Safe HTML: `new` against `old`, deletions in <del>, additions in <ins>."""
    before, after = (old or "").split(), (new or "").split()
    if before == after:
        return mark_safe('<span class="diff-note">(spacing or line breaks only)</span>')
    # autojunk off: in a long essay it would treat common words as noise and match badly.
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    opcodes = matcher.get_opcodes()
    pieces = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            keep_head = context if index > 0 else 0
            keep_tail = context if index < len(opcodes) - 1 else 0
            pieces.append(unchanged(before[i1:i2], keep_head, keep_tail))
            continue
        if i2 > i1:
            pieces.append(format_html("<del>{}</del>", " ".join(before[i1:i2])))
        if j2 > j1:
            pieces.append(format_html("<ins>{}</ins>", " ".join(after[j1:j2])))
    return mark_safe(" ".join(piece for piece in pieces if piece))


def unchanged(words, keep_head, keep_tail):
    """An unchanged run: its first `keep_head` words (after a change) and last
    `keep_tail` (before the next one), the middle elided."""
    if len(words) <= keep_head + keep_tail + 1:
        return escape(" ".join(words))
    head = " ".join(words[:keep_head])
    tail = " ".join(words[len(words) - keep_tail :]) if keep_tail else ""
    return escape(" ".join(part for part in (head, ELLIPSIS, tail) if part))
