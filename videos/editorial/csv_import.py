"""Editors' bulk import of videos from a CSV shaped like ../shared/data/milestones.csv.

Shared by `manage.py import_videos` and the admin's upload form. Every row is checked
before anything is written; then every row is written in one transaction, or none is.
What a row replaces and what it only fills in is described in README.md ("Importing").
"""

import csv
import io
from dataclasses import dataclass, field
from typing import NamedTuple
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from videos.editorial.progress import NoProgress
from videos.models import (
    Artist,
    Director,
    DirectorCredit,
    Source,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.validators import year_validators as YEAR_VALIDATORS
from videos.models.versions import deferred_version

COLUMNS = [
    "title",
    "artist",
    "year",
    "directors",
    "techniques",
    "effects_studio",
    "note",
    "source_url",
    "confidence",
]
LIST_SEPARATOR = "; "
NAME_MAX_LENGTH = 200
TECHNIQUE_NAME_MAX_LENGTH = 100
URL_MAX_LENGTH = 500
NO_PROGRESS = NoProgress()

# The curated vocabulary milestones.csv files techniques under: term -> (slug, name).
# The name is used only when the technique does not exist yet (an empty archive).
TECHNIQUE_VOCABULARY = {
    "practical effect / in-camera": ("in-camera", "Practical and in-camera effects"),
    "prosthetic makeup / masks": ("prosthetics-masks", "Prosthetic makeup and masks"),
    "computer-generated imagery": ("cgi", "Computer-generated imagery"),
    "digital compositing": ("digital-compositing", "Digital compositing"),
    "rotoscoping": ("rotoscoping", "Rotoscoping"),
    "dissolve/wipe": ("dissolve-wipe", "Dissolve and wipe"),
    "stop-motion": ("stop-motion", "Stop-motion"),
    "digital morphing": ("digital-morphing", "Digital morphing"),
    "period pastiche": ("period-pastiche", "Period pastiche"),
    "reverse motion": ("reverse-motion", "Reverse motion"),
    "music-visualisation mapping": (
        "music-visualisation",
        "Music-visualisation mapping",
    ),
    "virtual band / animation": ("virtual-band", "Virtual band and animation"),
    "motion control": ("motion-control", "Motion control"),
    "single take": ("single-take", "Single take"),
    "interactive web": ("interactive-web", "Interactive web"),
    "LIDAR / volumetric capture": (
        "volumetric-capture",
        "LIDAR and volumetric capture",
    ),
    "360/VR": ("360-vr", "360° / VR"),
    "drone cinematography": ("drone-cinematography", "Drone cinematography"),
    "deepfake": ("deepfake", "Deepfake"),
    "generative AI text-to-video": ("text-to-video", "Generative text-to-video"),
}
TECHNIQUE_SLUGS = {term: slug for term, (slug, _) in TECHNIQUE_VOCABULARY.items()}
_VOCABULARY_BY_TERM = {
    term.lower(): entry for term, entry in TECHNIQUE_VOCABULARY.items()
}


def archive_slug(text):
    """The archive's slug for a title or name: "&" reads "and" ("Up&Up" -> up-and-up)."""
    return slugify(text.replace("&", " and "))


class PlannedTechnique(NamedTuple):
    """A technique a row names: an existing slug, or the slug and name to create."""

    slug: str
    name: str


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self):
        return f"Line {self.line}: {self.message}"


@dataclass
class Row:
    line: int
    title: str
    slug: str
    artists: list
    year: int
    directors: list
    techniques: list
    studio: str
    note: str
    source_url: str


