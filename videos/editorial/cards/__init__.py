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
import random
from dataclasses import dataclass

from PIL import Image

from videos.editorial.cards.canvas import (
    FALLBACK_COLOUR,
    SUPERSAMPLE,
    Canvas,
    ground,
    rgb,
)
from videos.editorial.cards.figures import (
    cut_outs,
    echoes,
    faces,
    frames,
    splash,
    traced,
)
from videos.editorial.cards.light import light, noise, sound_bars
from videos.editorial.cards.lines import (
    contours,
    layers,
    mesh,
    point_cloud,
    unbroken_line,
    warped_grid,
    windows,
    wireframe,
)


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
        return video.still_alt or f"A still from “{video.title}”"
    claims = video.claims.all()
    return describe_card([(c.technique.slug, c.technique.name) for c in claims])
