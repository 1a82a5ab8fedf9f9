"""Bulk import of videos from a milestones-shaped CSV: the command and the admin form."""

import csv
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from tests.factories import make_artist, make_director, make_technique, make_video
from tests.shared_data import shared_data_file
from videos.editorial.csv_import import import_videos
from videos.editorial.csv_rows import COLUMNS, TECHNIQUE_SLUGS, Problem, archive_slug
from videos.editorial.jobs import start_csv_import
from videos.models import (
    Artist,
    Director,
    Job,
    Source,
    Technique,
    Video,
    VideoTechnique,
)

pytestmark = pytest.mark.django_db


def row(**cells):
    defaults = {
        "title": "Take On Me",
        "artist": "a-ha",
        "year": "1985",
        "directors": "Steve Barron",
        "techniques": "rotoscoping",
        "effects_studio": "Michael Patterson",
        "note": "Pencil-sketch animation traced over live action.",
        "source_url": "https://example.org/take-on-me",
        "confidence": "high",
    }
    return {**defaults, **cells}


def table(*rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def archive_state():
    """Everything an import writes, including when each video was last changed."""
    return {
        "counts": [
            model.objects.count()
            for model in (Video, Artist, Director, Technique, VideoTechnique, Source)
        ],
        "videos": list(
            Video.objects.order_by("slug").values_list("slug", "title", "updated_at")
        ),
        "claims": list(
            VideoTechnique.objects.order_by(
                "video__slug", "technique__slug"
            ).values_list(
                "video__slug", "technique__slug", "is_primary", "usage", "studio"
            )
        ),
    }


def milestones_text():
    milestones = shared_data_file("milestones.csv")
    return milestones.read_text(encoding="utf-8")


def test_importing_milestones_into_an_empty_archive_gives_38_drafts():
    """A CSV carries no essay, so none of its new videos may be published yet."""
    report = import_videos(milestones_text())
    assert report.ok, report.problems
    assert len(report.created) == 38
    assert len(report.drafts) == 38
    assert Video.objects.filter(status=Video.Status.DRAFT).count() == 38
    assert not Video.objects.published().exists()
    assert "38 new video(s) saved as drafts, not published" in report.summary()
    cry = Video.objects.get(slug="cry")
    assert [d.name for d in cry.directors.order_by("name")] == [
        "Kevin Godley",
        "Lol Creme",
    ]
    # milestones.csv uses the first twenty terms; additions.csv the other six.
    assert set(Technique.objects.values_list("slug", flat=True)) == set(
        list(TECHNIQUE_SLUGS.values())[:20]
    )
    assert Video.objects.filter(slug="up-and-up", title="Up&Up").exists()


def test_the_vocabulary_is_the_one_the_collection_test_checks_against():
    from tests.collection.test_collection import TERMS

    assert TECHNIQUE_SLUGS == TERMS


def test_a_second_import_of_the_same_file_changes_nothing():
    text = milestones_text()
    import_videos(text)
    before = archive_state()
    report = import_videos(text)
    assert report.ok
    assert len(report.unchanged) == 38 and not report.created and not report.updated
    assert archive_state() == before


def test_importing_over_the_curated_collection_duplicates_nothing():
    # Loaded here, not with the module-wide `collection` fixture: the other tests in this
    # module need an empty archive.
    call_command("load_collection", stdout=io.StringIO())
    before = Video.objects.count()
    report = import_videos(milestones_text())
    assert report.ok, report.problems
    assert not report.created and not report.new_techniques
    assert Video.objects.count() == before
    assert Artist.objects.filter(name="Godley & Creme").count() == 1


def test_one_bad_row_writes_nothing_and_reports_its_line():
    text = table(row(title="Cry", year="1985"), row(), row(title="Drop", year="19x5"))
    report = import_videos(text)
    assert not report.ok
    assert report.problems == [Problem(4, "year “19x5” is not a year.")]
    assert not Video.objects.exists() and not Artist.objects.exists()


def test_every_problem_is_reported_with_its_line():
    text = table(
        row(title=""),
        row(title="Fine"),
        row(title="Later", year="1850", directors="", source_url="not a url"),
        row(title="Fine", year="1990"),
    )
    problems = [str(problem) for problem in import_videos(text).problems]
    assert problems[0] == "Line 2: title is missing."
    assert any(p.startswith("Line 4: year 1850") for p in problems)
    assert "Line 4: directors is missing." in problems
    assert any(p.startswith("Line 4: source_url") for p in problems)
    assert "Line 5: “Fine” repeats line 3." in problems


def test_line_numbers_count_lines_inside_quoted_cells():
    text = table(row(title="One", note="two\nlines"), row(title="Two", year="later"))
    assert [p.line for p in import_videos(text).problems] == [4]


def test_a_file_without_the_columns_is_refused_on_line_1():
    report = import_videos("title,year\nCry,1985\n")
    assert report.problems[0].line == 1
    assert "artist" in report.problems[0].message


def test_a_row_with_too_many_cells_is_reported():
    text = table(row()) + "Extra,a,1985,b,rotoscoping,,,,high,surplus\n"
    assert [p.line for p in import_videos(text).problems] == [3]


def test_reimporting_a_changed_row_updates_the_video_in_place():
    import_videos(table(row()))
    report = import_videos(table(row(year="1986", artist="A-ha")))
    assert report.updated == ["Take On Me"]
    video = Video.objects.get(slug="take-on-me")
    assert video.year == 1986
    assert Video.objects.count() == 1 and Artist.objects.count() == 1


def test_directors_are_credited_in_the_row_s_order():
    import_videos(table(row(directors="Steve Barron; Ian Pearson")))
    report = import_videos(table(row(directors="Ian Pearson; Steve Barron")))
    assert report.updated == ["Take On Me"]
    video = Video.objects.get(slug="take-on-me")
    credits = video.director_credits.order_by("position")
    assert [c.director.name for c in credits] == ["Ian Pearson", "Steve Barron"]
    again = import_videos(table(row(directors="Ian Pearson; Steve Barron")))
    assert again.unchanged == ["Take On Me"]


def test_existing_names_are_matched_case_insensitively_and_new_ones_created():
    artist = make_artist("Dire Straits")
    director = make_director("Steve Barron")
    cgi = make_technique("Computer-generated imagery", slug="cgi")
    text = table(
        row(
            title="Money for Nothing",
            artist="dire straits",
            directors="STEVE BARRON; Ian Pearson",
            techniques="computer-generated imagery; Claymation",
        )
    )
    report = import_videos(text)
    assert report.ok and report.new_techniques == ["Claymation"]
    video = Video.objects.get(slug="money-for-nothing")
    assert list(video.artists.all()) == [artist]
    assert director in video.directors.all() and video.directors.count() == 2
    claymation = Technique.objects.get(slug="claymation")
    assert claymation.summary == "Claymation"
    assert [claim.technique for claim in video.claims.all()] == [cgi, claymation]


def test_the_first_technique_is_primary_and_carries_the_studio_and_note():
    text = table(row(techniques="rotoscoping; digital compositing"))
    import_videos(text)
    video = Video.objects.get(slug="take-on-me")
    primary = video.claims.get(is_primary=True)
    assert primary.technique.slug == "rotoscoping"
    assert primary.studio == "Michael Patterson"
    assert primary.usage.startswith("Pencil-sketch")
    other = video.claims.get(is_primary=False)
    assert (other.studio, other.usage) == ("", "")
    assert {claim.source_url for claim in video.claims.all()} == {
        "https://example.org/take-on-me"
    }
    source = video.sources.get()
    assert (source.url, source.title) == (
        "https://example.org/take-on-me",
        "example.org",
    )


def test_an_existing_video_keeps_its_status_and_its_editors_words():
    rotoscoping = make_technique("Rotoscoping", slug="rotoscoping")
    video = make_video(
        "Take On Me",
        techniques=[rotoscoping],
        status=Video.Status.DRAFT,
        published_at=None,
    )
    video.claims.update(usage="The editor's sentence.")
    report = import_videos(table(row()))
    assert report.updated == ["Take On Me"]
    video.refresh_from_db()
    assert video.status == Video.Status.DRAFT and video.published_at is None
    assert video.claims.get().usage == "The editor's sentence."


def test_a_new_first_technique_takes_over_as_primary():
    import_videos(table(row(techniques="rotoscoping; stop-motion")))
    import_videos(table(row(techniques="stop-motion")))
    claims = Video.objects.get(slug="take-on-me").claims.all()
    assert [(c.technique.slug, c.is_primary) for c in claims] == [("stop-motion", True)]


def test_titles_with_an_ampersand_get_and_in_their_address():
    assert archive_slug("Up&Up") == "up-and-up"
    assert (
        archive_slug("Sound and Vision (Hello, Again)")
        == "sound-and-vision-hello-again"
    )


def test_thumbnails_are_drawn_by_a_job_after_the_import_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        job = start_csv_import(table(row()))
        assert not Video.objects.exists()  # queued, not run, until the commit
    assert callbacks
    video = Video.objects.get(slug="take-on-me")
    assert video.thumbnail.name.startswith("thumbnails/take-on-me-")
    thumbnails = Job.objects.get(kind=Job.Kind.THUMBNAILS)
    assert thumbnails.video_ids == [] and thumbnails.status == Job.Status.DONE
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.done, job.total) == (1, 1)


