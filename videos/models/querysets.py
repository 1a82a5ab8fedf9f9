"""The archive's vocabulary: named querysets and the shapes each page renders."""

from django.db import models
from django.db.models import Count, Max, Min, Prefetch, Q
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


class SluggedQuerySet(models.QuerySet):
    """Artists, directors and techniques: what links them to public videos."""

    # The relation from the row to its videos ("videos" for credits, "claims__video"
    # for techniques).
    videos_path = "videos"

    def public(self):
        """Rows at least one public video links to; names attached only to drafts or
        scheduled videos are not discoverable."""
        return self.filter(public_q(f"{self.videos_path}__")).distinct()

    def with_public_counts(self):
        """Rows with public videos, each with `video_count`, `first` and `last` year."""
        path = self.videos_path
        return self.filter(public_q(f"{path}__")).annotate(
            video_count=Count(path, distinct=True),
            first=Min(f"{path}__year"),
            last=Max(f"{path}__year"),
        )


class TechniqueQuerySet(SluggedQuerySet):
    videos_path = "claims__video"

    def with_lineage(self):
        return self.prefetch_related("descends_from", "descendants")

    def used_in(self, videos):
        """The techniques claimed by `videos`, most used first."""
        return (
            self.filter(claims__video__in=videos)
            .annotate(video_count=Count("claims"))
            .order_by("-video_count", "name")
        )


def credited_directors():
    """A video's directors in its credited order, for prefetch_related.

    The ordering reuses the join the prefetch already makes to the credits table, so
    each director comes once per video, in one query.
    """
    from videos.models import Director

    return Prefetch(
        "directors",
        queryset=Director.objects.order_by("credits__position", "credits__pk"),
    )


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
            credited_directors(),
            Prefetch(
                "claims",
                queryset=VideoTechnique.objects.select_related("technique").order_by(
                    "-is_primary", "technique__name"
                ),
            ),
        )

    def for_detail(self):
        """A video page: the timeline shape plus tags, sources, moments and precedents
        both ways."""
        from videos.models import Precedent

        return self.for_timeline().prefetch_related(
            "tags",
            "sources",
            "moments",
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


class SluggedManager(NaturalKeyManager.from_queryset(SluggedQuerySet)):
    pass


class TechniqueManager(NaturalKeyManager.from_queryset(TechniqueQuerySet)):
    pass
