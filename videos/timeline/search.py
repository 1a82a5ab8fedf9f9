"""Free-text search (`q`): ranked full-text search from an index on both databases.

Both weigh a video's words alike: title and artists highest, directors next, the essay's
headline and body lowest.

- PostgreSQL: each video stores a weighted tsvector (A, B, C) in a GIN index
  (migration 0003); a query is read as web search syntax with English stemming and
  ranked by ts_rank.
- SQLite: an FTS5 table, `videos_search`, indexes one row of text per video kept in
  `videos_search_text`, its external content (migration 0010); porter stemming; ranked
  by bm25 with ts_rank's weights for A, B and C (1, 0.4, 0.2). Each word of the user's
  text becomes a quoted FTS5 string, so no character in it is query syntax.

`refresh_search_vectors` is the one place either is recomputed: after an editor's change
commits (videos/models/signals.py), and by whatever writes in bulk.
"""

import json

import numpy as np
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connections
from django.db.models import BooleanField, F, FloatField
from django.db.models.expressions import RawSQL

MAX_WORDS = 12

POSTGRES_REFRESH = """
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

# Rows leave videos_search_text, and triggers take their words out of the FTS5 index,
# before the current text goes back in: FTS5 can only forget the words it was given.
SQLITE_FORGET = "DELETE FROM videos_search_text"
SQLITE_REFRESH = """
INSERT INTO videos_search_text (video_id, title, artists, directors, essay)
SELECT v.id, v.title,
    coalesce((SELECT group_concat(a.name, ' ') FROM videos_video_artists va
        JOIN videos_artist a ON a.id = va.artist_id WHERE va.video_id = v.id), ''),
    coalesce((SELECT group_concat(d.name, ' ') FROM videos_video_directors vd
        JOIN videos_director d ON d.id = vd.director_id WHERE vd.video_id = v.id), ''),
    coalesce((SELECT e.headline || ' ' || e.body FROM videos_essay e
        WHERE e.video_id = v.id), '')
FROM videos_video v
"""
# bm25 per column (title, artists, directors, essay); lower is better.
SQLITE_RANK = "bm25(videos_search, 1.0, 1.0, 0.4, 0.2)"
SQLITE_SCORES = (
    f"SELECT rowid, {SQLITE_RANK} FROM videos_search WHERE videos_search MATCH %s"
)
# What SearchQuery(websearch) and SearchRank compile to; negated so lower is better.
POSTGRES_SCORES = """
SELECT id, -ts_rank(search_vector, query)
FROM videos_video, websearch_to_tsquery('english'::regconfig, %s) AS query
WHERE search_vector @@ query
"""


def uses_postgres(using):
    return connections[using].vendor == "postgresql"


def refresh_search_vectors(video_ids=None, using="default"):
    """Recompute the searchable text of `video_ids` (every video when None), on either
    database. A deleted video's id is harmless: its text is gone with it."""
    with connections[using].cursor() as cursor:
        if uses_postgres(using):
            if video_ids is None:
                cursor.execute(POSTGRES_REFRESH)
            else:
                where = " WHERE v.id = ANY(%s)"
                cursor.execute(POSTGRES_REFRESH + where, [list(video_ids)])
        elif video_ids is None:
            cursor.execute(SQLITE_FORGET)
            cursor.execute(SQLITE_REFRESH)
        else:
            # One JSON parameter, however many ids: SQLite caps bound parameters.
            ids = json.dumps([int(pk) for pk in video_ids])
            chosen = "IN (SELECT value FROM json_each(%s))"
            cursor.execute(f"{SQLITE_FORGET} WHERE video_id {chosen}", [ids])
            cursor.execute(f"{SQLITE_REFRESH} WHERE v.id {chosen}", [ids])


def search_videos(queryset, text):
    """The videos in `queryset` that `text` matches, most relevant first (ties by year,
    title, pk). Every word must match (PostgreSQL also reads "or", "-word" and quoted
    phrases). Reads the full-text index only, never every essay."""
    if uses_postgres(queryset.db):
        query = SearchQuery(text, config="english", search_type="websearch")
        return (
            queryset.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "year", "title", "pk")
        )
    expression = fts5_query(text)
    if not expression:
        return queryset.none()
    return _fts5_search(queryset, expression)


def match_scores(text, using="default"):
    """(pks, scores) of every video `text` matches, lower scores better, in no order:
    the same matches and ranks as `search_videos`, read from the full-text index alone.
    The timeline index keeps the public ones and breaks ties in timeline order, so the
    database neither joins the matches to their videos nor sorts them."""
    if uses_postgres(using):
        sql, parameter = POSTGRES_SCORES, text
    else:
        sql, parameter = SQLITE_SCORES, fts5_query(text)
        if not parameter:
            return np.empty(0, dtype=np.int64), np.empty(0)
    with connections[using].cursor() as cursor:
        cursor.execute(sql, [parameter])
        found = cursor.fetchall()
    pks = np.fromiter((pk for pk, _score in found), dtype=np.int64, count=len(found))
    scores = np.fromiter((score for _pk, score in found), dtype=float, count=len(found))
    return pks, scores


def fts5_query(text):
    """`text` as an FTS5 expression that every word must match, each word a quoted
    string (a `"` inside doubled), so no input is FTS5 syntax: `NEAR`, `*`, `-`, `:`
    and parentheses are just characters that the tokenizer drops. Empty when `text` has
    no words; a word of punctuation alone is an empty string, which FTS5 ignores."""
    words = text.split()[:MAX_WORDS]
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _fts5_search(queryset, expression):
    # The ORM cannot join a virtual table, so `extra` names it in FROM; everything
    # else is an expression, so the video side keeps its alias inside subqueries too.
    return (
        queryset.extra(tables=["videos_search"])
        .filter(
            RawSQL("videos_search MATCH %s", [expression], BooleanField()),
            pk=RawSQL("videos_search.rowid", []),
        )
        .annotate(rank=RawSQL(SQLITE_RANK, [], FloatField()))
        .order_by("rank", "year", "title", "pk")
    )
