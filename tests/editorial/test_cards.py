"""Cards drawn for videos without a still: a motif per technique in its colours, seeded
by the video, with no title in the picture and alt text that says what it shows."""

import io
import json

import pytest
from django.conf import settings
from PIL import Image

from tests.factories import make_technique, make_video
from videos.editorial.cards import MOTIFS, describe_card, draw_card, rgb

SIZE = (640, 360)
DISSOLVE = ("dissolve-wipe", "#6a3d9a")


def pixels(data):
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG" and image.size == SIZE
    return image.convert("RGB")


def test_a_card_is_the_same_for_the_same_video_and_differs_between_videos():
    first = draw_card("cry", [DISSOLVE], SIZE)
    assert draw_card("cry", [DISSOLVE], SIZE) == first
    assert draw_card("money-for-nothing", [DISSOLVE], SIZE) != first


def test_a_card_is_drawn_in_its_techniques_colours():
    image = pixels(draw_card("cry", [DISSOLVE, ("deepfake", "#b5132e")], SIZE))
    purple, red = rgb("#6a3d9a"), rgb("#b5132e")

    def near(colour):
        return sum(
            count
            for count, pixel in image.getcolors(SIZE[0] * SIZE[1])
            if sum(abs(a - b) for a, b in zip(pixel, colour, strict=True)) < 150
        )

    assert near(purple) > 0.05 * SIZE[0] * SIZE[1]
    assert near(red) > 0


def test_each_motif_draws_something_different():
    digests = {
        slug: draw_card("same-seed", [(slug, "#1565c0")], SIZE) for slug in MOTIFS
    }
    assert len(set(digests.values())) == len(MOTIFS)


def test_every_curated_technique_has_a_motif_of_its_own():
    fixture = json.loads((settings.BASE_DIR / "fixtures/collection.json").read_text())
    slugs = {o["fields"]["slug"] for o in fixture if o["model"] == "videos.technique"}
    assert slugs <= set(MOTIFS)


def test_an_unknown_technique_or_none_still_gets_a_card():
    assert pixels(draw_card("new", [("holography", "#123456")], SIZE))
    assert pixels(draw_card("bare", [], SIZE))


def test_the_alt_text_says_what_the_picture_shows():
    assert describe_card([("dissolve-wipe", "Dissolve and wipe")]) == (
        "Overlapping faces, split by a wipe, in the colours of Dissolve and wipe"
    )
    assert describe_card(
        [("cgi", "Computer-generated imagery"), ("rotoscoping", "Rotoscoping")]
    ).endswith("in the colours of Computer-generated imagery and Rotoscoping")


@pytest.mark.django_db
def test_a_video_page_shows_its_card_with_alt_text_and_says_it_is_drawn(client):
    dissolve = make_technique("Dissolve and wipe", slug="dissolve-wipe")
    video = make_video("Cry", slug="cry", techniques=[dissolve], verdict="justified")
    from videos.editorial.images import refresh_thumbnail

    refresh_thumbnail(video)
    html = client.get("/videos/cry/").content.decode()
    assert 'alt="Overlapping faces, split by a wipe, in the colours of Dissolve' in html
    assert "Drawn by the archive from the video's techniques, not a still." in html
    assert 'content="Overlapping faces, split by a wipe' in html  # og:image:alt
