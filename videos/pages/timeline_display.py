"""What a timeline page shows around its entries (issue 15): a heading that says what the
filters keep ("Deepfake, 2020s — 4 videos"), the page's videos by decade and year with the
gaps between years made visible, a bar to jump to any decade (on whichever page it
starts), the facets split into their top options and "more", and the page's JSON, CSV
and Atom versions.

Everything here is read from the selection the engine already made and the page's
entries: it runs no query, except that a search reads its page's essays once for the
excerpts (videos/pages/excerpts.py).
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
from django.urls import reverse

from videos.models import Essay
from videos.pages.excerpts import attach_excerpts

# Options a long facet shows before "more"; the rest wait behind a disclosure.
FACET_TOP = 6
LONG_FACETS = {"technique", "director", "artist", "tag"}
INDEX_PAGES = {
    "technique": ("videos:techniques", "Every technique"),
    "director": ("videos:directors", "Every director"),
    "artist": ("videos:artists", "Every artist"),
    "tag": ("videos:tags", "Every tag"),
}
NUMBER_WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
]
# How much taller a gap gets per empty year, up to a point (site.css reads it in rem).
GAP_STEP, GAP_MOST = 0.9, 9


def number_word(number):
    return NUMBER_WORDS[number] if number < len(NUMBER_WORDS) else str(number)


def counted(number, noun):
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


@dataclass
class Year:
    year: int
    entries: list
    # Years since the previous year on this timeline, when some passed with no video.
    gap: int = 0

    @property
    def gap_words(self):
        return f"{number_word(self.gap).capitalize()} years pass"

    @property
    def gap_height(self):
        """The gap's height in rem: more empty years, more space."""
        return round(min(self.gap - 1, GAP_MOST) * GAP_STEP, 1)


@dataclass
class Decade:
    decade: int
    count: int  # its videos under these filters, on every page
    years: list = field(default_factory=list)
    continued: bool = False  # it began on an earlier page

    @property
    def count_words(self):
        return counted(self.count, "video")


@dataclass
class DecadeLink:
    decade: int
    count: int
    href: str

    @property
    def century(self):
        """ "19" of 1980: a phone's bar shows "’80s" (and a screen reader still hears
        1980s)."""
        return str(self.decade)[:-2]

    @property
    def years(self):
        return str(self.decade)[-2:]


@dataclass
class FacetGroup:
    facet: object
    shown: list
    more: list
    index_url: str = ""
    index_label: str = ""


@dataclass
class Alternates:
    json: str
    csv: str
    feed: str
    feed_title: str


@dataclass
class TimelineDisplay:
    heading: str
    count: int
    ranked: bool
    decades: list
    jump: list
    facets: list
    filter_count: int
    alternates: Alternates

    @property
    def count_words(self):
        return counted(self.count, "video")


def timeline_display(request, timeline, context):
    """The display of a rendered timeline page (see the module's docstring)."""
    page_obj, selection = context["page_obj"], timeline.selection
    entries = page_obj.object_list
    if selection.ranked:
        attach_excerpts(entries, timeline.form.cleaned_data["q"])
        decades, jump = [], []
    else:
        years = selection.index.years[selection.rows()]
        decades = by_decade(entries, years, page_obj)
        jump = decade_links(request, years, page_obj)
    return TimelineDisplay(
        heading=describe(timeline.form.cleaned_data, timeline.fixed),
        count=page_obj.paginator.count,
        ranked=selection.ranked,
        decades=decades,
        jump=jump,
        facets=[group_facet(facet) for facet in context["facets"]],
        filter_count=len(context["chips"]),
        alternates=alternates(request, timeline.fixed),
    )


def by_decade(entries, years, page_obj):
    """The page's entries by decade and year; `years` is every matching video's year in
    timeline order, for the decades' counts and the gap before the page's first year."""
    decade_of = years - years % 10
    counts = dict(zip(*np.unique(decade_of, return_counts=True), strict=True))
    start = page_obj.start_index() - 1
    previous = int(years[start - 1]) if start > 0 else None
    decades = []
    for entry in entries:
        decade = entry.year - entry.year % 10
        if not decades or decades[-1].decade != decade:
            continued = previous is not None and previous - previous % 10 == decade
            decades.append(Decade(decade, int(counts.get(decade, 0)), [], continued))
        years_shown = decades[-1].years
        if years_shown and years_shown[-1].year == entry.year:
            years_shown[-1].entries.append(entry)
            continue
        gap = entry.year - previous if previous is not None else 0
        years_shown.append(Year(entry.year, [entry], gap if gap > 1 else 0))
        previous = entry.year
    return decades


