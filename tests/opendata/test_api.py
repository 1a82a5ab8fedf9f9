"""The open API: techniques, directors, artists and tags as JSON; CORS, conditional GET
and one error shape on every endpoint; facet counts on /timeline.json (issue 18)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import (
    make_artist,
    make_director,
    make_linked_videos,
    make_technique,
    make_video,
)
from videos.models import Technique
from videos.models.versions import record_change

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/timeline.json",
    "/timeline.json?technique=deepfake",
    "/timeline.csv",
    "/videos/the-heart-part-5.json",
    "/techniques.json",
    "/techniques/deepfake.json",
    "/directors/spike-jonze.json",
    "/artists/kendrick-lamar.json",
    "/tags/faces.json",
    "/api/openapi.json",
]
NOT_FOUND = [
    "/videos/nope.json",
    "/techniques/nope.json",
    "/directors/nope.json",
    "/artists/nope.json",
    "/tags/nope.json",
    "/timeline.json?page=99",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_endpoint_answers_any_origin_with_validators(client, collection, url):
    response = client.get(url, HTTP_ORIGIN="https://notebook.example")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert response["ETag"].startswith('"') and response["Last-Modified"]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_repeat_request_with_its_etag_or_date_answers_304(client, collection, url):
    first = client.get(url)
    again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["Access-Control-Allow-Origin"] == "*"
    since = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_an_editors_change_gives_a_new_etag(client, collection):
    first = client.get("/techniques.json")
    record_change()
    again = client.get("/techniques.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200 and again["ETag"] != first["ETag"]


def test_a_scheduled_video_coming_due_gives_a_new_etag(client, monkeypatch):
    make_video("Now")
    make_video("Later", published_at=timezone.now() + timedelta(hours=1))
    etag = client.get("/timeline.json")["ETag"]
    assert client.get("/timeline.json", HTTP_IF_NONE_MATCH=etag).status_code == 304
    # Two hours on: the version is the same, but "Later" has gone public.
    later = timezone.now() + timedelta(hours=2)
    monkeypatch.setattr("videos.opendata.http.timezone.now", lambda: later)
    again = client.get("/timeline.json", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again["ETag"] != etag


def test_a_preflight_is_answered_and_other_methods_are_not_allowed(client, collection):
    preflight = client.options("/timeline.json")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    refused = client.post("/timeline.json")
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.parametrize("url", NOT_FOUND)
def test_every_not_found_has_the_one_error_shape(client, collection, url):
    response = client.get(url)
    assert response.status_code == 404
    body = response.json()
    assert body["error"]
    [(name, error)] = body["errors"].items()
    assert name in {"slug", "page"}
    assert error["messages"] and error["accepts"] and error["label"]


def test_a_bad_parameter_has_the_same_shape(client, collection):
    body = client.get("/timeline.json?decade=1985").json()
    assert body["error"] == body["errors"]["decade"]["messages"][0]
    assert body["errors"]["decade"]["label"] == "Decade"


def test_the_timeline_counts_each_facets_options(client, collection):
    data = client.get("/timeline.json", {"technique": "deepfake"}).json()
    facets = data["facets"]
    assert set(facets) == {
        "verdict",
        "decade",
        "technique",
        "director",
        "artist",
        "tag",
    }
    decades = {option["value"]: option["count"] for option in facets["decade"]}
    assert sum(decades.values()) == data["count"]
    deepfake = next(o for o in facets["technique"] if o["value"] == "deepfake")
    assert deepfake["selected"] and deepfake["label"] == "Deepfake"
    html = client.get("/", {"technique": "deepfake"}).context["facets"]
    assert [(f.parameter, [(o.value, o.count) for o in f.options]) for f in html] == [
        (name, [(o["value"], o["count"]) for o in options])
        for name, options in facets.items()
    ]
    assert data["licence"]["facts"]["name"] == "CC0 1.0"


def test_techniques_list_every_technique_with_a_published_video(client, collection):
    data = client.get("/techniques.json").json()
    slugs = [row["slug"] for row in data["results"]]
    assert data["count"] == len(slugs) == Technique.objects.public().count()
    deepfake = next(row for row in data["results"] if row["slug"] == "deepfake")
    assert deepfake["video_count"] >= 1
    assert deepfake["url"] == "http://testserver/techniques/deepfake/"
    assert deepfake["json_url"] == "http://testserver/techniques/deepfake.json"


def test_a_technique_has_its_lineage_both_ways(client):
    dissolve = make_technique("Fade")
    morph = make_technique("Warp")
    deepfake = make_technique("Faceswap")
    morph.descends_from.add(dissolve)
    deepfake.descends_from.add(morph)
    for technique in (dissolve, morph, deepfake):
        make_video(techniques=[technique])
    data = client.get("/techniques/warp.json").json()
    assert data["descends_from"] == ["fade"]
    assert [(s["slug"], s["generation"]) for s in data["lineage"]["ancestors"]] == [
        ("fade", 1)
    ]
    assert [s["slug"] for s in data["lineage"]["descendants"]] == ["faceswap"]
    far = client.get("/techniques/faceswap.json").json()["lineage"]["ancestors"]
    assert [(s["slug"], s["generation"]) for s in far] == [
        ("warp", 1),
        ("fade", 2),
    ]
    assert data["timeline"] == "http://testserver/timeline.json?technique=warp"
    assert data["cite"]["bibtex"].endswith("/techniques/warp/cite.bib")


def test_a_director_has_counts_techniques_and_identifiers(client):
    director = make_director("Dave Meyers", wikidata_id="Q5230125")
    technique = make_technique("Pixel Sorting")
    make_video(directors=[director], techniques=[technique], year=1999)
    make_video(directors=[director], techniques=[technique], year=2004)
    data = client.get("/directors/dave-meyers.json").json()
    assert (data["video_count"], data["first_year"], data["last_year"]) == (
        2,
        1999,
        2004,
    )
    assert data["techniques_used"] == [
        {"slug": "pixel-sorting", "name": "Pixel Sorting", "video_count": 2}
    ]
    assert data["identifiers"] == {
        "wikidata": "Q5230125",
        "musicbrainz": None,
        "imvdb": None,
    }
    assert data["same_as"] == ["https://www.wikidata.org/wiki/Q5230125"]


def test_an_artist_and_a_tag_have_their_counts(client):
    make_video(artists=[make_artist("Solo")], tags=["solo-theme"], year=2001)
    artist = client.get("/artists/solo.json").json()
    assert (artist["video_count"], artist["same_as"]) == (1, [])
    tag = client.get("/tags/solo-theme.json").json()
    assert (tag["name"], tag["video_count"], tag["first_year"]) == (
        "solo-theme",
        1,
        2001,
    )


def test_drafts_are_not_found(client):
    secret = make_artist("Secret Artist")
    make_video(artists=[secret], status="draft", published_at=None, tags=["hidden"])
    for url in ("/artists/secret-artist.json", "/tags/hidden.json"):
        assert client.get(url).status_code == 404


def test_a_video_has_precedents_both_ways_moments_confidence_and_citation(
    client, collection
):
    data = client.get("/videos/the-heart-part-5.json").json()
    assert "cry" in [link["slug"] for link in data["precedents"]]
    cry = client.get("/videos/cry.json").json()
    assert "the-heart-part-5" in [link["slug"] for link in cry["echoed_by"]]
    assert data["confidence"]["level"] in {"high", "medium"}
    assert data["confidence"]["reason"]
    deepfake = next(c for c in data["claims"] if c["technique"]["slug"] == "deepfake")
    assert set(deepfake["confidence"]) == {"level", "reason"}
    assert data["version"] and data["cite"]["ris"].endswith("/cite.ris")
    for source in data["sources"]:
        assert source["archive_url"].startswith("https://web.archive.org/web/")
        assert source["archive_url"].endswith(source["url"])
    assert data["identifiers"] == dict.fromkeys(
        ["wikidata", "musicbrainz", "imvdb", "youtube", "vimeo"]
    )


def test_a_videos_moments_name_their_claim(client):
    technique = make_technique("Face Paint")
    video = make_video("Faces Up", techniques=[technique])
    claim = video.claims.get()
    video.moments.create(
        seconds=100, what="A face", claim=claim, source_title="A making-of"
    )
    [moment] = client.get("/videos/faces-up.json").json()["moments"]
    assert moment == {
        "seconds": 100,
        "what": "A face",
        "technique": "face-paint",
        "source": {"title": "A making-of", "publication": "", "url": ""},
    }


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(captured)


# The new endpoints' queries, once this process has the timeline index (the first
# request after a change builds it: three more).
BUDGETS = {
    "/techniques.json": 4,  # version; techniques with counts; parents; children
    "/techniques/budget-a.json": 6,  # + lineage's links and rows, its history
    "/directors/budget-director.json": 3,  # version; director; techniques used
    "/artists/budget-artist.json": 3,  # version; artist; a director who is them
    "/tags/budget-tag.json": 3,  # version; tag; counts
    "/videos/budget-video.json": 10,  # the video page's shape
}


def test_the_new_endpoints_keep_their_query_budget_at_two_sizes(client):
    techniques = [make_technique("Budget A"), make_technique("Budget B")]
    make_video("Budget Video", directors=[make_director("Budget Director")],
               artists=[make_artist("Budget Artist")], tags=["budget-tag"],
               techniques=techniques)  # fmt: skip

    def measure():
        record_change()
        for url in BUDGETS:  # the first request builds the index
            client.get(url)
        return {url: queries(client, url) for url in BUDGETS}

    make_linked_videos(1, techniques)
    few = measure()
    make_linked_videos(20, techniques)
    many = measure()
    assert few == many == BUDGETS
