"""/verdicts/: verdicts by technique and decade, and the wait for a first "justified"."""

import pytest
from django.db.models import Count

from tests.factories import make_technique, make_video
from videos.models import Technique, Video, VideoTechnique

pytestmark = pytest.mark.django_db


def rows_by_slug(response):
    return {row.technique.slug: row for row in response.context["rows"]}


def test_every_cell_counts_what_its_filtered_timeline_lists(client, collection):
    response = client.get("/verdicts/")
    assert response.status_code == 200
    cells = [cell for row in response.context["rows"] for cell in row.filled]
    public_claims = VideoTechnique.objects.filter(video__in=Video.objects.published())
    assert sum(cell.total for cell in cells) == public_claims.count()
    for cell in cells:
        timeline = client.get(cell.url)
        assert timeline.status_code == 200
        assert timeline.context["page_obj"].paginator.count == cell.total, cell.url


def test_a_cells_verdicts_add_up_to_the_archives(client, collection):
    rows = rows_by_slug(client.get("/verdicts/"))
    expected = (
        Video.objects.published()
        .filter(techniques__slug="deepfake", year__gte=2020, year__lt=2030)
        .values("essay__verdict")
        .annotate(n=Count("pk"))
    )
    cell = next(cell for cell in rows["deepfake"].filled if cell.decade == 2020)
    assert cell.counts == {row["essay__verdict"]: row["n"] for row in expected}


def test_the_deepfake_row_shows_when_it_was_first_justified(client, collection):
    response = client.get("/verdicts/")
    deepfake = rows_by_slug(response)["deepfake"]
    assert (deepfake.first_year, deepfake.first_justified, deepfake.wait) == (
        2018,
        2018,
        0,
    )
    html = response.content.decode()
    assert 'href="/?technique=deepfake&amp;decade=2020"' in html
    assert "Deepfake, 2020s:" in html


def test_a_technique_never_justified_says_not_yet(client, collection):
    rows = rows_by_slug(client.get("/verdicts/"))
    generative = rows["text-to-video"]
    assert generative.first_justified is None and generative.wait is None


def test_the_wait_is_the_years_from_first_appearance_to_first_justified(client):
    sora = make_technique("Sora")
    make_video("First", year=1990, techniques=[sora], verdict="gimmick")
    make_video("Second", year=1994, techniques=[sora], verdict="contested")
    make_video("Third", year=1997, techniques=[sora], verdict="justified")
    make_video("Fourth", year=2001, techniques=[sora], verdict="justified")
    response = client.get("/verdicts/")
    row = rows_by_slug(response)["sora"]
    assert (row.first_year, row.first_justified, row.wait) == (1990, 1997, 7)
    nineties = row.filled[0]
    assert nineties.decade == 1990 and nineties.total == 3
    assert nineties.columns == [(1, 33), (1, 33), (1, 33), (0, 0)]
    assert "7 yrs" in response.content.decode()


def test_drafts_and_scheduled_videos_never_count(client):
    hidden = make_technique("Hidden")
    shown = make_technique("Shown")
    make_video("Public", techniques=[shown], verdict="gimmick")
    make_video(
        "Draft", techniques=[hidden, shown], verdict="justified",
        status=Video.Status.DRAFT, published_at=None,
    )  # fmt: skip
    response = client.get("/verdicts/")
    rows = rows_by_slug(response)
    assert "hidden" not in rows
    assert rows["shown"].filled[0].counts == {"gimmick": 1}
    assert "Hidden" not in response.content.decode()


def test_a_video_without_an_essay_counts_as_no_essay_yet(client):
    make_video("Unjudged", techniques=[make_technique("Plain")])
    row = rows_by_slug(client.get("/verdicts/"))["plain"]
    assert row.filled[0].columns[-1] == (1, 100)


def test_the_tables_carry_the_same_numbers_as_the_map(client, collection):
    html = client.get("/verdicts/").content.decode()
    tables = html.split('<table class="numbers">')
    assert len(tables) == 3
    rows = html.count('<th scope="row">')
    assert rows == Technique.objects.public().count()
