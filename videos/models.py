from functools import lru_cache

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from .markdown import plain_opening
from .querysets import NaturalKeyManager, VideoManager

EARLIEST_YEAR = 1900
# The database bound is fixed (SQLite refuses a clock in a CHECK); forms also refuse a year
# after next year through validate_not_after_next_year.
LATEST_YEAR_IN_DATABASE = 2100


def validate_not_after_next_year(year):
    if year is not None and year > timezone.now().year + 1:
        raise ValidationError(f"{year} is after next year.")


SLUG_PLACEHOLDER = "--slug--"


@lru_cache(maxsize=64)
def _url_with_placeholder(viewname, script_prefix):
    return reverse(viewname, args=[SLUG_PLACEHOLDER])


def slug_url(viewname, slug):
    """reverse(viewname, args=[slug]), reversed once per view rather than once per link.

    A timeline page links each video, artist, director and technique (hundreds of links);
    slugs need no quoting, so the slug is put into a URL reversed with a placeholder.
    """
    return _url_with_placeholder(viewname, get_script_prefix()).replace(
        SLUG_PLACEHOLDER, slug
    )


year_validators = [MinValueValidator(EARLIEST_YEAR), validate_not_after_next_year]
WEB_SCHEMES = ("https://", "http://")
hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #1d4e89.")


