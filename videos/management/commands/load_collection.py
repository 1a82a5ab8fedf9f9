import json

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import OuterRef, Subquery

from videos.editorial.images import refresh_thumbnail
from videos.editorial.revert import tracked_parts
from videos.models import Video
from videos.timeline.search import refresh_search_vectors

FIXTURE = settings.BASE_DIR / "fixtures" / "collection.json"
# The curated exhibits (issue 16), loaded after the videos and moments they walk through.
EXHIBITS = settings.BASE_DIR / "fixtures" / "exhibits.json"


def curated_slugs():
    objects = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return [obj["fields"]["slug"] for obj in objects if obj["model"] == "videos.video"]


def record_first_revisions(videos, recorded_before):
    """A first history record for each newly loaded entry and its parts, which
    loaddata's raw saves don't write, so that an editor's first change shows as a diff
    from it. Each entry's records are dated when it was written and read as one save.

    loaddata does leave one record per video, made when it set the video's artists and
    directors (which keeps their snapshot): that record becomes the video's first."""
    reason = "Loaded with the curated collection"
    new = videos.exclude(pk__in=recorded_before)
    written = Video.objects.filter(pk=OuterRef("id")).values("created_at")[:1]
    Video.history.filter(id__in=new.values("pk")).update(
        history_type="+", history_change_reason=reason, history_date=Subquery(written)
    )
    Video.history.bulk_history_create(
        list(new.exclude(pk__in=Video.history.values("id"))),
        default_change_reason=reason,
    )
    dates = dict(new.values_list("pk", "created_at"))
    for model, link in tracked_parts():
        rows = model.objects.filter(**{f"{link}__in": new})
        unrecorded = list(rows.exclude(pk__in=model.history.values("id")))
        for row in unrecorded:
            row._history_date = dates[getattr(row, f"{link}_id")]
        model.history.bulk_history_create(unrecorded, default_change_reason=reason)


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
                recorded = set(Video.history.values_list("id", flat=True).distinct())
                call_command("loaddata", FIXTURE, EXHIBITS, verbosity=0)
                record_first_revisions(curated, recorded)
            refresh_search_vectors(curated.values_list("pk", flat=True))
            self.stdout.write(
                f"Loaded the curated collection: {curated.count()} videos."
            )
        # Only curated entries get cards here: a generated archive of 100,000 videos
        # beside them must not make `make run` draw 100,000 images.
        drawn = sum(refresh_thumbnail(video) for video in curated.filter(thumbnail=""))
        if drawn:
            self.stdout.write(f"Drew {drawn} title cards.")