@dataclass
class ImportReport:
    rows: int = 0
    problems: list = field(default_factory=list)
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    new_techniques: list = field(default_factory=list)
    # The videos created or updated, whose thumbnails are drawn afterwards.
    changed_ids: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    def as_dict(self):
        """What a job keeps of it (unchanged titles only counted)."""
        return {
            "summary": self.summary(),
            "created": self.created,
            "updated": self.updated,
            "unchanged": len(self.unchanged),
            "new_techniques": self.new_techniques,
        }

    def summary(self):
        if self.problems:
            return (
                f"Nothing was imported: {len(self.problems)} problem(s) to fix first."
            )
        text = (
            f"Imported {len(self.created) + len(self.updated) + len(self.unchanged)} "
            f"row(s): {len(self.created)} new, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged."
        )
        if self.new_techniques:
            text += (
                f" New techniques (write their summaries): "
                f"{', '.join(self.new_techniques)}."
            )
        return text


class KnownTechniques:
    """The archive's techniques, looked up once, to resolve each row's terms."""

    def __init__(self):
        pairs = list(Technique.objects.values_list("slug", "name"))
        self.slugs = {slug for slug, _ in pairs}
        self.slug_by_name = {name.lower(): slug for slug, name in pairs}

    def plan(self, term):
        if term.lower() in self.slug_by_name:
            return PlannedTechnique(self.slug_by_name[term.lower()], term)
        slug, name = _VOCABULARY_BY_TERM.get(term.lower(), (archive_slug(term), term))
        if slug not in self.slugs and name.lower() in self.slug_by_name:
            slug = self.slug_by_name[name.lower()]
        return PlannedTechnique(slug, name)


def unique_by_slug(planned_techniques):
    """Each technique once, in the order first named (two terms may name one technique)."""
    unique = {}
    for planned in planned_techniques:
        unique.setdefault(planned.slug, planned)
    return list(unique.values())


def split_list(cell):
    return [item.strip() for item in cell.split(LIST_SEPARATOR) if item.strip()]


