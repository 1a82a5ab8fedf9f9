"""What each kind of job does, and the record it leaves on its row (videos/models/jobs.py).

`start_*` create a job and hand it to the queue (videos/editorial/queue.py) once the
caller's transaction commits; `run_job` is what the queue calls. A job that fails records
why; thumbnails are retried after settings.JOB_RETRY_DELAYS (a media folder that was
full or read-only may be fine later), imports and restores are not (they need a person).
"""

import logging
import time
import traceback

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from videos.editorial import queue
from videos.editorial.backup import ArchiveError, import_archive_text
from videos.editorial.csv_import import import_videos
from videos.editorial.images import describe_failure, refresh_thumbnails
from videos.editorial.progress import Progress, live_progress
from videos.models import Job

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """Raised to RQ after the failure is recorded, so its own registry shows it too."""


def start_csv_import(text, name="", user=None, here=False, on_progress=None):
    job = Job(kind=Job.Kind.CSV_IMPORT, input=text, name=name, created_by=user)
    return _start(job, here, on_progress)


def start_archive_restore(text, name="", user=None, here=False, on_progress=None):
    job = Job(kind=Job.Kind.ARCHIVE_RESTORE, input=text, name=name, created_by=user)
    return _start(job, here, on_progress)


def start_thumbnails(video_ids, user=None):
    ids = sorted(set(video_ids))
    if not ids:
        return None
    job = Job(kind=Job.Kind.THUMBNAILS, video_ids=ids, total=len(ids), created_by=user)
    return _start(job, here=False)


def _start(job, here, on_progress=None):
    """The job saved and queued, or with `here`, run in this thread at once (a command
    with no queue to hand it to is itself the worker)."""
    job.save()
    if here:
        return run_job(job.pk, on_progress)
    queue.submit(job)
    return job


def run_queued_job(job_id):
    """RQ's entry point."""
    job = run_job(job_id)
    if job.status in {Job.Status.FAILED, Job.Status.RETRYING}:
        raise JobFailed(f"{job}: {job.error}")


def run_job(job_id, on_progress=None):
    """Run one job and record its outcome; returns the job as it finished."""
    claimed = Job.objects.filter(
        pk=job_id, status__in=[Job.Status.QUEUED, Job.Status.RETRYING]
    ).update(
        status=Job.Status.RUNNING, started_at=timezone.now(), attempts=F("attempts") + 1
    )
    job = Job.objects.get(pk=job_id)
    if not claimed:  # already run, or running elsewhere (a queue may deliver twice)
        return job
    try:
        then = RUNS[job.kind](job, Progress(job.pk, on_progress))
    except Exception as error:
        logger.exception("%s failed", job)
        job.status, job.error = Job.Status.FAILED, describe_failure(error)
        job.report = {**job.report, "traceback": traceback.format_exc(limit=8)}
        then = None
    job.finished_at = timezone.now()
    job.save()
    if then:  # what follows it (thumbnails, a retry) starts once its row says it's done
        then()
    return job


def run_csv_import(job, progress):
    report = import_videos(job.input, progress=progress)
    job.total = report.rows
    job.problems = [str(problem) for problem in report.problems]
    job.report = report.as_dict()
    if not report.ok:
        job.status = Job.Status.REFUSED
        return None
    job.status, job.done = Job.Status.DONE, report.rows
    return lambda: start_thumbnails(report.changed_ids, user=job.created_by)


def run_archive_restore(job, progress):
    try:
        video_ids, warnings = import_archive_text(job.input, progress=progress)
    except ArchiveError as refusal:
        job.status, job.problems = Job.Status.REFUSED, refusal.problems
        job.report = {"summary": str(refusal)}
        return None
    job.status, job.total = Job.Status.DONE, len(video_ids)
    job.done = job.total
    job.report = {"summary": f"Restored {len(video_ids)} videos.", "warnings": warnings}
    return lambda: start_thumbnails(video_ids, user=job.created_by)


def run_thumbnails(job, progress):
    """Draw the videos still to draw; those that fail stay on the job for its retry."""
    failures = refresh_thumbnails(job.video_ids, progress)
    job.done = job.total - len(failures)
    job.video_ids = sorted(failures)
    job.report = {"failed": {str(pk): reason for pk, reason in failures.items()}}
    if not failures:
        job.status = Job.Status.DONE
        return None
    first = next(iter(failures.values()))
    job.error = f"{len(failures)} thumbnail(s) not drawn: {first}"
    delays = settings.JOB_RETRY_DELAYS
    if job.attempts > len(delays):
        job.status = Job.Status.FAILED
        return None
    delay = delays[job.attempts - 1]
    job.status, job.report["retry_in_seconds"] = Job.Status.RETRYING, delay
    return lambda: queue.dispatch(job.pk, delay=delay)


RUNS = {
    Job.Kind.CSV_IMPORT: run_csv_import,
    Job.Kind.ARCHIVE_RESTORE: run_archive_restore,
    Job.Kind.THUMBNAILS: run_thumbnails,
}


def wait_for(job, on_progress, poll_seconds=1.0):
    """Block until `job` finishes (for commands); `on_progress(state)` on each change."""
    last = None
    while True:
        job.refresh_from_db()
        state = live_progress(job)
        if state != last:
            on_progress(state)
            last = state
        if job.finished or job.status == Job.Status.RETRYING:
            return job
        time.sleep(poll_seconds)


queue.register_runner(run_job)
