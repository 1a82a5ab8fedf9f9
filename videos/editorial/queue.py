"""Where jobs run (settings.JOB_RUNNER).

- "rq": on Redis through RQ; `manage.py rqworker --with-scheduler` runs them (the
  scheduler runs the delayed retries). The default whenever REDIS_URL is set.
- "thread": in this process, in a thread started once the response has been sent, so
  `make run` needs no Redis and no worker. Without a request (a management command, or
  a job that queues another), the job runs at once in the caller's thread.

Either way a job is handed over only once the transaction that created it commits. If
Redis can't take a job, it runs in this process instead: it is late, never lost.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import connections, transaction

logger = logging.getLogger(__name__)

_request = threading.local()
# Retries waiting in this process (cancelled by the tests that start them).
waiting_retries = set()


def submit(job):
    """Run `job` once the current transaction commits (at once outside one)."""
    job_id = job.pk
    transaction.on_commit(lambda: dispatch(job_id))


def dispatch(job_id, delay=0):
    if settings.JOB_RUNNER == "rq":
        try:
            enqueue_on_rq(job_id, delay)
            return
        except Exception:
            logger.warning(
                "Job %s: the queue is unreachable; running it here", job_id, exc_info=1
            )
    run_in_process(job_id, delay)


def enqueue_on_rq(job_id, delay):
    import redis
    from rq import Queue

    # Short timeouts: a frozen Redis must not hold an editor's request.
    connection = redis.Redis.from_url(
        settings.JOB_QUEUE_URL, socket_connect_timeout=1, socket_timeout=2
    )
    queue = Queue(settings.JOB_QUEUE_NAME, connection=connection)
    options = {"job_timeout": settings.JOB_TIMEOUT_SECONDS, "result_ttl": 24 * 3600}
    task = "videos.editorial.jobs.run_queued_job"
    if delay:
        queue.enqueue_in(timedelta(seconds=delay), task, job_id, **options)
    else:
        queue.enqueue(task, job_id, **options)


def run_in_process(job_id, delay=0):
    if delay:
        timer = threading.Timer(delay, _run_in_thread, [job_id])
        timer.daemon = True
        waiting_retries.add(timer)
        timer.start()
    elif getattr(_request, "deferred", None) is not None:
        _request.deferred.append(job_id)  # started by request_finished, below
    else:
        _run_here(job_id)


_runner = None


def register_runner(run_job):
    """What runs a job in this process: videos/editorial/jobs.py registers its run_job
    when it is imported (the queue knows jobs only by id, so it imports none of them)."""
    global _runner
    _runner = run_job


def _run_here(job_id):
    try:
        _runner(job_id)
    except Exception:  # run_job records what it can; this is a failure to record
        logger.exception("Job %s could not be run", job_id)


def _run_in_thread(job_id):
    waiting_retries.discard(threading.current_thread())
    try:
        _run_here(job_id)
    finally:
        connections.close_all()  # this thread's own connections


def _start_request(**kwargs):
    _request.deferred = []


def _finish_request(**kwargs):
    deferred, _request.deferred = getattr(_request, "deferred", None) or [], None
    for job_id in deferred:
        threading.Thread(
            target=_run_in_thread, args=[job_id], name=f"job-{job_id}", daemon=True
        ).start()


request_started.connect(_start_request, dispatch_uid="jobs-request-started")
request_finished.connect(_finish_request, dispatch_uid="jobs-request-finished")
