"""How far a running job has got, readable from any process while it works.

An import writes in one transaction, so its own job row changes only when it commits;
its progress goes to the cache instead, which every process shares when REDIS_URL is set
(and, without Redis, jobs run in the web process that shows their page). The cache is an
optimisation here too: when it fails, the page shows the job's row, which is updated at
the start and end of every phase.
"""

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)

PHASES = {
    "checking": "Checking rows",
    "writing": "Writing rows",
    "drawing": "Drawing thumbnails",
}
# At most one cache write this often, so a fast loop stays fast.
WRITE_EVERY_SECONDS = 0.5
KEEP_SECONDS = 24 * 60 * 60


def cache_key(job_id):
    return f"job-progress:{job_id}"


class Progress:
    """Counts a job's rows: `start(phase, total)`, then `advance()` per row; each state
    written also goes to `on_change` (a command printing it), when given."""

    def __init__(self, job_id, on_change=None):
        self.job_id, self.on_change = job_id, on_change
        self.phase, self.total, self.done = "", 0, 0
        self.written_at = 0.0

    def start(self, phase, total):
        self.phase, self.total, self.done = phase, total, 0
        self.write()

    def advance(self, count=1):
        self.done += count
        if self.done >= self.total or time.monotonic() - self.written_at > (
            WRITE_EVERY_SECONDS
        ):
            self.write()

    def write(self):
        self.written_at = time.monotonic()
        state = {"phase": self.phase, "total": self.total, "done": self.done}
        try:
            cache.set(cache_key(self.job_id), state, KEEP_SECONDS)
        except Exception:  # a cache that is down costs the live count, not the job
            logger.warning("Job %s: progress not recorded", self.job_id, exc_info=True)
        if self.on_change:
            self.on_change({**state, "label": PHASES.get(self.phase, "")})


class NoProgress:
    """For callers that don't follow progress (tests, the shell)."""

    def start(self, phase, total):
        pass

    def advance(self, count=1):
        pass


def live_progress(job):
    """{"phase", "label", "total", "done"} for a job's page: the cache's count while it
    runs, the row's otherwise."""
    state = None
    if not job.finished:
        try:
            state = cache.get(cache_key(job.pk))
        except Exception:
            logger.warning("Job %s: progress unreadable", job.pk, exc_info=True)
    state = state or {"phase": "", "total": job.total, "done": job.done}
    return {**state, "label": PHASES.get(state["phase"], "")}
