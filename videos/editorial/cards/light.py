"""Motifs of light and sound: lights out of focus, noise, bars."""

import math

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from videos.editorial.cards.canvas import PAPER, mix


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
