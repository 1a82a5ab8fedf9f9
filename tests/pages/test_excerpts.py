"""Search excerpts: the passage around the first word searched for, the words marked."""

from videos.pages.excerpts import excerpt, pattern_for


def marked(pieces):
    return [text for text, is_marked in pieces if is_marked]


def test_a_word_is_found_by_its_stem():
    pieces = excerpt(
        "The faces were morphed, then morphing again.", pattern_for("morphing")
    )
    assert marked(pieces) == ["morphed", "morphing"]


def test_the_excerpt_is_the_passage_around_the_first_match():
    text = " ".join(f"word{n}" for n in range(100)) + " deepfake " + "tail " * 50
    pieces = excerpt(text, pattern_for("deepfake"))
    passage = "".join(text for text, _ in pieces)
    assert passage.startswith("… word90 ") and passage.endswith(" …")
    assert len(passage.split()) <= 34


def test_markdown_links_and_emphasis_become_plain_text():
    pieces = excerpt(
        "As [Pitchfork](https://p.example) *said*: faces.", pattern_for("faces")
    )
    assert "".join(text for text, _ in pieces) == "As Pitchfork said: faces."


def test_excluded_words_and_search_operators_are_not_marked():
    pattern = pattern_for("faces or -robots")
    assert marked(excerpt("faces, robots, or both", pattern)) == ["faces"]
    assert pattern_for("-robots or") is None


def test_no_match_gives_no_excerpt():
    assert excerpt("Nothing here.", pattern_for("deepfake")) == []
