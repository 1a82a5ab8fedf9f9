from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from videos.editorial.jobs import start_archive_restore, wait_for
from videos.models import Job


def report_progress(command, verbosity):
    """Progress lines on stderr, when verbosity asks for them (-v 2)."""

    def report(state):
        if verbosity >= 2 and state["label"]:
            command.stderr.write(
                f"{state['label']}: {state['done']} of {state['total']}"
            )

    return report


class Command(BaseCommand):
    help = (
        "Restore a document written by export_archive into an empty database, in one "
        "transaction, as a background job (followed here until it ends). Every row is "
        "checked first; refuses when the archive already has rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The JSON document.")
        parser.add_argument(
            "--detach",
            action="store_true",
            help="Queue the restore and return; follow it in the admin's Jobs list.",
        )

    def handle(self, *args, file, detach, **options):
        try:
            text = file.read_text(encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: {error}.") from error
        here = settings.JOB_RUNNER != "rq" and not detach
        report = report_progress(self, options["verbosity"])
        job = start_archive_restore(text, name=file.name, here=here, on_progress=report)
        if detach:
            self.stdout.write(f"Queued {job}.")
            return
        job = wait_for(job, report)
        for problem in job.problems:
            self.stderr.write(problem)
        if job.status != Job.Status.DONE:
            raise CommandError(job.report.get("summary") or f"{job}: {job.error}")
        for warning in job.report.get("warnings", []):
            self.stderr.write(warning)
        self.stdout.write(self.style.SUCCESS(job.report["summary"]))
