"""Each public page runs a fixed number of SQL queries, whatever the archive's size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_artist, make_director, make_technique, make_video

pytestmark = pytest.mark.django_db

EVERY_FILTER = {
    "technique": ["rotoscoping", "deepfake"],
    "director": "director-0",
    "artist": "artist-0",
    "tag": "faces",
    "decade": 1990,
    "year_from": 1990,
    "year_to": 1999,
    "verdict": "gimmick",
    "q": "essay",
}
# Queries per page once this process has the archive's facet index...
BUDGETS = {
    "/": 2,  # the archive's version; the page's videos with their essays
    "/?technique=deepfake&decade=1990": 2,  # slugs are resolved by the index
    "EVERY_FILTER": 4,  # + the search, + the page's essays for its excerpts
    # version; the rows with their essays; artists; directors; claims; tags
    "/timeline.json?technique=deepfake": 6,
    # The video page: 10, plus its moments (issue 13), plus its Changes: the keys of
    # its entry's history records, one UNION (issue 17).
    "/videos/video-0/": 12,
    # + the technique and its lineage, and its last revision for "Cite this" (issue 18)
    "/techniques/rotoscoping/": 5,
    "/directors/director-0/": 4,  # + the director and the techniques they used
    "/techniques/": 4,
}
# ...and the first timeline page after any change also builds the index, in three queries,
# which keeps even that request within the timeline's budget of 12.
INDEX_BUILD = 3
TIMELINE_PAGES = {
    "/",
    "/?technique=deepfake&decade=1990",
    "EVERY_FILTER",
    "/techniques/rotoscoping/",
    "/directors/director-0/",
    "/timeline.json?technique=deepfake",
}


def grow_archive(to_size):
    """Add videos with every kind of relation until the archive holds `to_size`."""
    from videos.models import Video

    techniques = [make_technique("Rotoscoping"), make_technique("Deepfake")]
    directors = [make_director(f"Director {i}") for i in range(3)]
    artists = [make_artist(f"Artist {i}") for i in range(3)]
    for index in range(Video.objects.count(), to_size):
        video = make_video(
            f"Video {index}",
            year=1990 + index % 10,
            artists=[artists[index % 3]],
            directors=[directors[index % 3], directors[(index + 1) % 3]],
            techniques=techniques if index % 2 else techniques[:1],
            verdict="justified" if index % 3 else "gimmick",
            tags=["faces", f"tag-{index % 5}"],
            watch_url="https://www.youtube.com/watch?v=example",
        )
        for seconds in (0, 100):
            video.moments.create(
                seconds=seconds, what="A moment", source_url="https://example.org/m"
            )


def queries(client, url):
    params = EVERY_FILTER if url == "EVERY_FILTER" else None
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/" if params else url, params)
    assert response.status_code == 200, url
    return len(captured)


def budgets(client):
    """{url: (queries right after a change, queries on the next request)}."""
    from videos.models.versions import record_change

    measured = {}
    for url in BUDGETS:
        record_change()
        measured[url] = (queries(client, url), queries(client, url))
    return measured


def test_every_page_keeps_its_query_budget_at_two_archive_sizes(client, settings):
    settings.TIMELINE_PAGE_SIZE = 50
    expected = {
        url: (budget + INDEX_BUILD if url in TIMELINE_PAGES else budget, budget)
        for url, budget in BUDGETS.items()
    }
    grow_archive(12)
    small = budgets(client)
    grow_archive(120)
    large = budgets(client)
    assert small == large == expected