def read_table(text):
    """(line number, cells) for each row after the header, and problems with the shape."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [column for column in COLUMNS if column not in (reader.fieldnames or [])]
    if missing:
        return [], [Problem(1, f"the header lacks column(s): {', '.join(missing)}.")]
    rows, problems, line = [], [], 2
    ragged = f"the header names {len(reader.fieldnames)} columns; this row has more or fewer."
    try:
        for cells in reader:
            # DictReader files surplus cells under None and fills missing ones with None.
            if None in cells or None in cells.values():
                problems.append(Problem(line, ragged))
            else:
                rows.append(
                    (line, {name: cell.strip() for name, cell in cells.items()})
                )
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(line, f"the CSV cannot be read here ({error})."))
    return rows, problems


def check_year(raw):
    try:
        year = int(raw)
    except ValueError:
        return None, [f"year “{raw[:20]}” is not a year."]
    messages = []
    for validate in YEAR_VALIDATORS:
        try:
            validate(year)
        except ValidationError as error:
            messages += [f"year {year}: {message}" for message in error.messages]
    return year, messages


def check_title(title):
    if not title:
        return ["title is missing."]
    if max(len(title), len(archive_slug(title))) > NAME_MAX_LENGTH:
        return [f"title “{title[:40]}…” is longer than {NAME_MAX_LENGTH} characters."]
    if not archive_slug(title):
        return [f"title “{title}” has no letters or digits to make its address from."]
    return []


def check_names(column, names, max_length=NAME_MAX_LENGTH):
    if not names:
        return [f"{column} is missing."]
    messages = []
    for name in names:
        if max(len(name), len(archive_slug(name))) > max_length:
            messages.append(
                f"{column} “{name[:40]}…” is longer than {max_length} characters."
            )
        elif not archive_slug(name):
            messages.append(f"{column} “{name}” has no letters or digits.")
    return messages


def check_url(url):
    if not url:
        return []
    if len(url) > URL_MAX_LENGTH:
        return [f"source_url is longer than {URL_MAX_LENGTH} characters."]
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError:
        return [f"source_url “{url[:60]}” is not an http(s) address."]
    return []


def check_row(line, cells, known):
    """The row ready to write, or the problems that stop it."""
    title = cells["title"]
    year, year_messages = check_year(cells["year"])
    artists, directors = split_list(cells["artist"]), split_list(cells["directors"])
    terms = split_list(cells["techniques"])
    messages = check_title(title) + year_messages + check_names("artist", artists)
    messages += check_names("directors", directors)
    messages += check_names("techniques", terms, TECHNIQUE_NAME_MAX_LENGTH)
    messages += check_url(cells["source_url"])
    if len(cells["effects_studio"]) > NAME_MAX_LENGTH:
        messages.append(f"effects_studio is longer than {NAME_MAX_LENGTH} characters.")
    if messages:
        return None, [Problem(line, message) for message in messages]
    row = Row(
        line, title, archive_slug(title), artists, year, directors,
        unique_by_slug(known.plan(term) for term in terms),
        cells["effects_studio"], cells["note"], cells["source_url"],
    )  # fmt: skip
    return row, []


def check_table(text, progress=NO_PROGRESS):
    """Every row checked: (rows, problems), problems empty only if every row is valid."""
    cells_by_line, problems = read_table(text)
    known, rows, lines_by_slug = KnownTechniques(), [], {}
    progress.start("checking", len(cells_by_line))
    for line, cells in cells_by_line:
        progress.advance()
        row, row_problems = check_row(line, cells, known)
        problems += row_problems
        if row and row.slug in lines_by_slug:
            message = f"“{row.title}” repeats line {lines_by_slug[row.slug]}."
            problems.append(Problem(line, message))
        elif row:
            lines_by_slug[row.slug] = line
            rows.append(row)
    if not cells_by_line and not problems:
        problems.append(Problem(1, "the file has a header but no rows."))
    return rows, sorted(problems, key=lambda problem: problem.line)


def assign(instance, **values):
    """Set the fields that differ; True if any did."""
    changed = {
        name for name, value in values.items() if getattr(instance, name) != value
    }
    for name in changed:
        setattr(instance, name, values[name])
    return bool(changed)


def named_row(model, name):
    """An artist or director by name (any case), else by slug, else created."""
    return (
        existing_named(model, name)
        or model.objects.get_or_create(
            slug=archive_slug(name), defaults={"name": name}
        )[0]
    )


def existing_named(model, name):
    found = model.objects.filter(name__iexact=name).first()
    return found or model.objects.filter(slug=archive_slug(name)).first()


def links_differ(video, relation, model, names):
    """Whether the row names other artists than the video has."""
    if video.pk is None:
        return True
    named = [existing_named(model, name) for name in names]
    current = {row.pk for row in getattr(video, relation).all()}
    return None in named or {row.pk for row in named} != current


def credits_differ(video, names):
    """Whether the row credits other directors than the video, or in another order."""
    if video.pk is None:
        return True
    named = [existing_named(Director, name) for name in names]
    credited = DirectorCredit.objects.filter(video=video).order_by("position", "pk")
    current = list(credited.values_list("director_id", flat=True))
    return None in named or [row.pk for row in named] != current


@dataclass
class ClaimPlan:
    """What a row changes in a video's claims, worked out before anything is written."""

    stale: list  # claims for techniques the row no longer lists
    demoted: list  # primaries that step down first (one primary per video)
    wanted: list  # (claim, values) in the row's order, the first primary

    @property
    def changes(self):
        return bool(self.stale or self.demoted) or any(
            claim.pk is None or differs(claim, values) for claim, values in self.wanted
        )

    def apply(self):
        for claim in self.stale:
            claim.delete()
        for claim in self.demoted:
            claim.is_primary = False
            claim.save(update_fields=["is_primary"])
        for claim, values in self.wanted:
            if assign(claim, **values) or claim.pk is None:
                claim.save()


