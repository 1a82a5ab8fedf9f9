"""Videos, their technique claims, tags and the precedents they echo."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from videos.models.confidence import Rated
from videos.models.credits import Artist, Director, DirectorCredit
from videos.models.identifiers import IdentifiedVideo
from videos.models.querysets import NaturalKeyManager, VideoManager
from videos.models.slugged import Slugged
from videos.models.techniques import Technique
from videos.models.validators import (
    EARLIEST_YEAR,
    LATEST_YEAR_IN_DATABASE,
    LengthLimit,
    limited,
    year_validators,
)

# A claim's usage is a sentence or two.
LONGEST_USAGE = 1000


class TaggedVideo(TaggedItemBase):
    """Tags join videos through a real foreign key, so tag filters use an index."""

    content_object = models.ForeignKey(
        "Video", on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_object", "tag"], name="unique_tag_per_video"
            )
        ]

    objects = NaturalKeyManager()
    natural_key_lookups = ("content_object__slug", "tag__name")

    def natural_key(self):
        return (*self.content_object.natural_key(), self.tag.name)

    natural_key.dependencies = ["videos.video", "taggit.tag"]


def timeline_place(operator, place):
    """Videos before (`<`) or after (`>`) `place`, a [year, title], in timeline order."""
    sql = f'("videos_video"."year", "videos_video"."title") {operator} (%s, %s)'
    return RawSQL(sql, place, output_field=BooleanField())


class Video(IdentifiedVideo, Rated, Slugged):
    url_name = "videos:video"

    class Status(models.TextChoices):
        """Where an entry stands on its way from a writer to the public (a published
        video whose publication time is still to come is shown as Scheduled)."""

        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    title = models.CharField(
        max_length=200, help_text=limited(200, "The song's title as released.")
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text=limited(200, "Used in URLs.")
    )
    artists = models.ManyToManyField(
        Artist, related_name="videos", help_text="Performers credited on the video."
    )
    directors = models.ManyToManyField(
        Director,
        through=DirectorCredit,
        related_name="videos",
        help_text="As credited, in the credited order; co-directors too.",
    )
    year = models.PositiveSmallIntegerField(
        validators=year_validators, help_text="Year the video (not the song) came out."
    )
    release_date = models.DateField(
        null=True, blank=True, help_text="Optional exact release date, when sourced."
    )
    techniques = models.ManyToManyField(
        Technique, through="VideoTechnique", related_name="videos"
    )
    tags = TaggableManager(
        through=TaggedVideo, blank=True, help_text="Themes, comma-separated."
    )
    still = models.ImageField(
        upload_to="stills/",
        blank=True,
        width_field="still_width",
        height_field="still_height",
        help_text="Optional still you have the right to publish. Without one, a title "
        "card is drawn.",
    )
    still_alt = models.CharField(
        "still's alt text",
        max_length=300,
        blank=True,
        help_text=limited(
            300,
            "What the still shows, for readers who can't see it (needed to publish a "
            "video with a still).",
        ),
    )
    still_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    still_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail = models.ImageField(
        upload_to="thumbnails/",
        blank=True,
        editable=False,
        width_field="thumbnail_width",
        height_field="thumbnail_height",
    )
    thumbnail_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    thumbnail_height = models.PositiveIntegerField(
        null=True, blank=True, editable=False
    )
    watch_url = models.URLField(
        blank=True,
        help_text=limited(
            200, "Where to watch it, ideally the artist's official upload."
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
    precedents = models.ManyToManyField(
        "self",
        through="Precedent",
        symmetrical=False,
        through_fields=("later", "earlier"),
        related_name="echoed_by",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Maintained by videos.search on PostgreSQL (GIN-indexed there); unused on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    history = HistoricalRecords(
        m2m_fields=[artists, directors], excluded_fields=["search_vector"]
    )

    objects = VideoManager()

    class Meta:
        ordering = ["year", "title"]
        indexes = [
            # Timeline order, with what `published()` tests: a video page's neighbours
            # and the timeline index's placing of a changed video walk it from one row.
            # (The id is listed for PostgreSQL, whose indexes don't carry it.)
            models.Index(
                fields=["year", "title", "status", "published_at", "id"],
                name="video_timeline",
            ),
            # The next scheduled publication, which bounds how long a page is cached, is
            # a short range scan from now instead of a pass over every video.
            models.Index(fields=["published_at", "status"], name="video_publication"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_YEAR)
                & Q(year__lte=LATEST_YEAR_IN_DATABASE),
                name="video_year_in_range",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="published_video_has_publication_time",
            ),
        ]
        permissions = [
            ("review_video", "Can approve a video or send it back to its writer"),
            ("publish_video", "Can publish, schedule and unpublish a video"),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    @property
    def is_scheduled(self):
        """Published, with a publication time still to come."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and not self.is_scheduled

    @property
    def stage(self):
        """The status as editors read it: "Scheduled" for a publication to come."""
        return "Scheduled" if self.is_scheduled else self.get_status_display()

    @property
    def decade(self):
        return self.year - self.year % 10

    def neighbours(self):
        """The published videos just before and after this one on the timeline."""
        # A row comparison on (year, title), which both databases read as one range of
        # the timeline index starting at this video: 0.3 ms at a million on PostgreSQL,
        # where "this year or later, less this year's earlier titles" filtered out
        # every earlier title of the year first (20-35 ms).
        published = Video.objects.published()
        place = [self.year, self.title]
        before = published.filter(timeline_place("<", place))
        after = published.filter(timeline_place(">", place))
        return {
            "previous": before.order_by("-year", "-title").first(),
            "next": after.order_by("year", "title").first(),
        }


