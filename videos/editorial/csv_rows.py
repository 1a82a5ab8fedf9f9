"""Reading and checking an editors' CSV (shaped like ../shared/data/milestones.csv): every
row is checked, and every problem named with its line, before anything is written
(videos/editorial/csv_import.py writes)."""

import csv
import io
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.text import slugify

from videos.editorial.progress import NoProgress
from videos.models import Technique
from videos.models.validators import year_validators as YEAR_VALIDATORS

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
    "generative AI text-to-video": ("text-to-video", "Generative AI video"),
    # The terms additions.md defines for additions.csv.
    "puppetry / animatronics": ("puppetry", "Puppetry and animatronics"),
    "live action / animation hybrid": (
        "live-action-animation",
        "Live action and animation",
    ),
    "cut-out / collage animation": (
        "cut-out-animation",
        "Cut-out and collage animation",
    ),
    "high-speed photography": ("high-speed", "High-speed photography"),
    "fish-eye lens": ("fish-eye", "Fish-eye lens"),
    "photogrammetry": ("photogrammetry", "Photogrammetry"),
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
    # New videos saved as drafts: they don't yet pass the checks before publishing.
    drafts: list = field(default_factory=list)
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
            "drafts": self.drafts,
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
        if self.drafts:
            text += (
                f" {len(self.drafts)} new video(s) saved as drafts, not published: "
                "each needs an essay with a headline and verdict, a source on every "
                "technique claim and a primary technique before it can be published."
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
