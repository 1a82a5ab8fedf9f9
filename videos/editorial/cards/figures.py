"""Motifs of figures and things: faces, dancers, cut-outs, frames, a splash."""

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from videos.editorial.cards.canvas import PAPER, dot, mix


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
                draw.ellipse(dot(point, c.line_width(3)), fill=PAPER)
    else:  # the wipe's edge
        x, lean = c.width * c.rng.uniform(0.3, 0.7), c.rng.uniform(-0.2, 0.2)
        draw.line(
            [(x, 0), (x + c.width * lean, c.height)], fill=PAPER, width=c.line_width(3)
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
        draw.ellipse(dot(end, c.line_width(c.rng.uniform(4, 9))), fill=c.ink)
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
