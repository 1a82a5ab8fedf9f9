"""`q`: full-text search on PostgreSQL, a stemming fallback on SQLite; same expectations."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def titles(client, **params):
    response = client.get("/", params)
    assert response.status_code == 200
    return [video.title for video in response.context["page_obj"]]


def test_a_title_match_ranks_above_essays_that_mention_it(client, collection):
    found = titles(client, q="cry")
    assert found[0] == "Cry"
    assert "The Heart Part 5" in found  # its essay names "Cry" as a precedent


def test_search_is_stemmed(client, collection):
    # "morphed" and "morphing" find the same videos through their stem.
    assert "Black or White" in titles(client, q="morphed")
    assert set(titles(client, q="morphed")) == set(titles(client, q="morphing"))


def test_every_word_must_match(client, collection):
    assert titles(client, q="kendrick deepfake") == ["The Heart Part 5"]


def test_search_finds_directors_and_artists(client, collection):
    assert set(titles(client, q="gondry")) >= {"Around the World", "Star Guitar"}
    assert "Drop" in titles(client, q="pharcyde")


def test_search_results_keep_other_filters(client, collection):
    assert titles(client, q="sora", decade=2020) == ["The Hardest Part"]
    assert titles(client, q="sora", decade=1980) == []


def test_punctuation_alone_finds_nothing_rather_than_failing(client, collection):
    response = client.get("/", {"q": "!!! ???"})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []


def test_an_overlong_search_answers_400(client, collection):
    response = client.get("/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "q" in response.context["errors"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stored vectors are PostgreSQL's"
)
def test_an_edited_essay_is_searchable_once_it_commits(
    client, collection, django_capture_on_commit_callbacks
):
    from videos.models import Essay

    essay = Essay.objects.get(video__slug="cry")
    assert titles(client, q="zeugma") == []
    with django_capture_on_commit_callbacks(execute=True):
        essay.body += " A zeugma."
        essay.save()
    assert titles(client, q="zeugma") == ["Cry"]
