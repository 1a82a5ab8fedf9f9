from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from videos.models.querysets import TechniqueManager
from videos.models.slugged import Slugged
from videos.models.validators import (
    EARLIEST_YEAR,
    LATEST_YEAR_IN_DATABASE,
    LengthLimit,
    hex_colour,
    limited,
    year_validators,
)
from videos.pages.markdown import LONGEST_MARKDOWN


class Technique(Slugged):
    objects = TechniqueManager()
    url_name = "videos:technique"

    name = models.CharField(
        max_length=100, unique=True, help_text=limited(100, "Sentence case.")
    )
    slug = models.SlugField(
        max_length=100, unique=True, help_text=limited(100, "Used in URLs.")
    )
    summary = models.CharField(
        max_length=200,
        help_text=limited(200, "One line, shown on chips' tooltips and lists."),
    )
    essay = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_MARKDOWN)],
        help_text=limited(
            LONGEST_MARKDOWN,
            "Markdown. Its history: first appearance, lineage, reception.",
        ),
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
