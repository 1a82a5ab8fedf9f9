"""Timecoded moments: where in a video to look, and who says so."""

from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from videos.models.querysets import NaturalKeyManager
from videos.models.validators import limited

# Hosts whose players take a start time, and how (?t=100s / #t=100s).
YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def link_at(watch_url, seconds):
    """`watch_url` opening at `seconds`, or "" when its host can't be told where to start."""
    host = urlsplit(watch_url).hostname or ""
    if host in YOUTUBE_HOSTS:
        separator = "&" if "?" in watch_url else "?"
        return f"{watch_url}{separator}t={seconds}s"
    if host in VIMEO_HOSTS:
        return f"{watch_url.split('#')[0]}#t={seconds}s"
    return ""


def minutes_and_seconds(seconds):
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes}:{seconds:02d}"


class Moment(models.Model):
    """A point in a video worth watching (“start at 1:40”), with its source."""

    video = models.ForeignKey(
        "videos.Video", on_delete=models.CASCADE, related_name="moments"
    )
    claim = models.ForeignKey(
        "videos.VideoTechnique",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="moments",
        help_text="Optional: the technique claim this moment shows.",
    )
    seconds = models.PositiveIntegerField(
        help_text="Where it is, in seconds from the start (1:40 is 100)."
    )
    what = models.CharField(
        max_length=300,
        help_text=limited(
            300, "What you see there, in a line; say “approximate” when the source is."
        ),
    )
    source_title = models.CharField(
        max_length=300,
        blank=True,
        help_text=limited(300, "The page or text that gives the time."),
    )
    source_publication = models.CharField(
        max_length=200,
        blank=True,
        help_text=limited(200, "Site, paper or magazine, when known."),
    )
    source_url = models.URLField(
        max_length=500,
        blank=True,
        help_text=limited(
            500, "Its address, when it has one (the seed article has none)."
        ),
    )
    history = HistoricalRecords()

    objects = NaturalKeyManager()
    natural_key_lookups = ("video__slug", "seconds")

    class Meta:
        ordering = ["seconds"]
        constraints = [
            models.UniqueConstraint(
                fields=["video", "seconds"], name="one_moment_per_second"
            ),
            models.CheckConstraint(
                condition=~Q(source_title="") | ~Q(source_url=""),
                name="moment_has_a_source",
            ),
        ]

    def __str__(self):
        return f"{self.time_label} in {self.video}"

    def natural_key(self):
        return (*self.video.natural_key(), self.seconds)

    natural_key.dependencies = ["videos.video", "videos.videotechnique"]

    @property
    def time_label(self):
        return minutes_and_seconds(self.seconds)

    @property
    def watch_link(self):
        """The video's watch link opening here, or "" (reads the video: prefetch it)."""
        return (
            link_at(self.video.watch_url, self.seconds) if self.video.watch_url else ""
        )