def decade_links(request, years, page_obj):
    """One link per decade with videos: to its heading, on the page where it starts."""
    decades, first_rows, counts = np.unique(
        years - years % 10, return_index=True, return_counts=True
    )
    per_page = page_obj.paginator.per_page
    links = []
    for decade, first_row, count in zip(
        decades.tolist(), first_rows.tolist(), counts.tolist(), strict=True
    ):
        page = first_row // per_page + 1
        anchor = f"#decade-{decade}"
        href = anchor if page == page_obj.number else page_query(request, page) + anchor
        links.append(DecadeLink(decade, count, href))
    return links


def page_query(request, page):
    params = request.GET.copy()
    params.pop("page", None)
    if page > 1:
        params["page"] = page
    return "?" + params.urlencode()


def group_facet(facet):
    """A long facet's top options (and any chosen) first; the rest behind "more"."""
    if facet.parameter not in LONG_FACETS or len(facet.options) <= FACET_TOP + 1:
        return FacetGroup(facet, facet.options, [])
    shown = [
        option
        for position, option in enumerate(facet.options)
        if position < FACET_TOP or option.selected
    ]
    more = [option for option in facet.options if option not in shown]
    view, label = INDEX_PAGES[facet.parameter]
    return FacetGroup(facet, shown, more, reverse(view), label)


def or_list(names):
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _names(values):
    return or_list(value.name for value in values)


VERDICT_WORDS = {
    Essay.Verdict.JUSTIFIED: "judged justified",
    Essay.Verdict.GIMMICK: "judged a gimmick",
    Essay.Verdict.CONTESTED: "contested",
}
# How each filter reads in a heading, in the order a heading names them.
PHRASES = {
    "technique": _names,
    "director": lambda values: f"directed by {_names(values)}",
    "artist": lambda values: f"by {_names(values)}",
    "tag": lambda values: "tagged " + or_list(f"“{value.name}”" for value in values),
    "decade": lambda decade: f"{decade}s",
    "verdict": lambda verdict: VERDICT_WORDS.get(verdict, verdict),
    "q": lambda text: f"matching “{text}”",
}


def describe(cleaned, fixed=()):
    """What the filters keep, in words: "Deepfake, 2020s" (empty when none is set).
    A page's own fixed filter (a technique page's technique) is its title already."""
    parts = [
        phrase(cleaned[name])
        for name, phrase in PHRASES.items()
        if cleaned.get(name) not in (None, "", []) and name not in fixed
    ]
    year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
    if year_from is not None and year_to is not None:
        years = f"{year_from}–{year_to}" if year_from != year_to else str(year_from)
    elif year_from is not None:
        years = f"from {year_from}"
    else:
        years = f"up to {year_to}" if year_to is not None else ""
    if years:
        parts.insert(len(parts) - bool(cleaned.get("q")), years)
    text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def alternates(request, fixed):
    """This timeline as JSON, CSV and Atom: the same filters, the page's own included."""
    pairs = [(name, row.slug) for name, row in fixed.items()]
    pairs += [
        (name, value)
        for name, values in request.GET.lists()
        if name not in fixed
        for value in values
    ]
    every_page = [(name, value) for name, value in pairs if name != "page"]
    technique = fixed.get("technique")
    if technique is not None:
        feed = reverse("videos:technique_feed", args=[technique.slug])
        feed_title = f"New essays on {technique.name}"
    else:
        feed, feed_title = reverse("videos:feed"), "New essays"
    return Alternates(
        json=reverse("videos:timeline_json") + _query(pairs),
        csv=reverse("videos:timeline_csv") + _query(every_page),
        feed=feed,
        feed_title=feed_title,
    )


def _query(pairs):
    return "?" + urlencode(pairs) if pairs else ""
