"""What a video page tells search engines and link previews: JSON-LD, Open Graph, canonical."""

import json
import re
from pathlib import Path

import pytest

from tests.factories import make_director, make_video

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
VOCABULARY = Path(__file__).parent.parent / "data" / "schemaorg-subset.jsonld"
DATATYPES = {"Text", "URL", "Date", "DateTime", "Number", "Integer", "Boolean"}
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def load_vocabulary():
    """{class: its superclasses and itself}, {property: (domains, ranges)}."""
    graph = json.loads(VOCABULARY.read_text())["@graph"]

    def names(node, key):
        value = node.get(key, [])
        return {item["@id"].removeprefix("schema:") for item in as_list(value)}

    parents, properties = {}, {}
    for node in graph:
        name = node["@id"].removeprefix("schema:")
        if node["@type"] == "rdf:Property":
            domains = names(node, "schema:domainIncludes")
            properties[name] = (domains, names(node, "schema:rangeIncludes"))
        else:
            parents[name] = names(node, "rdfs:subClassOf")

    def lineage(name):
        found = {name}
        for parent in parents.get(name, ()):
            found |= lineage(parent)
        return found

    return {name: lineage(name) for name in parents}, properties


def as_list(value):
    return value if isinstance(value, list) else [value]


CLASSES, PROPERTIES = load_vocabulary()


def check_vocabulary(node, where="$"):
    """Each type is schema.org's; each property is defined on one of the node's types
    (or their superclasses) and each value is in the property's range."""
    types = as_list(node["@type"])
    known = set()
    for name in types:
        assert name in CLASSES, f"{where}: {name} is not a schema.org type here"
        known |= CLASSES[name]
    for key, value in node.items():
        if key.startswith("@"):
            continue
        assert key in PROPERTIES, f"{where}.{key} is not a schema.org property here"
        domains, ranges = PROPERTIES[key]
        assert known & domains, f"{where}.{key} is not defined on {types}"
        for item in as_list(value):
            check_value(item, ranges, f"{where}.{key}")


def check_value(value, ranges, where):
    if isinstance(value, dict):
        check_vocabulary(value, where)
        kinds = set().union(*(CLASSES[t] for t in as_list(value["@type"])))
        assert kinds & ranges, f"{where}: a {value['@type']} is not in {ranges}"
    elif isinstance(value, bool):
        assert "Boolean" in ranges, f"{where}: true/false is not in {ranges}"
    elif isinstance(value, int | float):
        assert ranges & {"Number", "Integer"}, f"{where}: a number is not in {ranges}"
    else:
        texts = ranges & DATATYPES - {"Number", "Integer", "Boolean"}
        assert texts, f"{where}: text is not in {ranges}"
        if texts == {"URL"}:
            assert value.startswith(("https://", "http://")), f"{where}: not a URL"
        if texts <= {"Date", "DateTime"}:
            assert ISO_DATE.match(value), f"{where}: {value} is not an ISO date"


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
    assert data["@type"] == ["MusicVideoObject", "VideoObject"]
    assert data["name"] == "Money for Nothing"
    assert data["url"] == "http://testserver/videos/money-for-nothing/"
    assert data["musicBy"][0] == {
        "@type": "MusicGroup",
        "name": "Dire Straits",
        "url": "http://testserver/artists/dire-straits/",
    }
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
    check_vocabulary(data)


def test_the_essay_is_a_review_rated_by_its_verdict(client, collection):
    data = json_ld(client.get("/videos/the-heart-part-5/").content.decode())
    review = data["review"]
    assert review["@type"] == "CriticReview"
    assert review["reviewRating"]["ratingValue"] == "justified"
    assert review["license"] == "https://creativecommons.org/licenses/by-sa/4.0/"
    assert review["author"] == {
        "@type": "Organization",
        "name": "Good Reason",
        "url": "http://testserver/",
    }
    deepfake = next(k for k in data["keywords"] if isinstance(k, dict))
    assert deepfake["@type"] == "DefinedTerm" and deepfake["inDefinedTermSet"]
    assert all(c["archivedAt"].startswith("https://web.archive.org/web/")
               for c in data["citation"])  # fmt: skip
    check_vocabulary(data)


def test_identifiers_are_same_as_links(client):
    director = make_director("Linked Director", wikidata_id="Q1", imvdb_id="linked")
    make_video("Linked", directors=[director], youtube_id="abcdefghijk")
    data = json_ld(client.get("/videos/linked/").content.decode())
    assert data["sameAs"] == ["https://www.youtube.com/watch?v=abcdefghijk"]
    assert data["director"][0]["sameAs"] == [
        "https://www.wikidata.org/wiki/Q1",
        "https://imvdb.com/n/linked",
    ]
    person = json_ld(client.get("/directors/linked-director/").content.decode())
    assert person["@type"] == "Person" and len(person["sameAs"]) == 2
    check_vocabulary(data)
    check_vocabulary(person)


@pytest.mark.parametrize(
    "url",
    [
        "/videos/cry/",
        "/videos/the-hardest-part/",
        "/techniques/deepfake/",
        "/directors/spike-jonze/",
        "/artists/kendrick-lamar/",
    ],
)
def test_every_type_and_property_is_used_as_schema_org_defines_it(
    client, collection, url
):
    check_vocabulary(json_ld(client.get(url).content.decode()))


def test_an_exhibit_is_an_ordered_list_of_its_videos(client, collection):
    from videos.models import Exhibit

    exhibit = Exhibit.objects.published().first()
    data = json_ld(client.get(exhibit.get_absolute_url()).content.decode())
    assert data["@type"] == "ItemList" and data["name"] == exhibit.title
    positions = [element["position"] for element in data["itemListElement"]]
    assert positions == list(range(1, data["numberOfItems"] + 1))
    check_vocabulary(data)


def test_the_checker_refuses_what_schema_org_does_not_define():
    with pytest.raises(AssertionError, match="byArtist"):
        check_vocabulary(
            {"@type": "MusicVideoObject", "byArtist": {"@type": "MusicGroup"}}
        )
    with pytest.raises(AssertionError, match="director"):
        check_vocabulary({"@type": "MusicVideoObject", "director": []})
    with pytest.raises(AssertionError, match="reviewRating"):
        check_vocabulary({"@type": "Review", "reviewRating": "justified"})


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
    check_vocabulary(data)


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
