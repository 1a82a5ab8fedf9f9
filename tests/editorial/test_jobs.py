"""Imports, restores and thumbnails run as jobs: off the request, followed on a page,
with their failures recorded. The in-process runner is tested here on every database;
the RQ runner in test_job_queue.py (against Redis)."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import make_editor
from tests.editorial.test_csv_import import row, table
from tests.factories import make_video
from videos.editorial.jobs import run_job, start_thumbnails
from videos.editorial.progress import Progress
from videos.models import Job, Video


def upload_csv(client, text):
    data = {"csv_file": SimpleUploadedFile("videos.csv", text.encode(), "text/csv")}
    return client.post(reverse("admin:videos_video_import"), data)


@pytest.mark.django_db(transaction=True)
def test_the_upload_answers_at_once_and_the_import_runs_after_the_response(
    settings, wait_for_job, editors_group
):
    settings.JOB_RUNNER = "thread"
    client = Client()
    make_editor(client)
    rows = [row(title=f"Video {n}", year=str(1980 + n % 40)) for n in range(60)]

    started = time.monotonic()
    response = upload_csv(client, table(*rows))
    answered_in = time.monotonic() - started

    assert response.status_code == 302
    job = Job.objects.get(kind=Job.Kind.CSV_IMPORT)
    assert response.url == reverse("admin:videos_job_change", args=[job.pk])
    assert answered_in < 2
    assert wait_for_job(job).status == Job.Status.DONE
    assert Video.objects.count() == 60
    page = client.get(response.url).content.decode()
    assert "Imported 60 row(s): 60 new" in page and "<li>Video 7</li>" in page
    thumbnails = wait_for_job(Job.objects.get(kind=Job.Kind.THUMBNAILS))
    assert thumbnails.status == Job.Status.DONE and thumbnails.done == 60
    assert not Video.objects.filter(thumbnail="").exists()


@pytest.mark.django_db
def test_the_job_page_shows_live_progress_while_it_runs(client, editor):
    job = Job.objects.create(kind=Job.Kind.CSV_IMPORT, status=Job.Status.RUNNING)
    progress = Progress(job.pk)
    progress.start("writing", 5000)
    progress.advance(1200)
    progress.write()
    page = client.get(reverse("admin:videos_job_change", args=[job.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Writing rows: 1200 of 5000 done." in html
    assert '<meta http-equiv="refresh" content="2">' in html


@pytest.mark.django_db
def test_a_finished_job_page_no_longer_reloads(client, editor):
    job = Job.objects.create(
        kind=Job.Kind.CSV_IMPORT,
        status=Job.Status.REFUSED,
        problems=["Line 3: title is missing."],
        report={"summary": "Nothing was imported: 1 problem(s) to fix first."},
    )
    html = client.get(
        reverse("admin:videos_job_change", args=[job.pk])
    ).content.decode()
    assert "Line 3: title is missing." in html
    assert 'http-equiv="refresh"' not in html


@pytest.mark.django_db
def test_the_jobs_list_and_pages_are_for_editors_only(client):
    job = Job.objects.create(kind=Job.Kind.CSV_IMPORT)
    url = reverse("admin:videos_job_change", args=[job.pk])
    assert client.get(url).status_code == 302  # to the login page
    staff = User.objects.create_user("staff", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403
    make_editor(client)
    assert client.get(url).status_code == 200
    assert client.get(reverse("admin:videos_job_changelist")).status_code == 200
    assert client.get(reverse("admin:videos_job_add")).status_code == 403


@pytest.mark.django_db
def test_a_failing_job_records_its_error(settings, unwritable_media):
    settings.JOB_RETRY_DELAYS = []  # no retries: it fails for good at once
    video = make_video("Take On Me")
    job = start_thumbnails([video.pk])
    job = run_job(job.pk)
    assert job.status == Job.Status.FAILED
    assert "can't be written" in job.error and video.slug in job.error
    assert job.video_ids == [video.pk]  # still to draw
    assert job.finished_at is not None and job.attempts == 1


@pytest.mark.django_db
def test_a_job_that_raises_is_recorded_as_failed_with_its_reason():
    job = Job.objects.create(kind=Job.Kind.ARCHIVE_RESTORE, input="{}")
    job.kind = "no-such-kind"  # what a job from an older release might carry
    job.save()
    job = run_job(job.pk)
    assert job.status == Job.Status.FAILED
    assert job.error.startswith("KeyError")
    assert "Traceback" in job.report["traceback"]


@pytest.mark.django_db
def test_a_job_runs_once_however_often_it_is_delivered():
    video = make_video("Cry")
    job = start_thumbnails([video.pk])
    assert run_job(job.pk).status == Job.Status.DONE
    assert run_job(job.pk).attempts == 1  # a second delivery finds it done


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_shown_as_failed(client, editor, settings):
    settings.JOB_TIMEOUT_SECONDS = 60
    started = timezone.now() - timedelta(minutes=5)
    job = Job.objects.create(
        kind=Job.Kind.CSV_IMPORT, status=Job.Status.RUNNING, started_at=started
    )
    html = client.get(reverse("admin:videos_job_change", args=[job.pk])).content
    assert "It stopped without finishing" in html.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
