"""Full-text search on SQLite: an FTS5 index over one row of search text per video.

`videos_search_text` is the FTS5 table's external content: triggers on it keep the index
in step, and its rows go with their video (ON DELETE CASCADE, which survives Django
rebuilding videos_video, where a trigger on that table would not).
`refresh_search_vectors` (videos/timeline/search.py) writes it. PostgreSQL keeps its
weighted tsvector (0003): this migration does nothing there.
"""

from django.db import migrations

from videos.timeline.search import refresh_search_vectors

COLUMNS = "title, artists, directors, essay"
NEW = "new.title, new.artists, new.directors, new.essay"
OLD = "old.title, old.artists, old.directors, old.essay"
FORGET = (
    "INSERT INTO videos_search (videos_search, rowid, " + COLUMNS + ") "
    "VALUES ('delete', old.video_id, " + OLD + ");"
)
LEARN = (
    "INSERT INTO videos_search (rowid, " + COLUMNS + ") "
    "VALUES (new.video_id, " + NEW + ");"
)
CREATE = [
    """CREATE TABLE videos_search_text (
        video_id integer NOT NULL PRIMARY KEY
            REFERENCES videos_video (id) ON DELETE CASCADE,
        title text NOT NULL,
        artists text NOT NULL,
        directors text NOT NULL,
        essay text NOT NULL
    )""",
    f"""CREATE VIRTUAL TABLE videos_search USING fts5(
        {COLUMNS},
        content='videos_search_text', content_rowid='video_id',
        tokenize='porter unicode61 remove_diacritics 2'
    )""",
    f"""CREATE TRIGGER videos_search_text_inserted AFTER INSERT ON videos_search_text
    BEGIN {LEARN} END""",
    f"""CREATE TRIGGER videos_search_text_deleted AFTER DELETE ON videos_search_text
    BEGIN {FORGET} END""",
    f"""CREATE TRIGGER videos_search_text_updated AFTER UPDATE ON videos_search_text
    BEGIN {FORGET} {LEARN} END""",
]
DROP = ["DROP TABLE videos_search", "DROP TABLE videos_search_text"]


def create_and_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    refresh_search_vectors(using=schema_editor.connection.alias)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("videos", "0009_length_limits")]

    operations = [migrations.RunPython(create_and_fill, drop)]
