from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from videos.editorial.csv_import import decode_upload, import_videos


class Command(BaseCommand):
    help = (
        "Add or update videos from a CSV shaped like milestones.csv. Every row is "
        "checked first; if any row has a problem, nothing is written."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The CSV file (UTF-8).")

    def handle(self, *args, file, **options):
        try:
            text = decode_upload(file.read_bytes())
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        if text is None:
            raise CommandError(f"{file} is not UTF-8 text; nothing was imported.")
        report = import_videos(text)
        for problem in report.problems:
            self.stderr.write(str(problem))
        if not report.ok:
            raise CommandError(report.summary())
        self.stdout.write(self.style.SUCCESS(report.summary()))
