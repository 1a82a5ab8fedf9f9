"""/timeline.json, /timeline.csv and /videos/<slug>.json: the timeline's videos as data."""

import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    make_linked_videos,
    make_technique,
    make_video,
)

pytestmark = pytest.mark.django_db

SAME_PARAMETERS = [
    {},
    {"technique": ["deepfake", "dissolve-wipe"]},
    {"decade": 1980, "technique": "rotoscoping"},
    {"director": "spike-jonze"},
    {"verdict": "gimmick"},
    {"tag": "faces"},
    {"year_from": 1995, "year_to": 2005},
    {"q": "treadmills"},
]


def html_slugs(client, params):
    """Every slug on every page of the HTML timeline, in order."""
    slugs, page = [], 1
    while True:
        response = client.get("/", {**params, "page": page})
        page_obj = response.context["page_obj"]
        slugs += [video.slug for video in page_obj.object_list]
        if not page_obj.has_next():
            return slugs
        page += 1


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("params", SAME_PARAMETERS)
def test_json_pages_hold_the_same_videos_as_the_html_pages(client, collection, params):
    html = client.get("/", params)
    data = client.get("/timeline.json", params).json()
    page_obj = html.context["page_obj"]
    assert data["count"] == page_obj.paginator.count
    assert [row["slug"] for row in data["results"]] == [
        video.slug for video in page_obj.object_list
    ]


@pytest.mark.parametrize("params", SAME_PARAMETERS)
def test_csv_streams_every_video_the_html_pages_show(client, collection, params):
    response = client.get("/timeline.csv", params)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row["slug"] for row in csv_rows(response)] == html_slugs(client, params)


def test_json_pages_link_to_each_other_keeping_the_filters(
    client, collection, settings
):
    settings.TIMELINE_PAGE_SIZE = 5
    first = client.get("/timeline.json", {"decade": 1990}).json()
    assert first["previous"] is None
    assert first["next"] == "http://testserver/timeline.json?decade=1990&page=2"
    second = client.get(first["next"]).json()
    assert second["previous"] == "http://testserver/timeline.json?decade=1990&page=1"
    html = client.get("/", {"decade": 1990, "page": 2})
    assert [row["slug"] for row in second["results"]] == [
        video.slug for video in html.context["page_obj"].object_list
    ]
    pages = [first, second]
    while pages[-1]["next"]:
        pages.append(client.get(pages[-1]["next"]).json())
    assert sum(len(page["results"]) for page in pages) == first["count"]


def test_a_json_row_has_the_documented_fields(client, collection):
    data = client.get("/timeline.json", {"technique": "deepfake"}).json()
    row = next(row for row in data["results"] if row["slug"] == "the-heart-part-5")
    assert list(row) == [
        "slug",
        "title",
        "artists",
        "directors",
        "year",
        "techniques",
        "tags",
        "verdict",
        "url",
    ]
    assert row["slug"] == "the-heart-part-5"
    assert row["artists"] == [{"slug": "kendrick-lamar", "name": "Kendrick Lamar"}]
    assert {"slug": "deepfake", "name": "Deepfake"} in row["techniques"]
    assert {"slug": "faces", "name": "faces"} in row["tags"]
    assert row["verdict"] == "justified"
    assert row["url"] == "http://testserver/videos/the-heart-part-5/"


def test_a_csv_row_joins_several_values_like_milestones_csv(client, collection):
    rows = csv_rows(client.get("/timeline.csv", {"director": "michel-gondry"}))
    star_guitar = next(row for row in rows if row["slug"] == "star-guitar")
    assert list(star_guitar) == [
        "slug",
        "title",
        "artists",
        "directors",
        "year",
        "techniques",
        "tags",
        "verdict",
        "url",
    ]
    assert star_guitar["artists"] == "The Chemical Brothers"
    assert star_guitar["year"] == "2002"
    assert "; " in star_guitar["techniques"]
    assert star_guitar["url"] == "http://testserver/videos/star-guitar/"


def test_one_video_as_json_has_its_essay_sources_and_claims(client, collection):
    response = client.get("/videos/money-for-nothing.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    video = json.loads(response.content)
    assert video["title"] == "Money for Nothing"
    assert video["essay"]["verdict"] == "justified"
    assert video["essay"]["headline"] and "Bosch" in video["essay"]["body"]
    assert any("garage.vice.com" in source["url"] for source in video["sources"])
    primary = next(claim for claim in video["claims"] if claim["primary"])
    assert primary["technique"]["slug"] == "cgi"
    assert primary["tool"] == "Bosch FGS-4000"


def test_a_draft_or_unknown_video_answers_404_in_json(client):
    make_video("Secret", slug="secret", status="draft", published_at=None)
    for url in ("/videos/secret.json", "/videos/nope.json"):
        response = client.get(url)
        assert response.status_code == 404
        assert "error" in response.json()


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("year_from=abc", "year_from"),
        ("technique=not-a-technique", "technique"),
        ("decade=1985", "decade"),
        ("page=0", "page"),
        ("verdict=brilliant", "verdict"),
        ("year_from=2000&year_to=1990", "year_from"),
    ],
)
@pytest.mark.parametrize("endpoint", ["/timeline.json", "/timeline.csv"])
def test_a_bad_parameter_answers_400_json_naming_it(
    client, collection, endpoint, query, parameter
):
    response = client.get(f"{endpoint}?{query}")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert parameter in errors
    assert errors[parameter]["messages"] and errors[parameter]["accepts"]
    assert "without" not in errors[parameter]


def test_a_page_past_the_last_answers_404_json(client, collection):
    response = client.get("/timeline.json", {"page": 99})
    assert response.status_code == 404
    assert "page" in response.json()["error"]


def test_the_json_query_count_does_not_grow_with_rows(client, settings):
    settings.TIMELINE_PAGE_SIZE = 100
    techniques = [make_technique("Rotoscoping"), make_technique("Deepfake")]

    def add(count):
        make_linked_videos(count, techniques)

    def queries(url, params):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
            assert response.status_code == 200
            if response.streaming:
                b"".join(response.streaming_content)
        return len(captured)

    requests = [
        ("/timeline.json", {}),
        ("/timeline.json", {"technique": "rotoscoping"}),
        ("/timeline.csv", {}),
    ]
    add(1)
    few = [queries(url, params) for url, params in requests]
    add(20)
    many = [queries(url, params) for url, params in requests]
    assert few == many
    assert max(many) <= 10
