"""Atom feeds of newly published essays: the site's and each technique's."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_technique, make_video
from videos.models import Video

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def no_videos(db):
    """An archive without videos, even after this module's collection has been loaded."""
    Video.objects.all().delete()


def parsed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ElementTree.fromstring(response.content)


def entries(feed):
    return feed.findall(f"{ATOM}entry")


def test_the_feed_lists_public_essays_newest_first(client, no_videos):
    now = timezone.now()
    make_video("Older", verdict="justified", published_at=now - timedelta(days=3))
    make_video("Newer", verdict="gimmick", published_at=now - timedelta(days=1))
    make_video("Scheduled", verdict="gimmick", published_at=now + timedelta(days=1))
    make_video("Draft", verdict="gimmick", status=Video.Status.DRAFT, published_at=None)
    make_video("No essay yet")
    feed = parsed(client.get("/feed/"))
    titles = [entry.findtext(f"{ATOM}title") for entry in entries(feed)]
    assert titles == ["Newer (1990): On Newer", "Older (1990): On Older"]


def test_every_entry_has_an_id_times_a_link_an_author_and_a_summary(client, collection):
    feed = parsed(client.get("/feed/"))
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")
    assert len(entries(feed)) == 30
    ids = set()
    for entry in entries(feed):
        ids.add(entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}updated") and entry.findtext(f"{ATOM}published")
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("http://testserver/videos/")
        assert entry.findtext(f"{ATOM}author/{ATOM}name") == "Good Reason"
        assert entry.findtext(f"{ATOM}summary")
    assert len(ids) == 30


def test_the_summary_is_the_essay_opening(client, no_videos):
    make_video("Cry", verdict="justified", essay_body="Faces *dissolve*.\n\nMore.")
    [entry] = entries(parsed(client.get("/feed/")))
    assert entry.findtext(f"{ATOM}summary") == "Faces dissolve."


def test_a_technique_feed_holds_only_its_videos(client, collection):
    feed = parsed(client.get("/techniques/deepfake/feed/"))
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries(feed)]
    deepfakes = Video.objects.published().filter(techniques__slug="deepfake")
    assert len(links) == deepfakes.count() == 6
    assert set(links) == {
        f"http://testserver{video.get_absolute_url()}" for video in deepfakes
    }
    assert "Deepfake" in feed.findtext(f"{ATOM}title")


def test_an_unknown_technique_has_no_feed(client):
    assert client.get("/techniques/nope/feed/").status_code == 404


def feed_queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_feed_query_count_does_not_grow_with_entries(client):
    technique = make_technique("Deepfake")
    counts = []
    for more in (1, 10):
        for _ in range(more):
            make_video(verdict="justified", techniques=[technique])
        counts.append(
            [
                feed_queries(client, url)
                for url in ("/feed/", "/techniques/deepfake/feed/")
            ]
        )
    # The version, then the thirty rows with their essays and artists; the technique's
    # feed also finds its technique. The first feed after a change also builds the index
    # (three queries) and reads the publication order (one).
    assert counts[0] == counts[1] == [7, 4]
    assert feed_queries(client, "/feed/") == 3


def test_pages_link_the_site_feed_and_a_technique_page_its_own(client, collection):
    link = '<link rel="alternate" type="application/atom+xml"'
    timeline = client.get("/").content.decode()
    assert f'{link} title="Good Reason: new essays" href="/feed/">' in timeline
    technique = client.get("/techniques/deepfake/").content.decode()
    assert 'href="/feed/"' in technique
    assert 'href="/techniques/deepfake/feed/"' in technique
