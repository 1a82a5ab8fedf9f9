"""/exhibits/ and /exhibits/<slug>/: curated paths, drafts private (issue 16, item 4)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_video
from videos.models import Exhibit, ExhibitStop, Moment, Video

pytestmark = pytest.mark.django_db

FACES = "/exhibits/faces-from-cry-to-the-heart-part-5/"
CURATED = {
    "faces-from-cry-to-the-heart-part-5": "Faces: from Cry to The Heart Part 5",
    "money-for-nothing-to-the-hardest-part": (
        "A gimmick that argued, and one that didn't: Money for Nothing to The "
        "Hardest Part"
    ),
}


def make_exhibit(title="A path", videos=(), **fields):
    fields.setdefault("slug", title.lower().replace(" ", "-"))
    fields.setdefault("status", Exhibit.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(days=1))
    exhibit = Exhibit.objects.create(
        title=title, introduction="Why *these* videos.", **fields
    )
    for position, video in enumerate(videos, start=1):
        ExhibitStop.objects.create(
            exhibit=exhibit, position=position, video=video, text=f"Stop {position}."
        )
    return exhibit


def test_the_collection_ships_three_published_exhibits(client, collection):
    response = client.get("/exhibits/")
    assert response.status_code == 200
    exhibits = list(response.context["exhibits"])
    assert len(exhibits) == 3 == Exhibit.objects.published().count()
    titles = {exhibit.slug: exhibit.title for exhibit in exhibits}
    for slug, title in CURATED.items():
        assert titles[slug] == title
    html = response.content.decode()
    for exhibit in exhibits:
        assert f'href="{exhibit.get_absolute_url()}"' in html


def test_an_exhibit_walks_its_stops_in_order(client, collection):
    response = client.get(FACES)
    assert response.status_code == 200
    titles = [stop.video.title for stop, _ in response.context["stops"]]
    assert titles[0] == "Cry" and titles[-1] == "The Heart Part 5"
    assert titles == [
        stop.video.title
        for stop in ExhibitStop.objects.filter(exhibit__slug=FACES.split("/")[2])
    ]
    html = response.content.decode()
    assert "Four decades, one idea" in html
    assert '<a href="/lineage/" rel="noopener noreferrer">the lineage</a>' in html
    assert "At 1:40" in html and "Suggested starting point" in html
    assert 'href="/compare/cry/black-or-white/"' in html  # each stop beside the last


def test_every_curated_stop_is_a_public_video_and_its_own_moment(collection):
    for stop in ExhibitStop.objects.select_related("video", "moment"):
        assert Video.objects.published().filter(pk=stop.video.pk).exists(), stop
        if stop.moment:
            assert stop.moment.video_id == stop.video_id, stop
        stop.full_clean()


def test_a_draft_or_scheduled_exhibit_is_private(client, db):
    video = make_video("Seen")
    make_exhibit("Draft path", [video], status=Exhibit.Status.DRAFT, published_at=None)
    make_exhibit("Later path", [video], published_at=timezone.now() + timedelta(days=1))
    listing = client.get("/exhibits/").content.decode()
    assert "Draft path" not in listing and "Later path" not in listing
    assert client.get("/exhibits/draft-path/").status_code == 404
    assert client.get("/exhibits/later-path/").status_code == 404


def test_an_unknown_exhibit_is_not_found(client, db):
    response = client.get("/exhibits/nope/")
    assert response.status_code == 404
    assert "“nope”" in response.content.decode()


def test_a_stop_whose_video_is_a_draft_is_left_out(client, db):
    shown = make_video("Shown")
    hidden = make_video("Hidden video", status=Video.Status.DRAFT, published_at=None)
    make_exhibit("Mixed path", [shown, hidden])
    response = client.get("/exhibits/mixed-path/")
    assert [stop.video.title for stop, _ in response.context["stops"]] == ["Shown"]
    assert "Hidden video" not in response.content.decode()
    listing = client.get("/exhibits/")
    assert "Hidden video" not in listing.content.decode()
    assert "1 stop" in listing.content.decode()


def test_a_stop_refuses_a_moment_of_another_video(db):
    first, second = make_video("First"), make_video("Second")
    moment = Moment.objects.create(
        video=second, seconds=10, what="Elsewhere", source_url="https://example.org"
    )
    exhibit = make_exhibit("Checked path")
    stop = ExhibitStop(
        exhibit=exhibit, position=1, video=first, moment=moment, text="."
    )
    with pytest.raises(Exception, match="this stop's video"):
        stop.full_clean()


def test_a_moment_links_into_the_video_only_where_its_host_can_start(client, db):
    video = make_video(
        "Watchable", watch_url="https://www.youtube.com/watch?v=abcdefghijk"
    )
    moment = Moment.objects.create(
        video=video, seconds=100, what="The turn", source_url="https://example.org"
    )
    exhibit = make_exhibit("Timed path", [video])
    exhibit.stops.update(moment=moment)
    html = client.get("/exhibits/timed-path/").content.decode()
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=100s"' in html
    assert "Watch from 1:40" in html
