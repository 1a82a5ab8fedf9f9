"""Motifs of lines and surfaces: grids, paths, contours, wireframes, meshes, windows."""

import math

import numpy as np
from PIL import ImageDraw

from videos.editorial.cards.canvas import PAPER, dot, mix


def warped_grid(c, kind="morph"):
    """A grid bent by a morph's pull (or a fish-eye lens, or wrapped round a globe)."""
    cx, cy = c.width * c.rng.uniform(0.3, 0.7), c.height * c.rng.uniform(0.35, 0.65)
    pull = c.rng.uniform(0.5, 0.9)

    def warp(x, y):
        dx, dy = (x - cx) / c.height, (y - cy) / c.height
        r2 = dx * dx + dy * dy
        if kind == "fisheye":
            scale = 1 + pull * 1.4 * r2
        elif kind == "globe":
            return x, y + math.sin((x / c.width) * math.pi * 2) * c.height * 0.08 * (
                1 - abs(y - c.height / 2) / c.height
            )
        else:
            scale = 1 + pull * math.exp(-r2 * 9)
        return cx + dx * scale * c.height, cy + dy * scale * c.height

    layer = c.layer()
    draw = ImageDraw.Draw(layer)
    radius = c.height * 0.3
    draw.ellipse(
        [cx - radius, cy - radius, cx + radius, cy + radius], fill=c.accent(0) + (110,)
    )
    c.merge(layer)
    draw = c.draw()
    step = c.height / 9
    for i in range(-2, int(c.width / step) + 3):
        line = [warp(i * step, y) for y in np.linspace(-step, c.height + step, 40)]
        draw.line(line, fill=c.ink, width=c.line_width(2.5))
    for j in range(-2, 12):
        line = [warp(x, j * step) for x in np.linspace(-step, c.width + step, 60)]
        draw.line(line, fill=c.ink, width=c.line_width(2.5))


def unbroken_line(c):
    """One line that never breaks, as a single take never cuts."""
    waves = [
        (c.rng.uniform(0.5, 3.5), c.rng.uniform(0, 6.3), c.rng.uniform(0.05, 0.2))
        for _ in range(4)
    ]

    def y(t):
        return c.height * (
            0.5 + sum(a * math.sin(f * t * 6.28 + p) for f, p, a in waves)
        )

    loops = c.rng.randint(2, 4)

    def x(t):  # doubles back now and then, as the camera turns
        return c.width * (t + 0.05 * math.sin(t * 6.28 * loops))

    points = [(x(t), y(t)) for t in np.linspace(-0.05, 1.05, 400)]
    draw = c.draw()
    draw.line(points, fill=c.accent(0), width=c.line_width(14), joint="curve")
    draw.line(points, fill=c.ink, width=c.line_width(5), joint="curve")
    start = points[40]
    draw.ellipse(dot(start, c.line_width(12)), fill=PAPER)


def contours(c):
    """Contour lines of the ground, seen from above."""
    draw = c.draw()
    for _ in range(2):
        cx, cy = c.width * c.rng.uniform(0.2, 0.8), c.height * c.rng.uniform(0.3, 0.7)
        wobble = [c.rng.uniform(0, 6.3) for _ in range(3)]
        for ring in range(1, 9):
            radius = ring * c.height * 0.07
            points = [
                (
                    cx
                    + math.cos(a) * radius * (1 + 0.15 * math.sin(3 * a + wobble[0])),
                    cy
                    + math.sin(a)
                    * radius
                    * 0.7
                    * (1 + 0.15 * math.cos(2 * a + wobble[1])),
                )
                for a in np.linspace(0, 2 * math.pi, 90)
            ]
            colour = c.ink if ring % 3 else c.accent(ring)
            draw.line(points, fill=colour, width=c.line_width(2.5))
    centre = (c.width * 0.5, c.height * 0.5)
    draw.line(
        [(centre[0] - 30, centre[1]), (centre[0] + 30, centre[1])],
        fill=PAPER,
        width=c.line_width(3),
    )
    draw.line(
        [(centre[0], centre[1] - 30), (centre[0], centre[1] + 30)],
        fill=PAPER,
        width=c.line_width(3),
    )


SOLIDS = {
    "cube": [(x, y, z) for x in (-1, 1) for y in (-1, 1) for z in (-1, 1)],
    "pyramid": [(-1, 1, -1), (1, 1, -1), (1, 1, 1), (-1, 1, 1), (0, -1.2, 0)],
    "octahedron": [(1.3, 0, 0), (-1.3, 0, 0), (0, 1.3, 0), (0, -1.3, 0), (0, 0, 1.3),
                   (0, 0, -1.3)],
}  # fmt: skip


def edges(corners):
    """Pairs of corners at the solid's shortest distance apart: its edges."""
    pairs = [(a, b) for i, a in enumerate(corners) for b in corners[i + 1 :]]
    shortest = min(math.dist(a, b) for a, b in pairs)
    return [
        (a, b)
        for a, b in pairs
        if math.dist(a, b) < shortest * 1.01
        or (len(corners) == 5 and (a[1] < 0 or b[1] < 0))
    ]


