from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from videos.editorial.csv_import import decode_upload
from videos.editorial.jobs import start_csv_import, wait_for
from videos.management.commands.import_archive import report_progress
from videos.models import Job


class Command(BaseCommand):
    help = (
        "Add or update videos from a CSV shaped like milestones.csv, as a background "
        "job (followed here until it ends). Every row is checked first; if any row has "
        "a problem, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")
        parser.add_argument(
            "--detach",
            action="store_true",
            help="Queue the import and return; follow it in the admin's Jobs list.",
        )

    def handle(self, *args, file, detach, **options):
        try:
            text = decode_upload(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        if text is None:
            raise CommandError(f"{file} is not UTF-8 text; nothing was imported.")
        here = settings.JOB_RUNNER != "rq" and not detach
        report = report_progress(self, options["verbosity"])
        job = start_csv_import(text, name=file.name, here=here, on_progress=report)
        if detach:
            self.stdout.write(f"Queued {job}.")
            return
        job = wait_for(job, report)
        for problem in job.problems:
            self.stderr.write(problem)
        if job.status != Job.Status.DONE:
            raise CommandError(job.report.get("summary") or f"{job}: {job.error}")
        self.stdout.write(self.style.SUCCESS(job.report["summary"]))
