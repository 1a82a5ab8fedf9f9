"""The JSON Schemas of every open-data document, for /api/openapi.json.

Objects are closed (`additionalProperties: false`), so the description names every field
a response carries; CI's schemathesis run fails if a document grows a field it doesn't.
"""

from videos.models import Essay


def obj(properties, required=None, **extra):
    """A closed object whose `properties` ({name: (schema, description)}) are all
    required unless `required` says otherwise."""
    return {
        "type": "object",
        "properties": {
            name: {**schema, "description": text}
            for name, (schema, text) in properties.items()
        },
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
        **extra,
    }


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def array(items):
    return {"type": "array", "items": items}


STRING = {"type": "string"}
URL = {"type": "string", "format": "uri"}
DATE = {"type": "string", "format": "date"}
INTEGER = {"type": "integer"}
OPTIONAL_DATE = {"type": ["string", "null"], "format": "date"}
OPTIONAL_INTEGER = {"type": ["integer", "null"]}
OPTIONAL_STRING = {"type": ["string", "null"]}
SLUG = {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"}
VERDICT = {"enum": [value for value, _label in Essay.Verdict.choices] + [None]}

NAMED = obj({"slug": (SLUG, "Its address, and its timeline parameter value."),
             "name": (STRING, "As credited.")})  # fmt: skip
TERMS = obj(
    {
        "name": (STRING, "The licence's short name."),
        "url": (URL, "Its legal text."),
        "covers": (STRING, "What it covers."),
    }
)
LICENCE = obj(
    {
        "essays": (ref("Terms"), "Essays and other prose: CC BY-SA 4.0."),
        "facts": (ref("Terms"), "Facts: CC0 1.0."),
    }
)
CONFIDENCE = obj(
    {
        "level": ({"enum": ["high", "medium", None]}, "null when not rated yet."),
        "reason": (
            STRING,
            "Why, in words; what the level means when no reason is given.",
        ),
    }
)
TIMELINE_ROW = {
    "slug": (SLUG, "The video's address, /videos/<slug>/."),
    "title": (STRING, "The song's title as released."),
    "artists": (array(ref("Named")), "Performers credited."),
    "directors": (array(ref("Named")), "Directors, in the credited order."),
    "year": (INTEGER, "The year the video came out."),
    "techniques": (
        array(ref("Named")),
        "The techniques it is filed under, primary first.",
    ),
    "tags": (array(ref("Named")), "Themes."),
    "verdict": (VERDICT, "The essay's verdict; null without an essay."),
    "url": (URL, "The video's page."),
}
FACET_OPTION = obj(
    {
        "value": (STRING, "The parameter value that selects it."),
        "label": (STRING, "Its name."),
        "count": (INTEGER, "Videos it would leave under the other filters."),
        "selected": ({"type": "boolean"}, "Whether the request selects it."),
    }
)
SOURCE = obj(
    {
        "title": (STRING, "The page's or article's title."),
        "publication": (STRING, "Site, paper or magazine; empty when unknown."),
        "author": (STRING, "Empty when unknown."),
        "date": (OPTIONAL_DATE, "When it was published, when known."),
        "url": (URL, "Where a reader can check it."),
        "retrieved": (OPTIONAL_DATE, "When the archive read it, when recorded."),
        "quote": (STRING, "A short passage quoted from it; empty when none."),
        "archive_url": (URL, "The Wayback Machine's copy nearest that day (a link, "
                        "built from the URL; the archive never fetches it)."),
    }
)  # fmt: skip
CLAIM = obj(
    {
        "technique": (ref("Named"), "The technique claimed."),
        "primary": ({"type": "boolean"}, "The technique it is filed under first."),
        "usage": (STRING, "How it is used in this video."),
        "tool": (STRING, "Tool or system, when known."),
        "studio": (STRING, "Studio behind it, when known."),
        "timecode_seconds": (OPTIONAL_INTEGER, "Where it can be seen."),
        "source_url": (STRING, "The page that supports the claim; empty when none."),
        "confidence": (ref("Confidence"), "How sure the archive is of this claim."),
    }
)
MOMENT = obj(
    {
        "seconds": (INTEGER, "Seconds from the start."),
        "what": (STRING, "What you see there."),
        "technique": ({"type": ["string", "null"]}, "The claim it shows, by slug."),
        "source": (
            obj(
                {
                    "title": (STRING, ""),
                    "publication": (STRING, ""),
                    "url": (STRING, ""),
                }
            ),
            "What gives the time.",
        ),
    }
)
LINKED_VIDEO = obj(
    {
        "slug": (SLUG, "The other video."),
        "title": (STRING, ""),
        "year": (INTEGER, ""),
        "url": (URL, ""),
        "note": (STRING, "What the later video echoes."),
    }
)
ESSAY = obj(
    {
        "headline": (STRING, "An arguable one-line claim."),
        "verdict": ({"enum": VERDICT["enum"][:-1]}, "justified, gimmick or contested."),
        "body": (STRING, "Markdown."),
        "author": (STRING, "The editor's name, or “Good Reason”."),
        "updated": ({"type": "string", "format": "date-time"}, "Its last revision."),
    }
)
CITE = obj(
    {
        "bibtex": (URL, "BibTeX."),
        "csl_json": (URL, "CSL-JSON (Zotero, Pandoc, citeproc)."),
        "ris": (URL, "RIS (EndNote, Mendeley)."),
    }
)


def identifiers(keys):
    return obj(
        {key: (OPTIONAL_STRING, f"The {key} identifier, or null.") for key in keys}
    )


IDENTIFIED = {
    "same_as": (array(URL), "The identifiers' links (schema.org's sameAs)."),
}
COUNTED = {
    "video_count": (INTEGER, "Published videos."),
    "first_year": (OPTIONAL_INTEGER, "The earliest one's year."),
    "last_year": (OPTIONAL_INTEGER, "The latest one's year."),
}
TIMELINE_LINK = {"timeline": (URL, "Its videos: /timeline.json with it as a filter.")}
LICENCE_FIELD = {"licence": (ref("Licence"), "The terms of reuse.")}
TECHNIQUE_ROW = {
    "slug": (SLUG, "Its address."),
    "name": (STRING, ""),
    "summary": (STRING, "One line."),
    "first_used_year": (OPTIONAL_INTEGER, "Its first music video in the archive."),
    "colour": ({"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}, "For charts."),
    **COUNTED,
    "descends_from": (array(SLUG), "The techniques it grew out of."),
    "url": (URL, "Its page."),
    "json_url": (URL, "Its document."),
}
LINEAGE_STEP = obj(
    {
        "slug": (SLUG, ""),
        "name": (STRING, ""),
        "generation": (INTEGER, "1 for a parent or child, 2 a step further, …"),
        "url": (URL, ""),
    }
)
ERROR = obj(
    {
        "error": (STRING, "What went wrong, in a line."),
        "errors": (
            {
                "type": "object",
                "additionalProperties": obj(
                    {
                        "label": (STRING, "The parameter in words."),
                        "messages": (array(STRING), "What is wrong with it."),
                        "accepts": (STRING, "What it accepts."),
                    },
                    required=["messages", "accepts"],
                ),
            },
            "Each parameter (or part of the address) that went wrong.",
        ),
    },
    required=["errors"],
)
SCHEMAS = {
    "Named": NAMED,
    "Terms": TERMS,
    "Licence": LICENCE,
    "Confidence": CONFIDENCE,
    "TimelineRow": obj(TIMELINE_ROW),
    "FacetOption": FACET_OPTION,
    "TimelinePage": obj(
        {
            "count": (INTEGER, "Videos matching, on every page."),
            "next": ({"type": ["string", "null"], "format": "uri"}, "The next page."),
            "previous": (
                {"type": ["string", "null"], "format": "uri"},
                "The one before.",
            ),
            "results": (array(ref("TimelineRow")), "This page's videos, in order."),
            "facets": (
                {"type": "object", "additionalProperties": array(ref("FacetOption"))},
                "For each facet (verdict, decade, technique, director, artist, tag): "
                "its options with the videos each would leave; directors, artists and "
                "tags list their 12 largest and any selected.",
            ),
            **LICENCE_FIELD,
        }
    ),
    "Source": SOURCE,
    "Claim": CLAIM,
    "Moment": MOMENT,
    "LinkedVideo": LINKED_VIDEO,
    "Essay": ESSAY,
    "Cite": CITE,
    "Video": obj(
        {
            **TIMELINE_ROW,
            "release_date": (OPTIONAL_DATE, "The exact release date, when sourced."),
            "watch_url": (STRING, "Where to watch it; empty when unchecked."),
            "essay": ({"anyOf": [ref("Essay"), {"type": "null"}]}, "null without one."),
            "sources": (array(ref("Source")), "The main source first."),
            "claims": (array(ref("Claim")), "The primary claim first."),
            "confidence": (ref("Confidence"), "How sure the archive is of the entry."),
            "precedents": (array(ref("LinkedVideo")), "Earlier videos it echoes."),
            "echoed_by": (array(ref("LinkedVideo")), "Later videos that echo it."),
            "moments": (array(ref("Moment")), "Timecoded points worth watching."),
            "identifiers": (
                identifiers(["wikidata", "musicbrainz", "imvdb", "youtube", "vimeo"]),
                "In other databases; youtube and vimeo name the official upload.",
            ),
            **IDENTIFIED,
            "version": (DATE, "The date of the entry's last published revision."),
            "cite": (ref("Cite"), "Its citation for reference managers."),
            **LICENCE_FIELD,
        }
    ),
    "TechniqueRow": obj(TECHNIQUE_ROW),
    "TechniqueList": obj(
        {
            "count": (INTEGER, ""),
            "results": (array(ref("TechniqueRow")), "Oldest first."),
            **LICENCE_FIELD,
        }
    ),
    "LineageStep": LINEAGE_STEP,
    "Technique": obj(
        {
            **TECHNIQUE_ROW,
            "essay": (STRING, "Its history, in Markdown."),
            "lineage": (
                obj(
                    {
                        "ancestors": (array(ref("LineageStep")), "Nearest first."),
                        "descendants": (array(ref("LineageStep")), "Nearest first."),
                    }
                ),
                "What it descends from and what it led to, transitively.",
            ),
            **TIMELINE_LINK,
            "version": (DATE, "The date of its last revision."),
            "cite": (ref("Cite"), ""),
            **LICENCE_FIELD,
        }
    ),
    "Director": obj(
        {
            "slug": (SLUG, ""),
            "name": (STRING, ""),
            "bio": (STRING, "Markdown."),
            "links": (array(URL), "Their site, filmography, interviews."),
            **COUNTED,
            "techniques_used": (
                array(
                    obj(
                        {
                            "slug": (SLUG, ""),
                            "name": (STRING, ""),
                            "video_count": (INTEGER, ""),
                        }
                    )
                ),
                "Most used first.",
            ),
            "also_artist": ({"type": ["string", "null"]}, "Their artist entry."),
            "identifiers": (identifiers(["wikidata", "musicbrainz", "imvdb"]), ""),
            **IDENTIFIED,
            "url": (URL, ""),
            **TIMELINE_LINK,
            **LICENCE_FIELD,
        }
    ),
    "Artist": obj(
        {
            "slug": (SLUG, ""),
            "name": (STRING, ""),
            **COUNTED,
            "also_director": ({"type": ["string", "null"]}, "Their director entry."),
            "identifiers": (identifiers(["wikidata", "musicbrainz", "imvdb"]), ""),
            **IDENTIFIED,
            "url": (URL, ""),
            **TIMELINE_LINK,
            **LICENCE_FIELD,
        }
    ),
    "Tag": obj(
        {
            "slug": (SLUG, ""),
            "name": (STRING, ""),
            **COUNTED,
            "url": (URL, ""),
            **TIMELINE_LINK,
            **LICENCE_FIELD,
        }
    ),
    "Error": ERROR,
}
