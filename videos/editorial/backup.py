"""The whole archive as one JSON document, and back (`export_archive`, `import_archive`).

Rows refer to each other by slug, never by database id, and every list is sorted in Python
(database collations order hyphens differently), so one archive always gives the same
document on SQLite and PostgreSQL alike. Editors' user accounts are not part of it, so an
essay's author is left out; media files are named by their path under MEDIA_ROOT and are
copied separately. Thumbnails are derived, so they are drawn again rather than stored.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.db.models import Prefetch
from django.db.models.fields.files import FieldFile
from django.utils.duration import duration_iso_string
from taggit.models import Tag

from videos.editorial.archive_checks import check_document, parse_document
from videos.editorial.progress import NoProgress
from videos.models import (
    Artist,
    Director,
    DirectorCredit,
    Essay,
    Exhibit,
    ExhibitStop,
    Moment,
    Precedent,
    Source,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.querysets import credited_directors
from videos.models.versions import deferred_version

FORMAT = "good-reason-archive"
VERSION = 1

# External identifiers (issue 18): Wikidata, MusicBrainz and IMVDb, on people and videos.
PERSON_IDENTIFIERS = ["wikidata_id", "musicbrainz_id", "imvdb_id"]
# The stored fields of each row, in document order; links are added separately.
FIELDS = {
    Artist: ["slug", "name", *PERSON_IDENTIFIERS],
    Director: ["slug", "name", "bio", "links"]
    + ["portrait", "portrait_width", "portrait_height", *PERSON_IDENTIFIERS],
    Technique: ["slug", "name", "summary", "essay", "first_used_year", "colour"],
    Tag: ["slug", "name"],
    Video: ["slug", "title", "year", "release_date", "watch_url", "status"]
    + ["published_at", "still", "still_alt", "still_width", "still_height"]
    + ["confidence", "confidence_reason", "created_at", "updated_at"]
    + [*PERSON_IDENTIFIERS, "youtube_id", "vimeo_id"],
    VideoTechnique: ["usage", "is_primary", "tool", "studio", "timecode", "source_url"]
    + ["confidence", "confidence_reason", "correction", "correction_source_url"],
    Essay: ["headline", "verdict", "body", "created_at", "updated_at"],
    Source: ["title", "publication", "author", "date", "url", "position"]
    + ["retrieved", "quote"],
    Precedent: ["note"],
    Moment: ["seconds", "what", "source_title", "source_publication", "source_url"],
    Exhibit: ["slug", "title", "introduction", "status", "published_at"]
    + ["created_at", "updated_at"],
    ExhibitStop: ["position", "text"],
}
# Fields added after format version 1 first shipped, with the value an older document
# means by leaving them out.
ADDED_SINCE = {"videos": {"still_alt": ""}}
NO_PROGRESS = NoProgress()
# Set by Django on every save, so restored afterwards with an UPDATE.
AUTOMATIC_TIMESTAMPS = ["created_at", "updated_at"]


class ArchiveError(Exception):
    """Nothing was restored: why, and each problem found in the document's rows."""

    def __init__(self, message, problems=()):
        super().__init__(message)
        self.problems = list(problems)


def plain(value):
    """A field's value as JSON: files by name, times in UTC with microseconds."""
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    return value


def fields_of(row):
    return {name: plain(getattr(row, name)) for name in FIELDS[type(row)]}


def slugs(rows):
    return sorted(row.slug for row in rows)


def by_slug(rows):
    return sorted(rows, key=lambda row: row.slug)


def director_document(director):
    artist = director.also_artist
    return {**fields_of(director), "also_artist": artist.slug if artist else None}


def technique_document(technique):
    return {
        **fields_of(technique),
        "descends_from": slugs(technique.descends_from.all()),
    }


