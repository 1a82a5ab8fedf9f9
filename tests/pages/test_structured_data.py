"""What a video page tells search engines and link previews: JSON-LD, Open Graph, canonical."""

import json
import re

import pytest

from tests.factories import make_director, make_video

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(html):
    [data] = JSON_LD.findall(html)
    return json.loads(data)


def meta(html, attribute, name):
    match = re.search(
        rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html
    )
    return match and match.group(1)


def canonical(html):
    return re.search(r'<link rel="canonical" href="([^"]*)">', html).group(1)


def test_a_video_page_describes_itself_as_a_music_video(client, collection):
    html = client.get("/videos/money-for-nothing/").content.decode()
    data = json_ld(html)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MusicVideoObject"
    assert data["name"] == "Money for Nothing"
    assert data["url"] == "http://testserver/videos/money-for-nothing/"
    assert data["byArtist"][0]["name"] == "Dire Straits"
    assert data["director"] == [
        {
            "@type": "Person",
            "name": "Steve Barron",
            "url": "http://testserver/directors/steve-barron/",
        }
    ]
    assert data["datePublished"] == "1985"
    assert data["image"].startswith("http://testserver/media/thumbnails/")
    assert data["description"]


def test_a_release_date_is_the_date_published(client):
    make_video("Dated", release_date="1999-03-01")
    assert json_ld(client.get("/videos/dated/").content.decode())["datePublished"] == (
        "1999-03-01"
    )


def test_text_cannot_close_the_script_element(client):
    make_video(
        "</script><script>alert(1)</script>",
        slug="attack",
        directors=[make_director("A & B <i>")],
        verdict="gimmick",
    )
    html = client.get("/videos/attack/").content.decode()
    [raw] = JSON_LD.findall(html)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    data = json.loads(raw)
    assert data["name"] == "</script><script>alert(1)</script>"
    assert data["director"][0]["name"] == "A & B <i>"


def test_open_graph_and_twitter_cards_show_the_thumbnail(client, collection):
    html = client.get("/videos/cry/").content.decode()
    image = meta(html, "property", "og:image")
    assert image.startswith("http://testserver/media/thumbnails/cry-")
    assert meta(html, "name", "twitter:image") == image
    assert meta(html, "name", "twitter:card") == "summary_large_image"
    assert meta(html, "property", "og:title") == "Cry (1985)"
    assert meta(html, "property", "og:url") == "http://testserver/videos/cry/"
    assert meta(html, "property", "og:description")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("/videos/cry/?utm_source=x", "http://testserver/videos/cry/"),
        ("/techniques/deepfake/?decade=2020", "http://testserver/techniques/deepfake/"),
        ("/directors/spike-jonze/?page=1", "http://testserver/directors/spike-jonze/"),
        ("/?decade=1980", "http://testserver/?decade=1980"),
        ("/about/", "http://testserver/about/"),
    ],
)
def test_every_page_names_its_canonical_address(client, collection, url, expected):
    assert canonical(client.get(url).content.decode()) == expected
