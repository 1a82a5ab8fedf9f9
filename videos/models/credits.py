"""Who made the videos: the artists credited on them and their directors."""

from django.db import models
from simple_history.models import HistoricalRecords

from videos.models.identifiers import IdentifiedPerson
from videos.models.querysets import NaturalKeyManager
from videos.models.slugged import Slugged
from videos.models.validators import LengthLimit, limited

LONGEST_BIO = 3000
LONGEST_LINKS = 2000

WEB_SCHEMES = ("https://", "http://")


class Artist(IdentifiedPerson, Slugged):
    url_name = "videos:artist"

    name = models.CharField(
        max_length=200, help_text=limited(200, "As credited, e.g. “Dire Straits”.")
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text=limited(200, "Used in URLs.")
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]


class Director(IdentifiedPerson, Slugged):
    url_name = "videos:director"

    name = models.CharField(
        max_length=200, help_text=limited(200, "As credited on the videos.")
    )
    slug = models.SlugField(
        max_length=200, unique=True, help_text=limited(200, "Used in URLs.")
    )
    bio = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_BIO)],
        help_text=limited(
            LONGEST_BIO,
            "Markdown. What their use of technology has in common; link sources.",
        ),
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
        validators=[LengthLimit(LONGEST_LINKS)],
        help_text=limited(
            LONGEST_LINKS, "Optional. One URL per line: site, filmography, interviews."
        ),
    )
    also_artist = models.OneToOneField(
        Artist,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="as_director",
        help_text="When this director is also credited as a performer (Kendrick Lamar), "
        "their artist entry: the two pages link to each other.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    @property
    def link_list(self):
        """The web addresses among the links; anything else (javascript:…) is dropped."""
        lines = (line.strip() for line in self.links.splitlines())
        return [line for line in lines if line.lower().startswith(WEB_SCHEMES)]


class DirectorCreditManager(NaturalKeyManager):
    def replace(self, video, directors):
        """Credit `directors` on `video` in this order, in place of its credits; True
        if that changed them. (`video.directors.set()` can't keep an order.)"""
        current = list(self.filter(video=video).values_list("director_id", flat=True))
        if current == [director.pk for director in directors]:
            return False
        self.filter(video=video).delete()
        for position, director in enumerate(directors):
            self.create(video=video, director=director, position=position)
        return True


class DirectorCredit(models.Model):
    """A director credited on a video, in the video's credited order (issue 13).

    The table is the one Django made for the plain many-to-many (`video_id`,
    `director_id`); the timeline index reads it as `Video.directors.through`.
    """

    video = models.ForeignKey(
        "videos.Video", on_delete=models.CASCADE, related_name="director_credits"
    )
    director = models.ForeignKey(
        Director, on_delete=models.CASCADE, related_name="credits"
    )
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Order in the credit, first credited first."
    )

    objects = DirectorCreditManager()
    natural_key_lookups = ("video__slug", "director__slug")

    class Meta:
        db_table = "videos_video_directors"
        ordering = ["position", "pk"]
        # As the plain many-to-many created it (a constraint by that name exists).
        unique_together = [("video", "director")]

    def __str__(self):
        return f"{self.director} on {self.video}"

    def natural_key(self):
        return (*self.video.natural_key(), *self.director.natural_key())

    natural_key.dependencies = ["videos.video", "videos.director"]
