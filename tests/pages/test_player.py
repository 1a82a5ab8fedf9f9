"""The click-to-load player: which watch URLs get one, and what the page sends."""

import pytest

from tests.factories import make_video
from videos.pages.player import FRAME_SOURCES, player_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "watch_url, embed",
    [
        (
            "https://www.youtube.com/watch?v=abcdefghijk",
            "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1&start=100",
        ),
        (
            "https://youtu.be/abcdefghijk",
            "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1&start=100",
        ),
        (
            "https://m.youtube.com/watch?feature=share&v=abcdefghijk",
            "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1&start=100",
        ),
        (
            "https://vimeo.com/123456",
            "https://player.vimeo.com/video/123456?dnt=1&autoplay=1#t=100s",
        ),
        (
            "https://vimeo.com/123456/0a1b2c3d4e",
            "https://player.vimeo.com/video/123456?dnt=1&autoplay=1&h=0a1b2c3d4e#t=100s",
        ),
    ],
)
def test_youtube_and_vimeo_uploads_get_the_privacy_enhanced_player(watch_url, embed):
    player = player_for(watch_url)
    assert player.embed_at(100) == embed
    assert player.embed_at(100).startswith(tuple(FRAME_SOURCES))


@pytest.mark.parametrize(
    "watch_url",
    [
        "",
        "https://www.dailymotion.com/video/x7xxxxx",
        "https://www.youtube.com/results?search_query=cry",
        "https://www.youtube.com/watch?v=short",
        "javascript:alert(1)//youtube.com/watch?v=abcdefghijk",
    ],
)
def test_other_hosts_get_no_player(watch_url):
    assert player_for(watch_url) is None


def test_the_csp_frames_exactly_the_two_players(client, db):
    response = client.get("/about/")
    policy = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
    )
    assert sorted(policy["frame-src"].split()) == sorted(FRAME_SOURCES)


def test_a_video_page_offers_the_player_without_loading_it(client):
    make_video("Watchable", watch_url="https://www.youtube.com/watch?v=abcdefghijk")
    html = client.get("/videos/watchable/").content.decode()
    assert 'class="video-card player"' in html
    assert "youtube-nocookie.com/embed/abcdefghijk" in html  # a data attribute only
    assert "<iframe" not in html
    assert (
        '<a class="player-start" href="https://www.youtube.com/watch?v=abcdefghijk"'
        in html
    )
    assert '<script src="/static/js/player.js" defer>' in html


def test_a_video_without_a_youtube_or_vimeo_url_has_no_player(client):
    make_video("Elsewhere", watch_url="https://example.org/cry.mp4")
    make_video("Nowhere")
    for slug in ("elsewhere", "nowhere"):
        html = client.get(f"/videos/{slug}/").content.decode()
        assert "player.js" not in html and "data-embed" not in html
