"""Work that outlasts a request: CSV imports, archive restores and thumbnail drawing.

A job row is what an editor follows in the admin (videos/editorial/jobs.py runs it): its
input, how far it got, what it refused and why, and its outcome.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone


class JobQuerySet(models.QuerySet):
    def thumbnail_trouble(self, video_id, recent=20):
        """The newest thumbnail job for this video, when it failed or waits to retry.

        Reads the `recent` newest thumbnail jobs (their video lists are JSON, which
        SQLite cannot search), so it costs one small query.
        """
        jobs = self.filter(kind=Job.Kind.THUMBNAILS).order_by("-created_at", "-id")
        for job in jobs[:recent]:
            if video_id in job.video_ids:
                unfinished = job.status in {Job.Status.RETRYING, Job.Status.FAILED}
                return job if unfinished else None
        return None


class Job(models.Model):
    class Kind(models.TextChoices):
        CSV_IMPORT = "csv_import", "CSV import"
        ARCHIVE_RESTORE = "archive_restore", "Archive restore"
        THUMBNAILS = "thumbnails", "Thumbnails"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        REFUSED = "refused", "Refused: nothing was written"
        RETRYING = "retrying", "Failed; will be retried"
        FAILED = "failed", "Failed"

    FINISHED = {Status.DONE, Status.REFUSED, Status.FAILED}

    kind = models.CharField(max_length=20, choices=Kind.choices)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    name = models.CharField(
        max_length=200, blank=True, help_text="The file it reads, when it reads one."
    )
    input = models.TextField(blank=True, help_text="The CSV or JSON text it reads.")
    video_ids = models.JSONField(
        default=list, blank=True, help_text="Thumbnails: the videos still to draw."
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    total = models.PositiveIntegerField(default=0, help_text="Rows (or videos) in all.")
    done = models.PositiveIntegerField(default=0, help_text="Rows (or videos) done.")
    problems = models.JSONField(
        default=list,
        blank=True,
        help_text="What refused it, each naming its line or row.",
    )
    report = models.JSONField(default=dict, blank=True, help_text="Its outcome.")
    error = models.TextField(blank=True, help_text="Why it failed, when it did.")

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "-created_at"], name="job_by_kind")]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    @property
    def finished(self):
        return self.status in self.FINISHED

    def seems_lost(self):
        """Running for longer than any job may run: its worker died without a word (a
        killed process, a restarted server with the job in one of its threads)."""
        longest = timedelta(seconds=settings.JOB_TIMEOUT_SECONDS + 60)
        return (
            self.status == self.Status.RUNNING
            and self.started_at is not None
            and timezone.now() - self.started_at > longest
        )
