"""Sources carry when they were read, a short quotation and an archived copy; the video
page and JSON show them with the entry's confidence (issue 18, item 1)."""

import datetime
import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from taggit.models import Tag

from tests.factories import make_artist, make_director, make_technique, make_video
from videos.models import Artist, Director, Exhibit, Source, Technique, Video

pytestmark = pytest.mark.django_db


def test_the_archived_copy_is_the_wayback_machines_nearest_the_day_read():
    source = Source(url="https://example.org/a?b=1", date=datetime.date(2001, 2, 3))
    assert (
        source.archive_url
        == "https://web.archive.org/web/20010203/https://example.org/a?b=1"
    )
    source.retrieved = datetime.date(2024, 5, 6)
    assert source.archive_url.startswith("https://web.archive.org/web/20240506/")
    undated = Source(url="https://example.org/")
    assert undated.archive_url == "https://web.archive.org/web/*/https://example.org/"


def test_a_quotation_is_kept_short():
    video = make_video()
    source = Source(
        video=video, title="T", url="https://example.org/q", quote="x" * 301
    )
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "quote" in refused.value.message_dict


def test_the_video_page_shows_provenance_and_confidence(client):
    video = make_video("Sourced", verdict="justified", confidence="medium",
                       confidence_reason="The year is disputed.")  # fmt: skip
    Source.objects.filter(video=video).update(
        author="A. Writer",
        retrieved=datetime.date(2024, 5, 6),
        quote="The faces were swapped by a model.",
    )
    html = client.get("/videos/sourced/").content.decode()
    assert "read 6 May 2024" in html
    assert "“The faces were swapped by a model.”" in html
    assert "— A. Writer, <cite>A source</cite>" in html
    assert 'href="https://web.archive.org/web/20240506/https://example.org/s"' in html
    assert "The year is disputed." in html
    data = client.get("/videos/sourced.json").json()
    [source] = data["sources"]
    assert source["retrieved"] == "2024-05-06"
    assert source["quote"] == "The faces were swapped by a model."
    assert data["confidence"] == {"level": "medium", "reason": "The year is disputed."}


def test_the_heart_part_5s_deepfake_claim_is_rated_with_dated_archived_sources(
    client, collection
):
    data = client.get("/videos/the-heart-part-5.json").json()
    claim = next(c for c in data["claims"] if c["technique"]["slug"] == "deepfake")
    assert claim["confidence"]["level"] == "high" or data["confidence"]["level"]
    assert all(s["archive_url"].startswith("https://web.archive.org/web/")
               for s in data["sources"])  # fmt: skip


def test_the_backup_round_trip_keeps_the_new_fields(tmp_path):
    director = make_director("Round Trip", wikidata_id="Q99", imvdb_id="round-trip")
    artist = make_artist("Trip Band")
    artist.musicbrainz_id = "0383dadf-2a4e-4d10-a46a-e9e041da8eb3"
    artist.save()
    video = make_video(
        "Trip",
        directors=[director],
        artists=[artist],
        techniques=[make_technique("Trip Technique")],
        verdict="justified",
        youtube_id="abcdefghijk",
        vimeo_id="42",
    )
    Source.objects.filter(video=video).update(
        retrieved=datetime.date(2024, 1, 2), quote="Quoted."
    )
    first = tmp_path / "first.json"
    call_command("export_archive", "-o", str(first), stderr=io.StringIO())
    document = json.loads(first.read_text())
    trip = next(row for row in document["videos"] if row["slug"] == "trip")
    assert (trip["youtube_id"], trip["vimeo_id"]) == ("abcdefghijk", "42")
    assert trip["sources"][0]["retrieved"] == "2024-01-02"
    # import_archive restores into an empty archive only.
    Video.objects.all().delete()
    for model in (Exhibit, Director, Artist, Technique, Tag):
        model.objects.all().delete()
    call_command("import_archive", str(first), stdout=io.StringIO())
    second = tmp_path / "second.json"
    call_command("export_archive", "-o", str(second), stderr=io.StringIO())
    assert second.read_text() == first.read_text()