def test_an_import_changing_only_the_artist_moves_the_change_marker():
    import_videos(table(row()))
    before = Video.objects.get(slug="take-on-me").updated_at
    report = import_videos(table(row(artist="Morten Harket")))
    assert report.updated == ["Take On Me"]
    video = Video.objects.get(slug="take-on-me")
    assert video.updated_at > before
    assert [artist.name for artist in video.artists.all()] == ["Morten Harket"]
    latest = video.history.first()
    assert latest.updated_at == video.updated_at  # a revision records the change


def test_the_command_reports_problems_by_line_and_writes_nothing(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(table(row(), row(title="", year="")), encoding="utf-8")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_videos", str(path), stderr=errors)
    assert "Line 3: title is missing." in errors.getvalue()
    assert not Video.objects.exists()


def test_the_command_imports_a_good_file(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(table(row()), encoding="utf-8")
    output = io.StringIO()
    call_command("import_videos", str(path), stdout=output)
    assert "1 new" in output.getvalue()
    assert "saved as drafts" in output.getvalue()
    video = Video.objects.get(slug="take-on-me")
    assert video.status == Video.Status.DRAFT and video.published_at is None


def test_the_command_follows_its_job_s_progress_with_verbosity_2(tmp_path):
    path = tmp_path / "good.csv"
    path.write_text(table(row(), row(title="Drop", year="1995")), encoding="utf-8")
    errors = io.StringIO()
    call_command(
        "import_videos", "-v", "2", str(path), stdout=io.StringIO(), stderr=errors
    )
    assert "Checking rows: 2 of 2" in errors.getvalue()
    assert "Writing rows: 2 of 2" in errors.getvalue()
    job = Job.objects.get(kind=Job.Kind.CSV_IMPORT)
    assert (job.status, job.name, job.done, job.total) == (
        Job.Status.DONE,
        "good.csv",
        2,
        2,
    )


def test_the_command_refuses_a_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(table(row(title="Café")).encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("import_videos", str(path))


def upload(client, text, capture):
    """Upload as an editor would, then run what was queued once the request is over."""
    data = {"csv_file": SimpleUploadedFile("videos.csv", text.encode(), "text/csv")}
    with capture(execute=True):
        response = client.post(reverse("admin:videos_video_import"), data)
        assert not Video.objects.exists(), "the request ran the import itself"
    assert response.status_code == 302
    return client.get(response.url)


def test_the_changelist_links_to_the_import_form(client, editor):
    html = client.get(reverse("admin:videos_video_changelist")).content.decode()
    assert f'href="{reverse("admin:videos_video_import")}"' in html


def test_the_admin_form_shows_line_numbered_problems_and_writes_nothing(
    client, editor, django_capture_on_commit_callbacks
):
    response = upload(
        client,
        table(row(), row(title="Drop", year="19x5")),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Line 3: year “19x5” is not a year." in html
    assert "Nothing was imported" in html
    assert "Refused: nothing was written" in html
    assert not Video.objects.exists()


def test_the_admin_form_imports_and_reports(
    client, editor, django_capture_on_commit_callbacks
):
    response = upload(
        client,
        table(row(), row(title="Drop", year="1995")),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 new" in html and "<li>Drop</li>" in html
    assert Video.objects.count() == 2


def test_the_admin_form_refuses_a_file_that_is_not_utf8(client, editor):
    data = {"csv_file": SimpleUploadedFile("v.csv", "Café".encode("latin-1"))}
    response = client.post(reverse("admin:videos_video_import"), data)
    assert "UTF-8" in response.content.decode()
    assert not Video.objects.exists()


def test_the_import_needs_permission_to_add_videos(client, editor):
    editor.groups.clear()
    editor.user_permissions.add(Permission.objects.get(codename="view_video"))
    assert client.get(reverse("admin:videos_video_import")).status_code == 403
    html = client.get(reverse("admin:videos_video_changelist")).content.decode()
    assert reverse("admin:videos_video_import") not in html
