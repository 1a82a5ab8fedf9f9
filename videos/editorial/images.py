"""Pillow work: upload checks, title cards for videos without a still, and thumbnails."""

import hashlib
import io
import math
import textwrap
import uuid
import warnings
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.text import slugify
from PIL import Image, ImageCms, ImageDraw, ImageFont, ImageOps

from videos.editorial.cards import card_for
from videos.models.versions import (
    deferred_version,
    record_change,
    videos_changed,
)

CARD_SIZE = (640, 360)
CARD_BACKGROUND = (24, 26, 33)
CARD_INK = (244, 241, 234)
CARD_MUTED = (182, 186, 196)
FALLBACK_COLOUR = "#44546a"

# Checking one upload may use at most this much memory (issue 12: a 38 KB PNG declaring
# 39.7 megapixels took a worker from 139 to 591 MB). An image is decoded once, at most 4
# bytes a pixel (RGBA, CMYK), then reduced to STILL_LONGEST_SIDE before anything copies
# it: 34 megapixels (an 8K frame, 7680 × 4320, fits) is 136 MB decoded, plus 26 MB for
# the reduced copy. JPEGs decode straight at a reduced scale (Image.draft), so less.
MEMORY_BUDGET = 200 * 1024 * 1024
MAX_UPLOAD_PIXELS = 34_000_000
# Stills are kept at most this many pixels on their long side: the site shows them at
# 640 × 360, so this leaves room for any screen.
STILL_LONGEST_SIDE = 2560
# Every image this process opens: Pillow warns past this and refuses twice this, from the
# header alone, before decoding a pixel (a decompression bomb is a small file declaring a
# huge image). Uploads turn the warning into a refusal too.
Image.MAX_IMAGE_PIXELS = MAX_UPLOAD_PIXELS
UPLOAD_FORMATS = ("JPEG", "PNG", "WEBP")
SRGB = ImageCms.createProfile("sRGB")
MEGABYTE = 1024 * 1024


def _font(size):
    # Pillow ships a scalable default font (FreeType), so no font file is needed.
    return ImageFont.load_default(size=size)


