"""Checks shared by the archive's models (their paths are in migrations: keep them)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.utils import timezone

EARLIEST_YEAR = 1900
# The database bound is fixed (SQLite refuses a clock in a CHECK); forms also refuse a year
# after next year through validate_not_after_next_year.
LATEST_YEAR_IN_DATABASE = 2100


def validate_not_after_next_year(year):
    if year is not None and year > timezone.now().year + 1:
        raise ValidationError(f"{year} is after next year.")


year_validators = [MinValueValidator(EARLIEST_YEAR), validate_not_after_next_year]
hex_colour = RegexValidator(r"^#[0-9a-fA-F]{6}$", "Use a hex colour such as #1d4e89.")
