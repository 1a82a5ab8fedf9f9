"""Facets and active-filter chips for a timeline.

Each facet shows how many videos each option would leave under the other active filters
(counted by the index: videos/timeline/selection.py); each option carries the query string that toggles it.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from videos.timeline import parameters


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
    selected = set(params.getlist(parameter.name))
    return [
        Option(
            value=str(value),
            label=label,
            count=count,
            selected=str(value) in selected,
            query=toggled_query(
                params, parameter.name, str(value), parameter.repeatable
            ),
            colour=colour,
        )
        for value, label, count, colour in rows
    ]


def build_facets(selection, form, params, hidden=()):
    """A facet for every declared dimension the page does not fix, each counting the
    videos the other filters leave."""
    return [
        Facet(
            parameter.name,
            parameter.label,
            _options(
                params,
                parameter,
                parameter.facet_rows(selection, form.cleaned_data.get(parameter.name)),
            ),
        )
        for parameter in parameters.PARAMETERS
        if parameter.facet and parameter.name not in hidden
    ]


def build_chips(form, params):
    """One removable chip per active filter value."""
    chips = []
    for parameter in parameters.PARAMETERS:
        value = form.cleaned_data.get(parameter.name)
        if value in (None, "", []):
            continue
        for label, raw in parameter.chips(value):
            if not parameter.repeatable:
                raw = params.get(parameter.name, raw)
            query = toggled_query(params, parameter.name, raw, parameter.repeatable)
            chips.append(Chip(label, query))
    return chips
