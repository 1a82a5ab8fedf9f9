"""Every row of moments.csv is a moment on its video, with its source (issue 13)."""

import csv

import pytest

from tests.shared_data import shared_data_file
from videos.models import Moment, Video

pytestmark = pytest.mark.django_db

# moments.csv names the seed article (../seed/article.txt) for "start at 1:40": it has no
# web address, so the moment records it by its headline.
SEED_ARTICLE = "../seed/article.txt"
SEED_HEADLINE = (
    "If you're going to make an AI music video, you better have a good reason why"
)


def moment_rows():
    with shared_data_file("moments.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def test_every_row_of_moments_csv_is_a_moment_on_its_video(collection):
    rows = moment_rows()
    assert Moment.objects.count() == len(rows) == 17
    for row in rows:
        moment = Moment.objects.get(
            video__title=row["title"],
            video__artists__name=row["artist"],
            seconds=int(row["timecode_seconds"]),
        )
        assert moment.what == row["what"]
        if row["source_url"] == SEED_ARTICLE:
            assert (moment.source_title, moment.source_url) == (SEED_HEADLINE, "")
        else:
            assert moment.source_url == row["source_url"], moment


def test_the_seed_articles_headline_is_the_one_recorded(collection):
    seed = shared_data_file("moments.csv").parents[1] / "seed" / "article.txt"
    if seed.exists():
        headline = seed.read_text(encoding="utf-8").splitlines()[0].strip()
        assert headline.replace("’", "'") == SEED_HEADLINE


def test_a_moments_claim_is_one_of_its_own_videos(collection):
    for moment in Moment.objects.exclude(claim=None).select_related("claim"):
        assert moment.claim.video_id == moment.video_id, moment


def test_the_heart_part_5_shows_where_to_start_and_who_says_so(client, collection):
    html = client.get("/videos/the-heart-part-5/").content.decode()
    section = html[html.index('id="moments-heading"') :]
    times = ["1:00", "1:40", "1:55", "2:05"]
    positions = [section.index(f'<span class="moment-time">{t}</span>') for t in times]
    assert positions == sorted(positions)
    assert "start at 1:40" in section
    assert "If you&#x27;re going to make an AI music video" in section
    # No watch address is on file, so no time links anywhere.
    assert 'class="moment-time" href' not in section


def test_every_video_with_moments_lists_them(client, collection):
    titles = {row["title"] for row in moment_rows()}
    for title in titles:
        url = Video.objects.get(title=title).get_absolute_url()
        html = client.get(url).content.decode()
        assert "Moments to watch" in html, title
