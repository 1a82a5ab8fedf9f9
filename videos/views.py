import re

from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Max, Min, Q
from django.shortcuts import render
from taggit.models import Tag

from .caching import cached_page, version_for
from .charts import adoption_chart
from .entries import EntriesInOrder
from .facet_index import current_index
from .facets import build_chips, build_facets, query_without
from .filters import ACCEPTS, VideoFilter
from .lineage import lineage_of
from .models import Artist, Director, Technique, Video
from .search import search_videos

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


@cached_page
def video_detail(request, slug):
    video = Video.objects.published().for_detail().filter(slug=slug).first()
    if video is None:
        return not_found(request, f"No published video has the address “{slug}”.")
    context = {"video": video, **video.neighbours()}
    return render(request, "videos/video_detail.html", context)


@cached_page
def technique_list(request):
    published = Video.objects.published()
    techniques = (
        Technique.objects.prefetch_related("descends_from", "descendants")
        .annotate(video_count=Count("claims", filter=Q(claims__video__in=published)))
        .order_by("first_used_year", "name")
    )
    context = {"techniques": techniques, "chart": adoption_chart(techniques)}
    return render(request, "videos/technique_list.html", context)


@cached_page
def technique_detail(request, slug):
    technique = Technique.objects.filter(slug=slug).first()
    if technique is None:
        return not_found(request, f"No technique has the address “{slug}”.")
    ancestors, descendants = lineage_of(technique)
    context = {
        "technique": technique,
        "ancestors": ancestors,
        "descendants": descendants,
    }
    return render_timeline(
        request,
        "videos/technique_detail.html",
        context,
        fixed={"technique": technique},
    )


@cached_page
def director_list(request):
    published = Video.objects.published()
    directors = (
        Director.objects.filter(videos__in=published)
        .annotate(
            video_count=Count("videos"),
            first=Min("videos__year"),
            last=Max("videos__year"),
        )
        .order_by("name")
    )
    return render(request, "videos/director_list.html", {"directors": directors})


@cached_page
def director_detail(request, slug):
    director = Director.objects.filter(slug=slug).first()
    if director is None:
        return not_found(request, f"No director has the address “{slug}”.")
    videos = Video.objects.published().filter(directors=director)
    techniques = (
        Technique.objects.filter(claims__video__in=videos)
        .annotate(video_count=Count("claims"))
        .order_by("-video_count", "name")
    )
    context = {"director": director, "techniques_used": techniques}
    return render_timeline(
        request, "videos/director_detail.html", context, fixed={"director": director}
    )


@cached_page
def artist_detail(request, slug):
    artist = Artist.objects.filter(slug=slug).first()
    if artist is None:
        return not_found(request, f"No artist has the address “{slug}”.")
    return render_timeline(
        request,
        "videos/artist_detail.html",
        {"artist": artist},
        fixed={"artist": artist},
    )


@cached_page
def tag_detail(request, slug):
    tag = Tag.objects.filter(slug=slug).first()
    if tag is None:
        return not_found(request, f"No tag has the address “{slug}”.")
    return render_timeline(
        request, "videos/tag_detail.html", {"tag": tag}, fixed={"tag": tag}
    )


@cached_page
def about(request):
    context = Video.objects.published().aggregate(
        video_count=Count("pk"), first_year=Min("year"), last_year=Max("year")
    )
    context["technique_count"] = (
        Technique.objects.filter(claims__isnull=False).distinct().count()
    )
    return render(request, "about.html", context)
