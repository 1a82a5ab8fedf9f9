"""Video, technique, director, artist and tag pages, and their 404s."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_director, make_technique, make_video
from videos.models import Video

pytestmark = pytest.mark.django_db


def test_a_video_page_shows_credits_techniques_essay_and_sources(client, collection):
    response = client.get("/videos/money-for-nothing/")
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "Money for Nothing",
        "Dire Straits",
        "Steve Barron",
        "Computer-generated imagery",
        "Rotoscoping",
        "Bosch FGS-4000",
        "verdict-justified",
        "garage.vice.com",
    ):
        assert expected in html, expected
    assert "<title>Money for Nothing (1985)" in html


def test_a_video_page_shows_precedents_both_ways(client, collection):
    heart = client.get("/videos/the-heart-part-5/").content.decode()
    assert "Echoes" in heart and 'href="/videos/cry/"' in heart
    cry = client.get("/videos/cry/").content.decode()
    assert "Echoed by" in cry and 'href="/videos/the-heart-part-5/"' in cry


def test_a_video_page_links_its_neighbours_on_the_timeline(client, collection):
    response = client.get("/videos/cry/")
    assert response.context["previous"].title == "You Might Think"
    assert response.context["next"].title == "Money for Nothing"


def test_neighbours_cross_years_and_skip_what_is_not_public(db):
    # 1901-1902: before anything the curated collection holds, if it is loaded.
    first = make_video("Bravo", year=1901)
    make_video("Charlie", year=1901, status=Video.Status.DRAFT, published_at=None)
    middle = make_video("Delta", year=1901)
    make_video("Delta", slug="delta-again", year=1901)  # the same place: neither side
    last = make_video("Alpha", year=1902)
    assert middle.neighbours()["previous"] == first
    assert middle.neighbours()["next"] == last
    assert first.neighbours()["previous"] is None
    assert last.neighbours()["previous"].title == "Delta"


def test_a_video_page_embeds_nothing_from_a_third_party(client, collection):
    html = client.get("/videos/the-hardest-part/").content.decode()
    assert "<iframe" not in html
    assert "<script src" not in html  # structured data only, nothing loaded
    assert '<img src="http' not in html


def test_a_draft_video_is_not_found(client):
    make_video("Secret", slug="secret", status=Video.Status.DRAFT, published_at=None)
    response = client.get("/videos/secret/")
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/videos/nope/",
        "/techniques/nope/",
        "/directors/nope/",
        "/artists/nope/",
        "/tags/nope/",
    ],
)
def test_an_unknown_address_answers_a_helpful_404(client, collection, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.content.decode()
    assert "“nope”" in html and 'name="q"' in html


def test_the_techniques_page_has_lineage_and_an_svg_chart(client, collection):
    response = client.get("/techniques/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in html and "<circle" in html
    assert "Deepfake, 2022: 1 video" in html
    morphing = next(
        t for t in response.context["techniques"] if t.slug == "digital-morphing"
    )
    assert [t.slug for t in morphing.descends_from.all()] == ["dissolve-wipe"]
    assert "deepfake" in [t.slug for t in morphing.descendants.all()]


def test_a_technique_page_has_its_lineage_and_its_own_timeline(client, collection):
    response = client.get("/techniques/digital-morphing/")
    assert response.status_code == 200
    assert [t.slug for t in response.context["ancestors"]] == ["dissolve-wipe"]
    assert "deepfake" in [t.slug for t in response.context["descendants"]]
    assert [v.title for v in response.context["page_obj"]] == ["Black or White"]


def test_a_technique_timeline_takes_the_other_filters(client, collection):
    response = client.get("/techniques/digital-compositing/", {"decade": 2000})
    titles = [v.title for v in response.context["page_obj"]]
    assert titles == [
        "Weapon of Choice",
        "Come Into My World",
        "Fell in Love with a Girl",
        "Star Guitar",
        "Bad Romance",
    ]
    assert client.get("/techniques/cgi/", {"decade": 1985}).status_code == 400


def test_a_director_page_has_bio_videos_and_techniques(client, collection):
    response = client.get("/directors/michel-gondry/")
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == 5
    assert "Music-visualisation mapping" in [
        t.name for t in response.context["techniques_used"]
    ]
    assert response.context["director"].bio


def test_the_directors_page_lists_directors_with_counts(client, collection):
    html = client.get("/directors/").content.decode()
    assert "Spike Jonze" in html and "5 videos, 1994–2001" in html


def test_artist_and_tag_pages_list_their_videos(client, collection):
    artist = client.get("/artists/aphex-twin/")
    assert [v.title for v in artist.context["page_obj"]] == [
        "Come to Daddy",
        "Windowlicker",
        "T69 Collapse",
    ]
    tag = client.get("/tags/faces/")
    assert "The Heart Part 5" in [v.title for v in tag.context["page_obj"]]


@pytest.mark.parametrize(
    "url", ["/videos/cry/", "/techniques/", "/directors/spike-jonze/"]
)
def test_page_query_counts_do_not_grow_with_the_archive(client, collection, url):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    before = queries()
    for _ in range(20):
        make_video(year=1995, verdict="justified", tags=["faces"])
    assert queries() == before


def test_a_technique_page_tells_parents_from_earlier_ancestors(client, collection):
    html = client.get("/techniques/deepfake/").content.decode()
    lineage = re.sub(
        r"<[^>]+>|\s+", " ", html.split('class="lineage"')[1].split("</p>")[0]
    )
    # Parents first (oldest first), then the generation before them.
    assert " ".join(lineage.split()).startswith(
        "> Descends from Prosthetic makeup and masks , Digital morphing ; further back, "
        "Dissolve and wipe ."
    )


def about_technique_count(client):
    about = client.get("/about/").content.decode()
    return int(re.search(r"across (\d+) techniques", about).group(1))


def test_names_attached_only_to_drafts_are_not_discoverable(client):
    make_video("Shown", techniques=[make_technique("Dissolve")])
    counted = about_technique_count(client)
    make_video(
        "Hidden",
        status="draft",
        published_at=None,
        techniques=[make_technique("Secret Technique")],
        directors=[make_director("Secret Director")],
    )
    for url in ["/techniques/secret-technique/", "/directors/secret-director/"]:
        assert client.get(url).status_code == 404, url
    assert client.get("/", {"technique": "secret-technique"}).status_code == 400
    assert client.get("/", {"director": "secret-director"}).status_code == 400
    assert "Secret Technique" not in client.get("/techniques/").content.decode()
    assert client.get("/techniques/secret-technique/feed/").status_code == 404
    assert about_technique_count(client) == counted
