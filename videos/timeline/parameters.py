"""Every timeline parameter, declared once.

A declaration says what the parameter is called in the URL and in words, how its value is
read and checked, what it accepts (the text a 400 shows), how it narrows the timeline index
(its mask), whether it has a facet, and what its chip says. The form, the 400 answers, the
chips, the facets and the filter sidebar are all built from `PARAMETERS`; every surface (the
HTML timeline, JSON, CSV, feeds) selects through the same index with them.

Adding a filter: declare it here; if it needs data the index does not hold yet, add that
column in videos/timeline/index.py (a many-to-many one is read from its `link` alone).
"""

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Case, F, Value, When
from taggit.models import Tag

from videos.models import (
    EARLIEST_YEAR,
    LATEST_YEAR_IN_DATABASE,
    Artist,
    Director,
    Essay,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
SEARCH_MAX_LENGTH = 200
PAGE_NUMBER = re.compile(r"[0-9]{1,7}")
PAGE_ACCEPTS = "a page number from 1"
# Long facets (directors, artists, tags at archive scale) show their largest options.
FACET_OPTION_LIMIT = 12


@dataclass(frozen=True)
class Link:
    """Where the index reads a many-to-many dimension: the link table, its video and
    value columns, the model whose rows the values name, and how one video's values
    are ordered (`rank`, an expression over the link row; ties by name)."""

    model: Any
    video_column: str
    value_column: str
    named: Any
    rank: Any = None


@dataclass(frozen=True)
class Parameter:
    name: str
    label: str
    accepts: str
    facet: bool = False
    # Shown as an input in the sidebar's form (the rest are chosen from facets).
    typed: bool = False
    repeatable: bool = False

    def form_field(self):
        raise NotImplementedError

    def mask(self, index, value):
        """The index rows this value keeps (a boolean array)."""
        raise NotImplementedError

    def chips(self, value):
        """[(label, raw value)] for the chips that remove this parameter's values."""
        return [(self.chip_label(value), str(value))]

    def chip_label(self, value):
        return f"{self.label}: {value}"

    def facet_rows(self, selection, chosen):
        """(value, label, count, colour) for each option of this parameter's facet,
        counted under the other filters."""
        raise NotImplementedError


def validate_slug(value):
    if not SLUG.fullmatch(value):
        raise forms.ValidationError(f"“{value[:40]}” is not a slug.")


class SlugListField(forms.Field):
    """Every value of a repeated parameter (?director=a&director=b)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [item for item in (value or []) if item]

    def validate(self, value):
        for item in value:
            validate_slug(item)


@dataclass(frozen=True)
class LinkedParameter(Parameter):
    """A many-to-many dimension; several values match any of them."""

    link: Link = None
    facet: bool = True
    repeatable: bool = True

    def form_field(self):
        return SlugListField(required=False, label=self.label)

    def mask(self, index, labels):
        pks = [label.pk for label in labels]
        return index.dimensions[self.name].rows_of(pks, index.size)

    def chips(self, labels):
        return [(f"{self.label}: {label.name}", label.slug) for label in labels]

    def facet_rows(self, selection, chosen):
        """Largest first; a long facet shows its largest options, and whatever the
        visitor has chosen (so it can be unchosen there)."""
        limit = None if self.name == "technique" else FACET_OPTION_LIMIT
        options = selection.linked_options(
            self.name, limit, selected=[row.pk for row in chosen or []]
        )
        return [
            (
                counted.label.slug,
                counted.label.name,
                counted.count,
                counted.label.colour,
            )
            for counted in options
        ]


@dataclass(frozen=True)
class YearParameter(Parameter):
    """A test on the video's year."""

    test: Any = None
    decade: bool = False

    def form_field(self):
        field = forms.IntegerField(
            required=False,
            label=self.label,
            min_value=EARLIEST_YEAR,
            max_value=LATEST_YEAR_IN_DATABASE,
        )
        field.widget.attrs["inputmode"] = "numeric"
        if self.decade:
            field.validators.append(validate_decade)
        return field

    def mask(self, index, year):
        return self.test(index.years, year)

    def chip_label(self, year):
        return f"{year}s" if self.decade else f"{self.label} {year}"

    def facet_rows(self, selection, chosen):
        counts = selection.decade_counts()
        return [(decade, f"{decade}s", counts[decade], "") for decade in sorted(counts)]


def validate_decade(value):
    if value % 10:
        raise forms.ValidationError(
            f"{value} is not the first year of a decade; use {value - value % 10}."
        )


@dataclass(frozen=True)
class VerdictParameter(Parameter):
    def form_field(self):
        return forms.ChoiceField(
            required=False, label=self.label, choices=Essay.Verdict.choices
        )

    def mask(self, index, verdict):
        return index.verdicts == index.verdict_code(verdict)

    def chip_label(self, verdict):
        return f"{self.label}: {Essay.Verdict(verdict).label}"

    def facet_rows(self, selection, chosen):
        counts = selection.verdict_counts()
        return [
            (value, label, counts[value], "")
            for value, label in Essay.Verdict.choices
            if counts[value]
        ]


@dataclass(frozen=True)
class SearchParameter(Parameter):
    """Words to find; the search engine (videos/timeline/search.py) ranks the matches,
    and a search orders its timeline best match first."""

    def form_field(self):
        field = forms.CharField(
            required=False, label=self.label, max_length=SEARCH_MAX_LENGTH, strip=True
        )
        field.widget = forms.TextInput(attrs={"type": "search"})
        return field

    def mask(self, index, ranked_rows):
        keep = index.no_rows()
        keep[ranked_rows] = True
        return keep

    def chip_label(self, text):
        return f"Search: “{text}”"


# In the order the sidebar shows them.
PARAMETERS = [
    SearchParameter(
        "q",
        "Search titles, artists, directors and essays",
        f"up to {SEARCH_MAX_LENGTH} characters to find in titles, artists, directors "
        "and essays",
        typed=True,
    ),
    YearParameter(
        "year_from",
        "From year",
        f"a year from {EARLIEST_YEAR} to {LATEST_YEAR_IN_DATABASE}",
        typed=True,
        test=lambda years, year: years >= year,
    ),
    YearParameter(
        "year_to",
        "To year",
        f"a year from {EARLIEST_YEAR} to {LATEST_YEAR_IN_DATABASE}",
        typed=True,
        test=lambda years, year: years <= year,
    ),
    VerdictParameter(
        "verdict", "Verdict", "justified, gimmick or contested", facet=True
    ),
    YearParameter(
        "decade",
        "Decade",
        "a decade's first year, such as 1980",
        facet=True,
        decade=True,
        test=lambda years, decade: (years >= decade) & (years < decade + 10),
    ),
    LinkedParameter(
        "technique",
        "Technique",
        "a technique's slug, such as deepfake; repeat it to match any of several",
        link=Link(
            VideoTechnique,
            "video_id",
            "technique_id",
            Technique,
            rank=Case(When(is_primary=True, then=Value(0)), default=Value(1)),
        ),
    ),
    LinkedParameter(
        "director",
        "Director",
        "a director's slug, such as spike-jonze; repeat it to match any of several",
        # In the order the video credits them.
        link=Link(
            Video.directors.through,
            "video_id",
            "director_id",
            Director,
            rank=F("position"),
        ),
    ),
    LinkedParameter(
        "artist",
        "Artist",
        "an artist's slug, such as dire-straits; repeat it to match any of several",
        link=Link(Video.artists.through, "video_id", "artist_id", Artist),
    ),
    LinkedParameter(
        "tag",
        "Tag",
        "a tag's slug, such as faces; repeat it to match any of several",
        link=Link(TaggedVideo, "content_object_id", "tag_id", Tag),
    ),
]


def by_name():
    return {parameter.name: parameter for parameter in PARAMETERS}


def linked_parameters():
    return [p for p in PARAMETERS if isinstance(p, LinkedParameter)]
