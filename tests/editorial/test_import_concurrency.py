"""Editors keep working while a large import writes (issue 12, item 3).

An import writes in one transaction and takes the collection's version only as its last
write, so an editor's save never waits on it: saving a video the import doesn't touch,
or hasn't reached yet, completes in well under a second, and neither deadlocks the
other. A video the import has already written stays locked until it commits; saving it
is refused at once with a message, never left hanging. Real threads, real PostgreSQL
(SQLite lets one writer at a time have the whole database).
"""

import threading
import time

import pytest
from django.core.cache import cache
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tests.admin_forms import form_data, make_editor
from tests.editorial.test_csv_import import row, table
from tests.factories import make_video
from videos.editorial.jobs import run_job
from videos.editorial.progress import cache_key
from videos.models import Job, Video

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("editors_group"),
]
ROWS = 400


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent writers are PostgreSQL's")


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def run_in_thread(job):
    def run():
        try:
            run_job(job.pk)
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def wait_until_written(job, rows, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        state = cache.get(cache_key(job.pk)) or {}
        if state.get("phase") == "writing" and state["done"] >= rows:
            return
        time.sleep(0.02)
    raise AssertionError(f"the import wrote fewer than {rows} rows in {seconds} s")


def timed_save(client, video, **changes):
    page = client.get(change_url(video))
    started = time.monotonic()
    response = client.post(change_url(video), form_data(page, "video_form", **changes))
    return response, time.monotonic() - started


def wait_for_jobs(seconds=120):
    deadline = time.monotonic() + seconds
    while Job.objects.exclude(status__in=Job.FINISHED).exists():
        assert time.monotonic() < deadline, "jobs still running"
        time.sleep(0.1)


def test_an_editor_saves_in_under_a_second_during_a_large_import(settings):
    settings.JOB_RUNNER = "thread"
    first = make_video("Aaa First", verdict="justified")
    unrelated = make_video("Unrelated", verdict="justified")
    last = make_video("Zzz Last", verdict="justified")
    rows = [row(title="Aaa First", artist="Someone Else")]
    rows += [
        row(title=f"Imported {n:04}", year=str(1980 + n % 40)) for n in range(ROWS)
    ]
    rows += [row(title="Zzz Last", artist="A New Artist")]
    job = Job.objects.create(kind=Job.Kind.CSV_IMPORT, input=table(*rows))
    editor = Client()
    make_editor(editor)

    importing = run_in_thread(job)
    wait_until_written(job, 20)
    saved_unrelated, unrelated_took = timed_save(
        editor, unrelated, watch_url="https://example.org/unrelated"
    )
    saved_last, last_took = timed_save(
        editor, last, watch_url="https://example.org/last"
    )
    refused, refused_took = timed_save(editor, first, title="Aaa First (edited)")
    still_running = Job.objects.get(pk=job.pk).status == Job.Status.RUNNING
    importing.join(timeout=300)
    wait_for_jobs()

    assert still_running, "the import ended before the saves: make it larger"
    assert (saved_unrelated.status_code, saved_last.status_code) == (302, 302)
    assert unrelated_took < 1 and last_took < 1, (unrelated_took, last_took)
    # Refused after a 300 ms lock wait, not after the import: the page it answers with
    # is the whole change form again, so this allows for rendering it.
    assert refused.status_code == 200 and refused_took < 3, refused_took
    assert "still running" in refused.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert len(job.report["created"]) == ROWS
    last.refresh_from_db()
    assert last.watch_url == "https://example.org/last"  # the editor's
    assert [a.name for a in last.artists.all()] == ["A New Artist"]  # the import's
    unrelated.refresh_from_db()
    assert unrelated.watch_url == "https://example.org/unrelated"
    assert Video.objects.get(pk=first.pk).title == "Aaa First"


def test_a_publish_action_during_an_import_never_deadlocks_it(settings):
    settings.JOB_RUNNER = "thread"
    first = make_video("Aaa First", status=Video.Status.DRAFT, published_at=None)
    later = make_video("Zzz Last", status=Video.Status.DRAFT, published_at=None)
    rows = [row(title="Aaa First", artist="Someone Else")]
    rows += [row(title=f"Imported {n:04}") for n in range(ROWS // 2)]
    rows += [row(title="Zzz Last", artist="Someone Else")]
    job = Job.objects.create(kind=Job.Kind.CSV_IMPORT, input=table(*rows))
    editor = Client()
    make_editor(editor)

    importing = run_in_thread(job)
    wait_until_written(job, 10)
    started = time.monotonic()
    response = editor.post(
        reverse("admin:videos_video_changelist"),
        {"action": "publish", "_selected_action": [first.pk, later.pk]},
        follow=True,
    )
    took = time.monotonic() - started
    importing.join(timeout=300)
    wait_for_jobs()

    assert took < 1.5, took
    assert "nothing was changed" in response.content.decode()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert not Video.objects.published().filter(pk__in=[first.pk, later.pk]).exists()
