"""How sure the archive is of an entry or a claim, and why (../shared/data/techniques.md)."""

from django.db import models

from videos.models.validators import LengthLimit, limited

LONGEST_REASON = 1000


class Confidence(models.TextChoices):
    HIGH = "high", "High"
    MEDIUM = "medium", "Medium"


# What each level means, shown where an entry gives no reason of its own.
MEANINGS = {
    Confidence.HIGH: "Title, year, director and technique agree across at least two "
    "independent pages, or one authoritative making-of account.",
    Confidence.MEDIUM: "One element is disputed, or rests only on weak or secondary "
    "pages.",
}


class Rated(models.Model):
    """A confidence level with the reason for it."""

    confidence = models.CharField(
        max_length=6,
        choices=Confidence.choices,
        blank=True,
        help_text="High: two independent pages, or one authoritative making-of, agree. "
        "Medium: one element is disputed or rests on weak pages. Blank: not rated yet.",
    )
    confidence_reason = models.TextField(
        blank=True,
        validators=[LengthLimit(LONGEST_REASON)],
        help_text=limited(
            LONGEST_REASON, "Why this level: for medium, which element is in doubt."
        ),
    )

    class Meta:
        abstract = True

    @property
    def confidence_explained(self):
        """The reason given, or what the level means when none is."""
        return self.confidence_reason or MEANINGS.get(self.confidence, "")
