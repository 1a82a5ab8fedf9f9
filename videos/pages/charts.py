"""The adoption chart on /techniques/: videos per technique across the years, as SVG data.

Geometry is computed here so the template only places shapes; no chart library, no JS.
"""

from dataclasses import dataclass
from math import sqrt

from django.db.models import Count

from videos.models import Video, VideoTechnique

LABEL_WIDTH = 240
ROW_HEIGHT = 26
YEAR_WIDTH = 14
TOP = 28
MIN_RADIUS = 3.5
SPARE_RADIUS = 6.5  # the busiest year of any technique gets 3.5 + 6.5


@dataclass
class Dot:
    x: float
    radius: float
    year: int
    count: int


@dataclass
class Row:
    technique: object
    y: float
    dots: list


def adoption_chart(techniques):
    """Rows of dots, one per year a technique appears; area grows with the count."""
    counts = (
        VideoTechnique.objects.filter(video__in=Video.objects.published())
        .values_list("technique_id", "video__year")
        .annotate(count=Count("video"))
        .order_by()
    )
    by_technique = {}
    for technique_id, year, count in counts:
        by_technique.setdefault(technique_id, []).append((year, count))
    years = [year for rows in by_technique.values() for year, _ in rows]
    if not years:
        return None
    most = max(count for rows in by_technique.values() for _, count in rows)
    first = min(years) - min(years) % 5
    last = max(years) + 5 - max(years) % 5

    def x(year):
        return LABEL_WIDTH + (year - first) * YEAR_WIDTH

    rows = []
    for index, technique in enumerate(techniques):
        y = TOP + index * ROW_HEIGHT + ROW_HEIGHT / 2
        dots = [
            Dot(x(year), MIN_RADIUS + SPARE_RADIUS * sqrt(count / most), year, count)
            for year, count in sorted(by_technique.get(technique.pk, []))
        ]
        rows.append(Row(technique, y, dots))
    ticks = [(x(year), year) for year in range(first, last + 1, 5)]
    return {
        "rows": rows,
        "ticks": ticks,
        "width": x(last) + 20,
        "height": TOP + len(rows) * ROW_HEIGHT + 10,
        "label_x": LABEL_WIDTH - 12,
        "axis_start": LABEL_WIDTH,
        "axis_end": x(last),
    }
