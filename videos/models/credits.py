"""Who made the videos: the artists credited on them and their directors."""

from django.db import models
from simple_history.models import HistoricalRecords

from videos.models.identifiers import IdentifiedPerson
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
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]

    @property
    def link_list(self):
        """The web addresses among the links; anything else (javascript:…) is dropped."""
        lines = (line.strip() for line in self.links.splitlines())
        return [line for line in lines if line.lower().startswith(WEB_SCHEMES)]
