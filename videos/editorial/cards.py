"""Cards for videos without a still: a picture of the technique, never of the title.

A card is drawn by Pillow from the video's techniques: a motif for the primary technique
(a dissolve's overlapping faces, a morph's warped grid, a single take's unbroken line,
scanlines for early CGI, noise for generative video…) in the techniques' own colours. It
is seeded by the video's slug, so no two cards are alike and a video always gets the same
one. The card holds no text: the title is set in HTML beside it (issue 15), and
`describe_card` says in words what the picture shows, for its alt text.
"""

import hashlib
import io
import math
import random
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

# Drawn at twice the size and reduced, so edges are smooth.
SUPERSAMPLE = 2
FALLBACK_COLOUR = "#44546a"
PAPER = (250, 248, 244)


def rgb(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, amount):
    """`a` moved `amount` (0–1) of the way to `b`."""
    return tuple(round(x + (y - x) * amount) for x, y in zip(a, b, strict=True))


@dataclass
class Canvas:
    """What a motif draws with: the image, the video's random numbers, its colours."""

    image: Image.Image
    rng: random.Random
    colours: list  # the techniques' colours, primary first, as RGB
    width: int
    height: int

    @property
    def ink(self):
        """The primary colour lightened to read on the dark ground."""
        return mix(self.colours[0], PAPER, 0.45)

    def accent(self, index):
        """Another technique's colour (or a tint of the primary when there is one)."""
        if len(self.colours) > 1:
            return mix(self.colours[1 + index % (len(self.colours) - 1)], PAPER, 0.25)
        return mix(self.colours[0], PAPER, 0.2 + 0.5 * (index % 2))

    def layer(self):
        """A transparent layer to draw translucent shapes on, then `merge`."""
        return Image.new("RGBA", self.image.size, (0, 0, 0, 0))

    def merge(self, layer):
        self.image.alpha_composite(layer)

    def draw(self):
        return ImageDraw.Draw(self.image)

    def line_width(self, px):
        return max(1, round(px * SUPERSAMPLE))


def ground(size, colour):
    """A dark ground in the primary colour, lighter towards the top."""
    width, height = size
    top, bottom = mix(colour, (16, 16, 20), 0.55), mix(colour, (8, 8, 12), 0.8)
    fade = Image.linear_gradient("L").resize(size)
    return Image.composite(
        Image.new("RGBA", size, bottom + (255,)),
        Image.new("RGBA", size, top + (255,)),
        fade,
    )


def faces(c, mask=False, mapped=False):
    """Faces that overlap as a dissolve blends them (a mask; one mapped onto another)."""
    count = 1 if mask else c.rng.randint(2, 3) if mapped else c.rng.randint(2, 4)
    spread = c.rng.uniform(0.3, 0.5)
    heads = []
    for i in range(count):
        scale = c.rng.uniform(0.8, 1.15)
        rx, ry = c.height * 0.26 * scale, c.height * 0.34 * scale
        cx = c.width * (
            0.5 if count == 1 else 0.5 - spread / 2 + spread * i / (count - 1)
        )
        cx += c.rng.uniform(-0.05, 0.05) * c.width
        cy = c.height * (0.5 + c.rng.uniform(-0.08, 0.08))
        heads.append((cx, cy, rx, ry))
        layer = c.layer()
        draw = ImageDraw.Draw(layer)
        colour = c.ink if i % 2 == 0 else c.accent(i)
        draw.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], fill=colour + (150,))
        eye_y, eye_dx, eye_r = cy - ry * 0.15, rx * 0.4, rx * 0.12
        for side in (-1, 1):
            x = cx + side * eye_dx
            box = [x - eye_r * 1.6, eye_y - eye_r, x + eye_r * 1.6, eye_y + eye_r]
            draw.ellipse(box, fill=(0, 0, 0, 0) if mask else (20, 18, 24, 200))
        mouth = [cx - rx * 0.35, cy + ry * 0.3, cx + rx * 0.35, cy + ry * 0.55]
        draw.arc(mouth, 20, 160, fill=(20, 18, 24, 200), width=c.line_width(4))
        c.merge(layer)
    draw = c.draw()
    if mask:  # the strap that holds it
        y = heads[0][1] - heads[0][3] * 0.15
        tilt = c.rng.uniform(-0.1, 0.1) * c.height
        draw.line(
            [(0, y - tilt), (c.width, y + tilt)],
            fill=c.accent(0),
            width=c.line_width(6),
        )
    elif mapped:  # the landmarks a face is tracked by, joined into a mesh
        cx, cy, rx, ry = c.rng.choice(heads)
        turn = c.rng.uniform(0, 0.6)
        angles = np.linspace(0, 2 * math.pi, 11)[:-1] + turn
        rings = [
            [(cx + math.cos(a) * rx * r, cy + math.sin(a) * ry * r) for a in angles]
            for r in (0.55, 0.95)
        ]
        for inner, outer in zip(*rings, strict=True):
            draw.line([inner, outer], fill=PAPER, width=c.line_width(1.5))
        for ring in rings:
            draw.line([*ring, ring[0]], fill=PAPER, width=c.line_width(1.5))
            for point in ring:
                draw.ellipse(_dot(point, c.line_width(3)), fill=PAPER)
    else:  # the wipe's edge
        x, lean = c.width * c.rng.uniform(0.3, 0.7), c.rng.uniform(-0.2, 0.2)
        draw.line(
            [(x, 0), (x + c.width * lean, c.height)], fill=PAPER, width=c.line_width(3)
        )


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
    draw.ellipse(_dot(start, c.line_width(12)), fill=PAPER)


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


