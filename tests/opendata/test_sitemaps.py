"""/sitemap.xml and /robots.txt."""

from xml.etree import ElementTree

import pytest

from tests.factories import make_director, make_technique, make_video
from videos.models import Video

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_locations(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    return [url.findtext(f"{SITEMAP}loc") for url in root.findall(f"{SITEMAP}url")]


def test_the_sitemap_lists_pages_videos_techniques_and_directors(client, collection):
    locations = sitemap_locations(client)
    for path in ("/", "/techniques/", "/directors/", "/about/"):
        assert f"http://testserver{path}" in locations
    assert "http://testserver/videos/cry/" in locations
    assert "http://testserver/techniques/deepfake/" in locations
    assert "http://testserver/directors/spike-jonze/" in locations
    videos = [loc for loc in locations if "/videos/" in loc]
    assert len(videos) == Video.objects.published().count() == 69
    assert len(locations) == len(set(locations))


def test_the_sitemap_leaves_out_drafts_and_their_only_directors(client):
    make_video("Public")
    draft = make_video("Secret", status=Video.Status.DRAFT, published_at=None)
    locations = sitemap_locations(client)
    assert "http://testserver/videos/public/" in locations
    assert "http://testserver/videos/secret/" not in locations
    hidden = draft.directors.get().get_absolute_url()
    assert f"http://testserver{hidden}" not in locations


def test_robots_txt_allows_all_but_the_admin_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[:2] == ["User-agent: *", "Disallow: /admin/"]
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_sitemap_leaves_out_names_attached_only_to_drafts(client):
    make_video("Shown", techniques=[make_technique("Dissolve")])
    make_video(
        "Hidden",
        status="draft",
        published_at=None,
        techniques=[make_technique("Secret Technique")],
        directors=[make_director("Secret Director")],
    )
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/techniques/dissolve/" in sitemap
    assert "secret-technique" not in sitemap and "secret-director" not in sitemap
