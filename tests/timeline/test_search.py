"""`q`: ranked full-text search, PostgreSQL's tsvector or SQLite's FTS5; the same
expectations on both (run the suite with each DATABASE_URL)."""

import importlib
import io
import json
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from taggit.models import Tag

from bench.synthetic import synthetic_videos
from tests.factories import make_artist, make_director, make_video
from videos.editorial.backup import export_archive
from videos.models import Artist, Director, Essay, Exhibit, Technique, Video
from videos.timeline.search import fts5_query, match_scores, search_videos

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the FTS5 table is SQLite's"
)
HOSTILE = [
    '"', '""', '"unclosed', "*", "x*", "*:*", "title:cry", "NEAR(cry morph)",
    "NEAR/2", "-cry", "- -", "(", ")", "((cry)", "cry AND", "OR", "NOT cry", "^cry",
    "{title}: cry", "cry + morph", "'", "\\", "%", "_", "\u202e",
    "😀", "ﬁ", "é" * 30, "AND OR NOT NEAR", "'; DROP TABLE videos_search; --",
]  # fmt: skip


def titles(client, **params):
    response = client.get("/", params)
    assert response.status_code == 200
    return [video.title for video in response.context["page_obj"]]


def found(text, queryset=None):
    queryset = Video.objects.published() if queryset is None else queryset
    return [video.title for video in search_videos(queryset, text)]


def test_a_title_match_ranks_above_essays_that_mention_it(client, collection):
    found = titles(client, q="cry")
    assert found[0] == "Cry"
    assert "The Heart Part 5" in found  # its essay names "Cry" as a precedent


def test_search_is_stemmed(client, collection):
    # "morphed" and "morphing" find the same videos through their stem.
    assert "Black or White" in titles(client, q="morphed")
    assert set(titles(client, q="morphed")) == set(titles(client, q="morphing"))


def test_every_word_must_match(client, collection):
    assert titles(client, q="kendrick nipsey") == ["The Heart Part 5"]


def test_search_finds_directors_and_artists(client, collection):
    assert set(titles(client, q="gondry")) >= {"Around the World", "Star Guitar"}
    assert "Drop" in titles(client, q="pharcyde")


def test_search_results_keep_other_filters(client, collection):
    assert titles(client, q="sora washed", decade=2020) == ["The Hardest Part"]
    assert titles(client, q="sora", decade=1980) == []


def test_punctuation_alone_finds_nothing_rather_than_failing(client, collection):
    response = client.get("/", {"q": "!!! ???"})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == []


def test_an_overlong_search_answers_400(client, collection):
    response = client.get("/", {"q": "x" * 201})
    assert response.status_code == 400
    assert "q" in response.context["errors"]


def test_title_and_artists_rank_above_directors_above_essays_ties_by_year(db):
    """The one ranking both databases must agree on: ts_rank's A, B, C weights and
    bm25's column weights give the same order."""
    make_video("Zephyr Lane", year=2000)
    make_video("Hushed Lane", year=1990, artists=[make_artist("Zephyr Quartet")])
    make_video("Still Lane", year=1980, directors=[make_director("Zephyr Jones")])
    make_video(
        "Slow Lane", year=1970, verdict="justified", essay_body="A zephyr, then."
    )
    make_video("Other Lane", year=1960, verdict="gimmick")
    # Title and artist weigh the same (A): the earlier year first.
    expected = ["Hushed Lane", "Zephyr Lane", "Still Lane", "Slow Lane"]
    assert found("zephyr") == expected
    assert found("zephyrs") == expected  # stemmed, like the documents


def test_a_word_in_the_title_outranks_it_repeated_in_an_essay(db):
    make_video(
        "Mist Song",
        year=2001,
        verdict="gimmick",
        essay_body="Drizzle, drizzle and more drizzle from the drizzle machine.",
    )
    make_video("Drizzle", year=2005)
    assert found("drizzle") == ["Drizzle", "Mist Song"]
    assert found("drizzle machine") == ["Mist Song"]


def test_search_keeps_the_querysets_own_filters(db):
    make_video("Velvet Morning", year=1991)
    make_video("Velvet Night", year=1992)
    make_video("Velvet Draft", status=Video.Status.DRAFT, published_at=None)
    assert found("velvet") == ["Velvet Morning", "Velvet Night"]
    assert found("velvet", Video.objects.published().filter(year=1992)) == [
        "Velvet Night"
    ]


def test_a_search_can_be_used_as_a_subquery(db):
    make_video("Velvet Morning", year=1991)
    make_video("Plain Night", year=1992)
    ranked = search_videos(Video.objects.published(), "velvet").values("pk")
    assert list(Video.objects.filter(pk__in=ranked).values_list("title", flat=True))
    assert [v.title for v in Video.objects.filter(pk__in=ranked)] == ["Velvet Morning"]


@pytest.mark.parametrize("text", HOSTILE)
def test_no_search_text_is_a_query_syntax_error(db, text):
    make_video("Hostile Target", verdict="justified")
    found(text)  # no exception: every word is a quoted string, never syntax
    match_scores(text)  # nor on the path the timeline takes


