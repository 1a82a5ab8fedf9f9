"""The collection's version: one number that changes with every change a visitor could see.

Cached pages and each process's timeline index are keyed by it (videos/web/page_cache.py,
videos/timeline/index.py). It lives in the database, not the cache, so every app server and
worker sees a change at once even when each keeps its own local-memory cache.
"""

import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest


class ContentVersion(models.Model):
    """The single row holding the version (its id is always 1)."""

    version = models.BigIntegerField(default=1)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="archive_state_single_row")
        ]

    def __str__(self):
        return f"collection version {self.version}"


def current_version(using=DEFAULT_DB_ALIAS):
    """The version now. Read on every public request, so in plain SQL: the ORM's query
    building cost more than PostgreSQL's answer (0.4 ms of a 1.1 ms hit)."""
    connection = connections[using]
    # A change after this read needs a version of its own, even in the same transaction.
    connection.version_marker = None
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {table} WHERE id = 1")
        row = cursor.fetchone()
    return 1 if row is None else row[0]


def record_change(using=DEFAULT_DB_ALIAS):
    """Give the collection a new version for the change being made, once per transaction.

    The new version commits (or rolls back) with the change, so no reader sees one without
    the other; however many rows a save touches, it is one version. Inside
    `deferred_version()` the version is taken once, at the end, instead.
    """
    connection = connections[using]
    if getattr(connection, "version_deferred", False):
        connection.version_pending = True
        return
    if not connection.in_atomic_block:
        _take_new_version(using)
        return
    # A marker queued to run on commit says this transaction has taken its version; a
    # rolled-back savepoint drops its on-commit callbacks along with its writes, so a
    # change after that rollback takes a version again.
    marker = getattr(connection, "version_marker", None)
    queued = (callback for _sids, callback, _robust in connection.run_on_commit)
    if marker is not None and any(callback is marker for callback in queued):
        return
    _take_new_version(using)
    connection.version_marker = marker = lambda: None
    transaction.on_commit(marker, using=using)


@contextmanager
def deferred_version(using=DEFAULT_DB_ALIAS):
    """One transaction whose changes take a single version as its last write, so a long
    job (an import, a restore) holds the shared row only for the moment before commit."""
    connection = connections[using]
    with transaction.atomic(using=using):
        if getattr(connection, "version_deferred", False):
            yield
            return
        connection.version_deferred, connection.version_pending = True, False
        try:
            yield
        finally:
            connection.version_deferred = False
        if connection.version_pending:
            connection.version_pending = False
            record_change(using)


def _take_new_version(using):
    """A version the collection has never had: the clock in microseconds, or one more
    than now if that is larger. A counter alone would hand the same number out again after
    a rolled-back change, and a process that had seen it would keep what it built."""
    fresh = Greatest(F("version") + 1, Value(time.time_ns() // 1000))
    if not ContentVersion.objects.using(using).filter(pk=1).update(version=fresh):
        ContentVersion.objects.using(using).get_or_create(
            pk=1, defaults={"version": time.time_ns() // 1000}
        )
