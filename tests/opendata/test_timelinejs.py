"""/exhibits/<slug>.json: an exhibit in TimelineJS's JSON format."""

import pytest

from tests.factories import make_video
from videos.models import Exhibit, ExhibitStop

pytestmark = pytest.mark.django_db

FACES = "/exhibits/faces-from-cry-to-the-heart-part-5.json"


def test_an_exhibit_is_a_timelinejs_document(client, collection):
    response = client.get(FACES)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert set(document) == {"title", "events"}
    assert (
        "Faces: from Cry to The Heart Part 5" in document["title"]["text"]["headline"]
    )
    stops = ExhibitStop.objects.filter(
        exhibit__slug="faces-from-cry-to-the-heart-part-5"
    )
    assert len(document["events"]) == stops.count()
    first = document["events"][0]
    assert first["unique_id"] == "stop-1"
    assert first["start_date"] == {"year": 1985}
    assert 'href="http://testserver/videos/cry/"' in first["text"]["headline"]
    assert first["group"] == "Dissolve and wipe"
    assert first["media"]["link"] == "http://testserver/videos/cry/"
    assert first["media"]["url"].startswith("http://testserver/media/thumbnails/")


def test_links_in_the_text_are_absolute_for_other_sites(client, collection):
    document = client.get(FACES).json()
    assert 'href="http://testserver/lineage/"' in document["title"]["text"]["text"]
    assert 'href="/' not in str(document)


def test_a_moment_is_named_and_starts_the_media_where_the_host_can(client, db):
    video = make_video("Watchable", watch_url="https://vimeo.com/123456")
    moment = video.moments.create(
        seconds=100, what="The turn", source_url="https://example.org"
    )
    exhibit = Exhibit.objects.create(
        title="Timed", slug="timed", introduction="Intro.", status="published",
        published_at=video.published_at,
    )  # fmt: skip
    ExhibitStop.objects.create(
        exhibit=exhibit, position=1, video=video, moment=moment, text="Text."
    )
    event = client.get("/exhibits/timed.json").json()["events"][0]
    assert event["media"]["url"] == "https://vimeo.com/123456#t=100s"
    assert "<strong>At 1:40:</strong> The turn" in event["text"]["text"]


def test_a_draft_or_unknown_exhibit_answers_404_in_json(client, db):
    Exhibit.objects.create(title="Draft", slug="draft", introduction=".")
    for url in ("/exhibits/draft.json", "/exhibits/nope.json"):
        response = client.get(url)
        assert response.status_code == 404
        assert "error" in response.json()
