"""Exhibits: curated paths through the archive (issue 16, item 4).

An exhibit has a title, an introduction in Markdown and ordered stops; each stop is a
video, optionally one of its moments, and the curator's text connecting it to the last.
Drafts stay private, like videos: an exhibit is public when published and its
publication time has come, and a stop shows only while its video is public.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from simple_history.models import HistoricalRecords

from videos.models.moments import link_at
from videos.models.querysets import NaturalKeyManager, public_q
from videos.models.slugged import Slugged
from videos.models.validators import LengthLimit, limited
from videos.models.videos import Video, VideoTechnique
from videos.pages.markdown import LONGEST_MARKDOWN, plain_opening

# A stop's connecting text: a paragraph or two.
LONGEST_STOP_TEXT = 1500


class ExhibitQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published, and not scheduled for later."""
        return self.filter(public_q())

    def for_page(self):
        """An exhibit with its public stops in order, each with its video (essay,
        artists, claims' techniques) and moment: a fixed number of queries."""
        videos = Video.objects.select_related("essay").prefetch_related(
            "artists",
            Prefetch(
                "claims",
                queryset=VideoTechnique.objects.select_related("technique"),
            ),
        )
        stops = (
            ExhibitStop.objects.filter(public_q("video__"))
            .select_related("moment")
            .prefetch_related(Prefetch("video", queryset=videos))
        )
        return self.prefetch_related(Prefetch("stops", queryset=stops))

    def for_list(self):
        """/exhibits/: each exhibit with its public stops' videos, for the path's
        years and thumbnails."""
        stops = ExhibitStop.objects.filter(public_q("video__")).select_related("video")
        return self.prefetch_related(Prefetch("stops", queryset=stops)).order_by(
            "-published_at", "title"
        )


class ExhibitManager(NaturalKeyManager.from_queryset(ExhibitQuerySet)):
    pass


class Exhibit(Slugged):
    url_name = "videos:exhibit"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(
        max_length=200,
        help_text=limited(200, "The path's title, as a claim or a route."),
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text=limited(200, "Used in URLs.")
    )
    introduction = models.TextField(
        validators=[LengthLimit(LONGEST_MARKDOWN)],
        help_text=limited(
            LONGEST_MARKDOWN,
            "Markdown, 80–250 words: what the path argues and why these stops. Facts "
            "only from sourced entries.",
        ),
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it goes public. A time in the future schedules it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = ExhibitManager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="draft")
                | models.Q(published_at__isnull=False),
                name="published_exhibit_has_publication_time",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def opening(self):
        return plain_opening(self.introduction)

    @property
    def years(self):
        """(earliest, latest) year of its public stops' videos (reads prefetched stops)."""
        years = [stop.video.year for stop in self.stops.all()]
        return (min(years), max(years)) if years else None


class ExhibitStop(models.Model):
    """One stop on an exhibit's path: a video, perhaps a moment in it, and the text that
    leads there from the stop before."""

    exhibit = models.ForeignKey(Exhibit, on_delete=models.CASCADE, related_name="stops")
    position = models.PositiveSmallIntegerField(
        help_text="Order on the path, first stop first."
    )
    video = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="exhibit_stops"
    )
    moment = models.ForeignKey(
        "videos.Moment",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="exhibit_stops",
        help_text="Optional: a moment of this video to start at.",
    )
    text = models.TextField(
        validators=[LengthLimit(LONGEST_STOP_TEXT)],
        help_text=limited(
            LONGEST_STOP_TEXT,
            "Markdown: why this stop, and what connects it to the one before.",
        ),
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("exhibit__slug", "position")

    class Meta:
        verbose_name = "stop"
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibit", "position"], name="one_stop_per_position"
            )
        ]

    def __str__(self):
        return f"{self.position}. {self.video}"

    def natural_key(self):
        return (*self.exhibit.natural_key(), self.position)

    natural_key.dependencies = ["videos.exhibit", "videos.video", "videos.moment"]

    @property
    def moment_link(self):
        """The watch link opening at this stop's moment, or "" where the host can't
        start there (reads the stop's video and moment: select them)."""
        if self.moment is None or not self.video.watch_url:
            return ""
        return link_at(self.video.watch_url, self.moment.seconds)

    def clean(self):
        if self.moment_id and self.video_id and self.moment.video_id != self.video_id:
            raise ValidationError({"moment": "Pick a moment of this stop's video."})
