"""Jobs on the real queue: RQ on Redis, run by RQ's own workers.

Skipped without a Redis at REDIS_URL (default redis://127.0.0.1:6379/15); CI sets
REQUIRE_REDIS=1 so they cannot skip there. Each test uses a queue of its own.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.urls import reverse
from rq import Queue, SimpleWorker
from rq.registry import FailedJobRegistry, ScheduledJobRegistry

from tests.admin_forms import make_editor
from tests.editorial.test_csv_import import row, table
from tests.factories import make_video
from videos.editorial.jobs import start_thumbnails
from videos.models import Job, Video

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("editors_group"),
]


@pytest.fixture
def rq_queue(settings):
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        if os.environ.get("REQUIRE_REDIS"):
            pytest.fail(f"REQUIRE_REDIS is set but there is no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    settings.JOB_RUNNER = "rq"
    settings.JOB_QUEUE_URL = REDIS_URL
    settings.JOB_QUEUE_NAME = f"test-{uuid.uuid4().hex[:12]}"
    queue = Queue(settings.JOB_QUEUE_NAME, connection=redis.Redis.from_url(REDIS_URL))
    yield queue
    for registry in (FailedJobRegistry(queue=queue), ScheduledJobRegistry(queue=queue)):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
    queue.delete(delete_jobs=True)


def work(queue):
    """Run what is on the queue with RQ's worker, in this process, until it is empty."""
    SimpleWorker([queue], connection=queue.connection).work(burst=True)


def test_an_admin_upload_goes_on_the_queue_and_a_worker_runs_it(rq_queue):
    client = Client()
    make_editor(client)
    text = table(row(), row(title="Drop", year="1995"))
    data = {"csv_file": SimpleUploadedFile("videos.csv", text.encode(), "text/csv")}
    response = client.post(reverse("admin:videos_video_import"), data)

    assert response.status_code == 302
    assert not Video.objects.exists() and rq_queue.count == 1
    work(rq_queue)
    job = Job.objects.get(kind=Job.Kind.CSV_IMPORT)
    assert job.status == Job.Status.DONE and Video.objects.count() == 2
    thumbnails = Job.objects.get(kind=Job.Kind.THUMBNAILS)
    assert thumbnails.status == Job.Status.DONE  # queued by the import, same worker
    assert not Video.objects.filter(thumbnail="").exists()
    assert "2 new" in client.get(response.url).content.decode()


def test_a_failing_job_is_recorded_and_retried_later(
    rq_queue, settings, unwritable_media
):
    settings.JOB_RETRY_DELAYS = [60]
    video = make_video("Take On Me")
    job = start_thumbnails([video.pk])
    work(rq_queue)

    job.refresh_from_db()
    assert job.status == Job.Status.RETRYING and "can't be written" in job.error
    assert len(FailedJobRegistry(queue=rq_queue)) == 1  # RQ's own record of it
    (retry,) = ScheduledJobRegistry(queue=rq_queue).get_job_ids()

    unwritable_media()  # the media folder is back
    rq_queue.enqueue_job(rq_queue.fetch_job(retry))  # what the scheduler does at 60 s
    work(rq_queue)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.attempts == 2
    video.refresh_from_db()
    assert video.thumbnail.name.startswith("thumbnails/take-on-me-")


def test_when_redis_is_unreachable_the_job_runs_in_this_process(rq_queue, settings):
    settings.JOB_QUEUE_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    video = make_video("Cry")
    job = start_thumbnails([video.pk])
    job.refresh_from_db()
    assert job.status == Job.Status.DONE  # late, never lost


def test_a_worker_process_runs_the_import_command_s_job(rq_queue, settings, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("a worker process needs a database it can share (PostgreSQL)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": REDIS_URL,
        "JOB_QUEUE_NAME": settings.JOB_QUEUE_NAME,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
    }
    csv_file = tmp_path / "videos.csv"
    csv_file.write_text(table(row(), row(title="Drop", year="1995")), encoding="utf-8")
    manage = [sys.executable, str(ROOT / "manage.py")]
    queued = subprocess.run(
        [*manage, "import_videos", "--detach", str(csv_file)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Queued CSV import #" in queued.stdout and not Video.objects.exists()
    subprocess.run(
        [*manage, "rqworker", "--burst", settings.JOB_QUEUE_NAME],
        env=env,
        capture_output=True,
        check=True,
        timeout=120,
    )
    assert Job.objects.get(kind=Job.Kind.CSV_IMPORT).status == Job.Status.DONE
    assert Video.objects.count() == 2