def video_document(video):
    essay = getattr(video, "essay", None)
    claims = sorted(video.claims.all(), key=lambda claim: claim.technique.slug)
    sources = sorted(
        video.sources.all(), key=lambda source: (source.position, source.url)
    )
    precedents = sorted(video.precedent_links.all(), key=lambda link: link.earlier.slug)
    return {
        **fields_of(video),
        "artists": slugs(video.artists.all()),
        # In the credited order, which is part of the record.
        "directors": [director.slug for director in video.directors.all()],
        "tags": slugs(video.tags.all()),
        "claims": [
            {"technique": claim.technique.slug, **fields_of(claim)} for claim in claims
        ],
        "essay": fields_of(essay) if essay else None,
        "sources": [fields_of(source) for source in sources],
        "precedents": [
            {"earlier": link.earlier.slug, **fields_of(link)} for link in precedents
        ],
        "moments": [moment_document(moment) for moment in video.moments.all()],
    }


def moment_document(moment):
    claim = moment.claim.technique.slug if moment.claim else None
    return {**fields_of(moment), "claim": claim}


def videos_for_export():
    return Video.objects.select_related("essay").prefetch_related(
        "artists",
        credited_directors(),
        Prefetch("moments", queryset=Moment.objects.select_related("claim__technique")),
        "tags",
        "sources",
        Prefetch("claims", queryset=VideoTechnique.objects.select_related("technique")),
        Prefetch(
            "precedent_links", queryset=Precedent.objects.select_related("earlier")
        ),
    )


def exhibit_document(exhibit):
    """An exhibit with its stops, each naming its video by slug and its moment by time."""
    stops = [
        {
            **fields_of(stop),
            "video": stop.video.slug,
            "moment": stop.moment.seconds if stop.moment else None,
        }
        for stop in exhibit.stops.all()
    ]
    return {**fields_of(exhibit), "stops": stops}


def exhibits_for_export():
    stops = ExhibitStop.objects.select_related("video", "moment").order_by("position")
    return Exhibit.objects.prefetch_related(Prefetch("stops", queryset=stops))


def export_archive():
    """The whole archive as a dict ready for json.dump."""
    techniques = Technique.objects.prefetch_related("descends_from")
    return {
        "format": FORMAT,
        "version": VERSION,
        "artists": [fields_of(artist) for artist in by_slug(Artist.objects.all())],
        "directors": [
            director_document(row)
            for row in by_slug(Director.objects.select_related("also_artist"))
        ],
        "techniques": [technique_document(t) for t in by_slug(techniques)],
        "tags": [fields_of(tag) for tag in by_slug(Tag.objects.all())],
        "videos": [video_document(video) for video in by_slug(videos_for_export())],
        "exhibits": [exhibit_document(e) for e in by_slug(exhibits_for_export())],
    }


def parsed(model, document):
    """The document's fields for `model`, converted by the model's own fields."""
    meta = model._meta
    return {
        name: meta.get_field(name).to_python(document[name]) for name in FIELDS[model]
    }


def create(model, document, **links):
    values = parsed(model, document)
    row = model.objects.create(**values, **links)
    timestamps = {name: values[name] for name in AUTOMATIC_TIMESTAMPS if name in values}
    if timestamps:
        model.objects.filter(pk=row.pk).update(**timestamps)
    return row


def restore_techniques(documents):
    techniques = {doc["slug"]: create(Technique, doc) for doc in documents}
    for document in documents:
        parents = [techniques[slug] for slug in document["descends_from"]]
        techniques[document["slug"]].descends_from.set(parents)
    return techniques


def restore_video(document, known):
    video = create(Video, document)
    video.artists.set([known["artists"][slug] for slug in document["artists"]])
    directors = [known["directors"][slug] for slug in document["directors"]]
    DirectorCredit.objects.replace(video, directors)
    for slug in document["tags"]:
        TaggedVideo.objects.create(content_object=video, tag=known["tags"][slug])
    claims = {}
    for claim in document["claims"]:
        technique = known["techniques"][claim["technique"]]
        row = create(VideoTechnique, claim, video=video, technique=technique)
        claims[claim["technique"]] = row
    if document["essay"]:
        create(Essay, document["essay"], video=video)
    for source in document["sources"]:
        create(Source, source, video=video)
    for moment in document.get("moments", []):
        claim = claims[moment["claim"]] if moment["claim"] else None
        create(Moment, moment, video=video, claim=claim)
    return video


