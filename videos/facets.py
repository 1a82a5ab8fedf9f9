"""Facet counts and active-filter chips for a timeline.

Each facet counts, with one grouped query, how many videos each option would leave under the
other active filters; each option carries the query string that toggles it.
"""

from dataclasses import dataclass, field

from django.db.models import Count, F

from .models import Essay, TaggedVideo, Video, VideoTechnique

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


def _options(params, parameter, rows, selected, multiple=False):
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


def _related_counts(links, video_field, slug, name, colour=None, limit=None):
    columns = [slug, name] + ([colour] if colour else [])
    rows = (
        links.values(*columns)
        .annotate(count=Count(video_field))
        .order_by("-count", name)
        .values_list(*columns, "count")
    )
    rows = rows[:limit] if limit else rows
    return [(row[0], row[1], row[-1], row[2] if colour else "") for row in rows]


def build_facets(video_filter, params, hidden=()):
    """Facets for every dimension the page does not fix, in display order."""
    selected = {name: set(params.getlist(name)) for name in params}
    facets = []

    def wanted(parameter):
        return parameter not in hidden

    if wanted("technique"):
        videos = video_filter.queryset_without("technique")
        rows = _related_counts(
            VideoTechnique.objects.filter(video__in=videos),
            "video",
            "technique__slug",
            "technique__name",
            colour="technique__colour",
        )
        facets.append(
            Facet(
                "technique",
                "Technique",
                _options(
                    params,
                    "technique",
                    rows,
                    selected.get("technique", ()),
                    multiple=True,
                ),
            )
        )
    for parameter, title, links, video_field in [
        ("director", "Director", Video.directors.through.objects, "video"),
        ("artist", "Artist", Video.artists.through.objects, "video"),
        ("tag", "Tag", TaggedVideo.objects, "content_object"),
    ]:
        if not wanted(parameter):
            continue
        videos = video_filter.queryset_without(parameter)
        rows = _related_counts(
            links.filter(**{f"{video_field}__in": videos}),
            video_field,
            f"{parameter}__slug",
            f"{parameter}__name",
            limit=FACET_OPTION_LIMIT,
        )
        facets.append(
            Facet(
                parameter,
                title,
                _options(params, parameter, rows, selected.get(parameter, ())),
            )
        )
    if wanted("decade"):
        rows = (
            video_filter.queryset_without("decade")
            .order_by()
            .values(decade=F("year") / 10 * 10)
            .annotate(count=Count("pk"))
            .order_by("decade")
            .values_list("decade", "count")
        )
        rows = [(decade, f"{decade}s", count, "") for decade, count in rows]
        facets.append(
            Facet(
                "decade",
                "Decade",
                _options(params, "decade", rows, selected.get("decade", ())),
            )
        )
    if wanted("verdict"):
        counts = dict(
            video_filter.queryset_without("verdict")
            .order_by()
            .filter(essay__isnull=False)
            .values("essay__verdict")
            .annotate(count=Count("pk"))
            .values_list("essay__verdict", "count")
        )
        rows = [
            (value, label, counts[value], "")
            for value, label in Essay.Verdict.choices
            if value in counts
        ]
        facets.append(
            Facet(
                "verdict",
                "Verdict",
                _options(params, "verdict", rows, selected.get("verdict", ())),
            )
        )
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
