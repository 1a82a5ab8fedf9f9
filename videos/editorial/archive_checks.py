"""Every row of an archive document checked before a restore writes anything.

Values are checked by the models' own fields and validators, as the admin checks them
(choices, lengths, formats, years), plus what the document itself must hold together:
each slug once per list, every reference naming a row of the document, one primary claim
per video, and image paths that stay inside MEDIA_ROOT. Each problem names where it is:
"videos row 12 “cry”, essay: verdict: …".
"""

import json
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from taggit.models import Tag

from videos.models import (
    Artist,
    Director,
    Essay,
    Exhibit,
    ExhibitStop,
    Technique,
    Video,
)

SECTIONS = {
    "artists": Artist,
    "directors": Director,
    "techniques": Technique,
    "tags": Tag,
    "videos": Video,
}
# Beyond this many, the report says how many more there are.
MOST_PROBLEMS_LISTED = 200
TEXT_FIELDS = (models.CharField, models.TextField, models.FileField)
NUMBER_FIELDS = (models.IntegerField,)
DATE_FIELDS = (models.DateField, models.DurationField)  # DateTimeField is a DateField


class Problems(list):
    def add(self, where, message):
        self.append(f"{where}: {message}")


def parse_document(text):
    """The JSON text as Python values, or the reason it isn't a document at all."""
    try:
        return json.loads(text), None
    except RecursionError:
        return None, "The document is nested too deeply to be an archive."
    except json.JSONDecodeError as error:
        return None, f"This is not a JSON document: {error}."


def check_document(document, fields_by_model):
    """Every problem in the document, each naming its row; empty when it can restore."""
    problems = Problems()
    slugs = {}
    for section, model in SECTIONS.items():
        rows = document.get(section)
        if not isinstance(rows, list):
            problems.add(section, "missing, or not a list of rows.")
            rows = []
        slugs[section] = check_section(section, model, rows, fields_by_model, problems)
    for index, row in enumerate(document.get("directors") or [], 1):
        also = row.get("also_artist") if isinstance(row, dict) else None
        if also is not None and (
            not isinstance(also, str) or also not in slugs["artists"]
        ):
            where = row_label("directors", index, row)
            problems.add(
                where, f"also_artist “{str(also)[:60]}” is not in the document."
            )
    for index, row in enumerate(document.get("techniques") or [], 1):
        if isinstance(row, dict):
            where = row_label("techniques", index, row)
            check_references(where, row, "descends_from", slugs["techniques"], problems)
            if row.get("slug") in (row.get("descends_from") or []):
                problems.add(where, "a technique cannot descend from itself.")
    for index, row in enumerate(document.get("videos") or [], 1):
        if isinstance(row, dict):
            check_video_links(row_label("videos", index, row), row, slugs, problems)
            check_video_parts(
                row_label("videos", index, row), row, slugs, fields_by_model, problems
            )
    check_exhibits(document.get("exhibits", []), slugs, fields_by_model, problems)
    if len(problems) > MOST_PROBLEMS_LISTED:
        more = len(problems) - MOST_PROBLEMS_LISTED
        return problems[:MOST_PROBLEMS_LISTED] + [f"… and {more} more problem(s)."]
    return list(problems)


def row_label(section, index, row):
    slug = row.get("slug") if isinstance(row, dict) else None
    name = f" “{slug[:60]}”" if isinstance(slug, str) and slug else ""
    return f"{section} row {index}{name}"


def check_section(section, model, rows, fields_by_model, problems):
    """Each row's own fields; returns the slugs the section defines."""
    seen = {}
    unique = [
        name for name in fields_by_model[model] if model._meta.get_field(name).unique
    ]
    for index, row in enumerate(rows, 1):
        where = row_label(section, index, row)
        check_row(where, model, row, fields_by_model, problems)
        for name in unique:
            value = row.get(name) if isinstance(row, dict) else None
            if not isinstance(value, str):
                continue
            key = (name, value)
            if key in seen:
                problems.add(where, f"{name} repeats {seen[key]}.")
            else:
                seen[key] = f"row {index}"
    return {value for (name, value) in seen if name == "slug"}


def check_row(where, model, row, fields_by_model, problems):
    """One row's fields, by the model's own checks; False when it isn't a row at all."""
    if not isinstance(row, dict):
        problems.add(where, "is not an object of fields.")
        return False
    names = fields_by_model[model]
    missing = [name for name in names if name not in row]
    if missing:
        problems.add(where, f"lacks {', '.join(missing)}.")
        return False
    values, ok = {}, True
    for name in names:
        field = model._meta.get_field(name)
        message = shape_problem(field, row[name])
        if message is None and isinstance(field, models.FileField):
            message = path_problem(field, row[name])
        if message:
            problems.add(where, f"{name}: {message}")
            ok = False
            continue
        try:
            values[name] = field.to_python(row[name])
        except ValidationError as error:
            problems.add(where, f"{name}: {' '.join(error.messages)}")
            ok = False
    if not ok:
        return False
    files = [n for n in names if isinstance(model._meta.get_field(n), models.FileField)]
    excluded = {field.name for field in model._meta.fields} - set(names) | set(files)
    try:
        model(**values).clean_fields(exclude=excluded)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            problems.add(where, f"{name}: {' '.join(messages)}")
        return False
    return True


