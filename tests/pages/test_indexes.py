"""The index pages: directors by surname, artists, tags; names with no public video
stay out, and their pages answer 404."""

import pytest

from tests.factories import make_artist, make_director, make_technique, make_video
from videos.models import Video
from videos.pages.indexes import surname_key

pytestmark = pytest.mark.django_db


def test_directors_sort_by_surname_and_groups_by_their_whole_name():
    names = [
        "Spike Jonze", "Jonas Åkerlund", "Warren Du Preez", "Damian Kulash Jr.",
        "OK Go", "Syyn Labs", "Michel Gondry", "Weirdcore", "Carlos López Estrada",
    ]  # fmt: skip
    assert sorted(names, key=surname_key) == [
        "Jonas Åkerlund", "Warren Du Preez", "Carlos López Estrada", "Michel Gondry",
        "Spike Jonze", "Damian Kulash Jr.", "OK Go", "Syyn Labs", "Weirdcore",
    ]  # fmt: skip


def test_the_directors_page_lists_them_by_surname(client):
    for name in ("Spike Jonze", "Michel Gondry", "Anton Corbijn"):
        make_video(directors=[make_director(name)])
    html = client.get("/directors/").content.decode()
    positions = [html.index(name) for name in ("Corbijn", "Gondry", "Jonze")]
    assert positions == sorted(positions)


def test_the_artists_page_lists_artists_with_public_videos(client):
    make_video(artists=[make_artist("The Buggles")], year=1979)
    make_video(artists=[make_artist("Aphex Twin")], year=1997)
    make_video(artists=[make_artist("Hidden")], status=Video.Status.DRAFT)
    response = client.get("/artists/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Aphex Twin") < html.index("The Buggles")  # with the Bs
    assert "1 video, 1979" in html and "Hidden" not in html


def test_the_tags_page_counts_each_tags_public_videos(client):
    make_video(tags=["faces", "robots"])
    make_video(tags=["faces"])
    make_video(tags=["secret"], status=Video.Status.DRAFT)
    response = client.get("/tags/")
    html = response.content.decode()
    assert response.status_code == 200
    assert [(t.name, t.video_count) for t in response.context["tags"]] == [
        ("faces", 2),
        ("robots", 1),
    ]
    assert 'href="/tags/faces/"' in html and "secret" not in html


@pytest.mark.parametrize(
    "url",
    ["/directors/draft-director/", "/artists/draft-artist/", "/tags/draft-tag/",
     "/techniques/draft-technique/"],
)  # fmt: skip
def test_names_whose_only_videos_are_drafts_answer_404(client, url):
    make_video(
        status=Video.Status.DRAFT,
        directors=[make_director("Draft director")],
        artists=[make_artist("Draft artist")],
        techniques=[make_technique("Draft technique")],
        tags=["draft-tag"],
    )
    assert client.get(url).status_code == 404


def test_the_footer_links_every_index(client):
    make_video()
    html = client.get("/about/").content.decode()
    footer = html[html.index('class="site-footer"') :]
    for url in ("/techniques/", "/directors/", "/artists/", "/tags/"):
        assert f'href="{url}"' in footer, url
