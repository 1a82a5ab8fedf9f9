"""Timeline entries: what one row of a timeline shows, read as plain values.

A page of 50 entries built from model instances meant about 350 instances and three
prefetch queries, which cost more than the rest of the page together (bench/RESULTS.md).
An entry needs a few columns of its video and essay, read in one query, and the names of
what it is linked to, which the facet index already holds.
"""

from dataclasses import dataclass

from videos.models import Essay, Video
from videos.models.slug_links import slug_url
from videos.pages.markdown import plain_opening

THUMBNAIL_STORAGE = Video._meta.get_field("thumbnail").storage


@dataclass
class Credit:
    """An artist, director or claimed technique, as an entry links it."""

    name: str
    url: str
    colour: str = ""
    summary: str = ""
    is_primary: bool = False


@dataclass
class Entry:
    slug: str
    title: str
    year: int
    thumbnail_url: str
    thumbnail_width: int | None
    thumbnail_height: int | None
    verdict: str | None
    opening: str
    artists: list
    directors: list
    claims: list

    @property
    def url(self):
        return slug_url("videos:video", self.slug)

    @property
    def decade(self):
        return self.year - self.year % 10

    @property
    def verdict_label(self):
        return Essay.Verdict(self.verdict).label if self.verdict else ""


def _credits(index, parameter, row, view):
    return [
        Credit(
            linked.label.name,
            slug_url(view, linked.label.slug),
            linked.label.colour,
            linked.label.summary,
            linked.is_primary,
        )
        for linked in index.dimensions[parameter].linked_to(row)
    ]


def timeline_entries(index, rows):
    """The videos in the index's `rows`, in that order, that are public now."""
    pks = index.pks[rows].tolist()
    found = {
        pk: values
        for pk, *values in Video.objects.published()
        .filter(pk__in=pks)
        .order_by()
        .values_list(
            "pk",
            "slug",
            "title",
            "year",
            "thumbnail",
            "thumbnail_width",
            "thumbnail_height",
            "essay__verdict",
            "essay__body",
        )
    }
    entries = []
    for row, pk in zip(rows.tolist(), pks, strict=True):
        if pk not in found:  # unpublished since the index was built
            continue
        slug, title, year, thumbnail, width, height, verdict, body = found[pk]
        entries.append(
            Entry(
                slug,
                title,
                year,
                THUMBNAIL_STORAGE.url(thumbnail) if thumbnail else "",
                width,
                height,
                verdict,
                plain_opening(body) if body else "",
                artists=_credits(index, "artist", row, "videos:artist"),
                directors=_credits(index, "director", row, "videos:director"),
                claims=_credits(index, "technique", row, "videos:technique"),
            )
        )
    return entries
