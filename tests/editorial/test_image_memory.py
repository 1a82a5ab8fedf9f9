"""Checking an upload stays within its memory budget (issue 12, item 9).

A 38 KB PNG declaring 39.7 megapixels took a worker from 139 to 591 MB while it was
checked. Each image here is checked in a fresh Python process, which reports how far its
resident memory rose (its peak) above where it stood just before: Pillow
allocates pixels outside Python's allocator, so tracemalloc would not see them. (Linux's
/proc/self/status: VmHWM, reset through clear_refs. getrusage's peak would include the
pytest process this one was forked from.)
"""

import io
import json
import subprocess
import sys

import pytest
from PIL import Image

from tests.web.servers import ROOT
from videos.editorial.images import MAX_UPLOAD_PIXELS, MEMORY_BUDGET

MEGABYTE = 1024 * 1024
EIGHT_K = (7680, 4320)

CHECK = """
import json, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from videos.editorial.images import clean_image_upload, validate_image_upload

def kilobytes(field):
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith(field))

data = open(sys.argv[1], "rb").read()
with open("/proc/self/clear_refs", "w") as clear:
    clear.write("5")  # the peak (VmHWM) starts again from here
before = kilobytes("VmRSS")
try:
    validate_image_upload(SimpleUploadedFile(sys.argv[1], data))
    stored = clean_image_upload(SimpleUploadedFile(sys.argv[1], data))
    outcome = "stored %s" % (stored.name,)
except ValidationError as error:
    outcome = "refused: " + error.messages[0]
print(json.dumps({"outcome": outcome, "rise": (kilobytes("VmHWM") - before) * 1024}))
"""


def encoded(image, format, **options):
    buffer = io.BytesIO()
    image.save(buffer, format=format, **options)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def images(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large-images")
    made = {
        # As in the issue: a flat colour compresses to almost nothing.
        "issue.png": encoded(Image.new("RGB", (7296, 5440), (9, 9, 9)), "PNG"),
        # The largest accepted, at the most bytes a pixel.
        "eight-k-rgba.png": encoded(
            Image.new("RGBA", EIGHT_K, (200, 30, 40, 128)), "PNG", compress_level=1
        ),
        "eight-k.png": encoded(
            Image.new("RGB", EIGHT_K, (200, 30, 40)), "PNG", compress_level=1
        ),
        # Half the limit with alpha: reduced through a premultiplied copy.
        "half-limit-rgba.png": encoded(
            Image.new("RGBA", (5600, 3000), (200, 30, 40, 128)), "PNG", compress_level=1
        ),
        "eight-k.jpg": encoded(Image.new("RGB", EIGHT_K, (200, 30, 40)), "JPEG"),
        "eight-k-cmyk.jpg": encoded(Image.new("CMYK", EIGHT_K, (0, 90, 80, 0)), "JPEG"),
    }
    for name, data in made.items():
        (folder / name).write_bytes(data)
    return folder


def checked(path):
    result = subprocess.run(
        [sys.executable, "-c", CHECK, str(path)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_the_budget_is_200_mb_and_the_limit_fits_an_8k_frame():
    assert MEMORY_BUDGET == 200 * MEGABYTE
    assert EIGHT_K[0] * EIGHT_K[1] <= MAX_UPLOAD_PIXELS
    assert MAX_UPLOAD_PIXELS * 4 < MEMORY_BUDGET  # decoded at the most bytes a pixel


def test_the_issues_397_megapixel_png_is_refused_within_the_budget(images):
    report = checked(images / "issue.png")
    assert (images / "issue.png").stat().st_size < 200_000
    assert report["outcome"].startswith("refused: The image is over 34 megapixels")
    assert report["rise"] < MEMORY_BUDGET


@pytest.mark.parametrize(
    "name",
    [
        "eight-k-rgba.png",
        "eight-k.png",
        "half-limit-rgba.png",
        "eight-k.jpg",
        "eight-k-cmyk.jpg",
    ],
)
def test_the_largest_accepted_image_is_checked_and_stored_within_the_budget(
    images, name
):
    report = checked(images / name)
    assert report["outcome"].startswith("stored "), report
    assert report["rise"] < MEMORY_BUDGET, f"{report['rise'] / MEGABYTE:.0f} MB"


def test_a_jpeg_is_decoded_at_a_reduced_scale(images):
    # 7680 × 4320 × 3 bytes would be 95 MB in full; drafted at half scale, a quarter.
    report = checked(images / "eight-k.jpg")
    assert report["rise"] < 60 * MEGABYTE, f"{report['rise'] / MEGABYTE:.0f} MB"


def test_a_large_still_is_stored_no_larger_than_its_longest_side(images):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from videos.editorial.images import STILL_LONGEST_SIDE, clean_image_upload

    data = (images / "eight-k.jpg").read_bytes()
    stored = clean_image_upload(SimpleUploadedFile("frame.jpg", data))
    with Image.open(stored) as image:
        assert STILL_LONGEST_SIDE / 2 <= image.width <= STILL_LONGEST_SIDE
        assert image.width / image.height == EIGHT_K[0] / EIGHT_K[1]
