"""The one place that knows what a timeline URL parameter means."""

import django_filters
from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Exists, OuterRef, Q
from taggit.models import Tag

from .models import (
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

YEAR_RANGE = [
    MinValueValidator(EARLIEST_YEAR),
    MaxValueValidator(LATEST_YEAR_IN_DATABASE),
]

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
    "q": "words to find in titles, artists, directors and essays",
    "page": "a page number from 1",
}


def validate_decade(value):
    if value % 10:
        raise forms.ValidationError(
            f"{value} is not the first year of a decade; use {value - value % 10}."
        )


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


class TimelineForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error("year_from", f"{year_from} is after year_to ({year_to}).")
        return cleaned


class SlugChoiceFilter(django_filters.ModelChoiceFilter):
    """One related row by slug, matched with EXISTS so no row is duplicated."""

    def __init__(self, *args, through, through_field, **kwargs):
        self.through, self.through_field = through, through_field
        kwargs.setdefault("to_field_name", "slug")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        links = self.through.objects.filter(
            **{self.through_field: OuterRef("pk"), self.field_name: value}
        )
        return qs.filter(Exists(links))


class VideoFilter(django_filters.FilterSet):
    technique = django_filters.ModelMultipleChoiceFilter(
        queryset=Technique.objects.all(),
        to_field_name="slug",
        method="filter_techniques",
        label="Technique",
    )
    director = SlugChoiceFilter(
        queryset=Director.objects.all(),
        field_name="director",
        through=Video.directors.through,
        through_field="video",
        label="Director",
    )
    artist = SlugChoiceFilter(
        queryset=Artist.objects.all(),
        field_name="artist",
        through=Video.artists.through,
        through_field="video",
        label="Artist",
    )
    tag = SlugChoiceFilter(
        queryset=Tag.objects.all(),
        field_name="tag",
        through=TaggedVideo,
        through_field="content_object",
        label="Tag",
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
    q = django_filters.CharFilter(method="search", label="Search")

    class Meta:
        model = Video
        fields = []
        form = TimelineForm

    def filter_techniques(self, queryset, name, techniques):
        if not techniques:
            return queryset
        claims = VideoTechnique.objects.filter(
            video=OuterRef("pk"), technique__in=techniques
        )
        return queryset.filter(Exists(claims))

    def filter_decade(self, queryset, name, decade):
        return queryset.filter(year__gte=decade, year__lt=decade + 10)

    def search(self, queryset, name, text):
        words = text.split()
        for word in words:
            queryset = queryset.filter(
                Q(title__icontains=word)
                | Q(essay__headline__icontains=word)
                | Q(essay__body__icontains=word)
                | Exists(
                    Video.artists.through.objects.filter(
                        video=OuterRef("pk"), artist__name__icontains=word
                    )
                )
                | Exists(
                    Video.directors.through.objects.filter(
                        video=OuterRef("pk"), director__name__icontains=word
                    )
                )
            )
        return queryset

    def errors_by_parameter(self):
        """{parameter: {"messages": [...], "accepts": "..."}} for the 400 page and JSON."""
        return {
            name: {"messages": list(messages), "accepts": ACCEPTS[name]}
            for name, messages in self.errors.items()
        }

    def queryset_without(self, parameter):
        """The filtered videos with one parameter left out: what its facet counts over.

        Reuses the validated values, so no lookup is run twice.
        """
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != parameter:
                queryset = self.filters[name].filter(queryset, value)
        return queryset
