"""What every card is drawn on: the video's colours, its random numbers, a dark ground."""

import random
from dataclasses import dataclass

from PIL import Image, ImageDraw

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


def dot(centre, radius):
    x, y = centre
    return [x - radius, y - radius, x + radius, y + radius]
