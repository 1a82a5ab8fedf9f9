"""/api/openapi.json: the open data described in OpenAPI 3.1 (issue 18, item 5).

The timeline's parameters come from their declarations (videos/timeline/parameters.py),
so the description cannot drift from what the endpoints accept; the documents' schemas
are in videos/opendata/schemas.py. /api/ renders the same description for people.
"""

from django.urls import reverse
from taggit.models import Tag

from videos.models import (
    EARLIEST_YEAR,
    LATEST_YEAR_IN_DATABASE,
    Artist,
    Director,
    Essay,
    TaggedVideo,
    Technique,
    Video,
)
from videos.opendata.licences import ESSAYS, FACTS
from videos.opendata.schemas import SCHEMAS, ref
from videos.timeline.parameters import (
    PAGE_ACCEPTS,
    SEARCH_MAX_LENGTH,
    LinkedParameter,
    SearchParameter,
    VerdictParameter,
    YearParameter,
)
from videos.timeline.parameters import PARAMETERS as TIMELINE_PARAMETERS

INTRODUCTION = (
    "Good Reason files music videos by the technology they used, each with an essay "
    "on whether it served the song's idea. Everything the site shows is here as JSON: "
    "every GET answers any origin (`Access-Control-Allow-Origin: *`) and carries an "
    "`ETag` and `Last-Modified` taken from the archive's version, so a request "
    "repeated with `If-None-Match` or `If-Modified-Since` is answered `304` until "
    "something changes. Field names are stable: fields may be added, never renamed or "
    "removed. Every error is JSON of one shape: `errors` names each parameter (or part "
    "of the address) that went wrong, with its messages and what it accepts. "
    f"Facts are {FACTS['name']}; essays and other prose are {ESSAYS['name']}. "
    "The whole archive is also offered in bulk at /data/."
)
SLUG_PATTERN = "^[-a-zA-Z0-9_]*$"
HEADERS = {
    "ETag": {"description": "The archive's version.", "schema": {"type": "string"}},
    "Last-Modified": {
        "description": "When the archive last changed.",
        "schema": {"type": "string"},
    },
    "Access-Control-Allow-Origin": {
        "description": "Any origin may read it.",
        "schema": {"const": "*"},
    },
}


def parameter_schema(parameter):
    """A timeline parameter's schema, from its declaration. An empty value is
    accepted and means no filter, as the HTML form sends it."""
    if isinstance(parameter, LinkedParameter):
        item = {"type": "string", "pattern": SLUG_PATTERN, "maxLength": 200}
        return {"type": "array", "items": item}
    if isinstance(parameter, YearParameter):
        schema = {"minimum": EARLIEST_YEAR, "maximum": LATEST_YEAR_IN_DATABASE}
        return {
            "type": "integer",
            **schema,
            **({"multipleOf": 10} if parameter.decade else {}),
        }
    if isinstance(parameter, VerdictParameter):
        return {"enum": [value for value, _label in Essay.Verdict.choices]}
    if isinstance(parameter, SearchParameter):
        return {
            "type": "string",
            "maxLength": SEARCH_MAX_LENGTH,
            "pattern": "^[^\\x00]*$",
        }
    raise TypeError(f"No schema for {parameter!r}")


def timeline_parameters():
    declared = [
        {
            "name": parameter.name,
            "in": "query",
            "description": f"{parameter.label}: {parameter.accepts}.",
            "schema": parameter_schema(parameter),
            **({"style": "form", "explode": True} if parameter.repeatable else {}),
            "allowEmptyValue": True,
        }
        for parameter in TIMELINE_PARAMETERS
    ]
    page = {"type": "integer", "minimum": 1, "maximum": 9_999_999}
    page_text = f"Page: {PAGE_ACCEPTS}."
    return declared + [
        {"name": "page", "in": "query", "description": page_text, "schema": page}
    ]


def slug_parameter(noun, example):
    parameter = {
        "name": "slug",
        "in": "path",
        "required": True,
        "description": f"The {noun}'s address.",
        "schema": {"type": "string", "pattern": "^[-a-zA-Z0-9_]+$"},
    }
    return {**parameter, "example": example} if example else parameter


