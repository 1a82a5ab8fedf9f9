"""/data/: the whole public archive as JSON, a CSV per table and SQLite, written by
`build_open_data` and listed with size and date (issue 18, item 6)."""

import csv
import io
import json
import sqlite3

import pytest
from django.core.management import call_command
from django.template.defaultfilters import filesizeformat

from tests.factories import make_artist, make_video
from videos.models import Video
from videos.models.versions import record_change
from videos.opendata import bulk

pytestmark = pytest.mark.django_db
BASE = "https://goodreason.example"


def build():
    output = io.StringIO()
    call_command("build_open_data", "--base-url", BASE, stdout=output)
    return bulk.read_manifest(), output.getvalue()


def csv_rows(name):
    with open(bulk.directory() / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_it_writes_json_a_csv_per_table_and_sqlite(collection):
    manifest, output = build()
    names = [entry["name"] for entry in manifest["files"]]
    assert names[:2] == ["good-reason.json", "good-reason.sqlite"]
    assert names[2:] == [f"{table.name}.csv" for table in bulk.TABLES]
    for entry in manifest["files"]:
        assert (bulk.directory() / entry["name"]).stat().st_size == entry["bytes"] > 0
        assert entry["name"] in output
    published = Video.objects.published().count()

    document = json.loads((bulk.directory() / "good-reason.json").read_text())
    assert document["licence"]["essays"]["name"] == "CC BY-SA 4.0"
    assert document["licence"]["facts"]["name"] == "CC0 1.0"
    assert len(document["videos"]) == published
    heart = next(v for v in document["videos"] if v["slug"] == "the-heart-part-5")
    assert heart["url"] == f"{BASE}/videos/the-heart-part-5/"
    assert heart["precedents"] and heart["sources"][0]["archive_url"]
    assert {t["slug"] for t in document["techniques"]} >= {"deepfake"}

    videos = csv_rows("videos.csv")
    assert len(videos) == published
    assert list(videos[0]) == bulk.TABLES[0].columns
    with sqlite3.connect(bulk.directory() / "good-reason.sqlite") as database:
        for table in bulk.TABLES:
            count = database.execute(f'SELECT count(*) FROM "{table.name}"').fetchone()
            assert count[0] == len(csv_rows(f"{table.name}.csv")), table.name
        licences = dict(database.execute("SELECT part, name FROM licence"))
        assert licences == {"essays": "CC BY-SA 4.0", "facts": "CC0 1.0"}
        joined = database.execute(
            "SELECT v.title FROM video_directors d JOIN videos v ON v.slug = d.video "
            "WHERE d.director = 'spike-jonze' ORDER BY v.year"
        ).fetchall()
    assert ("Sabotage",) in joined


def test_drafts_and_what_only_they_link_stay_out():
    make_video("Quite Public")
    make_video(
        "Zorblax Draft",
        status="draft",
        published_at=None,
        artists=[make_artist("Qwyxz Hidden")],
    )
    build()
    text = "".join(
        (bulk.directory() / entry["name"]).read_text(encoding="utf-8")
        for entry in bulk.read_manifest()["files"]
        if not entry["name"].endswith(".sqlite")
    )
    assert "quite-public" in text
    assert "zorblax" not in text.lower() and "qwyxz" not in text.lower()


def test_the_data_page_lists_each_file_with_its_size_and_date(client):
    make_video("Listed")
    assert "build_open_data" in client.get("/data/").content.decode()
    manifest, _ = build()
    html = client.get("/data/").content.decode()
    assert manifest["generated"] in html
    for entry in manifest["files"]:
        assert f'href="/data/{entry["name"]}"' in html
        assert str(filesizeformat(entry["bytes"])) in html
    assert "CC0 1.0" in html and "CC BY-SA 4.0" in html
    assert "has changed since" not in html
    record_change()
    assert "has changed since" in client.get("/data/").content.decode()


def test_each_file_is_served_and_nothing_else(client):
    make_video("Served")
    build()
    response = client.get("/data/videos.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert b"served" in b"".join(response.streaming_content)
    sqlite_file = client.get("/data/good-reason.sqlite")
    assert sqlite_file["Content-Disposition"].startswith("attachment")
    for name in ("manifest.json", "..%2Fsettings.py", "nope.csv"):
        assert client.get(f"/data/{name}").status_code == 404
