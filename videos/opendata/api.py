"""The open API beyond the timeline: techniques with their lineage, directors, artists
and tags as JSON, and the description of it all (/api/openapi.json, read at /api/).

Every view answers through `open_data` (CORS, ETag/Last-Modified, 304) and the page
cache; the documents are built in videos/opendata/documents.py.
"""

from django.db.models import Count, Max, Min
from django.shortcuts import render
from taggit.models import Tag

from videos.models import Artist, Director, TaggedVideo, Technique, Video
from videos.opendata import documents
from videos.opendata.http import json_response, not_found, open_data
from videos.opendata.licences import LICENCE
from videos.opendata.openapi import description
from videos.pages.citations import technique_version
from videos.pages.lineage import lineage_of
from videos.web.page_cache import cached_page

ACCEPTS_SLUG = "the slug of one with a published video, as listed by the timeline"


def missing(noun, slug):
    message = f"No {noun} with a published video has the address “{slug}”."
    return not_found("slug", "Address", message, ACCEPTS_SLUG)


@open_data
@cached_page
def techniques_json(request):
    techniques = Technique.objects.with_public_counts().with_lineage()
    rows = [
        documents.technique_row(technique, request.build_absolute_uri)
        for technique in techniques.order_by("first_used_year", "name")
    ]
    return json_response({"count": len(rows), "results": rows, "licence": LICENCE})


@open_data
@cached_page
def technique_json(request, slug):
    technique = (
        Technique.objects.with_public_counts().with_lineage().filter(slug=slug).first()
    )
    if technique is None:
        return missing("technique", slug)
    document = documents.technique_document(
        technique,
        lineage_of(technique),
        request.build_absolute_uri,
        technique_version(technique),
    )
    return json_response(document)


@open_data
@cached_page
def director_json(request, slug):
    director = Director.objects.with_public_counts().filter(slug=slug).first()
    if director is None:
        return missing("director", slug)
    videos = Video.objects.published().filter(directors=director)
    used = Technique.objects.used_in(videos)
    absolute = request.build_absolute_uri
    return json_response(documents.director_document(director, used, absolute))


@open_data
@cached_page
def artist_json(request, slug):
    artist = Artist.objects.with_public_counts().filter(slug=slug).first()
    if artist is None:
        return missing("artist", slug)
    also = Director.objects.filter(also_artist=artist).first()
    absolute = request.build_absolute_uri
    return json_response(documents.artist_document(artist, also, absolute))


@open_data
@cached_page
def tag_json(request, slug):
    tagged = TaggedVideo.objects.filter(content_object__in=Video.objects.published())
    tag = Tag.objects.filter(slug=slug, pk__in=tagged.values("tag_id")).first()
    if tag is None:
        return missing("tag", slug)
    counts = (
        Video.objects.published()
        .filter(tags=tag)
        .aggregate(video_count=Count("pk"), first=Min("year"), last=Max("year"))
    )
    return json_response(
        documents.tag_document(tag, counts, request.build_absolute_uri)
    )


@open_data
@cached_page
def openapi_json(request):
    return json_response(description(request))


@cached_page
def api_page(request):
    context = {"api": description(request), "licence": LICENCE}
    return render(request, "opendata/api.html", context)
