"""“Cite this”: an entry as a scholar cites it (issue 18, item 2).

One `Citation` per video or technique names the archive, the author (the essay's editor,
or the archive), the permalink, the version (the date of the entry's last published
revision) and the access date; it is written out as Chicago and MLA text and as BibTeX,
CSL-JSON and RIS for reference managers. Exhibits are cited the same way. Nothing here
queries except `technique_version`.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils.html import format_html

ARCHIVE = "Good Reason"
MONTHS_MLA = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
# What BibTeX reads as commands or grouping inside a braced value.
BIBTEX_SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\~{}", "^": r"\^{}"}
BIBTEX_SPECIAL["\\"] = r"\textbackslash{}"


@dataclass(frozen=True)
class Citation:
    key: str
    title: str
    author: str  # a person's full name, or the archive's
    url: str
    version: date
    accessed: date

    @property
    def by_archive(self):
        return self.author == ARCHIVE

    @property
    def author_parts(self):
        """(family, given) of a person's name; the archive's name stays whole."""
        if self.by_archive or " " not in self.author.strip():
            return (self.author, "")
        given, family = self.author.strip().rsplit(" ", 1)
        return (family, given)

    @property
    def inverted_author(self):
        family, given = self.author_parts
        return f"{family}, {given}" if given else family


def essay_author(essay):
    """The editor's full name, or the archive's: editors' logins stay private."""
    author = essay and essay.author
    return (author and author.get_full_name()) or ARCHIVE


def video_version(video):
    """The date of the entry's last published revision: its own or its essay's."""
    essay = getattr(video, "essay", None)
    return max(filter(None, [video.updated_at, essay and essay.updated_at])).date()


def technique_version(technique, collection_version=None):
    """The date of the technique's last revision, from its history (one query); a
    technique loaded from the fixtures has none, so the collection's version stands in."""
    record = technique.history.order_by("-history_date").first()
    if record is not None:
        return record.history_date.date()
    if collection_version is None:
        from videos.models.versions import current_version

        collection_version = current_version()
    return datetime.fromtimestamp(collection_version / 1_000_000, UTC).date()


def video_citation(video, absolute, accessed):
    artists = ", ".join(artist.name for artist in video.artists.all())
    return Citation(
        key=f"goodreason-{video.slug}",
        title=f"{video.title} ({artists}, {video.year})",
        author=essay_author(getattr(video, "essay", None)),
        url=absolute(video.get_absolute_url()),
        version=video_version(video),
        accessed=accessed,
    )


def technique_citation(technique, absolute, version, accessed):
    return Citation(
        key=f"goodreason-technique-{technique.slug}",
        title=f"{technique.name} in music videos",
        author=ARCHIVE,
        url=absolute(technique.get_absolute_url()),
        version=version,
        accessed=accessed,
    )


def exhibit_citation(exhibit, absolute, accessed):
    """An exhibit (a curated path) is cited as the archive's, at its last revision."""
    return Citation(
        key=f"goodreason-exhibit-{exhibit.slug}",
        title=exhibit.title,
        author=ARCHIVE,
        url=absolute(exhibit.get_absolute_url()),
        version=exhibit.updated_at.date(),
        accessed=accessed,
    )


def chicago_date(day):
    return f"{day:%B} {day.day}, {day.year}"


def mla_date(day):
    return f"{day.day} {MONTHS_MLA[day.month - 1]} {day.year}"


def chicago(citation):
    """Chicago (notes and bibliography), a web page: author, title, site, last
    modified, accessed, URL. The site's name is in italics."""
    return format_html(
        "{}. “{}.” <i>{}</i>. Last modified {}. Accessed {}. {}.",
        citation.inverted_author,
        citation.title,
        ARCHIVE,
        chicago_date(citation.version),
        chicago_date(citation.accessed),
        citation.url,
    )


def mla(citation):
    """MLA 9: the author (left out when it is the site itself), title, site in
    italics, date of this version, URL, access date."""
    author = "" if citation.by_archive else f"{citation.inverted_author}. "
    return format_html(
        "{}“{}.” <i>{}</i>, {}, {}. Accessed {}.",
        author,
        citation.title,
        ARCHIVE,
        mla_date(citation.version),
        citation.url,
        mla_date(citation.accessed),
    )


def bibtex_text(value):
    return "".join(BIBTEX_SPECIAL.get(char, char) for char in value)


def bibtex(citation):
    family, given = citation.author_parts
    # Double braces keep a name that is an organisation whole, and a title's case.
    author = (
        f"{{{bibtex_text(family)}}}" if not given else bibtex_text(f"{family}, {given}")
    )
    fields = [
        ("author", author),
        ("title", f"{{{bibtex_text(citation.title)}}}"),
        ("howpublished", bibtex_text(ARCHIVE)),
        ("organization", bibtex_text(ARCHIVE)),
        ("year", str(citation.version.year)),
        ("date", citation.version.isoformat()),
        ("version", citation.version.isoformat()),
        ("url", citation.url),
        ("urldate", citation.accessed.isoformat()),
        ("note", f"Version of {citation.version.isoformat()}"),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{citation.key},\n{body}\n}}\n"


def date_parts(day):
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_json(citation):
    """A CSL-JSON item list (what Zotero, Pandoc and citeproc read)."""
    family, given = citation.author_parts
    author = {"family": family, "given": given} if given else {"literal": family}
    return [
        {
            "id": citation.key,
            "type": "webpage",
            "title": citation.title,
            "author": [author],
            "container-title": ARCHIVE,
            "publisher": ARCHIVE,
            "URL": citation.url,
            "issued": date_parts(citation.version),
            "version": citation.version.isoformat(),
            "accessed": date_parts(citation.accessed),
        }
    ]


def ris(citation):
    """RIS, a web page (ELEC): ET carries the version, Y2 the access date."""
    lines = [
        ("TY", "ELEC"),
        ("AU", citation.inverted_author),
        ("TI", citation.title),
        ("T2", ARCHIVE),
        ("PB", ARCHIVE),
        ("PY", str(citation.version.year)),
        ("DA", citation.version.strftime("%Y/%m/%d")),
        ("ET", citation.version.isoformat()),
        ("UR", citation.url),
        ("Y2", citation.accessed.strftime("%Y/%m/%d")),
        ("ID", citation.key),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\r\n" for tag, value in lines)
