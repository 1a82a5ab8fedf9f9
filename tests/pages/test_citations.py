"""“Cite this”: Chicago and MLA on the page, BibTeX, CSL-JSON and RIS downloads, each
read back by a parser for its format (issue 18, item 2)."""

import json
import re
from datetime import UTC, date, datetime, timedelta
from html import unescape
from pathlib import Path

import bibtexparser
import pytest
import rispy
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON
from django.contrib.auth.models import User
from django.utils import timezone
from jsonschema import Draft7Validator

from tests.factories import make_artist, make_technique, make_video
from videos.models import Essay, Video
from videos.pages import citations

pytestmark = pytest.mark.django_db

CSL_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data" / "csl-data.json").read_text()
)


def download(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content.decode("utf-8")


def cite_block(html):
    return re.search(r'<section class="cite".*?</section>', html, re.S).group(0)


def plain(html):
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_the_heart_part_5_cites_in_bibtex_with_its_version(client, collection):
    video = Video.objects.get(slug="the-heart-part-5")
    version = max(video.updated_at, video.essay.updated_at).date().isoformat()
    text = download(client, "/videos/the-heart-part-5/cite.bib")
    [entry] = bibtexparser.parse_string(text).entries
    assert entry.key == "goodreason-the-heart-part-5"
    assert entry["title"] == "{The Heart Part 5 (Kendrick Lamar, 2022)}"
    assert entry["author"] == "{Good Reason}"
    assert entry["url"] == "http://testserver/videos/the-heart-part-5/"
    assert entry["version"] == version
    assert entry["urldate"] == timezone.localdate().isoformat()
    assert entry["organization"] == "Good Reason"


def test_the_page_offers_chicago_and_mla_with_version_and_access_date(
    client, collection
):
    html = client.get("/videos/the-heart-part-5/").content.decode()
    block = cite_block(html)
    today = timezone.localdate()
    chicago = plain(re.search(r'data-style="chicago">(.*?)</dd>', block).group(1))
    assert chicago.startswith("Good Reason. “The Heart Part 5 (Kendrick Lamar, 2022).”")
    assert f"Accessed {today:%B} {today.day}, {today.year}." in chicago
    assert "Last modified" in chicago
    assert chicago.endswith("http://testserver/videos/the-heart-part-5/.")
    mla = plain(re.search(r'data-style="mla">(.*?)</dd>', block).group(1))
    # MLA leaves out an author who is the site itself.
    assert mla.startswith("“The Heart Part 5 (Kendrick Lamar, 2022).” Good Reason, ")
    assert mla.endswith(f"Accessed {today.day} {citations.MONTHS_MLA[today.month - 1]} "
                        f"{today.year}.")  # fmt: skip
    for extension in ("bib", "json", "ris"):
        assert f'href="/videos/the-heart-part-5/cite.{extension}"' in block


def test_csl_json_fits_the_schema_and_citeproc_formats_it(client, collection):
    items = json.loads(download(client, "/videos/cry/cite.json"))
    assert list(Draft7Validator(CSL_SCHEMA).iter_errors(items)) == []
    [item] = items
    assert item["type"] == "webpage" and item["container-title"] == "Good Reason"
    assert item["author"] == [{"literal": "Good Reason"}]
    assert item["version"] and item["accessed"]["date-parts"][0][0] >= 2024
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(
        style, CiteProcJSON(items), formatter.plain
    )
    bibliography.register(Citation([CitationItem(item["id"])]))
    [entry] = [str(text) for text in bibliography.bibliography()]
    assert "Good Reason" in entry and "Cry (Godley & Creme, 1985)" in entry
    assert "http://testserver/videos/cry/" in entry


def test_ris_reads_back_as_a_web_page(client, collection):
    text = download(client, "/videos/cry/cite.ris")
    [entry] = rispy.loads(text)
    assert entry["type_of_reference"] == "ELEC"
    assert entry["title"] == "Cry (Godley & Creme, 1985)"
    assert entry["authors"] == ["Good Reason"]
    assert entry["urls"] == ["http://testserver/videos/cry/"]
    assert entry["access_date"] == timezone.localdate().strftime("%Y/%m/%d")
    assert entry["edition"] == entry["date"].replace("/", "-")


def test_an_essay_by_a_named_editor_is_cited_under_their_name(client):
    editor = User.objects.create(username="ed", first_name="Ada", last_name="Lovelace")
    video = make_video("Named", artists=[make_artist("Band & Co")], verdict="gimmick")
    Essay.objects.filter(video=video).update(author=editor)
    [entry] = bibtexparser.parse_string(
        download(client, "/videos/named/cite.bib")
    ).entries
    assert entry["author"] == "Lovelace, Ada"
    assert entry["title"] == r"{Named (Band \& Co, 1990)}"
    [item] = json.loads(download(client, "/videos/named/cite.json"))
    assert item["author"] == [{"family": "Lovelace", "given": "Ada"}]
    assert rispy.loads(download(client, "/videos/named/cite.ris"))[0]["authors"] == [
        "Lovelace, Ada"
    ]
    html = client.get("/videos/named/").content.decode()
    assert "Lovelace, Ada. “Named (Band &amp; Co, 1990).”" in cite_block(html)


def test_the_version_is_the_later_of_the_video_and_its_essay():
    video = make_video("Versioned", verdict="justified")
    later = timezone.now() + timedelta(days=3)
    Essay.objects.filter(video=video).update(updated_at=later)
    video = Video.objects.select_related("essay").get(pk=video.pk)
    assert citations.video_version(video) == later.date()


def test_a_technique_page_is_cited_with_its_versions_date(client):
    technique = make_technique("Slit Scan")
    make_video(techniques=[technique])
    technique.summary = "Revised."
    technique.save()  # a revision in its history
    html = client.get("/techniques/slit-scan/").content.decode()
    assert "Slit Scan in music videos" in plain(cite_block(html))
    [entry] = bibtexparser.parse_string(
        download(client, "/techniques/slit-scan/cite.bib")
    ).entries
    assert entry["version"] == technique.history.first().history_date.date().isoformat()
    assert rispy.loads(download(client, "/techniques/slit-scan/cite.ris"))


def test_without_history_a_technique_takes_the_collections_version():
    technique = make_technique("Unrevised")
    technique.history.all().delete()
    version = int(datetime(2025, 5, 4, 12, tzinfo=UTC).timestamp() * 1e6)
    assert citations.technique_version(technique, version) == date(2025, 5, 4)


def test_an_exhibit_is_cited_at_its_last_revision(client, collection):
    from videos.models import Exhibit

    exhibit = Exhibit.objects.published().first()
    html = client.get(exhibit.get_absolute_url()).content.decode()
    chicago = plain(
        re.search(r'data-style="chicago">(.*?)</dd>', cite_block(html)).group(1)
    )
    assert chicago.startswith(
        f"Good Reason. “{exhibit.title}.” Good Reason. Last modified"
    )
    url = f"/exhibits/{exhibit.slug}/cite"
    [entry] = bibtexparser.parse_string(download(client, f"{url}.bib")).entries
    assert entry["version"] == exhibit.updated_at.date().isoformat()
    items = json.loads(download(client, f"{url}.json"))
    assert list(Draft7Validator(CSL_SCHEMA).iter_errors(items)) == []
    assert rispy.loads(download(client, f"{url}.ris"))[0]["title"] == exhibit.title


def test_unknown_entries_and_formats_are_not_found(client):
    make_video("Draft", status="draft", published_at=None)
    assert client.get("/videos/draft/cite.bib").status_code == 404
    assert client.get("/videos/nope/cite.ris").status_code == 404
    make_video("Known")
    assert client.get("/videos/known/cite.docx").status_code == 404
