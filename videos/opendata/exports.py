"""Open data: the timeline as JSON and CSV, and one video as JSON.

The field names are a public contract documented in README.md ("Open data"): add fields,
never rename or remove one.
"""

import csv

from django.conf import settings
from django.http import JsonResponse, StreamingHttpResponse

from videos.models import Video
from videos.timeline.engine import TimelineQuery
from videos.web.page_cache import cached_page

CSV_FIELDS = [
    "slug",
    "title",
    "artists",
    "directors",
    "year",
    "techniques",
    "tags",
    "verdict",
    "url",
]
# The separator milestones.csv uses for several values in one cell.
CSV_LIST_SEPARATOR = "; "
CSV_CHUNK_SIZE = 500
JSON_OPTIONS = {"ensure_ascii": False}


def named(rows):
    return [{"slug": row.slug, "name": row.name} for row in rows]


def video_row(video, request):
    """One video as a row of the timeline export (JSON; CSV joins the lists)."""
    essay = getattr(video, "essay", None)
    return {
        "slug": video.slug,
        "title": video.title,
        "artists": named(video.artists.all()),
        "directors": named(video.directors.all()),
        "year": video.year,
        "techniques": named(claim.technique for claim in video.claims.all()),
        "tags": named(video.tags.all()),
        "verdict": essay.verdict if essay else None,
        "url": request.build_absolute_uri(video.get_absolute_url()),
    }


def claim_document(claim):
    return {
        "technique": {"slug": claim.technique.slug, "name": claim.technique.name},
        "primary": claim.is_primary,
        "usage": claim.usage,
        "tool": claim.tool,
        "studio": claim.studio,
        "timecode_seconds": claim.timecode_seconds,
        "source_url": claim.source_url,
    }


def source_document(source):
    return {
        "title": source.title,
        "publication": source.publication,
        "author": source.author,
        "date": source.date.isoformat() if source.date else None,
        "url": source.url,
    }


def video_document(video, request):
    """/videos/<slug>.json: the timeline row plus the essay, sources and claims."""
    essay = getattr(video, "essay", None)
    return {
        **video_row(video, request),
        "release_date": video.release_date.isoformat() if video.release_date else None,
        "watch_url": video.watch_url,
        "essay": essay
        and {"headline": essay.headline, "verdict": essay.verdict, "body": essay.body},
        "sources": [source_document(source) for source in video.sources.all()],
        "claims": [claim_document(claim) for claim in video.claims.all()],
    }


def json_error(status, **body):
    return JsonResponse(body, status=status, json_dumps_params=JSON_OPTIONS)


def bad_parameters(errors):
    """400 naming each parameter; the HTML page's "without" link means nothing here."""
    named_errors = {
        parameter: {"messages": error["messages"], "accepts": error["accepts"]}
        for parameter, error in errors.items()
    }
    return json_error(400, errors=named_errors)


def page_link(request, page_number):
    params = request.GET.copy()
    params["page"] = page_number
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def page_links(request, page):
    return {
        "next": page_link(request, page.next_page_number())
        if page.has_next()
        else None,
        "previous": page_link(request, page.previous_page_number())
        if page.has_previous()
        else None,
    }


def videos_in_order(index, rows):
    """The videos in the index's `rows`, in that order, as export rows read in one go."""
    pks = index.pks[rows].tolist()
    found = Video.objects.published().filter(pk__in=pks).for_export().in_bulk()
    return [found[pk] for pk in pks if pk in found]


@cached_page
def timeline_json(request):
    timeline = TimelineQuery(request)
    if timeline.errors:
        return bad_parameters(timeline.errors)
    page = timeline.page(settings.TIMELINE_PAGE_SIZE, videos_in_order)
    if page is None:
        return json_error(
            404, error=f"This timeline has {timeline.page_count} page(s)."
        )
    body = {
        "count": page.paginator.count,
        **page_links(request, page),
        "results": [video_row(video, request) for video in page],
    }
    return JsonResponse(body, json_dumps_params=JSON_OPTIONS)


class Echo:
    """A file-like object for csv.writer that hands each line back instead of storing it."""

    def write(self, line):
        return line


def csv_cells(row):
    for field in ("artists", "directors", "techniques", "tags"):
        row[field] = CSV_LIST_SEPARATOR.join(item["name"] for item in row[field])
    row["verdict"] = row["verdict"] or ""
    return [row[field] for field in CSV_FIELDS]


def csv_lines(selection, request):
    writer = csv.writer(Echo())
    yield writer.writerow(CSV_FIELDS)
    # Read a chunk at a time, so memory and queries stay bounded however many rows match.
    rows = selection.rows()
    for start in range(0, len(rows), CSV_CHUNK_SIZE):
        chunk = videos_in_order(selection.index, rows[start : start + CSV_CHUNK_SIZE])
        for video in chunk:
            yield writer.writerow(csv_cells(video_row(video, request)))


def timeline_csv(request):
    timeline = TimelineQuery(request)
    if timeline.errors:
        return bad_parameters(timeline.errors)
    response = StreamingHttpResponse(
        csv_lines(timeline.selection, request),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = 'inline; filename="good-reason-timeline.csv"'
    return response


@cached_page
def video_json(request, slug):
    video = Video.objects.published().for_api_detail().filter(slug=slug).first()
    if video is None:
        return json_error(404, error=f"No published video has the address “{slug}”.")
    return JsonResponse(video_document(video, request), json_dumps_params=JSON_OPTIONS)
