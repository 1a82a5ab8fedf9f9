import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from videos.editorial.images import refresh_thumbnail
from videos.models import Video
from videos.timeline.search import refresh_search_vectors

FIXTURE = settings.BASE_DIR / "fixtures" / "collection.json"
# The curated exhibits (issue 16), loaded after the videos and moments they walk through.
EXHIBITS = settings.BASE_DIR / "fixtures" / "exhibits.json"


def curated_slugs():
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [obj["fields"]["slug"] for obj in objects if obj["model"] == "videos.video"]


class Command(BaseCommand):
    help = (
        "Load the curated collection. Skipped when the archive already has videos, so "
        "editors' changes survive `make run`; --reload overwrites the curated entries "
        "in place (matched by slug, never duplicated)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reload", action="store_true")

    def handle(self, *args, reload=False, **options):
        curated = Video.objects.filter(slug__in=curated_slugs())
        existing = Video.objects.count()
        if existing and not reload:
            self.stdout.write(
                f"The archive already holds {existing} videos; not reloading "
                "(use --reload to restore the curated entries)."
            )
        else:
            with transaction.atomic():
                call_command("loaddata", FIXTURE, EXHIBITS, verbosity=0)
            refresh_search_vectors(curated.values_list("pk", flat=True))
            self.stdout.write(
                f"Loaded the curated collection: {curated.count()} videos."
            )
        # Only curated entries get cards here: a generated archive of 100,000 videos
        # beside them must not make `make run` draw 100,000 images.
        drawn = sum(refresh_thumbnail(video) for video in curated.filter(thumbnail=""))
        if drawn:
            self.stdout.write(f"Drew {drawn} title cards.")