def shape_problem(field, value):
    """Why a JSON value can't be this field's, or None."""
    if value is None:
        return None if field.null else "must not be null."
    if isinstance(field, models.BooleanField):
        return None if isinstance(value, bool) else "must be true or false."
    if isinstance(field, NUMBER_FIELDS):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "must be a whole number."
    if isinstance(field, TEXT_FIELDS + DATE_FIELDS) and not isinstance(value, str):
        return "must be text."
    return None


def path_problem(field, name):
    """Stills and portraits are named by a path under MEDIA_ROOT, and stay there."""
    if not name:
        return None
    if len(name) > field.max_length:
        return f"is longer than {field.max_length} characters."
    path = PurePosixPath(name)
    if "\\" in name or "\0" in name or path.is_absolute() or ".." in path.parts:
        return f"“{name[:80]}” is not a path inside MEDIA_ROOT."
    root = Path(settings.MEDIA_ROOT).resolve()
    if not (root / path).resolve().is_relative_to(root):
        return f"“{name[:80]}” leads outside MEDIA_ROOT."
    return None


def check_part_rows(where, key, part, model, items, known, row, fields, problems):
    seen = set()
    for index, item in enumerate(items, 1):
        place = f"{where}, {key[:-1]} {index}"
        if not check_row(place, model, item, fields, problems):
            continue
        value = item.get(part.link)
        named = f"{part.link} “{str(value)[:60]}”"
        optional = value is None and model._meta.get_field(part.link).null
        if known is not None and not optional and value not in known:
            problems.add(place, f"{named} is not in the document.")
        if part.once and value in seen:
            problems.add(place, f"repeats {named}.")
        seen.add(value)
        if key == "precedents" and value == row.get("slug"):
            problems.add(place, "a video cannot be its own precedent.")


def check_references(where, row, key, known, problems, label=None):
    names = row.get(key)
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        problems.add(where, f"{key} must be a list of slugs.")
        return
    unknown = sorted(set(names) - known)
    if unknown:
        listed = ", ".join(f"“{slug[:60]}”" for slug in unknown[:5])
        problems.add(where, f"{label or key} not in the document: {listed}.")
    if len(set(names)) != len(names):
        problems.add(where, f"{key} names a row twice.")


def check_video_links(where, row, slugs, problems):
    for key, section in (("artists", "artists"), ("directors", "directors")):
        check_references(where, row, key, slugs[section], problems)
    check_references(where, row, "tags", slugs["tags"], problems)
    if row.get("status") == Video.Status.PUBLISHED and not row.get("published_at"):
        problems.add(where, "a published video needs published_at.")


class Part(NamedTuple):
    """A list of rows inside each video: its relation on Video, the key naming another
    row (`link`), where that row is (a section, this video's "claims", or None for a
    plain value), whether each may appear once, and whether the document must have it."""

    relation: str
    link: str
    target: str | None
    once: bool = True
    required: bool = True


PARTS = {
    "claims": Part("claims", "technique", "techniques"),
    "sources": Part("sources", "url", None),
    "precedents": Part("precedent_links", "earlier", "videos"),
    "moments": Part("moments", "claim", "claims", once=False, required=False),
}


def check_video_parts(where, row, slugs, fields_by_model, problems):
    """Claims, essay, sources, precedents (and moments), each checked as its own row."""
    claimed = {
        c.get("technique") for c in row.get("claims") or [] if isinstance(c, dict)
    }
    for key, part in PARTS.items():
        try:
            model = Video._meta.get_field(part.relation).related_model
        except FieldDoesNotExist:
            continue  # a part this version of the archive doesn't have
        items = row.get(key, None if part.required else [])
        if not isinstance(items, list):
            problems.add(where, f"{key} must be a list.")
            continue
        known = claimed if part.target == "claims" else slugs.get(part.target)
        check_part_rows(
            where, key, part, model, items, known, row, fields_by_model, problems
        )
        if key == "claims":
            primaries = sum(
                1 for c in items if isinstance(c, dict) and c.get("is_primary")
            )
            if primaries > 1:
                problems.add(
                    where, f"{primaries} claims are primary; at most one can be."
                )
    essay = row.get("essay")
    if essay is not None:
        check_row(f"{where}, essay", Essay, essay, fields_by_model, problems)


def check_exhibits(rows, slugs, fields_by_model, problems):
    """The optional exhibits section: each exhibit's fields, and each stop's fields, its
    video (in the document) and its moment (a time in seconds, or null)."""
    if not isinstance(rows, list):
        problems.add("exhibits", "not a list of rows.")
        return
    check_section("exhibits", Exhibit, rows, fields_by_model, problems)
    for index, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            continue
        where = row_label("exhibits", index, row)
        stops = row.get("stops")
        if not isinstance(stops, list):
            problems.add(where, "stops: not a list.")
            continue
        for number, stop in enumerate(stops, 1):
            at = f"{where}, stop {number}"
            if not check_row(at, ExhibitStop, stop, fields_by_model, problems):
                continue
            if stop.get("video") not in slugs["videos"]:
                problems.add(
                    at, f"video “{str(stop.get('video'))[:60]}” is not in the document."
                )
            moment = stop.get("moment")
            if moment is not None and (type(moment) is not int or moment < 0):
                problems.add(at, "moment: not a time in whole seconds, or null.")
