"""The archive's vocabulary: named querysets and the shapes each page renders."""

from django.db import models
from django.db.models import Prefetch
from django.utils import timezone


class NaturalKeyManager(models.Manager):
    """Finds a row by its natural key, so fixtures load idempotently without ids.

    Each model names the lookups its ``natural_key()`` values match, in order.
    """

    def get_by_natural_key(self, *key):
        return self.get(**dict(zip(self.model.natural_key_lookups, key, strict=True)))


class VideoQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, and not scheduled for later."""
        return self.filter(status="published", published_at__lte=timezone.now())

    def chronological(self):
        return self.order_by("year", "title", "pk")

    def for_timeline(self):
        """Everything a timeline entry renders, in a fixed number of queries."""
        from .models import VideoTechnique

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
        from .models import Precedent

        return self.for_timeline().prefetch_related(
            "tags",
            "sources",
            Prefetch(
                "precedent_links",
                queryset=Precedent.objects.select_related("earlier").filter(
                    earlier__in=self.model.objects.published()
                ),
            ),
            Prefetch(
                "echo_links",
                queryset=Precedent.objects.select_related("later").filter(
                    later__in=self.model.objects.published()
                ),
            ),
        )


class VideoManager(NaturalKeyManager.from_queryset(VideoQuerySet)):
    pass
