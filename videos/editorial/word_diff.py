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
# A single unchanged word between two changes ("is" in "it is easy" → "the reason is
# plain") joins them: one rewritten phrase reads better than a chequerboard of marks.
JOINED_AT_MOST = 1
ELLIPSIS = "…"


def word_diff(old, new, context=CONTEXT_WORDS):
    """Safe HTML: `new` against `old`, deletions in <del>, additions in <ins>."""
    before, after = (old or "").split(), (new or "").split()
    if before == after:
        return mark_safe('<span class="diff-note">(spacing or line breaks only)</span>')
    runs = changed_runs(before, after)
    pieces = []
    for index, (removed, added, unchanged_words) in enumerate(runs):
        if unchanged_words is not None:
            keep_head = context if index > 0 else 0
            keep_tail = context if index < len(runs) - 1 else 0
            pieces.append(unchanged(unchanged_words, keep_head, keep_tail))
            continue
        if removed:
            pieces.append(format_html("<del>{}</del>", " ".join(removed)))
        if added:
            pieces.append(format_html("<ins>{}</ins>", " ".join(added)))
    return mark_safe(" ".join(piece for piece in pieces if piece))


def changed_runs(before, after):
    """[(removed words, added words, None) for a change, or (None, None, words) for an
    unchanged run], in order, a lone unchanged word between changes joined to them."""
    # autojunk off: in a long essay it would treat common words as noise and match badly.
    opcodes = SequenceMatcher(None, before, after, autojunk=False).get_opcodes()
    runs = []
    for index, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        inside = 0 < index < len(opcodes) - 1
        if tag == "equal" and not (inside and i2 - i1 <= JOINED_AT_MOST):
            runs.append((None, None, before[i1:i2]))
        elif runs and runs[-1][2] is None:  # continues the change before it
            removed, added, _ = runs[-1]
            runs[-1] = (removed + before[i1:i2], added + after[j1:j2], None)
        else:
            runs.append((before[i1:i2], after[j1:j2], None))
    return runs


def unchanged(words, keep_head, keep_tail):
    """An unchanged run: its first `keep_head` words (after a change) and last
    `keep_tail` (before the next one), the middle elided."""
    if len(words) <= keep_head + keep_tail + 1:
        return escape(" ".join(words))
    head = " ".join(words[:keep_head])
    tail = " ".join(words[len(words) - keep_tail :]) if keep_tail else ""
    return escape(" ".join(part for part in (head, ELLIPSIS, tail) if part))
