"""import_archive refuses a document the site couldn't show, row by row, writing nothing."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.editorial.test_backup import empty_the_archive
from tests.factories import make_video
from videos.editorial.backup import export_archive
from videos.models import Artist, Job, Technique, Video

pytestmark = pytest.mark.django_db


@pytest.fixture
def document():
    make_video("Cry", verdict="justified", tags=["faces"])
    make_video("Ghosts", verdict="gimmick")
    exported = export_archive()
    empty_the_archive()
    return exported


def restore(document, tmp_path, text=None):
    """The command's refusal: (its message, the problems it listed)."""
    path = tmp_path / "archive.json"
    path.write_text(text or json.dumps(document), encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError) as refusal:
        call_command("import_archive", str(path), stdout=io.StringIO(), stderr=errors)
    assert not Video.objects.exists() and not Artist.objects.exists()
    assert not Technique.objects.exists()
    return str(refusal.value), errors.getvalue()


def test_an_unknown_verdict_or_status_is_refused_by_row(document, tmp_path):
    document["videos"][0]["essay"]["verdict"] = "awesome"
    document["videos"][1]["status"] = "bogus"
    message, problems = restore(document, tmp_path)
    assert "2 problem(s); nothing was restored" in message
    assert (
        "videos row 1 “cry”, essay: verdict: Value 'awesome' is not a valid" in problems
    )
    assert "videos row 2 “ghosts”: status: Value 'bogus' is not a valid" in problems
    job = Job.objects.get()
    assert job.status == Job.Status.REFUSED and len(job.problems) == 2


def test_over_long_strings_are_refused_with_the_limit(document, tmp_path):
    document["videos"][0]["title"] = "x" * 1_000_000
    document["artists"][0]["name"] = "y" * 201
    _message, problems = restore(document, tmp_path)
    assert "videos row 1 “cry”: title: Ensure this value has at most 200" in problems
    assert "artists row 1" in problems and "at most 200 characters" in problems
    assert "x" * 100 not in problems  # the report doesn't echo the value


@pytest.mark.parametrize(
    "still", ["../../etc/hostname", "/etc/hostname", "stills/../../x.jpg", "a\\b.jpg"]
)
def test_a_still_outside_media_root_is_refused(document, tmp_path, still):
    document["videos"][0]["still"] = still
    _message, problems = restore(document, tmp_path)
    assert "videos row 1 “cry”: still:" in problems
    assert "MEDIA_ROOT" in problems


def test_references_to_rows_not_in_the_document_are_refused(document, tmp_path):
    document["videos"][0]["artists"] = ["nobody"]
    document["videos"][0]["claims"][0]["technique"] = "no-such-technique"
    document["videos"][1]["precedents"] = [{"earlier": "missing", "note": "x"}]
    document["techniques"][0]["descends_from"] = ["nowhere"]
    _message, problems = restore(document, tmp_path)
    assert "videos row 1 “cry”: artists not in the document: “nobody”." in problems
    assert "claim 1: technique “no-such-technique” is not in the document" in problems
    assert "videos row 2 “ghosts”, precedent 1: earlier “missing”" in problems
    assert "techniques row 1" in problems and "“nowhere”" in problems


def test_wrong_shapes_are_refused_with_a_clear_message(document, tmp_path):
    document["videos"][0]["year"] = "nineteen eighty-five"
    document["videos"][1] = ["not", "an", "object"]
    document["tags"] = {"faces": "faces"}
    document["artists"][0]["name"] = {"nested": {"deeply": ["x"]}}
    _message, problems = restore(document, tmp_path)
    assert "videos row 1 “cry”: year: must be a whole number." in problems
    assert "videos row 2: is not an object of fields." in problems
    assert "tags: missing, or not a list of rows." in problems
    assert "artists row 1" in problems and "name: must be text." in problems


def test_deep_nesting_is_refused_without_a_traceback(tmp_path):
    message, _problems = restore(None, tmp_path, text="[" * 100_000 + "]" * 100_000)
    assert (
        message
        == "The document is nested too deeply to be an archive. Nothing was restored."
    )


def test_text_that_is_not_json_is_refused(tmp_path):
    message, _problems = restore(None, tmp_path, text="{not json")
    assert message.startswith("This is not a JSON document:")


def test_duplicate_slugs_and_two_primary_claims_are_refused(document, tmp_path):
    document["artists"].append(dict(document["artists"][0]))
    cry = document["videos"][0]
    cry["claims"].append(
        {**cry["claims"][0], "technique": document["techniques"][1]["slug"]}
    )
    _message, problems = restore(document, tmp_path)
    assert "slug repeats row 1." in problems
    assert "2 claims are primary; at most one can be." in problems


def test_a_valid_document_still_restores_and_names_missing_stills(document, tmp_path):
    document["videos"][0]["still"] = "stills/cry.jpg"
    document["videos"][0]["still_width"] = document["videos"][0]["still_height"] = 90
    path = tmp_path / "archive.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    output, errors = io.StringIO(), io.StringIO()
    call_command("import_archive", str(path), stdout=output, stderr=errors)
    assert "Restored 2 videos." in output.getvalue()
    assert "cry: stills/cry.jpg is not in MEDIA_ROOT" in errors.getvalue()
    assert export_archive() == document
