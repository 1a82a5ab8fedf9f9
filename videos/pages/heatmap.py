"""The heat map on /verdicts/ as SVG geometry, in two layouts: WIDE puts the technique
names in a column and the "time to first justified" panel beside the grid; NARROW (for
phones) puts each name above its row of cells and leaves the waits to the table.

Computed here so the template only places shapes, as videos/pages/charts.py does.
"""

from dataclasses import dataclass

GAP = 4  # between cells
BAR = 7  # the verdict bar's height
# Cells run from pale to deep slate as their counts grow (sRGB, interpolated); a single
# hue keeps the verdict colours of the bars distinct from the heat.
PALEST, DEEPEST = (230, 235, 240), (31, 51, 71)
INK, WHITE = (29, 28, 26), (255, 255, 255)


@dataclass(frozen=True)
class Layout:
    name: str
    label_width: int  # the names' column; 0 puts each name above its row
    cell: int  # a decade's column, gap included
    row: int
    top: int
    year: int  # the panel's pixels per year; 0 for no panel
    panel_gap: int = 28


WIDE = Layout("wide", label_width=236, cell=74, row=42, top=34, year=4)
NARROW = Layout("narrow", label_width=0, cell=54, row=62, top=26, year=0)


@dataclass
class PlacedCell:
    cell: object
    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str

    @property
    def centre_x(self):
        return self.x + self.width / 2

    @property
    def count_y(self):
        return self.y + 19

    @property
    def bar_y(self):
        return self.y + self.height - BAR - 6

    @property
    def segments(self):
        """(verdict, x, width) of the bar under the count, one part per verdict."""
        x, width, parts = self.x + 6, self.width - 12, []
        for verdict, count, _ in self.cell.parts:
            part = width * count / self.cell.total
            parts.append((verdict, round(x, 2), round(part, 2)))
            x += part
        return parts


@dataclass
class PlacedRow:
    row: object
    cells: list
    label_x: float
    label_y: float
    mid_y: float
    seen_x: float = 0
    justified_x: float = 0


def heatmap(rows, decades, layout):
    """Everything the template draws for `rows` (see verdicts.verdict_rows)."""
    most = max(cell.total for row in rows for cell in row.filled)
    label_gap = 0 if layout.label_width else 18  # a name above its row
    grid_x = layout.label_width
    panel_x = grid_x + len(decades) * layout.cell + layout.panel_gap
    first_year, last_year = decades[0], decades[-1] + 10
    placed = []
    for index, row in enumerate(rows):
        y = layout.top + index * layout.row + label_gap
        cells_height = layout.row - GAP - label_gap
        cells = [
            place(cell, grid_x + column * layout.cell, y, layout, cells_height, most)
            for column, cell in enumerate(row.cells)
            if cell
        ]
        mid_y = y + cells_height / 2
        label_y = mid_y if layout.label_width else y - 6
        placed_row = PlacedRow(row, cells, max(grid_x - 12, 0), label_y, mid_y)
        if layout.year:
            last = row.first_justified or last_year
            placed_row.seen_x = panel_x + (row.first_year - first_year) * layout.year
            placed_row.justified_x = panel_x + (last - first_year) * layout.year
        placed.append(placed_row)
    panel_end = panel_x + (last_year - first_year) * layout.year
    return {
        "layout": layout,
        "rows": placed,
        "decades": [
            (grid_x + i * layout.cell + (layout.cell - GAP) / 2, decade)
            for i, decade in enumerate(decades)
        ],
        "most": most,
        "bar_height": BAR,
        "panel": layout.year > 0,
        "panel_x": panel_x,
        "panel_end": panel_end,
        "panel_label_x": panel_end + 10,
        "panel_ticks": [
            (panel_x + (year - first_year) * layout.year, year)
            for year in range(first_year, last_year + 1, 20)
        ],
        "width": panel_end + 70 if layout.year else grid_x + len(decades) * layout.cell,
        "height": layout.top + len(rows) * layout.row + 4,
    }


def place(cell, x, y, layout, height, most):
    """A cell at (x, y), darker for more videos, with whichever text colour reads best."""
    strength = 0.12 + 0.88 * cell.total / most
    rgb = [round(a + (b - a) * strength) for a, b in zip(PALEST, DEEPEST, strict=True)]
    text = WHITE if contrast(rgb, WHITE) >= contrast(rgb, INK) else INK
    return PlacedCell(
        cell, x, y, layout.cell - GAP, height, hex_colour(rgb), hex_colour(text)
    )


def hex_colour(rgb):
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def contrast(first, second):
    """WCAG contrast ratio of two sRGB colours."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def luminance(rgb):
    def linear(channel):
        channel /= 255
        if channel <= 0.03928:
            return channel / 12.92
        return ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue
