from django.db.models import Count, Max, Min, Q
from django.shortcuts import render
from taggit.models import Tag

from videos.models import Artist, Director, Technique, Video
from videos.pages.charts import adoption_chart
from videos.pages.lineage import lineage_of
from videos.timeline.views import not_found, render_timeline
from videos.web.page_cache import cached_page


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