def echoes(c):
    """One shape repeated exactly along one path: a motion-control pass, and another."""
    size = c.height * 0.26
    rise = c.rng.choice((-1, 1)) * c.rng.uniform(0.15, 0.35)
    draw = c.draw()
    path = [
        (
            c.width * (0.12 + 0.76 * t),
            c.height * (0.5 + rise * (t - 0.5)) - math.sin(t * 3.1) * c.height * 0.18,
        )
        for t in np.linspace(0, 1, 50)
    ]
    draw.line(path, fill=c.accent(0), width=c.line_width(2))
    for i in range(7):
        cx, cy = path[round(i / 6 * 49)]
        layer = c.layer()
        ImageDraw.Draw(layer).rounded_rectangle(
            [cx - size / 2, cy - size / 2, cx + size / 2, cy + size / 2],
            radius=size * 0.2,
            fill=(c.ink if i == 6 else c.accent(i)) + (60 + 28 * i,),
        )
        c.merge(layer)


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


def noise(c):
    """Generative video: a field of noise with shapes half resolved out of it."""
    rng = np.random.default_rng(c.rng.getrandbits(64))
    field = np.zeros((c.height, c.width))
    for cells, weight in ((6, 0.6), (18, 0.3), (54, 0.1)):
        small = Image.fromarray(
            (rng.random((cells, round(cells * c.width / c.height))) * 255).astype(
                np.uint8
            )
        )
        field += (
            weight * np.asarray(small.resize((c.width, c.height), Image.BICUBIC)) / 255
        )
    palette = np.array(
        [mix(c.colours[0], (8, 8, 12), 0.6), c.colours[0], c.accent(0), c.ink],
        dtype=float,
    )
    position = np.clip((field - field.min()) / (np.ptp(field) or 1), 0, 1) * 2.999
    low = position.astype(int)
    picture = (
        palette[low]
        + (palette[np.minimum(low + 1, 3)] - palette[low]) * (position - low)[..., None]
    )
    c.image.paste(Image.fromarray(picture.astype(np.uint8)).convert("RGBA"))


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
        draw.ellipse(_dot((x, y), c.line_width(2.2 + z)), fill=colour)


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


def frames(c, backwards=False):
    """Stop-motion: a strip of frames, the shape a step further in each (or running
    backwards, for reverse motion)."""
    draw = c.draw()
    top, bottom = c.height * 0.2, c.height * 0.8
    draw.rectangle([0, top, c.width, bottom], fill=(14, 14, 16))
    hole = c.height * 0.035
    for x in np.arange(hole, c.width, hole * 3):
        for y in (top + hole * 1.2, bottom - hole * 1.2):
            draw.rectangle([x, y - hole / 2, x + hole * 1.4, y + hole / 2], fill=PAPER)
    count = 4
    frame_w = c.width / count
    start = c.rng.uniform(0, 6.3)
    for i in range(count):
        x0 = i * frame_w + 8
        draw.rectangle(
            [x0, top + hole * 2.6, x0 + frame_w - 16, bottom - hole * 2.6],
            fill=mix(c.colours[0], (20, 20, 24), 0.35),
        )
        step = (count - 1 - i) if backwards else i
        angle = start + step * 1.1
        cx = x0 + frame_w / 2 - 8 + math.cos(angle) * frame_w * 0.22
        cy = c.height / 2 - c.height * 0.04 + math.sin(angle) * c.height * 0.12
        r = c.height * 0.08
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=c.ink)
        draw.rectangle(
            [cx - r * 0.4, cy + r, cx + r * 0.4, cy + r * 2.2], fill=c.accent(i)
        )
    if backwards:  # the rewind mark
        for k in range(2):
            x = c.width * 0.08 + k * 34
            draw.polygon(
                [
                    (x, c.height * 0.1),
                    (x + 30, c.height * 0.04),
                    (x + 30, c.height * 0.16),
                ],
                fill=c.ink,
            )


