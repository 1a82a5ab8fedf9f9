"""Checks shared by the archive's models (their paths are in migrations: keep them)."""

from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxLengthValidator,
    MinValueValidator,
    RegexValidator,
)
from django.utils import timezone
from django.utils.deconstruct import deconstructible

EARLIEST_YEAR = 1900
# The database bound is fixed (SQLite refuses a clock in a CHECK); forms also refuse a year
# after next year through validate_not_after_next_year.
LATEST_YEAR_IN_DATABASE = 2100


def validate_not_after_next_year(year):
    if year is not None and year > timezone.now().year + 1:
        raise ValidationError(f"{year} is after next year.")


year_validators = [MinValueValidator(EARLIEST_YEAR), validate_not_after_next_year]
hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #1d4e89.")


@deconstructible
class LengthLimit(MaxLengthValidator):
    """A text field's length limit for model validation, said in words (TextFields have
    no limit of their own outside a form)."""

    message = (
        "This is %(show_value)d characters long; it can be at most %(limit_value)d. "
        "Shorten it."
    )


def limited(limit, help_text):
    """`help_text` stating the field's length limit, so the admin says it up front."""
    return f"{help_text} At most {limit:,} characters."
