"""The curator's essay on each video, and the sources it cites."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from videos.models.querysets import NaturalKeyManager
from videos.models.validators import LengthLimit, limited
from videos.models.videos import Video
from videos.pages.markdown import LONGEST_MARKDOWN, plain_opening


class Essay(models.Model):
    class Verdict(models.TextChoices):
        JUSTIFIED = "justified", "Justified"
        GIMMICK = "gimmick", "Gimmick"
        CONTESTED = "contested", "Contested"

    video = models.OneToOneField(Video, on_delete=models.CASCADE, related_name="essay")
    headline = models.CharField(
        max_length=200, help_text=limited(200, "An arguable one-line claim.")
    )
    body = models.TextField(
        validators=[LengthLimit(LONGEST_MARKDOWN)],
        help_text=limited(
            LONGEST_MARKDOWN,
            "Markdown, 150–400 words: the technique then, what the idea asked of it, "
            "whether it served it, and its precedents.",
        ),
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


# A quotation supports a claim; it never stands in for the source (issue 18).
LONGEST_QUOTE = 300
WAYBACK = "https://web.archive.org/web/{}/{}"


class Source(models.Model):
    """A citation for a video's essay (one essay per video, so it hangs on the video)."""

    video = models.ForeignKey(Video, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(
        max_length=300, help_text=limited(300, "The page's or article's title.")
    )
    publication = models.CharField(
        max_length=200, blank=True, help_text=limited(200, "Site, paper or magazine.")
    )
    author = models.CharField(
        max_length=200, blank=True, help_text=limited(200, "When known.")
    )
    date = models.DateField(null=True, blank=True, help_text="When known.")
    url = models.URLField(
        max_length=500, help_text=limited(500, "Where a reader can check it.")
    )
    retrieved = models.DateField(
        null=True,
        blank=True,
        help_text="When the page was read; the archived copy is looked up near it.",
    )
    quote = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_QUOTE)],
        help_text=limited(
            LONGEST_QUOTE,
            "Optional: the passage that supports the claim, copied exactly and kept "
            "short; it is shown with the source's author and title.",
        ),
    )
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

    @property
    def archive_url(self):
        """The Wayback Machine's copy nearest the day it was read (or published), or
        its list of copies: built from the URL, never fetched."""
        day = self.retrieved or self.date
        return WAYBACK.format(day.strftime("%Y%m%d") if day else "*", self.url)
