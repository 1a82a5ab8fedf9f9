"""export_archive and import_archive: one JSON document, restored to an identical archive."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from taggit.models import Tag

from tests.factories import make_video
from videos.editorial.backup import FORMAT, VERSION, export_archive
from videos.models import Artist, Director, Exhibit, Technique, Video

pytestmark = pytest.mark.django_db


def exported():
    output = io.StringIO()
    call_command("export_archive", stdout=output)
    return output.getvalue()


def empty_the_archive():
    """The curated collection may be loaded for this module; start from nothing."""
    Video.objects.all().delete()
    for model in (Exhibit, Technique, Artist, Director, Tag):
        model.objects.all().delete()


def call_command_with_document(document, tmp_path):
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    call_command("import_archive", str(path), stdout=io.StringIO())


def test_export_then_import_into_an_empty_database_gives_the_same_document(
    collection, tmp_path
):
    path = tmp_path / "archive.json"
    call_command("export_archive", "-o", str(path), stderr=io.StringIO())
    first = path.read_text(encoding="utf-8")
    empty_the_archive()
    call_command("import_archive", str(path), stdout=io.StringIO())
    assert exported() == first
    assert Video.objects.published().count() == 69
    faces = Exhibit.objects.get(slug__startswith="faces")
    assert (
        faces.stops.count() >= 2 and faces.stops.filter(moment__isnull=False).exists()
    )


def test_the_document_has_a_format_version_and_no_database_ids(collection):
    document = json.loads(exported())
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    assert len(document["videos"]) == 69
    slugs = [video["slug"] for video in document["videos"]]
    assert slugs == sorted(slugs)
    text = json.dumps(document)
    # Rows name each other by slug: no key holds a database id.
    assert '"id"' not in text and '"pk"' not in text
    assert not re.search(r'"(?:video|exhibit|claim|technique)": \d', text)
    cry = next(video for video in document["videos"] if video["slug"] == "cry")
    assert cry["directors"] == ["kevin-godley", "lol-creme"]
    assert cry["essay"]["verdict"] and cry["sources"] and cry["claims"]
    heart = next(v for v in document["videos"] if v["slug"] == "the-heart-part-5")
    assert any(link["earlier"] == "cry" for link in heart["precedents"])
    # Issue 13: credited order, moments, confidence, and who is also an artist.
    treadmills = next(
        v for v in document["videos"] if v["slug"] == "here-it-goes-again"
    )
    assert treadmills["directors"] == ["trish-sie", "ok-go"]
    assert [m["seconds"] for m in heart["moments"]] == [60, 100, 115, 125]
    assert heart["confidence"] == "high"
    kendrick = next(d for d in document["directors"] if d["slug"] == "kendrick-lamar")
    assert kendrick["also_artist"] == "kendrick-lamar"
    deepfake = next(t for t in document["techniques"] if t["slug"] == "deepfake")
    assert "digital-morphing" in deepfake["descends_from"]


def test_the_export_is_the_same_every_time(collection):
    assert exported() == exported()


def test_drafts_and_exact_times_survive_the_round_trip(tmp_path):
    make_video("Draft", status=Video.Status.DRAFT, published_at=None, verdict="gimmick")
    make_video("Published", tags=["faces", "crowds"], verdict="justified")
    document = export_archive()
    empty_the_archive()
    call_command_with_document(document, tmp_path)
    assert export_archive() == document
    assert Video.objects.get(slug="draft").status == Video.Status.DRAFT


def test_import_refuses_an_archive_that_has_videos(tmp_path):
    make_video("Already here")
    document, before = export_archive(), Video.objects.count()
    with pytest.raises(CommandError, match="not empty"):
        call_command_with_document(document, tmp_path)
    assert Video.objects.count() == before


def test_import_refuses_another_format_version(tmp_path):
    with pytest.raises(CommandError, match="version"):
        call_command_with_document({"format": FORMAT, "version": 99}, tmp_path)


def test_a_broken_document_restores_nothing(tmp_path):
    make_video("One", verdict="justified")
    document = export_archive()
    empty_the_archive()
    document["videos"][0]["artists"] = ["nobody-by-that-slug"]
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command_with_document(document, tmp_path)
    assert not Video.objects.exists() and not Artist.objects.exists()


def test_an_exhibit_stop_naming_an_unknown_video_restores_nothing(tmp_path):
    make_video("One", verdict="justified")
    document = export_archive()
    empty_the_archive()
    document["exhibits"] = [
        {
            "slug": "a-path",
            "title": "A path",
            "introduction": "Why these stops.",
            "status": "draft",
            "published_at": None,
            "created_at": "2026-11-30T12:00:00+00:00",
            "updated_at": "2026-11-30T12:00:00+00:00",
            "stops": [
                {"position": 1, "text": "Start.", "video": "nowhere", "moment": None}
            ],
        }
    ]
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command_with_document(document, tmp_path)
    assert not Video.objects.exists() and not Exhibit.objects.exists()
