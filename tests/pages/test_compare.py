"""/compare/<slug>/<slug>/ and the pick-two form at /compare/ (issue 16, item 1)."""

import re

import pytest

from tests.factories import make_video
from videos.models import Precedent, Video

pytestmark = pytest.mark.django_db

CRY_AND_HEART = "/compare/cry/the-heart-part-5/"


def test_a_pair_shows_both_videos_side_by_side(client, collection):
    response = client.get(CRY_AND_HEART)
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "Cry",
        "The Heart Part 5",
        "Godley &amp; Creme",
        "Kendrick Lamar",
        "37 years apart",
        "Dissolve and wipe",
        "Deepfake",
        "Deep Voodoo",
        "verdict-justified",
        "Kendrick Lamar wears other men&#x27;s faces",
        "1:40",
    ):
        assert expected in html, expected


def test_a_pair_shows_the_precedent_note_when_one_echoes_the_other(client, collection):
    response = client.get(CRY_AND_HEART)
    note = Precedent.objects.get(later__slug="the-heart-part-5", earlier__slug="cry")
    assert response.context["echo"] == note
    assert "The Heart Part 5 echoes Cry." in response.content.decode()


def test_a_pair_without_an_echo_has_no_note(client, collection):
    response = client.get("/compare/thriller/the-hardest-part/")
    assert response.status_code == 200
    assert response.context["echo"] is None
    assert "compare-echo" not in response.content.decode()


def test_the_other_order_redirects_to_the_one_address(client, collection):
    response = client.get("/compare/the-heart-part-5/cry/")
    assert response.status_code == 302
    assert response["Location"] == CRY_AND_HEART


def test_videos_of_one_year_are_ordered_by_title(client, collection):
    response = client.get("/compare/take-on-me/money-for-nothing/")
    assert response["Location"] == "/compare/money-for-nothing/take-on-me/"


@pytest.mark.parametrize(
    "url",
    [
        "/compare/cry/nope/",
        "/compare/nope/cry/",
        "/compare/cry/secret/",
        "/compare/secret/cry/",
        "/compare/cry/cry/",
    ],
)
def test_a_draft_unknown_or_repeated_video_is_not_found(client, collection, url):
    make_video("Secret", slug="secret", status=Video.Status.DRAFT, published_at=None)
    response = client.get(url)
    assert response.status_code == 404
    assert "Secret" not in response.content.decode()


def test_the_pick_form_leads_to_the_pairs_one_address(client, collection):
    response = client.get("/compare/", {"a": "the-heart-part-5", "b": "cry"})
    assert response.status_code == 302
    assert response["Location"] == CRY_AND_HEART


def test_the_pick_form_refuses_the_same_video_twice(client, collection):
    response = client.get("/compare/", {"a": "cry", "b": "cry"})
    assert response.status_code == 400
    assert "Pick two different videos." in response.content.decode()


def test_the_pick_form_refuses_a_draft(client, collection):
    make_video("Secret", slug="secret", status=Video.Status.DRAFT, published_at=None)
    response = client.get("/compare/", {"a": "cry", "b": "secret"})
    assert response.status_code == 400


def test_the_pick_form_offers_every_published_video_and_no_draft(client, collection):
    make_video("Secret", slug="secret", status=Video.Status.DRAFT, published_at=None)
    response = client.get("/compare/")
    assert response.status_code == 200
    html = response.content.decode()
    public = Video.objects.published()
    assert html.count('<option value="cry"') == 2  # one in each list
    assert html.count("<option value=") == 2 * (public.count() + 1)  # + "Choose"
    assert 'value="secret"' not in html


def test_the_pick_form_is_prefilled_from_a_video_page_link(client, collection):
    response = client.get("/compare/", {"a": "cry"})
    assert response.status_code == 200
    assert '<option value="cry" selected>' in response.content.decode()


def test_the_pick_page_links_every_echo_between_public_videos(client, collection):
    html = client.get("/compare/").content.decode().split('class="echo-pairs"')[1]
    echoes = Precedent.objects.filter(
        later__in=Video.objects.published(), earlier__in=Video.objects.published()
    )
    pairs = re.findall(r'href="/compare/[^"/?]+/[^"/?]+/"', html)
    assert len(pairs) == echoes.count()
    assert f'href="{CRY_AND_HEART}"' in html


def test_a_video_page_links_each_precedent_to_a_comparison_both_ways(
    client, collection
):
    heart = client.get("/videos/the-heart-part-5/").content.decode()
    assert f'href="{CRY_AND_HEART}"' in heart
    cry = client.get("/videos/cry/").content.decode()
    assert f'href="{CRY_AND_HEART}"' in cry
    assert 'href="/compare/?a=cry"' in cry  # the pick-two form, prefilled
