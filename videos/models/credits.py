"""Who made the videos: the artists credited on them and their directors."""

from django.db import models
from simple_history.models import HistoricalRecords

from ..querysets import NaturalKeyManager
from .urls import slug_url

WEB_SCHEMES = ("https://", "http://")


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
