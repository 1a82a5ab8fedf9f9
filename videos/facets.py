"""Facet counts and active-filter chips for a timeline.

Each facet counts, with one grouped query, how many videos each option would leave under the
other active filters; each option carries the query string that toggles it.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Min, Value
from taggit.models import Tag

from .models import (
    Artist,
    Director,
    Essay,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)

# Parameters that may repeat, each value widening the match (any of).
MULTIPLE_CHOICE = {"technique"}
# Long facets (directors, artists, tags at archive scale) show their largest options.
FACET_OPTION_LIMIT = 12


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    query: str
    colour: str = ""


@dataclass
class Facet:
    parameter: str
    title: str
    options: list = field(default_factory=list)


@dataclass
class Chip:
    label: str
    query: str


def toggled_query(params, parameter, value, multiple=False):
    """The query string with `value` switched on or off for `parameter`, from page 1."""
    params = params.copy()
    params.pop("page", None)
    current = params.getlist(parameter)
    if value in current:
        current.remove(value)
    else:
        current = [*current, value] if multiple else [value]
    params.setlist(parameter, current)
    return "?" + params.urlencode() if params else "?"


def query_without(params, parameter):
    """The query string with `parameter` removed, from page 1."""
    params = params.copy()
    for name in (parameter, "page"):
        params.pop(name, None)
    return "?" + params.urlencode()


def _options(params, parameter, rows):
    selected = set(params.getlist(parameter))
    multiple = parameter in MULTIPLE_CHOICE
    return [
        Option(
            value=str(value),
            label=label,
            count=count,
            selected=str(value) in selected,
            query=toggled_query(params, parameter, str(value), multiple),
            colour=colour,
        )
        for value, label, count, colour in rows
    ]


def _grouped_counts(links, related_field, related_model, limit=None):
    """(slug, name, count, colour) per related row, largest first.

    Groups by the integer foreign key alone; the labels ride along as MIN() of the joined
    row (one value per group), so the database never groups by text columns.
    """
    related = related_field.removesuffix("_id")
    has_colour = any(field.name == "colour" for field in related_model._meta.fields)
    rows = (
        links.values(related_field)
        .annotate(
            count=Count("*"),
            slug=Min(f"{related}__slug"),
            name=Min(f"{related}__name"),
            colour=Min(f"{related}__colour") if has_colour else Value(""),
        )
        .order_by("-count", "name")
        .values_list("slug", "name", "count", "colour")
    )
    return rows[:limit] if limit else rows


def _decade_counts(videos):
    """(decade, "1980s", count, "") rows; grouped by year, which an index keeps in order."""
    by_decade = Counter()
    for year, count in (
        videos.order_by().values("year").annotate(n=Count("*")).values_list("year", "n")
    ):
        by_decade[year - year % 10] += count
    return [
        (decade, f"{decade}s", by_decade[decade], "") for decade in sorted(by_decade)
    ]


# Facets shown for many-to-many dimensions: (parameter, title, link model, its video
# column, its related column, related model, option limit).
LINKED_FACETS = [
    ("technique", "Technique", VideoTechnique, "video_id", "technique_id", Technique, None),
    ("director", "Director", Video.directors.through, "video_id", "director_id", Director,
     FACET_OPTION_LIMIT),
    ("artist", "Artist", Video.artists.through, "video_id", "artist_id", Artist,
     FACET_OPTION_LIMIT),
    ("tag", "Tag", TaggedVideo, "content_object_id", "tag_id", Tag, FACET_OPTION_LIMIT),
]  # fmt: skip


def _verdict_counts(videos):
    counts = dict(
        Essay.objects.filter(video__in=videos)
        .order_by()
        .values("verdict")
        .annotate(count=Count("*"))
        .values_list("verdict", "count")
    )
    return [
        (value, label, counts[value], "")
        for value, label in Essay.Verdict.choices
        if value in counts
    ]


def build_facets(video_filter, params, hidden=()):
    """Facets for every dimension the page does not fix, in display order: one grouped
    query each, over the videos the other filters leave."""
    facets = []
    for (
        parameter,
        title,
        link,
        video_column,
        related_column,
        model,
        limit,
    ) in LINKED_FACETS:
        if parameter in hidden:
            continue
        links = link.objects.filter(
            **{f"{video_column}__in": video_filter.queryset_without(parameter)}
        )
        rows = _grouped_counts(links, related_column, model, limit)
        facets.append(Facet(parameter, title, _options(params, parameter, rows)))
    for parameter, title, counts in [
        ("decade", "Decade", _decade_counts),
        ("verdict", "Verdict", _verdict_counts),
    ]:
        if parameter not in hidden:
            rows = counts(video_filter.queryset_without(parameter))
            facets.append(Facet(parameter, title, _options(params, parameter, rows)))
    return facets


def total_from_facets(facets, video_filter):
    """How many videos the filters leave, read off the decade facet instead of counting.

    The decade facet counts the set with every other filter applied: with no decade chosen its
    counts add up to the total; with one chosen, that decade's count is the total.
    """
    decade_facet = next(facet for facet in facets if facet.parameter == "decade")
    decade = video_filter.form.cleaned_data.get("decade")
    if decade is None:
        return sum(option.count for option in decade_facet.options)
    return next((o.count for o in decade_facet.options if o.value == str(decade)), 0)


def build_chips(video_filter, params):
    """One removable chip per active filter value."""
    chips = []
    data = video_filter.form.cleaned_data
    for technique in data.get("technique") or []:
        chips.append(
            Chip(
                f"Technique: {technique.name}",
                toggled_query(params, "technique", technique.slug, True),
            )
        )
    for parameter in ("director", "artist", "tag"):
        if data.get(parameter):
            chips.append(
                Chip(
                    f"{parameter.title()}: {data[parameter].name}",
                    toggled_query(params, parameter, params[parameter]),
                )
            )
    labels = {
        "decade": lambda v: f"{v}s",
        "year_from": lambda v: f"From {v}",
        "year_to": lambda v: f"Up to {v}",
        "verdict": lambda v: f"Verdict: {Essay.Verdict(v).label}",
        "q": lambda v: f"Search: “{v}”",
    }
    for parameter, label in labels.items():
        if data.get(parameter) not in (None, ""):
            chips.append(
                Chip(
                    label(data[parameter]),
                    toggled_query(params, parameter, params[parameter]),
                )
            )
    return chips
