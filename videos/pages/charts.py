"""The adoption chart on /techniques/: videos per technique across the years.

Geometry is computed here so the template only places shapes; no chart library, no JS.
The chart is drawn twice, each SVG scaling to its container: a wide one (names beside
the rows) and a narrow one for phones (names above the rows), so its text stays
readable at any width; CSS shows one. Both are images (`role="img"`) with no links in
them; the same numbers are in a table under the chart (issue 15).
"""

from dataclasses import dataclass
from math import sqrt

from django.db.models import Count

from videos.models import Video, VideoTechnique


@dataclass(frozen=True)
class Shape:
    """One drawing of the chart: where names, rows and years go, in SVG units."""

    width: int
    label_width: int  # room for names beside the rows (0: names above them)
    row_height: int
    top: int
    min_radius: float
    spare_radius: float  # the busiest year of any technique gets min + spare
    tick_years: int = 5
    right: int = 16


WIDE = Shape(width=960, label_width=240, row_height=26, top=28, min_radius=3.5,
             spare_radius=6.5)  # fmt: skip
NARROW = Shape(width=360, label_width=0, row_height=42, top=28, min_radius=2.5,
               spare_radius=4.5, tick_years=10, right=24)  # fmt: skip
LEFT = 12  # the narrow chart's margin before its first year


@dataclass
class Dot:
    x: float
    radius: float
    year: int
    count: int


@dataclass
class Row:
    technique: object
    y: float  # the row's line
    label_y: float
    dots: list


def counts_by_technique():
    """{technique id: [(year, videos)]} over public videos, in one query."""
    counts = (
        VideoTechnique.objects.filter(video__in=Video.objects.published())
        .values_list("technique_id", "video__year")
        .annotate(count=Count("video"))
        .order_by()
    )
    by_technique = {}
    for technique_id, year, count in counts:
        by_technique.setdefault(technique_id, []).append((year, count))
    return {pk: sorted(rows) for pk, rows in by_technique.items()}


def draw(shape, techniques, by_technique, first, last, most):
    start = shape.label_width or LEFT
    year_width = (shape.width - start - shape.right) / (last - first)

    def x(year):
        return round(start + (year - first) * year_width, 1)

    rows = []
    for index, technique in enumerate(techniques):
        line = shape.top + index * shape.row_height + shape.row_height / 2
        if not shape.label_width:
            line += shape.row_height / 4
        dots = [
            Dot(
                x(year),
                shape.min_radius + shape.spare_radius * sqrt(count / most),
                year,
                count,
            )  # fmt: skip
            for year, count in by_technique.get(technique.pk, [])
        ]
        label_y = line if shape.label_width else line - shape.row_height * 0.45
        rows.append(Row(technique, line, label_y, dots))
    return {
        "rows": rows,
        "ticks": [
            (x(year), year)
            for year in range(first, last + 1)
            if year % shape.tick_years == 0
        ],
        "width": shape.width,
        "height": shape.top + len(rows) * shape.row_height + 10,
        "label_x": shape.label_width - 12 if shape.label_width else LEFT,
        "label_anchor": "end" if shape.label_width else "start",
        "axis_start": start,
        "axis_end": x(last),
    }


def adoption_chart(techniques):
    """Rows of dots, one per year a technique appears; area grows with the count.
    None when no public video claims a technique."""
    techniques = list(techniques)
    by_technique = counts_by_technique()
    years = [year for rows in by_technique.values() for year, _ in rows]
    if not years:
        return None
    most = max(count for rows in by_technique.values() for _, count in rows)
    first = min(years) - min(years) % 5
    last = max(years) + 5 - max(years) % 5
    table = [
        (technique, by_technique.get(technique.pk, [])) for technique in techniques
    ]
    return {
        "wide": draw(WIDE, techniques, by_technique, first, last, most),
        "narrow": draw(NARROW, techniques, by_technique, first, last, most),
        "table": table,
    }
