"""The archive's vocabulary: named querysets and the shapes each page renders."""

from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone


def public_q(prefix=""):
    """The condition for a public video, optionally across a relation (`earlier__`)."""
    return Q(
        **{f"{prefix}status": "published", f"{prefix}published_at__lte": timezone.now()}
    )


class NaturalKeyManager(models.Manager):
    """Finds a row by its natural key, so fixtures load idempotently without ids.

    Each model names the lookups its ``natural_key()`` values match, in order.
    """

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.natural_key_lookups, key, strict=True)))


class VideoQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, and not scheduled for later."""
        return self.filter(public_q())

    def chronological(self):
        return self.order_by("year", "title", "pk")

    def for_timeline(self):
        """A video with its essay, credits and claims, in a fixed number of queries: the
        shape the video page and the exports build on. (Timeline pages read their entries
        as plain values instead: videos/entries.py.)"""
        from videos.models import VideoTechnique

        return self.select_related("essay").prefetch_related(
            "artists",
            "directors",
            Prefetch(
                "claims",
                queryset=VideoTechnique.objects.select_related("technique").order_by(
                    "-is_primary", "technique__name"
                ),
            ),
        )

    def for_detail(self):
        """A video page: the timeline shape plus tags, sources and precedents both ways."""
        from videos.models import Precedent

        return self.for_timeline().prefetch_related(
            "tags",
            "sources",
            Prefetch(
                "precedent_links",
                queryset=Precedent.objects.select_related("earlier").filter(
                    public_q("earlier__")
                ),
            ),
            Prefetch(
                "echo_links",
                queryset=Precedent.objects.select_related("later").filter(
                    public_q("later__")
                ),
            ),
        )

    def for_export(self):
        """A row of /timeline.json or /timeline.csv: the timeline shape plus tags."""
        return self.for_timeline().prefetch_related("tags")

    def for_api_detail(self):
        """/videos/<slug>.json: the export row plus sources and claims (in for_timeline)."""
        return self.for_export().prefetch_related("sources")

    def newly_published(self):
        """Public videos with an essay, the most recently published first: the feeds."""
        return (
            self.published()
            .filter(essay__isnull=False)
            .select_related("essay__author")
            .prefetch_related("artists")
            .order_by("-published_at", "pk")
        )


class VideoManager(NaturalKeyManager.from_queryset(VideoQuerySet)):
    pass