@pytest.mark.parametrize("text", ["cry", "morphing", "kendrick nipsey", "deepfake"])
def test_the_timeline_reads_the_same_matches_and_ranks_as_the_sql_search(
    collection, text
):
    # The timeline reads (pk, score) from the full-text index alone and filters and
    # orders in the index; the queryset search is the SQL statement of the same thing.
    pks, scores = match_scores(text)
    ranked = search_videos(Video.objects.published(), text)
    assert len(ranked) > 0
    by_pk = dict(zip(pks.tolist(), scores.tolist(), strict=True))
    assert [by_pk[video.pk] for video in ranked] == pytest.approx(
        [
            video.rank if connection.vendor == "sqlite" else -video.rank
            for video in ranked
        ]
    )


def test_words_become_quoted_strings_whatever_they_hold():
    assert fts5_query('NEAR(a b) "x*" -y') == '"NEAR(a" "b)" """x*""" "-y"'
    assert fts5_query("  ") == ""
    assert fts5_query(" ".join(["w"] * 50)).count('"w"') == 12


def test_a_search_reads_the_index_not_every_essay(db):
    make_video("Indexed", verdict="justified", essay_body="Faces ossify.")
    with CaptureQueriesContext(connection) as queries:
        assert found("ossify") == ["Indexed"]
    (query,) = [q["sql"] for q in queries.captured_queries]
    assert "LIKE" not in query.upper() and "videos_essay" not in query
    assert ("@@" if connection.vendor == "postgresql" else "MATCH") in query


def test_an_edited_essay_is_searchable_once_it_commits(
    client, collection, django_capture_on_commit_callbacks
):
    essay = Essay.objects.get(video__slug="cry")
    assert titles(client, q="zeugma") == []
    with django_capture_on_commit_callbacks(execute=True):
        essay.body += " A zeugma."
        essay.save()
    assert titles(client, q="zeugma") == ["Cry"]


def test_changed_credits_are_searchable_once_they_commit(
    collection, django_capture_on_commit_callbacks
):
    cry = Video.objects.get(slug="cry")
    with django_capture_on_commit_callbacks(execute=True):
        cry.artists.add(make_artist("Quetzal Choir"))
        godley = Director.objects.get(slug="kevin-godley")
        godley.name = "Kevin Xylograph"
        godley.save()
    assert found("quetzal") == ["Cry"]
    directed = set(godley.videos.values_list("title", flat=True))
    assert "Cry" in directed and set(found("xylograph")) == directed


def test_a_deleted_essay_and_a_deleted_video_leave_the_index(
    collection, django_capture_on_commit_callbacks
):
    essay = Essay.objects.get(video__slug="cry")
    with django_capture_on_commit_callbacks(execute=True):
        essay.body += " A zeugma."
        essay.save()
    assert found("zeugma") == ["Cry"]
    with django_capture_on_commit_callbacks(execute=True):
        essay.delete()
    assert found("zeugma") == []
    Video.objects.filter(slug="cry").delete()
    assert "Cry" not in found("cry")


@sqlite_only
def test_a_deleted_video_takes_its_row_of_search_text_with_it(db):
    video = make_video("Ephemeral")
    Video.objects.filter(pk=video.pk).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM videos_search_text WHERE video_id = %s", [video.pk]
        )
        assert cursor.fetchone() == (0,)
        cursor.execute(
            "SELECT count(*) FROM videos_search WHERE videos_search MATCH %s",
            ['"ephemeral"'],
        )
        assert cursor.fetchone() == (0,)
        cursor.execute(
            "INSERT INTO videos_search(videos_search) VALUES ('integrity-check')"
        )


@sqlite_only
def test_the_migration_indexes_the_videos_already_there(collection):
    migration = importlib.import_module("videos.migrations.0010_search_fts5")
    with connection.cursor() as cursor:
        editor = SimpleNamespace(connection=connection, execute=cursor.execute)
        migration.drop(None, editor)
        migration.create_and_fill(None, editor)
    assert found("cry")[0] == "Cry"
    assert found("kendrick nipsey") == ["The Heart Part 5"]


def test_an_imported_archive_is_searchable(
    tmp_path, django_capture_on_commit_callbacks
):
    make_video("Quiet Harbour", verdict="justified", essay_body="A lighthouse.")
    document = export_archive()
    Video.objects.all().delete()
    for model in (Exhibit, Technique, Artist, Director, Tag):
        model.objects.all().delete()
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_archive", str(path), stdout=io.StringIO())
    assert found("lighthouse harbour") == ["Quiet Harbour"]


def test_a_generated_archive_is_searchable(collection):
    call_command("generate_archive", videos=20, stdout=io.StringIO())
    synthetic = set(synthetic_videos().published().values_list("title", flat=True))
    # "Notget VR"'s essay speaks of a synthetic Björk; the rest are the generated ones.
    assert set(found("synthetic")) - {"Notget VR"} == synthetic
    assert found("cry")[0] == "Cry"