class Artist(models.Model):
    name = models.CharField(
        max_length=200, help_text="As credited, e.g. “Dire Straits”."
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs.")
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("slug",)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("videos:artist", self.slug)

    def natural_key(self):
        return (self.slug,)


class Director(models.Model):
    name = models.CharField(max_length=200, help_text="As credited on the videos.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs.")
    bio = models.TextField(
        blank=True,
        help_text="Markdown. What their use of technology has in common; link sources.",
    )
    portrait = models.ImageField(
        upload_to="directors/",
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        help_text="Optional. A photo you have the right to publish; JPEG or PNG.",
    )
    portrait_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    portrait_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    links = models.TextField(
        blank=True,
        help_text="Optional. One URL per line: site, filmography, interviews.",
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("slug",)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("videos:director", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def link_list(self):
        """The web addresses among the links; anything else (javascript:…) is dropped."""
        lines = (line.strip() for line in self.links.splitlines())
        return [line for line in lines if line.lower().startswith(WEB_SCHEMES)]


class Technique(models.Model):
    name = models.CharField(max_length=100, unique=True, help_text="Sentence case.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in URLs.")
    summary = models.CharField(
        max_length=200, help_text="One line, shown on chips' tooltips and lists."
    )
    essay = models.TextField(
        blank=True,
        help_text="Markdown. Its history: first appearance, lineage, reception.",
    )
    first_used_year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=year_validators,
        help_text="Year of its first music video in this collection.",
    )
    colour = models.CharField(
        max_length=7,
        default="#44546a",
        validators=[hex_colour],
        help_text="Hex colour for chips and charts; white text must stay readable on it.",
    )
    descends_from = models.ManyToManyField(
        "self",
        symmetrical=False,
        related_name="descendants",
        blank=True,
        help_text="Techniques this one grew out of (dissolve/wipe → digital morphing).",
    )
    history = HistoricalRecords(m2m_fields=[descends_from])

    objects = NaturalKeyManager()
    natural_key_lookups = ("slug",)

    class Meta:
        ordering = ["first_used_year", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(first_used_year__gte=EARLIEST_YEAR)
                & Q(first_used_year__lte=LATEST_YEAR_IN_DATABASE)
                | Q(first_used_year__isnull=True),
                name="technique_first_used_year_in_range",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("videos:technique", self.slug)

    def natural_key(self):
        return (self.slug,)


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


class Video(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text="The song's title as released.")
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in URLs.")
    artists = models.ManyToManyField(
        Artist, related_name="videos", help_text="Performers credited on the video."
    )
    directors = models.ManyToManyField(
        Director, related_name="videos", help_text="As credited; co-directors too."
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
        blank=True, help_text="Where to watch it, ideally the artist's official upload."
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
    natural_key_lookups = ("slug",)

    class Meta:
        ordering = ["year", "title"]
        indexes = [
            # Timeline order, with what `published()` tests, so filtering by visibility
            # and years and counting reads the index alone. (The id is listed for
            # PostgreSQL, whose indexes don't carry the row id as SQLite's do.)
            models.Index(
                fields=["year", "title", "status", "published_at", "id"],
                name="video_timeline",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=EARLIEST_YEAR)
                & Q(year__lte=LATEST_YEAR_IN_DATABASE),
                name="video_year_in_range",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_video_has_publication_time",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})"

    def get_absolute_url(self):
        return slug_url("videos:video", self.slug)

    def natural_key(self):
        return (self.slug,)

    @property
    def decade(self):
        return self.year - self.year % 10

    @property
    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    def neighbours(self):
        """The published videos just before and after this one on the timeline."""
        # Written as a range on year minus this year's other side, so the database walks
        # the timeline index from this video instead of sorting the archive.
        published = Video.objects.published()
        before = published.filter(year__lte=self.year).exclude(
            year=self.year, title__gte=self.title
        )
        after = published.filter(year__gte=self.year).exclude(
            year=self.year, title__lte=self.title
        )
        return {
            "previous": before.order_by("-year", "-title").first(),
            "next": after.order_by("year", "title").first(),
        }

    def watch_link(self, seconds=None):
        """The watch URL, jumping to `seconds` on hosts that take a start time."""
        if not self.watch_url or not seconds:
            return self.watch_url
        separator = "&" if "?" in self.watch_url else "?"
        return f"{self.watch_url}{separator}t={seconds}"


class VideoTechnique(models.Model):
    """A technique claim: how one video uses one technique, and who says so."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="claims")
    technique = models.ForeignKey(
        Technique, on_delete=models.PROTECT, related_name="claims"
    )
    usage = models.TextField(
        blank=True, help_text="How the technique is used in this video, in a sentence."
    )
    is_primary = models.BooleanField(
        default=False, help_text="The technique the video is filed under first."
    )
    tool = models.CharField(
        max_length=200, blank=True, help_text="Tool or system, e.g. “Bosch FGS-4000”."
    )
    studio = models.CharField(
        max_length=200, blank=True, help_text="Studio behind it, e.g. “Deep Voodoo”."
    )
    timecode = models.DurationField(
        null=True,
        blank=True,
        help_text="Optional: where it can be seen, as m:ss (e.g. 1:40).",
    )
    source_url = models.URLField(
        max_length=500, blank=True, help_text="The page that supports this claim."
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


class Essay(models.Model):
    class Verdict(models.TextChoices):
        JUSTIFIED = "justified", "Justified"
        GIMMICK = "gimmick", "Gimmick"
        CONTESTED = "contested", "Contested"

    video = models.OneToOneField(Video, on_delete=models.CASCADE, related_name="essay")
    headline = models.CharField(max_length=200, help_text="An arguable one-line claim.")
    body = models.TextField(
        help_text="Markdown, 150–400 words: the technique then, what the idea asked of "
        "it, whether it served it, and its precedents."
    )
    verdict = models.CharField(
        max_length=10,
        choices=Verdict.choices,
        db_index=True,
        help_text="Justified: the technique carries the idea. Gimmick: the technique is "
        "the idea. Contested: a fair case both ways.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="essays",
        help_text="Set to the editor who first saves it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("video__slug",)

    class Meta:
        ordering = ["video__year"]
        # The verdict facet counts essays of the filtered videos from this index alone.
        indexes = [
            models.Index(fields=["video", "verdict"], name="essay_verdict_by_video")
        ]

    def __str__(self):
        return self.headline

    @property
    def opening(self):
        return plain_opening(self.body)

    def natural_key(self):
        return self.video.natural_key()

    natural_key.dependencies = ["videos.video"]


class Source(models.Model):
    """A citation for a video's essay (one essay per video, so it hangs on the video)."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=300, help_text="The page's or article's title.")
    publication = models.CharField(
        max_length=200, blank=True, help_text="Site, paper or magazine."
    )
    author = models.CharField(max_length=200, blank=True, help_text="When known.")
    date = models.DateField(null=True, blank=True, help_text="When known.")
    url = models.URLField(max_length=500, help_text="Where a reader can check it.")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the list; the main source first."
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("video__slug", "url")

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["video", "url"], name="source_once_per_video"
            )
        ]

    def __str__(self):
        return self.title

    def natural_key(self):
        return (*self.video.natural_key(), self.url)

    natural_key.dependencies = ["videos.video"]


class Precedent(models.Model):
    """A later video that echoes an earlier one: “The Heart Part 5” echoes “Cry”."""

    later = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="precedent_links"
    )
    earlier = models.ForeignKey(
        Video, on_delete=models.CASCADE, related_name="echo_links"
    )
    note = models.CharField(max_length=300, help_text="One line: what it echoes.")
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


class ArchiveState(models.Model):
    """One row whose version changes after every editor's change commits.

    Cached pages are keyed by it (videos/caching.py). It lives in the database, not the
    cache, so every app server and worker sees a change at once even when each keeps its
    own local-memory cache.
    """

    version = models.BigIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="archive_state_single_row")
        ]

    def __str__(self):
        return f"archive version {self.version}"