def restore(document, progress):
    known = {
        "artists": {doc["slug"]: create(Artist, doc) for doc in document["artists"]},
        "directors": {
            doc["slug"]: create(Director, doc) for doc in document["directors"]
        },
        "techniques": restore_techniques(document["techniques"]),
        "tags": {doc["slug"]: create(Tag, doc) for doc in document["tags"]},
    }
    for doc in document["directors"]:
        if doc.get("also_artist"):
            director = known["directors"][doc["slug"]]
            director.also_artist = known["artists"][doc["also_artist"]]
            director.save(update_fields=["also_artist"])
    progress.start("writing", len(document["videos"]))
    videos = {}
    for doc in document["videos"]:
        videos[doc["slug"]] = restore_video(doc, known)
        progress.advance()
    for doc in document["videos"]:
        for link in doc["precedents"]:
            earlier = videos[link["earlier"]]
            create(Precedent, link, later=videos[doc["slug"]], earlier=earlier)
    # Archives written before exhibits existed have none.
    for doc in document.get("exhibits", []):
        restore_exhibit(doc, videos)
    return videos


def restore_exhibit(document, videos):
    exhibit = create(Exhibit, document)
    for stop in document["stops"]:
        video = videos[stop["video"]]
        moment = None
        if stop["moment"] is not None:
            moment = Moment.objects.get(video=video, seconds=stop["moment"])
        create(ExhibitStop, stop, exhibit=exhibit, video=video, moment=moment)


def rows_present():
    counts = {
        "videos": Video.objects.count(),
        "artists": Artist.objects.count(),
        "directors": Director.objects.count(),
        "techniques": Technique.objects.count(),
        "tags": Tag.objects.count(),
        "exhibits": Exhibit.objects.count(),
    }
    return ", ".join(f"{count} {name}" for name, count in counts.items() if count)


def missing_media(document):
    """Stills and portraits the document names that MEDIA_ROOT doesn't hold (yet)."""
    named = [(row["slug"], row["still"]) for row in document["videos"]]
    named += [(row["slug"], row["portrait"]) for row in document["directors"]]
    return [
        f"{slug}: {name} is not in MEDIA_ROOT (media files are copied separately)."
        for slug, name in named
        if name and not default_storage.exists(name)
    ]


def fill_added_fields(document):
    """Rows of an older export lack the fields added since; they take their defaults."""
    for section, defaults in ADDED_SINCE.items():
        rows = document.get(section)
        for row in rows if isinstance(rows, list) else []:
            if isinstance(row, dict):
                for name, value in defaults.items():
                    row.setdefault(name, value)


def import_archive_text(text, progress=NO_PROGRESS):
    """Restore the JSON text of an exported archive: (video ids, warnings)."""
    document, reason = parse_document(text)
    if reason:
        raise ArchiveError(f"{reason} Nothing was restored.")
    videos = import_archive(document, progress)
    return [video.pk for video in videos.values()], missing_media(document)


def import_archive(document, progress=NO_PROGRESS):
    """Restore an exported archive into an empty one, in one transaction.

    Every row is checked first (videos/editorial/archive_checks.py). Returns the
    restored videos by slug; raises ArchiveError, having written nothing, when the
    archive is not empty or the document does not fit. The collection's version is
    taken once, as the restore's last write.
    """
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ArchiveError(f"This is not a {FORMAT} document.")
    if document.get("version") != VERSION:
        raise ArchiveError(
            f"This document has format version {str(document.get('version'))[:20]}; "
            f"this archive reads version {VERSION}."
        )
    if present := rows_present():
        raise ArchiveError(
            f"The archive is not empty ({present}); import_archive restores only into "
            "an empty database, so nothing was restored."
        )
    fill_added_fields(document)
    if problems := check_document(document, FIELDS):
        raise ArchiveError(
            f"The document has {len(problems)} problem(s); nothing was restored.",
            problems,
        )
    try:
        with deferred_version():
            return restore(document, progress)
    except (
        KeyError,
        TypeError,
        ValueError,
        OSError,
        ValidationError,
        IntegrityError,
    ) as error:
        raise ArchiveError(
            f"The document does not fit this archive ({type(error).__name__}: "
            f"{str(error)[:300]}); nothing was restored."
        ) from error
