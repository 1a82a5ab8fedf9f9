"""The timeline's answer computed in plain SQL through the ORM: the independent oracle the
index (videos/timeline/) is checked against. Nothing outside tests filters this way."""

from videos.models import Video
from videos.timeline.search import search_videos

LINKED_LOOKUPS = {
    "technique": "claims__technique__slug__in",
    "director": "directors__slug__in",
    "artist": "artists__slug__in",
    "tag": "tags__slug__in",
}


def as_list(value):
    return value if isinstance(value, list) else [value]


def videos_matching(params, base=None):
    """The published videos `params` keep, in the timeline's order (best match first
    for a search)."""
    videos = base if base is not None else Video.objects.published()
    for parameter, lookup in LINKED_LOOKUPS.items():
        if params.get(parameter):
            linked = Video.objects.filter(**{lookup: as_list(params[parameter])})
            videos = videos.filter(pk__in=linked.values("pk"))
    if params.get("decade") is not None:
        decade = int(params["decade"])
        videos = videos.filter(year__gte=decade, year__lt=decade + 10)
    if params.get("year_from") is not None:
        videos = videos.filter(year__gte=int(params["year_from"]))
    if params.get("year_to") is not None:
        videos = videos.filter(year__lte=int(params["year_to"]))
    if params.get("verdict"):
        videos = videos.filter(essay__verdict=params["verdict"])
    if params.get("q"):
        return search_videos(videos, params["q"])
    return videos.order_by("year", "title", "pk")
