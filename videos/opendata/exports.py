"""Open data: the timeline as JSON and CSV, and one video as JSON.

The field names are a public contract documented in README.md ("Open data") and in
/api/openapi.json: add fields, never rename or remove one.
"""

import csv

from django.conf import settings
from django.http import StreamingHttpResponse

from videos.models import Video
from videos.opendata.documents import video_document, video_row
from videos.opendata.http import error_response, json_response, not_found, open_data
from videos.opendata.licences import LICENCE
from videos.timeline.engine import TimelineQuery
from videos.timeline.facets import build_facets
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


def bad_parameters(errors):
    """400 naming each parameter; the HTML page's "without" link means nothing here."""
    return error_response(
        400,
        {
            parameter: {key: error[key] for key in ("label", "messages", "accepts")}
            for parameter, error in errors.items()
        },
    )


def facet_counts(timeline, params):
    """{parameter: [{value, label, count, selected}]}: how many videos each option
    would leave under the other filters, as the HTML timeline's sidebar counts them."""
    return {
        facet.parameter: [
            {
                "value": option.value,
                "label": option.label,
                "count": option.count,
                "selected": option.selected,
            }
            for option in facet.options
        ]
        for facet in build_facets(timeline.selection, timeline.form, params)
    }


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


@open_data
@cached_page
def timeline_json(request):
    timeline = TimelineQuery(request)
    if timeline.errors:
        return bad_parameters(timeline.errors)
    page = timeline.page(settings.TIMELINE_PAGE_SIZE, videos_in_order)
    if page is None:
        message = f"This timeline has {timeline.page_count} page(s)."
        accepts = f"a page number from 1 to {timeline.page_count}"
        return not_found("page", "Page", message, accepts)
    absolute = request.build_absolute_uri
    return json_response(
        {
            "count": page.paginator.count,
            **page_links(request, page),
            "results": [video_row(video, absolute) for video in page],
            "facets": facet_counts(timeline, request.GET),
            "licence": LICENCE,
        }
    )


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
            yield writer.writerow(
                csv_cells(video_row(video, request.build_absolute_uri))
            )


@open_data
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


@open_data
@cached_page
def video_json(request, slug):
    video = Video.objects.published().for_detail().filter(slug=slug).first()
    if video is None:
        message = f"No published video has the address “{slug}”."
        return not_found("slug", "Address", message, "the slug of a published video")
    return json_response(video_document(video, request.build_absolute_uri))
