"""Word-level diffs of text in the entry's history: only changed words are marked, the
rest elided around them, everything escaped."""

from videos.editorial.word_diff import word_diff


def test_a_replaced_word_is_marked_with_a_few_words_around_it():
    old = " ".join(f"w{i}" for i in range(40))
    new = old.replace("w20", "changed")
    assert word_diff(old, new, context=2) == (
        "… w18 w19 <del>w20</del> <ins>changed</ins> w21 w22 …"
    )


def test_words_added_at_the_end_and_removed_at_the_start_are_marked_alone():
    assert word_diff("one two three", "two three four", context=1) == (
        "<del>one</del> two three <ins>four</ins>"
    )


def test_stored_markup_is_shown_as_text():
    diff = word_diff("Fine & <b>bold</b>", "Fine & <script>x()</script>")
    assert "<script>" not in diff and "<b>" not in diff
    assert "&lt;script&gt;x()&lt;/script&gt;" in diff
    assert diff.startswith("Fine &amp;")


def test_a_change_of_spacing_alone_says_so():
    assert "spacing or line breaks only" in word_diff("a  b\nc", "a b c")


def test_a_rewritten_phrase_is_one_change_not_a_chequerboard():
    diff = word_diff(
        "and it is easy to see why. The clip",
        "and the reason is plain to see. The clip",
    )
    assert diff == (
        "and <del>it is easy to see why.</del> <ins>the reason is plain to see.</ins> The clip"
    )
