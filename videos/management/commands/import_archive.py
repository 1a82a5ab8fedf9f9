import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from videos.editorial.backup import ArchiveError, import_archive
from videos.editorial.images import refresh_thumbnail
from videos.models import Video


class Command(BaseCommand):
    help = (
        "Restore a document written by export_archive into an empty database, in one "
        "transaction; refuses when the archive already has rows."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The JSON document.")

    def handle(self, *args, file, **options):
        try:
            document = json.loads(file.read_text(encoding="utf-8"))
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from error
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{file} is not a JSON document: {error}.") from error
        try:
            videos = import_archive(document)
        except ArchiveError as error:
            raise CommandError(str(error)) from error
        transaction.on_commit(lambda: self.draw_thumbnails(videos.values()))
        self.stdout.write(self.style.SUCCESS(f"Restored {len(videos)} videos."))

    def draw_thumbnails(self, videos):
        for video in Video.objects.filter(pk__in=[video.pk for video in videos]):
            if video.still and not video.still.storage.exists(video.still.name):
                self.stderr.write(
                    f"{video.slug}: no thumbnail drawn, {video.still.name} is not in "
                    "MEDIA_ROOT (media files are copied separately)."
                )
                continue
            refresh_thumbnail(video)
