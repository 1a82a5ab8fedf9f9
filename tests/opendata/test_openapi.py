"""/api/openapi.json describes every endpoint exactly, and /api/ shows it to people.

CI also runs schemathesis against the description on a live server (.ci/run); these
tests check the description's validity and the documents against it in-process."""

import pytest
from django.urls import Resolver404, resolve
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from videos.timeline.parameters import PARAMETERS

pytestmark = pytest.mark.django_db

EXAMPLES = {
    "/timeline.json": ("/timeline.json?technique=deepfake&decade=2020", "TimelinePage"),
    "/videos/{slug}.json": ("/videos/the-heart-part-5.json", "Video"),
    "/techniques.json": ("/techniques.json", "TechniqueList"),
    "/techniques/{slug}.json": ("/techniques/digital-morphing.json", "Technique"),
    "/directors/{slug}.json": ("/directors/spike-jonze.json", "Director"),
    "/artists/{slug}.json": ("/artists/kendrick-lamar.json", "Artist"),
    "/tags/{slug}.json": ("/tags/faces.json", "Tag"),
}


@pytest.fixture
def description(client, collection):
    return client.get("/api/openapi.json").json()


def validator(description, name):
    schema = {
        "$ref": f"#/components/schemas/{name}",
        "components": description["components"],
    }
    return Draft202012Validator(schema)


def test_it_is_a_valid_openapi_3_1_description(description):
    assert description["openapi"] == "3.1.0"
    validate(description)
    assert description["info"]["license"]["identifier"] == "CC0-1.0 AND CC-BY-SA-4.0"
    assert description["servers"] == [{"url": "http://testserver"}]


def test_every_documented_path_is_served(description):
    for path in description["paths"]:
        concrete = path.replace("{slug}", "an-example")
        try:
            resolve(concrete)
        except Resolver404:
            pytest.fail(f"{path} is documented but not served")
    assert set(EXAMPLES) | {"/timeline.csv"} == set(description["paths"])


def test_the_timeline_parameters_come_from_their_declarations(description):
    documented = description["paths"]["/timeline.json"]["get"]["parameters"]
    names = [parameter["name"] for parameter in documented]
    assert names == [parameter.name for parameter in PARAMETERS] + ["page"]
    technique = documented[names.index("technique")]
    assert technique["schema"]["type"] == "array" and technique["explode"]
    decade = documented[names.index("decade")]
    assert decade["schema"]["multipleOf"] == 10


@pytest.mark.parametrize("path", EXAMPLES)
def test_each_document_matches_its_schema(client, description, path):
    url, schema = EXAMPLES[path]
    response = client.get(url)
    assert response.status_code == 200
    errors = list(validator(description, schema).iter_errors(response.json()))
    assert errors == []
    documented = description["paths"][path]["get"]["responses"]["200"]
    assert documented["content"]["application/json"]["schema"]["$ref"].endswith(schema)


@pytest.mark.parametrize(
    "url",
    ["/timeline.json?decade=1985", "/timeline.json?page=99", "/videos/nope.json"],
)
def test_errors_match_the_one_error_schema(client, description, url):
    response = client.get(url)
    assert response.status_code in {400, 404}
    assert list(validator(description, "Error").iter_errors(response.json())) == []


def test_a_document_with_an_undocumented_field_would_fail(description):
    document = {"slug": "x", "name": "X", "surprise": 1}
    assert list(validator(description, "Named").iter_errors(document))


def test_path_examples_are_published_entries(client, description):
    for path in EXAMPLES:
        parameters = description["paths"][path]["get"]["parameters"]
        for parameter in parameters:
            if parameter["in"] == "path":
                url = path.replace("{slug}", parameter["example"])
                assert client.get(url).status_code == 200, url


def test_the_api_page_shows_every_endpoint_and_field(client, collection):
    response = client.get("/api/")
    assert response.status_code == 200
    html = response.content.decode()
    for path in EXAMPLES:
        assert f"GET {path}" in html
    assert "<code>same_as</code>" in html and "<code>archive_url</code>" in html
    assert 'href="/api/openapi.json"' in html and "CC BY-SA 4.0" in html
