"""The instruments' pages (issue 16) run a fixed number of SQL queries, whatever the
archive's size, in the style of test_query_budget.py."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_artist, make_director, make_technique, make_video
from videos.models import Exhibit, ExhibitStop, Precedent, Video

pytestmark = pytest.mark.django_db

BUDGETS = {
    # both videos with essays; artists; directors; claims; tags; sources; moments;
    # precedents both ways; the pick-two form's list of videos
    "/compare/video-0/video-1/": 10,
    "/compare/": 2,  # the form's videos; every echo with its two videos
    "/verdicts/": 2,  # claims grouped by technique, year and verdict; the techniques
    "/lineage/": 4,  # techniques; claims with their videos; descents; echoes
    "/exhibits/": 2,  # exhibits; their public stops with videos
    # the exhibit; stops with moments; videos with essays; artists; claims
    "/exhibits/path/": 5,
    "/exhibits/path.json": 5,
}


def grow_archive(to_size):
    """Videos with every kind of link, each echoing the one before, a moment on each,
    all of them stops on one exhibit."""
    techniques = [make_technique("Rotoscoping"), make_technique("Deepfake")]
    techniques[1].descends_from.add(techniques[0])
    directors = [make_director(f"Director {i}") for i in range(3)]
    artists = [make_artist(f"Artist {i}") for i in range(3)]
    exhibit = Exhibit.objects.get_or_create(
        slug="path",
        defaults={
            "title": "A path",
            "introduction": "Why.",
            "status": Exhibit.Status.PUBLISHED,
            "published_at": timezone.now() - timedelta(days=1),
        },
    )[0]
    for index in range(Video.objects.count(), to_size):
        video = make_video(
            f"Video {index}",
            year=1980 + index % 40,
            artists=[artists[index % 3]],
            directors=[directors[index % 3], directors[(index + 1) % 3]],
            techniques=techniques if index % 2 else techniques[:1],
            verdict=["justified", "gimmick", "contested"][index % 3],
            tags=["faces"],
            watch_url="https://www.youtube.com/watch?v=abcdefghijk",
        )
        moment = video.moments.create(
            seconds=100, what="A moment", source_url="https://example.org/m"
        )
        if index:
            earlier = Video.objects.get(slug=f"video-{index - 1}")
            Precedent.objects.create(later=video, earlier=earlier, note="Echoes it.")
        ExhibitStop.objects.create(
            exhibit=exhibit, position=index + 1, video=video, moment=moment, text="."
        )


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_each_instrument_keeps_its_query_budget_at_two_archive_sizes(client):
    grow_archive(12)
    small = {url: queries(client, url) for url in BUDGETS}
    grow_archive(120)
    large = {url: queries(client, url) for url in BUDGETS}
    assert small == large == BUDGETS