def plan_claims(video, row, techniques):
    """The row's techniques, the first primary; claim details only fill empty fields."""
    wanted = [techniques[planned.slug].pk for planned in row.techniques]
    existing = {claim.technique_id: claim for claim in video.claims.all()}
    plan = ClaimPlan(
        stale=[claim for pk, claim in existing.items() if pk not in wanted],
        demoted=[c for pk, c in existing.items() if c.is_primary and pk in wanted[1:]],
        wanted=[],
    )
    for index, technique_pk in enumerate(wanted):
        claim = existing.get(technique_pk) or VideoTechnique(
            video=video, technique_id=technique_pk
        )
        values = {
            "is_primary": index == 0,
            "source_url": claim.source_url or row.source_url,
        }
        if index == 0:
            values.update(
                usage=claim.usage or row.note, studio=claim.studio or row.studio
            )
        plan.wanted.append((claim, values))
    return plan


def differs(instance, values):
    return any(getattr(instance, name) != value for name, value in values.items())


def needs_source(video, row):
    if not row.source_url:
        return False
    return video.pk is None or not video.sources.filter(url=row.source_url).exists()


def save_source(video, row):
    last = video.sources.aggregate(last=Max("position"))["last"]
    Source.objects.create(
        video=video,
        url=row.source_url,
        title=urlsplit(row.source_url).hostname.removeprefix("www."),
        position=0 if last is None else last + 1,
    )


def save_row(row, techniques, now):
    """Create or update one video; returns "created", "updated" or "unchanged".

    The video's row is locked first and saved before its links whenever anything
    changes, so its change marker (`updated_at`) moves, an editor's form opened before
    is refused, and its revision precedes its links' in the history (as in the admin).
    """
    video = Video.objects.select_for_update(no_key=True).filter(slug=row.slug).first()
    created = video is None
    if created:
        video = Video(slug=row.slug, status=Video.Status.PUBLISHED, published_at=now)
    fields_changed = assign(video, title=row.title, year=row.year)
    artists_changed = links_differ(video, "artists", Artist, row.artists)
    directors_changed = credits_differ(video, row.directors)
    claims = plan_claims(video, row, techniques) if video.pk else None
    source_wanted = needs_source(video, row)
    if not (
        created
        or fields_changed
        or artists_changed
        or directors_changed
        or claims.changes
        or source_wanted
    ):
        return "unchanged", video
    video.save()
    if artists_changed:
        video.artists.set([named_row(Artist, name) for name in row.artists])
    if directors_changed:
        directors = [named_row(Director, name) for name in row.directors]
        DirectorCredit.objects.replace(video, directors)
    (claims or plan_claims(video, row, techniques)).apply()
    if source_wanted:
        save_source(video, row)
    return ("created" if created else "updated"), video


def save_techniques(rows, report):
    techniques = {}
    for planned in unique_by_slug(p for row in rows for p in row.techniques):
        technique, created = Technique.objects.get_or_create(
            slug=planned.slug, defaults={"name": planned.name, "summary": planned.name}
        )
        techniques[planned.slug] = technique
        if created:
            report.new_techniques.append(technique.name)
    return techniques


def import_videos(text, progress=NO_PROGRESS):
    """Check every row of a CSV text, then write them all in one transaction or none.

    The transaction takes the collection's version once, as its last write
    (`deferred_version`), so editors saving other videos meanwhile never wait on it.
    Thumbnails are the caller's to draw, for `report.changed_ids`, once it returns.
    """
    rows, problems = check_table(text, progress)
    report = ImportReport(rows=len(rows), problems=problems)
    if problems:
        return report
    now = timezone.now()
    with deferred_version():
        techniques = save_techniques(rows, report)
        progress.start("writing", len(rows))
        for row in rows:
            outcome, video = save_row(row, techniques, now)
            getattr(report, outcome).append(row.title)
            if outcome != "unchanged":
                report.changed_ids.append(video.pk)
            progress.advance()
    return report


def decode_upload(data):
    """CSV bytes as text, or None when they are not UTF-8 (a BOM is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
