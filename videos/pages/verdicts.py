"""Verdicts across time (issue 16, item 2): /verdicts/.

The archive's verdicts counted by technique and decade, and for each technique the years
from its first appearance in the archive to its first "justified" verdict: the seed
essay's claim that a new technique is forgiven once an idea needs it, made testable. The
page draws them as a heat map (videos/pages/heatmap.py) and gives the same numbers as
tables.

A cell counts the public videos that claim the technique in that decade, so its count is
exactly what its link, the timeline filtered by technique and decade, lists.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.db.models import Count
from django.shortcuts import render
from django.urls import reverse

from videos.models import Technique, VideoTechnique
from videos.models.querysets import public_q
from videos.pages.heatmap import NARROW, WIDE, heatmap
from videos.web.page_cache import cached_page

ORDER = ["justified", "contested", "gimmick", None]  # columns and bar, left to right


@dataclass
class Cell:
    technique: object
    decade: int
    counts: dict  # {verdict or None: videos}

    @property
    def total(self):
        return sum(self.counts.values())

    def share(self, verdict):
        return round(100 * self.counts.get(verdict, 0) / self.total)

    @property
    def columns(self):
        """(count, share %) for justified, contested, gimmick and no essay, in order."""
        return [(self.counts.get(v, 0), self.share(v)) for v in ORDER]

    @property
    def parts(self):
        """(verdict name, count, share %) of the verdicts present, in ORDER."""
        return [
            (verdict or "none", self.counts[verdict], self.share(verdict))
            for verdict in ORDER
            if self.counts.get(verdict)
        ]

    @property
    def url(self):
        query = urlencode({"technique": self.technique.slug, "decade": self.decade})
        return f"{reverse('videos:timeline')}?{query}"


@dataclass
class Row:
    technique: object
    years: dict  # {year: {verdict or None: videos}}
    cells: list = field(default_factory=list)  # one per decade, None where empty

    @property
    def first_year(self):
        return min(self.years)

    @property
    def first_justified(self):
        justified = [
            year for year, counts in self.years.items() if "justified" in counts
        ]
        return min(justified, default=None)

    @property
    def wait(self):
        """Years from first appearance to first "justified", or None if not yet."""
        if self.first_justified is None:
            return None
        return self.first_justified - self.first_year

    @property
    def filled(self):
        return [cell for cell in self.cells if cell]


def verdict_counts():
    """(technique id, year, verdict or None, count) over public videos' claims; one
    grouped query, whose size grows with techniques × years, not with videos."""
    return (
        VideoTechnique.objects.filter(public_q("video__"))
        .values_list("technique_id", "video__year", "video__essay__verdict")
        .annotate(count=Count("pk"))
        .order_by()
    )


def verdict_rows():
    """Rows oldest technique first, with a cell per decade; two queries."""
    by_technique = {}
    for technique_id, year, verdict, count in verdict_counts():
        years = by_technique.setdefault(technique_id, {})
        years.setdefault(year, {})[verdict] = count
    techniques = Technique.objects.in_bulk(list(by_technique))
    rows = [Row(techniques[pk], years) for pk, years in by_technique.items()]
    rows.sort(key=lambda row: (row.first_year, row.technique.name))
    decades = decades_of(rows)
    for row in rows:
        row.cells = [decade_cell(row, decade) for decade in decades]
    return rows, decades


def decades_of(rows):
    years = [year for row in rows for year in row.years]
    if not years:
        return []
    first, last = min(years) - min(years) % 10, max(years) - max(years) % 10
    return list(range(first, last + 1, 10))


def decade_cell(row, decade):
    counts = {}
    for year, by_verdict in row.years.items():
        if decade <= year < decade + 10:
            for verdict, count in by_verdict.items():
                counts[verdict] = counts.get(verdict, 0) + count
    return Cell(row.technique, decade, counts) if counts else None


def waits(rows):
    """How many techniques were justified the year they arrived, later, or not yet."""
    known = [row.wait for row in rows if row.wait is not None]
    return {
        "at_once": sum(1 for wait in known if wait == 0),
        "later": sum(1 for wait in known if wait > 0),
        "not_yet": len(rows) - len(known),
        "longest": max(known, default=0),
    }


@cached_page
def verdicts(request):
    rows, decades = verdict_rows()
    context = {"rows": rows, "waits": waits(rows)}
    if rows:
        context["wide"] = heatmap(rows, decades, WIDE)
        context["narrow"] = heatmap(rows, decades, NARROW)
    return render(request, "videos/verdicts.html", context)
