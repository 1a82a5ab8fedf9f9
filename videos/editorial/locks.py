"""Row locks an editor's save takes without waiting on a long job.

An import or a restore writes in one transaction and holds the rows of the videos it has
written until it commits. An editor saving one of those would wait for the whole import;
instead the lock is given up after EDITOR_LOCK_WAIT and the editor is told to save again
in a minute (their form keeps what they typed). Giving up before PostgreSQL's deadlock
check (1 s) also means an editor's save is always the one that yields, never the import.

Locks are FOR NO KEY UPDATE, as an UPDATE takes: they don't block rows that only refer
to the video (a precedent naming it, a claim), only other writers of the same video.
SQLite has no row locks (its writers take turns for the whole database), so there this
is a plain read.
"""

from django.db import OperationalError, connections, transaction

EDITOR_LOCK_WAIT = "300ms"
LOCK_NOT_AVAILABLE = "55P03"


class RowBusy(Exception):
    """Another transaction (an import, a restore) holds a row this save needs."""


def lock_rows(queryset):
    """The rows of `queryset`, locked until this transaction ends, or RowBusy."""
    using = queryset.db
    locking = queryset.select_for_update(no_key=True, of=("self",))
    connection = connections[using]
    if connection.vendor != "postgresql":
        return list(locking)
    try:
        # A savepoint, so a lock that times out rolls back alone (with the setting).
        with transaction.atomic(using=using), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('lock_timeout')")
            (previous,) = cursor.fetchone()
            cursor.execute(
                "SELECT set_config('lock_timeout', %s, true)", [EDITOR_LOCK_WAIT]
            )
            rows = list(locking)
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [previous])
    except OperationalError as error:
        if getattr(error.__cause__, "sqlstate", None) == LOCK_NOT_AVAILABLE:
            raise RowBusy from error
        raise
    return rows