def splash(c):
    """High-speed photography: a splash frozen mid-air."""
    draw = c.draw()
    cx, cy = c.width * 0.5, c.height * 0.75
    for i in range(26):
        angle = math.pi * (1.05 + 0.9 * i / 25) + c.rng.uniform(-0.05, 0.05)
        length = c.height * c.rng.uniform(0.25, 0.6)
        end = (cx + math.cos(angle) * length * 1.3, cy + math.sin(angle) * length)
        draw.line([(cx, cy), end], fill=c.accent(i), width=c.line_width(3))
        draw.ellipse(_dot(end, c.line_width(c.rng.uniform(4, 9))), fill=c.ink)
    draw.ellipse([cx - c.width * 0.3, cy - 14, cx + c.width * 0.3, cy + 14], fill=c.ink)


# A dancer's outline: head, shoulders, one arm raised, legs apart (fractions of the
# card's height, from the figure's centre).
DANCER = [(0, -0.16), (0.16, -0.1), (0.42, -0.38), (0.46, -0.32), (0.2, 0.02),
          (0.14, 0.2), (0.24, 0.44), (0.16, 0.46), (0, 0.22), (-0.16, 0.46), (-0.24, 0.44),
          (-0.14, 0.2), (-0.2, 0.02), (-0.4, 0.16), (-0.44, 0.1), (-0.16, -0.1), (0, -0.16)]  # fmt: skip


