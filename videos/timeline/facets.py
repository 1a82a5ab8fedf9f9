"""Facets and active-filter chips for a timeline.

Each facet shows how many videos each option would leave under the other active filters
(counted by videos/facet_index.py); each option carries the query string that toggles it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from videos.models import Essay

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
    # Plain lists rather than a QueryDict copy: a page builds a hundred of these.
    lists = {name: values for name, values in params.lists() if name != "page"}
    current = lists.get(parameter, [])
    if value in current:
        lists[parameter] = [item for item in current if item != value]
    else:
        lists[parameter] = [*current, value] if multiple else [value]
    return "?" + urlencode(lists, doseq=True)


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


def _linked_rows(selection, video_filter, parameter):
    """(slug, name, count, colour) per linked value, largest first; a long facet shows
    its largest options and whatever the visitor has chosen."""
    chosen = video_filter.form.cleaned_data.get(parameter) or []
    chosen = chosen if isinstance(chosen, list) else [chosen]
    limit = None if parameter == "technique" else FACET_OPTION_LIMIT
    return [
        (counted.label.slug, counted.label.name, counted.count, counted.label.colour)
        for counted in selection.linked_options(
            parameter, limit, selected=[row.pk for row in chosen]
        )
    ]


def _decade_rows(selection, video_filter, parameter):
    return [
        (decade, f"{decade}s", count, "")
        for decade, count in sorted(selection.decade_counts().items())
    ]


def _verdict_rows(selection, video_filter, parameter):
    counts = selection.verdict_counts()
    return [
        (value, label, counts[value], "")
        for value, label in Essay.Verdict.choices
        if counts[value]
    ]


# Display order: (parameter, title, the rows of its options).
FACETS = [
    ("technique", "Technique", _linked_rows),
    ("director", "Director", _linked_rows),
    ("artist", "Artist", _linked_rows),
    ("tag", "Tag", _linked_rows),
    ("decade", "Decade", _decade_rows),
    ("verdict", "Verdict", _verdict_rows),
]


def build_facets(selection, video_filter, params, hidden=()):
    """Facets for every dimension the page does not fix, each counting the videos the
    other filters leave (videos/facet_index.py)."""
    return [
        Facet(
            parameter,
            title,
            _options(params, parameter, rows(selection, video_filter, parameter)),
        )
        for parameter, title, rows in FACETS
        if parameter not in hidden
    ]


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
