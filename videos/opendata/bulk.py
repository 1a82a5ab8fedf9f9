"""The whole public archive in bulk (issue 18, item 6): a JSON export, a CSV per table
and one SQLite file with the same tables, written by `manage.py build_open_data` and
offered at /data/.

Only what the public site shows is in them: published videos (not drafts or scheduled
ones) and the artists, directors, techniques and tags they link. The tables are declared
once (`TABLES`); the CSVs and the SQLite file are both written from those declarations,
and the JSON export from the API's own documents.
"""

import csv
import json
import os
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db.models import F
from django.utils import timezone
from taggit.models import Tag

from videos.models import (
    Artist,
    Director,
    Essay,
    Moment,
    Precedent,
    Source,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import current_version
from videos.opendata.documents import technique_row, video_document
from videos.opendata.licences import ESSAYS, LICENCE

JSON_NAME = "good-reason.json"
SQLITE_NAME = "good-reason.sqlite"
MANIFEST = "manifest.json"
CHUNK = 500
PERSON_IDS = ["wikidata_id", "musicbrainz_id", "imvdb_id"]
VIDEO_IDS = [*PERSON_IDS, "youtube_id", "vimeo_id"]


def directory():
    return Path(settings.MEDIA_ROOT) / "open-data"


@dataclass(frozen=True)
class Table:
    name: str
    columns: list
    rows: Callable  # (base_url) -> iterable of tuples, in `columns` order
    about: str


def public_videos():
    return Video.objects.published()


def linked(model, path):
    """Rows of `model` at least one public video links to through `path`."""
    return model.objects.filter(**{f"{path}__in": public_videos()}).distinct()


def with_url(queryset, columns, base_url, url_of):
    for row in queryset.values_list(*columns).iterator(chunk_size=CHUNK):
        yield (*row, base_url + url_of(row[0]))


def video_rows(base_url):
    columns = ["slug", "title", "year", "release_date", "essay__verdict"]
    columns += ["confidence", "confidence_reason", "watch_url", *VIDEO_IDS]
    queryset = public_videos().order_by("year", "title", "pk")
    return with_url(queryset, columns, base_url, lambda slug: f"/videos/{slug}/")


def person_rows(model, path, prefix, extra=()):
    def rows(base_url):
        queryset = linked(model, path).order_by("slug")
        columns = ["slug", "name", *extra, *PERSON_IDS]
        return with_url(queryset, columns, base_url, lambda slug: f"/{prefix}/{slug}/")

    return rows


def values(queryset, *columns):
    return lambda base_url: queryset().values_list(*columns).iterator(chunk_size=CHUNK)


def of_public(model, video_path="video"):
    return lambda: model.objects.filter(**{f"{video_path}__in": public_videos()})


def source_rows(base_url):
    columns = ["video__slug", "position", "title", "publication", "author", "date"]
    columns += ["url", "retrieved", "quote"]
    for source in (
        of_public(Source)()
        .select_related("video")
        .order_by("video__slug", "position", "url")
        .iterator(chunk_size=CHUNK)
    ):
        yield (*(getattr_path(source, c) for c in columns), source.archive_url)


def getattr_path(row, path):
    for part in path.split("__"):
        row = getattr(row, part)
    return row


TABLES = [
    Table(
        "videos",
        ["slug", "title", "year", "release_date", "verdict", "confidence"]
        + ["confidence_reason", "watch_url", *VIDEO_IDS, "url"],
        video_rows,
        "One row per published video.",
    ),
    Table(
        "essays",
        ["video", "headline", "verdict", "body", "updated_at"],
        values(
            lambda: of_public(Essay)().order_by("video__slug"),
            "video__slug",
            "headline",
            "verdict",
            "body",
            "updated_at",
        ),
        f"The curators' essays ({ESSAYS['name']}).",
    ),  # fmt: skip
    Table(
        "artists",
        ["slug", "name", *PERSON_IDS, "url"],
        person_rows(Artist, "videos", "artists"),
        "Artists credited on a published video.",
    ),
    Table(
        "directors",
        ["slug", "name", "bio", "links", *PERSON_IDS, "url"],
        person_rows(Director, "videos", "directors", extra=("bio", "links")),
        "Directors of a published video.",
    ),
    Table(
        "techniques",
        ["slug", "name", "summary", "essay", "first_used_year", "colour"],
        values(
            lambda: linked(Technique, "claims__video").order_by("slug"),
            "slug",
            "name",
            "summary",
            "essay",
            "first_used_year",
            "colour",
        ),
        "Techniques with a published video.",
    ),  # fmt: skip
    Table(
        "technique_lineage",
        ["technique", "descends_from"],
        values(
            lambda: Technique.descends_from.through.objects.order_by(
                "from_technique__slug", "to_technique__slug"
            ),
            "from_technique__slug",
            "to_technique__slug",
        ),
        "What each technique grew out of.",
    ),  # fmt: skip
    Table(
        "tags",
        ["slug", "name"],
        values(
            lambda: Tag.objects.filter(
                pk__in=of_public(TaggedVideo, "content_object")().values("tag_id")
            ).order_by("slug"),
            "slug",
            "name",
        ),
        "Tags on a published video.",
    ),  # fmt: skip
    Table(
        "video_artists",
        ["video", "artist"],
        values(
            lambda: of_public(Video.artists.through)().order_by(
                "video__slug", "artist__slug"
            ),
            "video__slug",
            "artist__slug",
        ),
        "Which artists each video credits.",
    ),  # fmt: skip
    Table(
        "video_directors",
        ["video", "director", "position"],
        values(
            lambda: of_public(Video.directors.through)().order_by(
                "video__slug", "position", "director__slug"
            ),
            "video__slug",
            "director__slug",
            "position",
        ),
        "Which directors each video credits, in the credited order.",
    ),  # fmt: skip
    Table(
        "video_tags",
        ["video", "tag"],
        values(
            lambda: of_public(TaggedVideo, "content_object")().order_by(
                "content_object__slug", "tag__slug"
            ),
            "content_object__slug",
            "tag__slug",
        ),
        "Which tags each video has.",
    ),  # fmt: skip
    Table(
        "claims",
        ["video", "technique", "primary", "usage", "tool", "studio"]
        + ["timecode_seconds", "source_url", "confidence", "confidence_reason"],
        lambda base_url: (
            (
                c.video.slug,
                c.technique.slug,
                c.is_primary,
                c.usage,
                c.tool,
                c.studio,
                c.timecode_seconds,
                c.source_url,
                c.confidence,
                c.confidence_reason,
            )
            for c in of_public(VideoTechnique)()
            .select_related("video", "technique")
            .order_by("video__slug", "technique__slug")
            .iterator(chunk_size=CHUNK)
        ),
        "Technique claims: how each video uses each technique, and who says so.",
    ),  # fmt: skip
    Table(
        "sources",
        ["video", "position", "title", "publication", "author", "date", "url"]
        + ["retrieved", "quote", "archive_url"],
        source_rows,
        "The sources each entry cites, with the Wayback Machine link for each.",
    ),
    Table(
        "precedents",
        ["later", "earlier", "note"],
        values(
            lambda: Precedent.objects.filter(
                later__in=public_videos(), earlier__in=public_videos()
            ).order_by("later__slug", "earlier__slug"),
            "later__slug",
            "earlier__slug",
            "note",
        ),
        "A later video that echoes an earlier one.",
    ),  # fmt: skip
    Table(
        "moments",
        ["video", "seconds", "what", "technique", "source_title"]
        + ["source_publication", "source_url"],
        values(
            lambda: (
                of_public(Moment)()
                .annotate(technique=F("claim__technique__slug"))
                .order_by("video__slug", "seconds")
            ),
            "video__slug",
            "seconds",
            "what",
            "technique",
            "source_title",
            "source_publication",
            "source_url",
        ),
        "Timecoded points worth watching, each with its source.",
    ),  # fmt: skip
]


def cell(value):
    """A value as CSV and SQLite hold it: dates as ISO text, true/false as 1/0."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def write_csv(path, table, base_url):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(table.columns)
        for row in table.rows(base_url):
            writer.writerow(["" if v is None else cell(v) for v in row])


def write_sqlite(path, base_url, generated):
    path.unlink(missing_ok=True)
    database = sqlite3.connect(path)
    with database:
        for table in TABLES:
            columns = ", ".join(f'"{c}"' for c in table.columns)
            database.execute(f'CREATE TABLE "{table.name}" ({columns})')
            marks = ", ".join("?" for _ in table.columns)
            database.executemany(
                f'INSERT INTO "{table.name}" VALUES ({marks})',
                ([cell(v) for v in row] for row in table.rows(base_url)),
            )
        database.execute("CREATE TABLE licence (part, name, url, covers)")
        database.executemany(
            "INSERT INTO licence VALUES (?, ?, ?, ?)",
            [(part, t["name"], t["url"], t["covers"]) for part, t in LICENCE.items()],
        )
        database.execute("CREATE TABLE about (name, value)")
        database.executemany(
            "INSERT INTO about VALUES (?, ?)",
            [("archive", "Good Reason"), ("generated", generated), ("url", base_url)],
        )
    database.close()


def write_json(path, base_url, generated, version):
    """The API's documents, a video at a time, so memory stays bounded."""

    def absolute(relative):
        return base_url + relative

    videos = public_videos().for_detail().order_by("year", "title", "pk")
    techniques = Technique.objects.with_public_counts().with_lineage().order_by("slug")
    with open(path, "w", encoding="utf-8") as out:
        head = {"format": "good-reason-open-data", "version": 1, "generated": generated,
                "archive_version": version, "url": base_url, "licence": LICENCE}  # fmt: skip
        out.write(json.dumps(head, ensure_ascii=False)[:-1])
        out.write(', "techniques": ')
        json.dump(
            [technique_row(t, absolute) for t in techniques], out, ensure_ascii=False
        )
        for table in ("artists", "directors", "tags"):
            out.write(f', "{table}": ')
            json.dump(table_dicts(table, base_url), out, ensure_ascii=False)
        out.write(', "videos": [')
        for number, video in enumerate(videos.iterator(chunk_size=CHUNK)):
            out.write(",\n" if number else "\n")
            json.dump(video_document(video, absolute), out, ensure_ascii=False)
        out.write("\n]}\n")


def table_dicts(name, base_url):
    table = next(table for table in TABLES if table.name == name)
    return [
        dict(zip(table.columns, map(cell, row), strict=False))
        for row in table.rows(base_url)
    ]


def build(base_url, target=None):
    """Write every file afresh, each replacing the old one only once complete, then
    the manifest /data/ lists them from. Returns the manifest."""
    target = Path(target or directory())
    target.mkdir(parents=True, exist_ok=True)
    generated = timezone.now().isoformat(timespec="seconds")
    version = current_version()
    base_url = base_url.rstrip("/")
    files = []

    def publish(name, write, about):
        partial = target / f"{name}.partial"
        write(partial)
        os.replace(partial, target / name)
        files.append(
            {"name": name, "bytes": (target / name).stat().st_size, "about": about}
        )

    publish(JSON_NAME, lambda p: write_json(p, base_url, generated, version),
            "Every published entry as the API's JSON documents.")  # fmt: skip
    publish(SQLITE_NAME, lambda p: write_sqlite(p, base_url, generated),
            "Every table below in one SQLite database.")  # fmt: skip
    for table in TABLES:
        publish(
            f"{table.name}.csv",
            lambda p, t=table: write_csv(p, t, base_url),
            table.about,
        )
    manifest = {"generated": generated, "archive_version": version, "files": files}
    (target / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest


def read_manifest():
    try:
        return json.loads((directory() / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
