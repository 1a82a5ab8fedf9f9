"""Free-text search (`q`): PostgreSQL full-text search, with a fallback for SQLite.

On PostgreSQL each video stores a weighted tsvector (title and artists A, directors B,
essay C) in a GIN index; a query is parsed as web search syntax with English stemming and
ranked. SQLite has no such thing, so it matches every word, lightly stemmed, anywhere in
the same fields and ranks title and credit matches above essay matches.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, Value, When

WORD = re.compile(r"\w+")
SUFFIXES = ("ing", "ed", "es", "s")
MAX_WORDS = 12

REFRESH_SQL = """
UPDATE videos_video AS v SET search_vector =
    setweight(to_tsvector('english', v.title), 'A')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(a.name, ' ') FROM videos_video_artists va
        JOIN videos_artist a ON a.id = va.artist_id WHERE va.video_id = v.id), '')), 'A')
    || setweight(to_tsvector('english', coalesce((
        SELECT string_agg(d.name, ' ') FROM videos_video_directors vd
        JOIN videos_director d ON d.id = vd.director_id WHERE vd.video_id = v.id), '')), 'B')
    || setweight(to_tsvector('english', coalesce((
        SELECT e.headline || ' ' || e.body FROM videos_essay e
        WHERE e.video_id = v.id), '')), 'C')
"""


def uses_postgres(using):
    return connections[using].vendor == "postgresql"


def refresh_search_vectors(video_ids=None, using="default"):
    """Recompute stored search vectors (all videos when `video_ids` is None)."""
    if not uses_postgres(using):
        return
    with connections[using].cursor() as cursor:
        if video_ids is None:
            cursor.execute(REFRESH_SQL)
        else:
            cursor.execute(REFRESH_SQL + " WHERE v.id = ANY(%s)", [list(video_ids)])


def search_videos(queryset, text):
    """Videos matching `text`, most relevant first."""
    if uses_postgres(queryset.db):
        query = SearchQuery(text, config="english", search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "year", "title", "pk")
        )
    return _fallback_search(queryset, text)


def _stem(word):
    for suffix in SUFFIXES:
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _fallback_search(queryset, text):
    from videos.models import Video

    stems = [_stem(word) for word in WORD.findall(text.lower())[:MAX_WORDS]]
    if not stems:
        return queryset.none()
    rank = Value(0)
    for stem in stems:
        credited = Exists(
            Video.artists.through.objects.filter(
                video=OuterRef("pk"), artist__name__icontains=stem
            )
        ) | Exists(
            Video.directors.through.objects.filter(
                video=OuterRef("pk"), director__name__icontains=stem
            )
        )
        in_title = Q(title__icontains=stem)
        in_essay = Q(essay__headline__icontains=stem) | Q(essay__body__icontains=stem)
        queryset = queryset.filter(in_title | credited | in_essay)
        rank = rank + Case(
            When(in_title, then=Value(4)),
            When(credited, then=Value(3)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return queryset.annotate(rank=rank).order_by("-rank", "year", "title", "pk")
