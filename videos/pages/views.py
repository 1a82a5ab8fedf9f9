"""The archive's pages that are not the timeline itself: a video, the technique, director,
artist and tag pages (each a timeline with one filter fixed), and about."""

from django.db.models import Count, Max, Min
from django.shortcuts import render
from taggit.models import Tag

from videos.editorial.cards import image_alt
from videos.models import Artist, Director, TaggedVideo, Technique, Video
from videos.pages.changes import PUBLIC_CHANGES_SHOWN, public_changes
from videos.pages.charts import adoption_chart
from videos.pages.indexes import by_surname, by_title, tags_with_public_counts
from videos.pages.lineage import lineage_of
from videos.timeline.views import not_found, render_timeline
from videos.web.page_cache import cached_page


def public_or_none(queryset, slug):
    """The row with this slug if a public video links to it."""
    return queryset.public().filter(slug=slug).first()


def no_public(request, noun, slug):
    return not_found(
        request, f"No {noun} with a published video has the address “{slug}”."
    )


@cached_page
def video_detail(request, slug):
    video = Video.objects.published().for_detail().filter(slug=slug).first()
    if video is None:
        return not_found(request, f"No published video has the address “{slug}”.")
    return render(request, "videos/video_detail.html", video_page_context(video))


def video_page_context(video):
    """What a video's page shows of `video` (read in the `for_detail()` shape): the public
    page, and an editor's preview or share link of a draft (videos/editorial/preview.py)."""
    return {
        "video": video,
        "image_alt": image_alt(video),
        "changes": public_changes(video),
        "changes_shown": PUBLIC_CHANGES_SHOWN,
        **video.neighbours(),
    }


@cached_page
def technique_list(request):
    techniques = (
        Technique.objects.with_public_counts()
        .with_lineage()
        .order_by("first_used_year", "name")
    )
    context = {"techniques": techniques, "chart": adoption_chart(techniques)}
    return render(request, "videos/technique_list.html", context)


@cached_page
def technique_detail(request, slug):
    technique = public_or_none(Technique.objects, slug)
    if technique is None:
        return no_public(request, "technique", slug)
    ancestors, descendants = lineage_of(technique)
    context = {
        "technique": technique,
        "ancestors": ancestors,
        "descendants": descendants,
    }
    return render_timeline(
        request, "videos/technique_detail.html", context, fixed={"technique": technique}
    )


@cached_page
def director_list(request):
    directors = by_surname(Director.objects.with_public_counts())
    return render(request, "videos/director_list.html", {"directors": directors})


@cached_page
def artist_list(request):
    artists = by_title(Artist.objects.with_public_counts())
    return render(request, "videos/artist_list.html", {"artists": artists})


@cached_page
def tag_list(request):
    context = {"tags": tags_with_public_counts()}
    return render(request, "videos/tag_list.html", context)


@cached_page
def director_detail(request, slug):
    director = public_or_none(Director.objects, slug)
    if director is None:
        return no_public(request, "director", slug)
    videos = Video.objects.published().filter(directors=director)
    context = {
        "director": director,
        "techniques_used": Technique.objects.used_in(videos),
    }
    return render_timeline(
        request, "videos/director_detail.html", context, fixed={"director": director}
    )


@cached_page
def artist_detail(request, slug):
    artist = public_or_none(Artist.objects, slug)
    if artist is None:
        return no_public(request, "artist", slug)
    return render_timeline(
        request,
        "videos/artist_detail.html",
        {"artist": artist},
        fixed={"artist": artist},
    )


@cached_page
def tag_detail(request, slug):
    tagged = TaggedVideo.objects.filter(content_object__in=Video.objects.published())
    tag = Tag.objects.filter(slug=slug, pk__in=tagged.values("tag_id")).first()
    if tag is None:
        return no_public(request, "tag", slug)
    return render_timeline(
        request, "videos/tag_detail.html", {"tag": tag}, fixed={"tag": tag}
    )


@cached_page
def about(request):
    context = Video.objects.published().aggregate(
        video_count=Count("pk"), first_year=Min("year"), last_year=Max("year")
    )
    context["technique_count"] = Technique.objects.public().count()
    return render(request, "about.html", context)