def _wrap(text, font, width, draw):
    """Split text into lines that fit `width` pixels, breaking on spaces."""
    words, lines, line = text.split(), [], ""
    for word in words:
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def draw_title_card(title, artist, year, colours):
    """A 16:9 PNG naming the video, with a band in each technique's colour."""
    image = Image.new("RGB", CARD_SIZE, CARD_BACKGROUND)
    draw = ImageDraw.Draw(image)
    width, height = CARD_SIZE
    margin = 40

    band_colours = colours or [FALLBACK_COLOUR]
    band_width = width / len(band_colours)
    for index, colour in enumerate(band_colours):
        left = round(index * band_width)
        draw.rectangle(
            [left, height - 24, round(left + band_width), height], fill=colour
        )

    draw.text((margin, margin), str(year), font=_font(28), fill=CARD_MUTED)
    title_font = _font(46)
    lines = _wrap(title, title_font, width - 2 * margin, draw)
    if len(lines) > 3:
        lines = lines[:2] + [textwrap.shorten(" ".join(lines[2:]), 28, placeholder="…")]
    top = 104
    for line in lines:
        draw.text((margin, top), line, font=title_font, fill=CARD_INK)
        top += 56
    draw.text((margin, top + 12), artist, font=_font(28), fill=CARD_MUTED)

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def thumbnail_of(still_file):
    """The still cropped to 16:9 and scaled to the card's size, as JPEG."""
    still_file.open("rb")
    with Image.open(still_file) as still:
        still = ImageOps.exif_transpose(still).convert("RGB")
        fitted = ImageOps.fit(still, CARD_SIZE, method=Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    fitted.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def title_card_for(video):
    # A picture of the technique, with no title in it (issue 15): editorial/cards.py.
    return card_for(video, CARD_SIZE)


def draw_thumbnail(video):
    """Write the video's thumbnail file when it needs one: the name to store, or None
    when the stored one is current. Writes no row.

    The file name carries a content hash, so an unchanged image is not rewritten and a
    changed one gets a new URL. Raises OSError when the file can't be written, and
    Pillow's errors when the still can't be read.
    """
    if video.still:
        data, extension = thumbnail_of(video.still), "jpg"
    else:
        data, extension = title_card_for(video), "png"
    digest = hashlib.sha256(data).hexdigest()[:12]
    storage, path = (
        video.thumbnail.storage,
        f"thumbnails/{video.slug}-{digest}.{extension}",
    )
    if storage.exists(path):  # drawn before (e.g. the collection was reloaded)
        return None if video.thumbnail.name == path else path
    return storage.save(path, ContentFile(data))


def store_thumbnail(video, name):
    """Point the row at its new thumbnail. A plain UPDATE: the entry's change marker
    stays, since nothing an editor wrote changed. Returns the name it replaced."""
    replaced = video.thumbnail.name or ""
    # Both are drawn at the card's size; set it here rather than have Django re-read it.
    width, height = CARD_SIZE
    type(video).objects.filter(pk=video.pk).update(
        thumbnail=name, thumbnail_width=width, thumbnail_height=height
    )
    video.thumbnail.name, video.thumbnail_width, video.thumbnail_height = (
        name,
        width,
        height,
    )
    # Drawn after the save committed: pages showing it are stale.
    record_change(changed=videos_changed([video.pk]))
    return replaced


def delete_replaced(storage, replaced, names_in_use):
    for name in replaced:
        if name and name not in names_in_use:
            storage.delete(name)


def refresh_thumbnail(video):
    """Regenerate a video's thumbnail from its still, or draw its title card.
    Returns True when the thumbnail changed."""
    name = draw_thumbnail(video)
    if name is None:
        return False
    replaced = store_thumbnail(video, name)
    delete_replaced(video.thumbnail.storage, [replaced], {name})
    return True


def refresh_thumbnails(video_ids, progress, batch_size=50):
    """Draw each video's thumbnail; {video id: why not} for those that failed.

    Images are drawn outside any transaction; each batch's rows are then updated in one
    short transaction that takes one collection version, not one per video.
    """
    from videos.models import Video

    failures = {}
    progress.start("drawing", len(video_ids))
    for start in range(0, len(video_ids), batch_size):
        batch = Video.objects.filter(pk__in=video_ids[start : start + batch_size])
        drawn = []
        for video in batch.prefetch_related("artists"):
            try:
                name = draw_thumbnail(video)
            except Exception as error:  # Pillow and storage raise many kinds
                failures[video.pk] = f"{video.slug}: {describe_failure(error)}"
            else:
                if name:
                    drawn.append((video, name))
            progress.advance()
        with deferred_version():
            replaced = [store_thumbnail(video, name) for video, name in drawn]
        if drawn:
            delete_replaced(
                drawn[0][0].thumbnail.storage, replaced, {n for _, n in drawn}
            )
    return failures


def describe_failure(error):
    """One line an editor can act on: what went wrong, and with which file."""
    if isinstance(error, FileNotFoundError) and error.filename:
        return f"{error.strerror}: {error.filename}"
    if isinstance(error, OSError) and error.strerror:
        where = f" ({error.filename})" if error.filename else ""
        return f"the media folder can't be written: {error.strerror}{where}"
    return f"{type(error).__name__}: {error}"


def media_problem():
    """Why an image can't be written to the media folder now, or None if it can.

    A cheap check (one empty file written and removed) made when an editor saves, so
    the warning names the cause while the thumbnail is drawn in the background.
    """
    name = f"thumbnails/.write-check-{uuid.uuid4().hex}"
    try:
        default_storage.delete(default_storage.save(name, ContentFile(b"")))
    except OSError as error:
        return describe_failure(error)
    return None


def validate_image_upload(file):
    """Refuse anything but a readable JPEG, PNG or WebP within the size limits."""
    _decoded_upload(file).close()


def clean_image_upload(file):
    """The upload checked, then re-encoded with no metadata: JPEG, or PNG when it has
    transparency. EXIF (GPS, camera serials), XMP and text chunks are not carried over."""
    with _decoded_upload(file) as upload:
        image = _in_srgb(ImageOps.exif_transpose(upload))  # keep the camera's rotation
    if _has_transparency(image):
        image, extension, options = image.convert("RGBA"), "png", {"optimize": True}
    else:
        image, extension, options = image.convert("RGB"), "jpg", {"quality": 90}
    image.info = {}  # PNG would otherwise copy an ICC profile from here
    buffer = io.BytesIO()
    image.save(buffer, format="PNG" if extension == "png" else "JPEG", **options)
    stem = slugify(Path(file.name or "").stem)[:60] or "image"
    return ContentFile(buffer.getvalue(), name=f"{stem}.{extension}")


def _decoded_upload(file):
    """The upload opened and decoded, once its bytes and pixels are within limits, no
    larger than STILL_LONGEST_SIDE (within MEMORY_BUDGET: see above)."""
    if file.size > settings.MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The file is {file.size / MEGABYTE:.1f} MB; an image can be at most "
            f"{settings.MAX_UPLOAD_BYTES / MEGABYTE:.0f} MB."
        )
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(file, formats=UPLOAD_FORMATS) as header:  # reads the header
                _check_pixels(header.size)
                header.verify()  # the file's structure (chunk checksums), not pixels
            file.seek(0)
            image = Image.open(file, formats=UPLOAD_FORMATS)
            image.draft(None, _fitted(image.size))  # JPEG: decode at 1/2, 1/4 or 1/8
            image.load()  # every pixel: a truncated file fails here
            image = _reduced(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_too_many_pixels()) from None
    except Image.UnidentifiedImageError:
        raise ValidationError(
            "This file is not an image. Upload a JPEG, PNG or WebP file."
        ) from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds of error on bad data
        raise ValidationError(
            "This image could not be read: it is damaged or incomplete. Export it "
            "again as JPEG or PNG."
        ) from None
    return image


