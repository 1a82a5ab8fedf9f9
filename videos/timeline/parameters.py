"""The one place that knows what a timeline URL parameter means."""

import re
from typing import NamedTuple

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import CharField, Value
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
from videos.timeline.search import search_videos

YEAR_RANGE = [
    MinValueValidator(EARLIEST_YEAR),
    MaxValueValidator(LATEST_YEAR_IN_DATABASE),
]
SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")
SEARCH_MAX_LENGTH = 200

# What each parameter accepts, shown beside the error when a value cannot be understood.
ACCEPTS = {
    "technique": "a technique's slug, such as deepfake; repeat it to match any of several",
    "director": "a director's slug, such as spike-jonze",
    "artist": "an artist's slug, such as dire-straits",
    "tag": "a tag's slug, such as faces",
    "decade": "a decade's first year, such as 1980",
    "year_from": f"a year from {EARLIEST_YEAR} to {LATEST_YEAR_IN_DATABASE}",
    "year_to": f"a year from {EARLIEST_YEAR} to {LATEST_YEAR_IN_DATABASE}",
    "verdict": "justified, gimmick or contested",
    "q": f"up to {SEARCH_MAX_LENGTH} characters to find in titles, artists, directors "
    "and essays",
    "page": "a page number from 1",
}

# Parameters naming rows by slug, and the model each slug belongs to.
SLUG_PARAMETERS = {
    "technique": Technique,
    "director": Director,
    "artist": Artist,
    "tag": Tag,
}


class Named(NamedTuple):
    """A row a slug parameter resolved to: enough for filtering and for its chip."""

    pk: int
    slug: str
    name: str


def validate_decade(value):
    if value % 10:
        raise forms.ValidationError(
            f"{value} is not the first year of a decade; use {value - value % 10}."
        )


def validate_slug(value):
    if not SLUG.fullmatch(value):
        raise forms.ValidationError(f"“{value[:40]}” is not a slug.")


class SlugListField(forms.Field):
    """Every value of a repeated parameter (?technique=a&technique=b)."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        return [item for item in (value or []) if item]

    def validate(self, value):
        for item in value:
            validate_slug(item)


class TimelineForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("year_from", f"{year_from} is after year_to ({year_to}).")
        self.resolve_slugs(cleaned)
        return cleaned

    def resolve_slugs(self, cleaned):
        """Look every slug parameter up in one query, and name the unknown ones."""
        wanted = {
            name: ([value] if isinstance(value, str) else value)
            for name in SLUG_PARAMETERS
            if (value := cleaned.get(name))
        }
        if not wanted:
            return
        lookups = [
            SLUG_PARAMETERS[name]
            .objects.filter(slug__in=slugs)
            .annotate(parameter=Value(name, output_field=CharField()))
            .values_list("parameter", "pk", "slug", "name")
            .order_by()
            for name, slugs in wanted.items()
        ]
        found = {}
        for parameter, pk, slug, name in lookups[0].union(*lookups[1:], all=True):
            found[parameter, slug] = Named(pk, slug, name)
        for name, slugs in wanted.items():
            unknown = [slug for slug in slugs if (name, slug) not in found]
            if unknown:
                self.add_error(name, f"No {name} has the slug “{unknown[0]}”.")
                continue
            resolved = [found[name, slug] for slug in slugs]
            cleaned[name] = resolved if name == "technique" else resolved[0]


class SlugListFilter(django_filters.Filter):
    field_class = SlugListField


class SlugFilter(django_filters.CharFilter):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("validators", [validate_slug])
        super().__init__(*args, **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def linked_to(through, video_field, related_field):
    """A filter method keeping videos linked to the resolved row.

    Written as `id IN (linked video ids)` so the database starts from the link table's
    index on the related row instead of testing every video (EXISTS per row).
    """

    def filter_method(queryset, name, value):
        if not value:
            return queryset
        links = through.objects.filter(**{related_field: value.pk})
        return queryset.filter(pk__in=links.values(video_field))

    return filter_method


class VideoFilter(django_filters.FilterSet):
    technique = SlugListFilter(method="filter_techniques", label="Technique")
    director = SlugFilter(
        method=linked_to(Video.directors.through, "video", "director_id"),
        label="Director",
    )
    artist = SlugFilter(
        method=linked_to(Video.artists.through, "video", "artist_id"), label="Artist"
    )
    tag = SlugFilter(
        method=linked_to(TaggedVideo, "content_object", "tag_id"), label="Tag"
    )
    decade = YearFilter(
        method="filter_decade",
        validators=[*YEAR_RANGE, validate_decade],
        label="Decade",
    )
    year_from = YearFilter(
        field_name="year", lookup_expr="gte", validators=YEAR_RANGE, label="From year"
    )
    year_to = YearFilter(
        field_name="year", lookup_expr="lte", validators=YEAR_RANGE, label="To year"
    )
    verdict = django_filters.ChoiceFilter(
        field_name="essay__verdict", choices=Essay.Verdict.choices, label="Verdict"
    )
    q = django_filters.CharFilter(
        method="search", max_length=SEARCH_MAX_LENGTH, label="Search"
    )

    class Meta:
        model = Video
        fields = []
        form = TimelineForm

    def filter_queryset(self, queryset):
        """Filtered, in timeline order; a search is ordered by relevance instead."""
        queryset = super().filter_queryset(queryset)
        return queryset if self.form.cleaned_data.get("q") else queryset.chronological()

    def filter_techniques(self, queryset, name, techniques):
        if not techniques:
            return queryset
        claims = VideoTechnique.objects.filter(
            technique_id__in=[technique.pk for technique in techniques]
        )
        return queryset.filter(pk__in=claims.values("video_id"))

    def filter_decade(self, queryset, name, decade):
        return queryset.filter(year__gte=decade, year__lt=decade + 10)

    def search(self, queryset, name, text):
        return search_videos(queryset, text)

    def errors_by_parameter(self):
        """{parameter: {"messages": [...], "accepts": "..."}} for the 400 page and JSON."""
        return {
            name: {"messages": list(messages), "accepts": ACCEPTS[name]}
            for name, messages in self.errors.items()
        }
