from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from videos.images import refresh_thumbnail
from videos.models import Video
from videos.search import refresh_search_vectors

FIXTURE = "fixtures/collection.json"


class Command(BaseCommand):
    help = (
        "Load the curated collection. Skipped when the archive already has videos, so "
        "editors' changes survive `make run`; --reload overwrites the curated entries "
        "in place (matched by slug, never duplicated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reload", action="store_true")

    def handle(self, *args, reload=False, **options):
        existing = Video.objects.count()
        if existing and not reload:
            self.stdout.write(
                f"The archive already holds {existing} videos; not reloading "
                "(use --reload to restore the curated entries)."
            )
        else:
            with transaction.atomic():
                call_command("loaddata", FIXTURE, verbosity=0)
            self.stdout.write(
                f"Loaded the curated collection: {Video.objects.count()} videos."
            )
            refresh_search_vectors()
        drawn = sum(refresh_thumbnail(video) for video in Video.objects.all())
        if drawn:
            self.stdout.write(f"Drew {drawn} title cards or thumbnails.")