def wireframe(c):
    """Early CGI: a wireframe solid over a grid floor, in scanlines."""
    draw = c.draw()
    horizon = c.height * c.rng.uniform(0.45, 0.62)
    vx = c.width * c.rng.uniform(0.3, 0.7)
    spacing = c.rng.uniform(0.09, 0.16)
    for i in range(-14, 15):
        draw.line(
            [(vx, horizon), (vx + i * c.width * spacing, c.height)],
            fill=c.accent(0),
            width=c.line_width(1.5),
        )
    for j in range(1, 9):
        y = horizon + (c.height - horizon) * (j / 8) ** 2
        draw.line([(0, y), (c.width, y)], fill=c.accent(0), width=c.line_width(1.5))
    corners = SOLIDS[c.rng.choice(sorted(SOLIDS))]
    turn, tilt = c.rng.uniform(0, math.pi / 2), c.rng.uniform(0.2, 0.8)
    centre = (c.width * c.rng.uniform(0.25, 0.75), horizon - c.height * 0.2)
    size = c.height * c.rng.uniform(0.16, 0.24)

    def project(point):
        x, y, z = point
        x, z = (
            x * math.cos(turn) - z * math.sin(turn),
            x * math.sin(turn) + z * math.cos(turn),
        )
        y, z = (
            y * math.cos(tilt) - z * math.sin(tilt),
            y * math.sin(tilt) + z * math.cos(tilt),
        )
        scale = size * 4 / (z + 5)
        return centre[0] + x * scale * 1.2, centre[1] + y * scale * 1.2

    for a, b in edges(corners):
        draw.line([project(a), project(b)], fill=c.ink, width=c.line_width(3))
    scan = c.layer()
    scan_draw = ImageDraw.Draw(scan)
    for y in range(0, c.height, c.line_width(4) * 2):
        scan_draw.line(
            [(0, y), (c.width, y)], fill=(0, 0, 0, 90), width=c.line_width(2)
        )
    c.merge(scan)


def layers(c):
    """Digital compositing: mattes stacked, each a little off the one below."""
    for i in range(5):
        w, h = c.width * c.rng.uniform(0.3, 0.5), c.height * c.rng.uniform(0.35, 0.6)
        x, y = c.width * (0.08 + 0.12 * i), c.height * (0.1 + c.rng.uniform(0, 0.3))
        layer = c.layer()
        draw = ImageDraw.Draw(layer)
        colour = c.ink if i % 2 else c.accent(i)
        draw.rectangle([x, y, x + w, y + h], fill=colour + (120,))
        draw.rectangle(
            [x, y, x + w, y + h], outline=PAPER + (200,), width=c.line_width(1.5)
        )
        c.merge(layer)


def windows(c):
    """Interactive web video: browser windows and a pointer."""
    draw = c.draw()
    for i in range(3):
        x, y = c.width * (0.1 + 0.2 * i), c.height * (0.12 + 0.16 * i)
        w, h = c.width * 0.45, c.height * 0.5
        draw.rectangle(
            [x, y, x + w, y + h],
            fill=mix(c.colours[0], (12, 12, 16), 0.5),
            outline=c.ink,
            width=c.line_width(2),
        )
        draw.rectangle([x, y, x + w, y + c.height * 0.07], fill=c.accent(i))
    tip = (c.width * 0.72, c.height * 0.62)
    arrow = [
        tip,
        (tip[0], tip[1] + 60),
        (tip[0] + 16, tip[1] + 46),
        (tip[0] + 28, tip[1] + 70),
        (tip[0] + 38, tip[1] + 64),
        (tip[0] + 26, tip[1] + 42),
        (tip[0] + 46, tip[1] + 42),
    ]
    draw.polygon([(x, y) for x, y in arrow], fill=PAPER, outline=(0, 0, 0))


def point_cloud(c):
    """Volumetric capture: a figure as a cloud of measured points."""
    draw = c.draw()
    turn = c.rng.uniform(0, math.pi)
    points = []
    for _ in range(900):
        a, b = c.rng.uniform(0, 2 * math.pi), c.rng.uniform(0, 2 * math.pi)
        x, y, z = (
            (1 + 0.45 * math.cos(b)) * math.cos(a),
            0.45 * math.sin(b),
            (1 + 0.45 * math.cos(b)) * math.sin(a),
        )
        x, z = (
            x * math.cos(turn) - z * math.sin(turn),
            x * math.sin(turn) + z * math.cos(turn),
        )
        y, z = y * 0.8 - z * 0.6, y * 0.6 + z * 0.8
        points.append(
            (z, c.width / 2 + x * c.height * 0.4, c.height / 2 + y * c.height * 0.4)
        )
    for z, x, y in sorted(points):
        colour = mix(c.accent(0), PAPER, (z + 1.5) / 3)
        draw.ellipse(dot((x, y), c.line_width(2.2 + z)), fill=colour)


def mesh(c):
    """Photogrammetry: a surface rebuilt as a mesh of triangles."""
    draw = c.draw()
    cols, rows = 14, 8
    heights = [[c.rng.uniform(-1, 1) for _ in range(cols + 1)] for _ in range(rows + 1)]

    def at(i, j):
        return (
            c.width * (i / cols) + 10 * heights[j][i],
            c.height * (0.15 + 0.75 * j / rows) - 14 * heights[j][i],
        )

    for j in range(rows):
        for i in range(cols):
            shade = mix(c.colours[0], PAPER, 0.2 + 0.25 * (heights[j][i] + 1))
            draw.polygon(
                [at(i, j), at(i + 1, j), at(i, j + 1)], fill=shade, outline=c.ink
            )
            draw.polygon(
                [at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)],
                fill=mix(shade, (0, 0, 0), 0.15),
                outline=c.ink,
            )
