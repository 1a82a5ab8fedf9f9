"""The timeline's pages: the filtered timeline and every page that is a timeline with one
filter fixed (a technique's, a director's…)."""

from django.conf import settings
from django.shortcuts import render

from videos.pages.timeline_display import timeline_display
from videos.timeline.engine import TimelineQuery
from videos.timeline.entries import timeline_entries
from videos.timeline.facets import build_chips, build_facets, query_without
from videos.web.page_cache import cached_page


def not_found(request, message):
    return render(request, "404.html", {"message": message}, status=404)


def render_timeline(request, template, context=None, fixed=None):
    """Any timeline page: the published videos the URL's filters keep, paged, with facets
    and chips; 400 naming each parameter that can't be understood."""
    timeline = TimelineQuery(request, fixed)
    context = {**(context or {}), "fixed": tuple(timeline.fixed), "form": timeline.form}
    if timeline.errors:
        for parameter, error in timeline.errors.items():
            error["without"] = query_without(request.GET, parameter)
        context["errors"] = timeline.errors
        return render(request, template, context, status=400)
    page_obj = timeline.page(settings.TIMELINE_PAGE_SIZE, timeline_entries)
    if page_obj is None:
        return not_found(request, f"This timeline has {timeline.page_count} page(s).")
    context.update(
        page_obj=page_obj,
        facets=build_facets(
            timeline.selection, timeline.form, request.GET, timeline.fixed
        ),
        chips=build_chips(timeline.form, request.GET),
        ranked=timeline.selection.ranked,
    )
    # Headings, gaps, the decade bar, "more" and alternate versions (issue 15).
    context["display"] = timeline_display(request, timeline, context)
    return render(request, template, context)


@cached_page
def timeline(request):
    return render_timeline(request, "videos/timeline.html")
