"""The timeline's pages: the filtered timeline and every page that is a timeline with one
filter fixed (a technique's, a director's…)."""

import re

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.shortcuts import render

from videos.models import Video
from videos.timeline.entries import EntriesInOrder
from videos.timeline.facets import build_chips, build_facets, query_without
from videos.timeline.index import current_index
from videos.timeline.parameters import ACCEPTS, VideoFilter
from videos.timeline.search import search_videos
from videos.web.page_cache import cached_page, version_for

PAGE_NUMBER = re.compile(r"[0-9]{1,7}")


def not_found(request, message):
    return render(request, "404.html", {"message": message}, status=404)


def page_number_errors(params):
    raw = params.get("page", "1")
    if PAGE_NUMBER.fullmatch(raw) and int(raw) >= 1:
        return {}
    message = f"“{raw[:40]}” is not a page number."
    return {"page": {"messages": [message], "accepts": ACCEPTS["page"]}}


def timeline_errors(video_filter, params):
    """Every parameter that cannot be understood, with the link that drops it."""
    errors = {} if video_filter.is_valid() else video_filter.errors_by_parameter()
    errors.update(page_number_errors(params))
    for parameter, error in errors.items():
        error["without"] = query_without(params, parameter)
    return errors


def render_timeline(request, template, context=None, fixed=None):
    """Any timeline page: the published videos the URL's filters keep, paged, with facets
    and chips.

    `fixed` ({parameter: row}) is what the page itself decides (a technique page fixes its
    technique): always applied, and its facet not shown.
    """
    fixed = fixed or {}
    context = {**(context or {}), "fixed": tuple(fixed)}
    video_filter = VideoFilter(request.GET, queryset=Video.objects.published())
    errors = timeline_errors(video_filter, request.GET)
    context["filter"] = video_filter
    if errors:
        return render(request, template, {**context, "errors": errors}, status=400)
    criteria = video_filter.form.cleaned_data
    ranked_pks = None
    if criteria.get("q"):
        ranked = search_videos(Video.objects.published(), criteria["q"])
        ranked_pks = list(ranked.values_list("pk", flat=True))
    index = current_index(version_for(request))
    selection = index.select(criteria, base=fixed, ranked_pks=ranked_pks)
    paginator = Paginator(EntriesInOrder(selection), settings.TIMELINE_PAGE_SIZE)
    try:
        page_obj = paginator.page(request.GET.get("page", 1))
    except EmptyPage:
        return not_found(request, f"This timeline has {paginator.num_pages} page(s).")
    context.update(
        page_obj=page_obj,
        facets=build_facets(selection, video_filter, request.GET, hidden=fixed),
        chips=build_chips(video_filter, request.GET),
        ranked=ranked_pks is not None,
    )
    return render(request, template, context)


@cached_page
def timeline(request):
    return render_timeline(request, "videos/timeline.html")