def traced(c, half=False, band=False):
    """Rotoscoping: a figure traced over and over by hand, never quite on the line (a
    half-photographed frame for live action with animation; a drawn band of three)."""
    if half:
        photo = Image.linear_gradient("L").rotate(90).resize((c.width // 2, c.height))
        tint = Image.new("RGBA", photo.size, mix(c.colours[0], PAPER, 0.3) + (255,))
        c.image.paste(Image.composite(tint, c.image.crop((0, 0, *photo.size)), photo))
    draw = c.draw()
    if band:
        figures = [(c.width * x, 0.62, 2) for x in (0.2, 0.5, 0.8)]
    else:
        figures = [(c.width * c.rng.uniform(0.4, 0.6), 1, 4)]
    for index, (cx, scale, passes) in enumerate(figures):
        h, reach = c.height * scale, c.rng.uniform(-0.25, 0.25) * c.height * scale
        mirror = -1 if (index % 2 if band else c.rng.random() < 0.5) else 1
        # Each video's dancer strikes a pose of its own; the tracings wobble around it.
        pose = [
            (x + c.rng.uniform(-0.05, 0.05), y + c.rng.uniform(-0.04, 0.04))
            for x, y in DANCER[:-1]
        ]
        pose.append(pose[0])
        for k in range(passes):
            dx, dy = c.rng.uniform(-22, 22) * scale, c.rng.uniform(-14, 14) * scale
            colour = c.ink if k == 0 else c.accent(k + index)
            points = [
                (cx + dx + mirror * x * h + c.rng.uniform(-5, 5)
                 + (reach if y < -0.3 else 0) * 0.3,
                 c.height * 0.52 + dy + y * h + c.rng.uniform(-5, 5))
                for x, y in pose
            ]  # fmt: skip
            draw.line(points, fill=colour, width=c.line_width(3), joint="curve")
            head = h * 0.1
            hx, hy = cx + dx + c.rng.uniform(-4, 4), c.height * 0.52 + dy - h * 0.27
            draw.ellipse(
                [hx - head, hy - head, hx + head, hy + head],
                outline=colour,
                width=c.line_width(3),
            )


def cut_outs(c, strings=False):
    """Cut-out animation: paper shapes laid over each other (on strings, for puppets)."""
    for i in range(7):
        cx, cy = c.width * c.rng.uniform(0.1, 0.9), c.height * c.rng.uniform(0.25, 0.8)
        r = c.height * c.rng.uniform(0.1, 0.22)
        sides, turn = c.rng.randint(3, 6), c.rng.uniform(0, 6.3)
        shape = [
            (
                cx + math.cos(turn + 6.283 * k / sides) * r * c.rng.uniform(0.8, 1.2),
                cy + math.sin(turn + 6.283 * k / sides) * r * c.rng.uniform(0.8, 1.2),
            )
            for k in range(sides)
        ]
        draw = c.draw()
        if strings:
            draw.line([(cx, 0), (cx, cy)], fill=PAPER, width=c.line_width(1.2))
        shadow = c.layer()
        ImageDraw.Draw(shadow).polygon(
            [(x + 8, y + 8) for x, y in shape], fill=(0, 0, 0, 110)
        )
        c.merge(shadow.filter(ImageFilter.GaussianBlur(6)))
        c.draw().polygon(shape, fill=c.ink if i % 3 == 0 else c.accent(i))


def light(c, aged=False):
    """In-camera effects: light leaking in, lights out of focus (an old frame, scratched,
    for period pastiche)."""
    layer = c.layer()
    draw = ImageDraw.Draw(layer)
    # Each video's lights gather somewhere of their own, in a size of their own.
    cx, cy = c.rng.uniform(0.15, 0.85), c.rng.uniform(0.2, 0.8)
    smallest, spread = c.rng.uniform(0.03, 0.08), c.rng.uniform(0.08, 0.2)
    for i in range(c.rng.randint(8, 18)):
        x = c.width * min(1, max(0, c.rng.gauss(cx, 0.25)))
        y = c.height * min(1, max(0, c.rng.gauss(cy, 0.25)))
        r = c.height * (smallest + spread * c.rng.random())
        draw.ellipse(
            [x - r, y - r, x + r, y + r],
            fill=c.accent(i) + (c.rng.randint(50, 110),),
            outline=PAPER + (90,),
            width=c.line_width(1.5),
        )
    if c.rng.random() < 0.5:  # a flare across the lens
        y0, y1 = c.height * c.rng.uniform(0, 1), c.height * c.rng.uniform(0, 1)
        draw.line([(0, y0), (c.width, y1)], fill=PAPER + (70,), width=c.line_width(6))
    leak = c.layer()
    corner = (c.width * c.rng.choice((0, 1)), c.height * c.rng.choice((0, 1)))
    ImageDraw.Draw(leak).ellipse(
        [
            corner[0] - c.width * 0.4,
            corner[1] - c.height * 0.55,
            corner[0] + c.width * 0.4,
            corner[1] + c.height * 0.55,
        ],
        fill=mix(c.colours[0], (255, 190, 120), c.rng.uniform(0.4, 0.75)) + (120,),
    )
    c.merge(leak.filter(ImageFilter.GaussianBlur(40)))
    c.merge(layer)
    if aged:
        sepia = c.image.convert("L").convert("RGBA")
        tint = Image.new("RGBA", c.image.size, (112, 82, 48, 255))
        c.image.paste(Image.blend(sepia, tint, 0.4))
        draw = c.draw()
        for _ in range(6):
            x = c.width * c.rng.uniform(0, 1)
            draw.line(
                [(x, 0), (x + c.rng.uniform(-8, 8), c.height)],
                fill=(230, 220, 200),
                width=1,
            )
        vignette = Image.radial_gradient("L").resize(c.image.size)
        c.image.paste(
            Image.composite(
                Image.new("RGBA", c.image.size, (10, 8, 6, 255)),
                c.image,
                vignette.point(lambda v: max(0, v - 110)),
            )
        )


def sound_bars(c):
    """Music visualisation: bars that rise and fall with the sound."""
    draw = c.draw()
    count = 24
    width = c.width / count
    phase, speed = c.rng.uniform(0, 6.3), c.rng.uniform(1.5, 3.5)
    for i in range(count):
        level = (
            0.06
            + 0.26 * abs(math.sin(phase + i / count * speed * 3.14))
            + (0.08 * c.rng.random())
        )
        half = c.height * level
        x = i * width + width * 0.15
        colour = c.ink if i % 4 else c.accent(i // 4)
        draw.rounded_rectangle(
            [x, c.height / 2 - half, x + width * 0.7, c.height / 2 + half],
            radius=width * 0.3,
            fill=colour,
        )


def _dot(centre, radius):
    x, y = centre
    return [x - radius, y - radius, x + radius, y + radius]


@dataclass(frozen=True)
class Motif:
    words: str  # what the picture shows, for its alt text
    draw: object
    options: tuple = ()


MOTIFS = {
    "dissolve-wipe": Motif("overlapping faces, split by a wipe", faces),
    "deepfake": Motif(
        "one face mapped onto another, tracked by a mesh", faces, (("mapped", True),)
    ),
    "prosthetics-masks": Motif("a mask with empty eyes", faces, (("mask", True),)),
    "digital-morphing": Motif("a grid warped as a morph pulls it", warped_grid),
    "fish-eye": Motif(
        "a grid bent by a fish-eye lens", warped_grid, (("kind", "fisheye"),)
    ),
    "360-vr": Motif("a grid wrapped round a globe", warped_grid, (("kind", "globe"),)),
    "single-take": Motif("one unbroken line", unbroken_line),
    "drone-cinematography": Motif("contour lines seen from above", contours),
    "motion-control": Motif("one shape repeated along the same path", echoes),
    "cgi": Motif("a wireframe cube over a grid floor, in scanlines", wireframe),
    "digital-compositing": Motif("stacked layers of mattes", layers),
    "interactive-web": Motif("browser windows and a pointer", windows),
    "text-to-video": Motif("generative noise", noise),
    "volumetric-capture": Motif("a ring drawn as a cloud of points", point_cloud),
    "photogrammetry": Motif("a surface rebuilt from triangles", mesh),
    "stop-motion": Motif("a strip of frames, a figure a step further in each", frames),
    "reverse-motion": Motif(
        "a strip of frames running backwards", frames, (("backwards", True),)
    ),
    "high-speed": Motif("a splash frozen mid-air", splash),
    "rotoscoping": Motif("a figure traced over and over by hand", traced),
    "live-action-animation": Motif(
        "a traced figure, half photographed", traced, (("half", True),)
    ),
    "virtual-band": Motif(
        "a drawn band of three in outline", traced, (("band", True),)
    ),
    "cut-out-animation": Motif("paper cut-outs laid over each other", cut_outs),
    "puppetry": Motif("cut-outs hanging on strings", cut_outs, (("strings", True),)),
    "in-camera": Motif("light leaking in, lights out of focus", light),
    "period-pastiche": Motif("an old, scratched film frame", light, (("aged", True),)),
    "music-visualisation": Motif("bars rising and falling with the sound", sound_bars),
}
# A technique added later, until it has a motif of its own.
DEFAULT_MOTIF = Motif("light falling through shapes", light)


def motif_for(technique_slug):
    return MOTIFS.get(technique_slug, DEFAULT_MOTIF)


def describe_card(techniques):
    """The alt text of a drawn card: what it shows, and whose colours.

    `techniques`: (slug, name) pairs, the primary first."""
    if not techniques:
        return f"{DEFAULT_MOTIF.words.capitalize()}: a card drawn by the archive"
    words = motif_for(techniques[0][0]).words
    names = [name for _, name in techniques]
    listed = (
        names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    )
    return f"{words[0].upper()}{words[1:]}, in the colours of {listed}"


def draw_card(seed, techniques, size):
    """A PNG of `size` for a video: its primary technique's motif in its techniques'
    colours, varied by `seed` (the video's slug).

    `techniques`: (slug, colour) pairs, the primary first; may be empty."""
    techniques = list(techniques) or [("", FALLBACK_COLOUR)]
    width, height = size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE
    colours = [rgb(colour or FALLBACK_COLOUR) for _, colour in techniques]
    digest = hashlib.sha256(seed.encode()).digest()
    canvas = Canvas(
        ground((width, height), colours[0]),
        random.Random(digest),
        colours,
        width,
        height,
    )
    motif = motif_for(techniques[0][0])
    motif.draw(canvas, **dict(motif.options))
    card = canvas.image.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    # A palette of 96 colours keeps the file small; the shapes are flat enough for it.
    card = card.quantize(96, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    card.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def card_for(video, size):
    """The card of a saved video, from its claims (the primary first)."""
    claims = video.claims.select_related("technique").order_by(
        "-is_primary", "technique__name"
    )
    techniques = [(claim.technique.slug, claim.technique.colour) for claim in claims]
    return draw_card(video.slug, techniques, size)


def image_alt(video):
    """What a video's picture is, in words: its still, or the card drawn for it. Reads
    the claims the video page prefetched (primary first)."""
    if video.still:
        return f"A still from “{video.title}”"
    claims = video.claims.all()
    return describe_card([(c.technique.slug, c.technique.name) for c in claims])