def examples():
    """A published entry of each kind, to show (and to let a fuzzer reach) a 200."""
    tagged = TaggedVideo.objects.filter(content_object__in=Video.objects.published())
    rows = {
        "video": Video.objects.published(),
        "technique": Technique.objects.public(),
        "director": Director.objects.public(),
        "artist": Artist.objects.public(),
        "tag": Tag.objects.filter(pk__in=tagged.values("tag_id")),
    }
    return {
        noun: queryset.order_by("slug").values_list("slug", flat=True).first()
        for noun, queryset in rows.items()
    }


def json_content(schema):
    return {"application/json": {"schema": schema}}


def error(text, html=False):
    content = json_content(ref("Error"))
    if html:  # an address no route matches answers the site's own 404 page
        content["text/html"] = {"schema": {"type": "string"}}
    return {"description": text, "content": content}


def found(text, schema):
    return {"description": text, "headers": HEADERS, "content": json_content(schema)}


NOT_MODIFIED = {"description": "Unchanged since the ETag or date the request gave."}


def operation(operation_id, summary, text, ok, parameters=(), not_found=None):
    responses = {"200": ok, "304": NOT_MODIFIED}
    if not_found:
        responses["404"] = error(
            not_found, html=any(p["in"] == "path" for p in parameters)
        )
    responses["400"] = error("A parameter can't be understood; `errors` names it.")
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "description": text,
            "parameters": list(parameters),
            "responses": responses,
        }
    }


def one(noun, schema, operation_id, summary, text, example=None):
    return operation(
        operation_id,
        summary,
        text,
        found(f"The {noun}.", ref(schema)),
        [slug_parameter(noun, example)],
        f"No {noun} with a published video has this address.",
    )


def paths():
    timeline, example = timeline_parameters(), examples()
    csv = {
        "description": "Every matching video, one row each, after a header row.",
        "headers": HEADERS,
        "content": {"text/csv": {"schema": {"type": "string"}}},
    }
    return {
        reverse("videos:timeline_json"): operation(
            "timeline",
            "The timeline, filtered and paged, with facet counts",
            "Exactly the videos `/` shows for the same parameters, in the same order, "
            "with how many videos each facet option would leave. A slug no published "
            "video links to, or a year range that runs backwards, answers 400.",
            found("A page of videos.", ref("TimelinePage")),
            timeline,
            "A page past the last.",
        ),
        reverse("videos:timeline_csv"): operation(
            "timelineCsv",
            "The timeline as CSV",
            "The same videos as /timeline.json, every page at once; lists are joined "
            "by `; `.",
            csv,
            timeline,
        ),
        "/videos/{slug}.json": one(
            "video",
            "Video",
            "video",
            "One published video",
            "Its credits, claims with confidence, essay, dated and archived sources, "
            "precedents both ways, moments, identifiers and citation links.",
            example["video"],
        ),
        reverse("videos:techniques_json"): operation(
            "techniques",
            "Every technique with a published video",
            "With how many videos use it, the years they span and what it descends from.",
            found("The techniques.", ref("TechniqueList")),
        ),
        "/techniques/{slug}.json": one(
            "technique",
            "Technique",
            "technique",
            "One technique, with its lineage",
            "Its history and what it descends from and led to, nearest first.",
            example["technique"],
        ),
        "/directors/{slug}.json": one(
            "director",
            "Director",
            "director",
            "One director",
            "With the techniques they used and their identifiers.",
            example["director"],
        ),
        "/artists/{slug}.json": one(
            "artist",
            "Artist",
            "artist",
            "One artist",
            "With their identifiers.",
            example["artist"],
        ),
        "/tags/{slug}.json": one(
            "tag", "Tag", "tag", "One tag", "How many videos.", example["tag"]
        ),
    }


def description(request):
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Good Reason open data",
            "version": "1",
            "summary": "Music videos filed by the technology they used.",
            "description": INTRODUCTION,
            "license": {
                "name": f"{FACTS['name']} (facts) and {ESSAYS['name']} (essays)",
                "identifier": "CC0-1.0 AND CC-BY-SA-4.0",
            },
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "paths": paths(),
        "components": {"schemas": SCHEMAS},
    }
