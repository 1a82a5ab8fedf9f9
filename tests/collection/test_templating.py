"""Writing, not templates (issue 13): technique histories and director profiles don't share
an opening formula, and no sentence is reused between essays, histories and profiles."""

import re
from collections import defaultdict

import pytest

from videos.models import Director, Essay, Technique

pytestmark = pytest.mark.django_db

LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+")
OPENING_WORDS = 4
MOST_SHARING_AN_OPENING = 3
SHORTEST_SENTENCE = 8


def plain(markdown):
    """The words a reader sees: link text without its address, no emphasis marks."""
    text = re.sub(r"[*_`#>]", "", LINK.sub(r"\1", markdown))
    return " ".join(text.split())


def words(text):
    return re.findall(r"[\w'’-]+", text.lower())


def shared_openings(texts):
    """{opening phrase: names} for the phrases that open too many of `texts`."""
    opened = defaultdict(list)
    for name, text in texts.items():
        opened[" ".join(words(plain(text))[:OPENING_WORDS])].append(name)
    return {
        phrase: names
        for phrase, names in opened.items()
        if len(names) > MOST_SHARING_AN_OPENING
    }


def repeated_sentences(texts):
    """{sentence: names} for each sentence of eight or more words in two or more texts."""
    found_in = defaultdict(set)
    for name, text in texts.items():
        for sentence in SENTENCE_END.split(plain(text)):
            sentence_words = words(sentence)
            if len(sentence_words) >= SHORTEST_SENTENCE:
                found_in[" ".join(sentence_words)].add(name)
    return {s: sorted(names) for s, names in found_in.items() if len(names) > 1}


def histories():
    return {
        f"technique {slug}": text
        for slug, text in Technique.objects.values_list("slug", "essay")
    }


def profiles():
    return {
        f"director {slug}": bio
        for slug, bio in Director.objects.exclude(bio="").values_list("slug", "bio")
    }


def essays():
    return {
        f"essay {slug}": body
        for slug, body in Essay.objects.values_list("video__slug", "body")
    }


def test_no_four_word_phrase_opens_more_than_three_histories(collection):
    assert len(histories()) == 26
    assert shared_openings(histories()) == {}


def test_no_four_word_phrase_opens_more_than_three_profiles(collection):
    assert len(profiles()) == 59
    assert shared_openings(profiles()) == {}


def test_no_sentence_of_eight_words_or_more_appears_in_two_texts(collection):
    texts = {**essays(), **histories(), **profiles()}
    assert len(texts) == 69 + 26 + 59
    assert repeated_sentences(texts) == {}


def test_the_checks_fail_when_templating_creeps_back(collection):
    """The checks above, on the collection with a formula put back into it."""
    cry = Essay.objects.get(video__slug="cry")
    borrowed = SENTENCE_END.split(plain(cry.body))[1]
    assert len(words(borrowed)) >= SHORTEST_SENTENCE
    barron = Director.objects.get(slug="steve-barron")
    barron.bio += f" {borrowed}"
    barron.save()
    for technique in Technique.objects.order_by("slug")[:4]:
        technique.essay = f"In this archive the technique {technique.essay}"
        technique.save()

    repeated = repeated_sentences({**essays(), **histories(), **profiles()})
    assert list(repeated.values()) == [["director steve-barron", "essay cry"]]
    [(phrase, names)] = shared_openings(histories()).items()
    assert (phrase, len(names)) == ("in this archive the", 4)