def _reduced(image):
    """The image within STILL_LONGEST_SIDE, made in one pass that allocates only the
    result: an integer box reduction. Pillow reduces an image with alpha through a
    premultiplied copy of it, affordable up to half the pixel limit; larger ones, and
    modes it can't reduce, take the nearest pixel instead."""
    factor = math.ceil(max(image.size) / STILL_LONGEST_SIDE)
    if factor <= 1:
        return image
    copies = image.mode in {"LA", "RGBA"} and _pixels(image) > MAX_UPLOAD_PIXELS // 2
    if copies or image.mode in {"1", "P", "I;16"}:
        smaller = image.resize(_fitted(image.size), Image.Resampling.NEAREST)
    else:
        smaller = image.reduce(factor)
    image.close()  # its pixels, now, rather than when the collector runs
    return smaller


def _pixels(image):
    return image.width * image.height


def _fitted(size):
    """`size` scaled down, keeping its shape, to fit a square of STILL_LONGEST_SIDE."""
    width, height = size
    scale = min(1, STILL_LONGEST_SIDE / max(width, height, 1))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _check_pixels(size):
    width, height = size
    if width * height > MAX_UPLOAD_PIXELS:
        raise ValidationError(_too_many_pixels(f" ({width} × {height})"))


def _too_many_pixels(dimensions=""):
    return (
        f"The image is over {MAX_UPLOAD_PIXELS // 1_000_000} megapixels{dimensions}. "
        "Scale it down before uploading."
    )


def _in_srgb(image):
    """Colours converted to sRGB, since the ICC profile goes with the other metadata."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in {"RGB", "RGBA", "CMYK"}:
        return image
    try:
        return ImageCms.profileToProfile(
            image,
            ImageCms.ImageCmsProfile(io.BytesIO(profile)),
            SRGB,
            outputMode="RGBA" if image.mode == "RGBA" else "RGB",
        )
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image  # an unreadable profile: keep the pixels as they are


def _has_transparency(image):
    if not image.has_transparency_data:
        return False
    return image.convert("RGBA").getchannel("A").getextrema()[0] < 255