class VideoTechnique(Rated, models.Model):
    """A technique claim: how one video uses one technique, and who says so."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="claims")
    technique = models.ForeignKey(
        Technique, on_delete=models.PROTECT, related_name="claims"
    )
    usage = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_USAGE)],
        help_text=limited(
            LONGEST_USAGE, "How the technique is used in this video, in a sentence."
        ),
    )
    is_primary = models.BooleanField(
        default=False, help_text="The technique the video is filed under first."
    )
    tool = models.CharField(
        max_length=200,
        blank=True,
        help_text=limited(200, "Tool or system, e.g. “Bosch FGS-4000”."),
    )
    studio = models.CharField(
        max_length=200,
        blank=True,
        help_text=limited(200, "Studio behind it, e.g. “Deep Voodoo”."),
    )
    timecode = models.DurationField(
        null=True,
        blank=True,
        help_text="Optional: where it can be seen, as m:ss (e.g. 1:40).",
    )
    source_url = models.URLField(
        max_length=500,
        blank=True,
        help_text=limited(500, "The page that supports this claim."),
    )
    correction = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_USAGE)],
        help_text=limited(
            LONGEST_USAGE,
            "Only when this claim corrects or adds to the verified facts table: what "
            "changed, and why.",
        ),
    )
    correction_source_url = models.URLField(
        max_length=500,
        blank=True,
        help_text=limited(500, "The page the correction rests on."),
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("video__slug", "technique__slug")

    class Meta:
        verbose_name = "technique claim"
        ordering = ["-is_primary", "technique__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["video", "technique"], name="one_claim_per_technique"
            ),
            models.UniqueConstraint(
                fields=["video"],
                condition=Q(is_primary=True),
                name="one_primary_technique_per_video",
            ),
            models.CheckConstraint(
                condition=Q(correction="") | ~Q(correction_source_url=""),
                name="correction_cites_a_source",
            ),
        ]
        indexes = [
            models.Index(fields=["technique", "video"], name="claim_by_technique")
        ]

    def __str__(self):
        return f"{self.technique} in {self.video}"

    def natural_key(self):
        return (*self.video.natural_key(), *self.technique.natural_key())

    natural_key.dependencies = ["videos.video", "videos.technique"]

    @property
    def timecode_seconds(self):
        return int(self.timecode.total_seconds()) if self.timecode else None

    @property
    def timecode_label(self):
        if self.timecode is None:
            return ""
        minutes, seconds = divmod(self.timecode_seconds, 60)
        return f"{minutes}:{seconds:02d}"


class Precedent(models.Model):
    """A later video that echoes an earlier one: “The Heart Part 5” echoes “Cry”."""

    later = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="precedent_links"
    )
    earlier = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="echo_links"
    )
    note = models.CharField(
        max_length=300, help_text=limited(300, "One line: what it echoes.")
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("later__slug", "earlier__slug")

    class Meta:
        ordering = ["earlier__year", "earlier__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["later", "earlier"], name="one_link_per_pair"
            ),
            models.CheckConstraint(
                condition=~Q(later=models.F("earlier")), name="no_self_precedent"
            ),
        ]

    def __str__(self):
        return f"{self.later.title} echoes {self.earlier.title}"

    def natural_key(self):
        return (*self.later.natural_key(), *self.earlier.natural_key())

    natural_key.dependencies = ["videos.video"]
