"""The timeline at / against the curated collection: filters, facets, bad input."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_director,
    make_linked_videos,
    make_technique,
    make_video,
)
from videos.models import Video

pytestmark = pytest.mark.django_db


def titles(response):
    return [video.title for video in response.context["page_obj"].object_list]


def facet(response, parameter):
    found = next(f for f in response.context["facets"] if f.parameter == parameter)
    return {option.value: option.count for option in found.options}


def test_the_timeline_lists_published_videos_oldest_first_under_decades(
    client, collection
):
    response = client.get("/")
    assert response.status_code == 200
    listed = titles(response)
    assert listed[0] == "Video Killed the Radio Star"
    assert len(listed) == 50 and response.context["page_obj"].paginator.count == 69
    assert titles(client.get("/", {"page": 2}))[-1] == "The Hardest Part"
    html = response.content.decode()
    results = html[html.index('class="timeline-results"') :]
    assert results.index('id="decade-1980"') < results.index(">1985<")
    assert results.index(">1985<") < results.index('id="decade-1990"')


DEEPFAKES = ["1999", "Bad Decisions", "Find My Way", "Self", "You", "The Heart Part 5"]


def test_deepfake_finds_the_heart_part_5_and_not_cry(client, collection):
    response = client.get("/", {"technique": "deepfake"})
    assert titles(response) == DEEPFAKES


def test_two_techniques_match_any_of_them(client, collection):
    response = client.get("/?technique=deepfake&technique=dissolve-wipe")
    assert titles(response) == ["Cry", *DEEPFAKES]


def test_decade_1980_finds_the_eighties_only(client, collection):
    listed = titles(client.get("/", {"decade": 1980}))
    assert "Money for Nothing" in listed and "Cry" in listed
    assert "The Hardest Part" not in listed
    assert "Video Killed the Radio Star" not in listed  # 1979


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (
            {"director": "spike-jonze"},
            ["Buddy Holly", "Sabotage", "Drop", "Praise You", "Weapon of Choice"],
        ),
        ({"artist": "aphex-twin"}, ["Come to Daddy", "Windowlicker", "T69 Collapse"]),
        (
            {"year_from": 2022},
            ["The Heart Part 5", "Old Wounds", "The General", "The Hardest Part"],
        ),
        (
            {"year_from": 1991, "year_to": 1991},
            ["Black or White", "Unfinished Sympathy"],
        ),
        (
            {"director": "michel-gondry", "technique": "music-visualisation"},
            ["Around the World", "Star Guitar"],
        ),
        (
            {"decade": 1980, "technique": "rotoscoping"},
            ["Money for Nothing", "Take On Me", "Opposites Attract"],
        ),
        ({"q": "Sora"}, ["The Hardest Part", "Old Wounds"]),
        ({"q": "treadmills"}, ["Here It Goes Again", "Unfinished Sympathy"]),
    ],
)
def test_filters_combine(client, collection, params, expected):
    assert titles(client.get("/", params)) == expected


def test_the_verdict_filter_keeps_that_verdict(client, collection):
    response = client.get("/", {"verdict": "gimmick"})
    gimmicks = Video.objects.published().filter(essay__verdict="gimmick")
    assert "The Hardest Part" in titles(response)
    assert sorted(titles(response)) == sorted(gimmicks.values_list("title", flat=True))


def test_the_tag_filter_keeps_tagged_videos(client, collection):
    response = client.get("/", {"tag": "faces"})
    tagged = Video.objects.published().filter(tags__slug="faces")
    assert "The Heart Part 5" in titles(response)
    assert sorted(titles(response)) == sorted(tagged.values_list("title", flat=True))


def test_search_finds_words_in_an_essay(client, collection):
    # "Bosch" is only in the essay for Money for Nothing, not its title or credits.
    assert "Money for Nothing" in titles(client.get("/", {"q": "bosch"}))


def test_facets_count_under_the_other_filters(client, collection):
    response = client.get("/", {"decade": 1980})
    techniques = facet(response, "technique")
    assert techniques["rotoscoping"] == 3
    assert techniques["dissolve-wipe"] == 1
    assert "deepfake" not in techniques
    # The decade facet ignores the decade filter, so other decades stay reachable.
    decades = facet(response, "decade")
    assert decades["1980"] == 17 and decades["2020"] == 8


def test_a_facet_option_link_adds_its_filter_and_resets_the_page(client, collection):
    response = client.get("/", {"technique": "cgi", "page": 1})
    option = next(
        o
        for f in response.context["facets"]
        if f.parameter == "technique"
        for o in f.options
        if o.value == "rotoscoping"
    )
    assert option.query == "?technique=cgi&technique=rotoscoping"


def test_active_filters_show_as_chips_that_remove_themselves(client, collection):
    response = client.get("/?technique=deepfake&decade=2020")
    chips = {chip.label: chip.query for chip in response.context["chips"]}
    assert chips == {
        "Technique: Deepfake": "?decade=2020",
        "2020s": "?technique=deepfake",
    }


def test_an_empty_result_says_so_and_offers_to_widen(client, collection):
    response = client.get("/", {"technique": "deepfake", "decade": 1980})
    assert response.status_code == 200
    assert "No videos match" in response.content.decode()
    assert 'href="/"' in response.content.decode()


def test_pagination_keeps_the_filters(client, collection, settings):
    settings.TIMELINE_PAGE_SIZE = 5
    response = client.get("/", {"decade": 1990})
    html = response.content.decode()
    assert 'href="?decade=1990&amp;page=2"' in html
    second = client.get("/", {"decade": 1990, "page": 2})
    expected = list(
        Video.objects.published()
        .filter(year__gte=1990, year__lt=2000)
        .order_by("year", "title", "pk")
        .values_list("title", flat=True)[5:10]
    )
    assert len(expected) == 5 and titles(second) == expected


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("year_from=abc", "year_from"),
        ("technique=not-a-technique", "technique"),
        ("decade=1985", "decade"),
        ("page=0", "page"),
        ("page=abc", "page"),
        ("year_from=2000&year_to=1990", "year_from"),
        ("verdict=brilliant", "verdict"),
        ("director=nobody", "director"),
        ("year_to=99999999999999999999", "year_to"),
    ],
)
def test_a_parameter_that_cannot_be_understood_answers_400_naming_it(
    client, collection, query, parameter
):
    response = client.get(f"/?{query}")
    assert response.status_code == 400
    assert parameter in response.context["errors"]
    html = response.content.decode()
    assert f"<code>{parameter}</code>" in html
    assert "It accepts" in html


def test_a_page_past_the_last_answers_404(client, collection):
    assert client.get("/", {"page": 99}).status_code == 404


def test_the_timeline_query_count_does_not_grow_with_the_page(client, settings):
    settings.TIMELINE_PAGE_SIZE = 100
    techniques = [make_technique("Rotoscoping"), make_technique("Deepfake")]

    def add(count):
        make_linked_videos(count, techniques)

    def queries(params):
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/", params).status_code == 200
        return len(captured)

    add(10)
    few = [queries({}), queries({"technique": "rotoscoping", "decade": 1990})]
    add(90)
    many = [queries({}), queries({"technique": "rotoscoping", "decade": 1990})]
    assert few == many
    assert max(many) <= 12


def test_the_title_names_a_filtered_page(client, collection):
    html = client.get("/", {"technique": "deepfake"}).content.decode()
    assert re.search(r"<title>Deepfake: \d+ videos? — ", html)


def test_an_entry_lists_its_directors_in_credited_order(client):
    make_video(
        "Credited Order Song",
        directors=[make_director("Zed Byrne"), make_director("Abe Johnson")],
    )
    page = client.get("/", {"q": "Credited Order Song"}).context["page_obj"]
    entry = next(entry for entry in page if entry.slug == "credited-order-song")
    assert [credit.name for credit in entry.directors] == ["Zed Byrne", "Abe Johnson"]
