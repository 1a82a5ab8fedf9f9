"""The collection's version: one number that changes with every change a visitor could see.

Cached pages and each process's timeline index are keyed by it (videos/web/page_cache.py,
videos/timeline/index.py). It lives in the database, not the cache, so every app server and
worker sees a change at once even when each keeps its own local-memory cache.

Each version also logs what it changed (`VersionChange`: the videos touched, the linked
names renamed), in the same transaction, so an index a few versions old patches only those
videos instead of reading the whole archive again (issue 14). A change that doesn't say
what it touched logs "everything", and every index rebuilds.
"""

import time
from contextlib import contextmanager

from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Greatest
from django.db.models.signals import post_delete

# A version changing more than this many things logs "everything" instead (an import).
LOGGED_AT_MOST = 1_000
# How long a version's changes are kept: an index older than this rebuilds.
LOG_KEPT_MICROSECONDS = 24 * 3600 * 1_000_000


class ContentVersion(models.Model):
    """The single row holding the version (its id is always 1)."""

    version = models.BigIntegerField(default=1)
    # The version this one replaced: the log's versions chain back through it.
    previous = models.BigIntegerField(default=0)
    # The latest version whose change wasn't logged in detail: an index older than it
    # rebuilds without reading the log.
    last_unlogged = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(id=1), name="archive_state_single_row")
        ]

    def __str__(self):
        return f"collection version {self.version}"


class VersionChange(models.Model):
    """One thing a version changed: a video (its row, links, verdict), a linked name
    (`kind` is its model's label, "videos.artist"), or everything ("*")."""

    VIDEO, EVERYTHING = "video", "*"

    version = models.BigIntegerField()
    previous = models.BigIntegerField()
    kind = models.CharField(max_length=100)
    object_id = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["version", "kind", "object_id"], name="one_change_per_version"
            )
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id} in version {self.version}"


def videos_changed(video_ids):
    """The log entries for these videos (what record_change's `changed` takes)."""
    return [(VersionChange.VIDEO, int(pk)) for pk in video_ids if pk is not None]


def name_changed(instance):
    """The log entry for a renamed (or new) linked name: an artist, a technique, a tag."""
    return [(instance._meta.label_lower, int(instance.pk))]


EVERYTHING = [(VersionChange.EVERYTHING, 0)]
VIDEO_COLUMNS = ("video_id", "content_object_id", "later_id", "earlier_id")


def what_changed(sender, instance=None, action=None, model=None, pk_set=None, **kwargs):
    """What a save, delete or many-to-many change signal touched, for `record_change`:
    the videos whose rows or links changed, or a name (an artist renamed); None when it
    can't tell (a name deleted takes links with it that send no signal)."""
    if action is not None:  # m2m_changed, from either side
        if instance._meta.label_lower == "videos.video":
            return videos_changed([instance.pk])
        if model._meta.label_lower != "videos.video":
            return []  # a technique's lineage: no video's links change
        return None if pk_set is None else videos_changed(pk_set)
    if instance._meta.label_lower == "videos.video":
        return videos_changed([instance.pk])
    columns = [getattr(instance, column, None) for column in VIDEO_COLUMNS]
    if any(pk is not None for pk in columns):
        return videos_changed(columns)
    return None if kwargs.get("signal") is post_delete else name_changed(instance)


def current_version(using=DEFAULT_DB_ALIAS):
    """The version now. Read on every public request, so in plain SQL: the ORM's query
    building cost more than PostgreSQL's answer (0.4 ms of a 1.1 ms hit)."""
    connection = connections[using]
    # A change after this read needs a version of its own, even in the same transaction.
    connection.version_marker = None
    table = connection.ops.quote_name(ContentVersion._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version, last_unlogged FROM {table} WHERE id = 1")
        row = cursor.fetchone() or (1, 1)
    connection.version_read = row
    return row[0]


def unlogged_after(old, new, using=DEFAULT_DB_ALIAS):
    """Whether a change after version `old`, up to `new`, wasn't logged in detail (so
    reading the log is no use), when the last read of the version says so; else None."""
    version, last_unlogged = getattr(connections[using], "version_read", (None, 0))
    return last_unlogged > old if version == new else None


def record_change(using=DEFAULT_DB_ALIAS, changed=None):
    """Give the collection a new version for the change being made, once per transaction,
    and log what it `changed` ([(kind, id)], see `videos_changed`; None: not said, so
    every index rebuilds).

    The new version commits (or rolls back) with the change, so no reader sees one without
    the other; however many rows a save touches, it is one version. Inside
    `deferred_version()` the version is taken once, at the end, instead.
    """
    connection = connections[using]
    changed = EVERYTHING if changed is None else list(changed)
    if getattr(connection, "version_deferred", False):
        connection.version_pending = True
        connection.pending_changes.update(changed)
        return
    if not connection.in_atomic_block:
        with transaction.atomic(using=using):
            _log(using, _take_new_version(using), changed)
        return
    # A marker queued to run on commit says this transaction has taken its version; a
    # rolled-back savepoint drops its on-commit callbacks along with its writes, so a
    # change after that rollback takes a version again.
    marker = getattr(connection, "version_marker", None)
    queued = (callback for _sids, callback, _robust in connection.run_on_commit)
    if marker is None or not any(callback is marker for callback in queued):
        connection.version_taken = _take_new_version(using)
        connection.version_marker = marker = lambda: None
        transaction.on_commit(marker, using=using)
    _log(using, connection.version_taken, changed)


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
        connection.pending_changes = set()
        try:
            yield
        finally:
            connection.version_deferred = False
        if connection.version_pending:
            connection.version_pending = False
            record_change(using, connection.pending_changes)


@contextmanager
def rolled_back_without_version(using=DEFAULT_DB_ALIAS):
    """A transaction that is always rolled back and never takes a version: changes made
    in it are seen only inside it (an editor's preview of unsaved changes). The version
    row is not even locked, so no other editor's save waits on it; no cached page, facet
    index or log entry is retired, and on-commit hooks never run."""
    connection = connections[using]
    names = ("version_deferred", "version_pending", "pending_changes")
    saved = {name: getattr(connection, name, None) for name in names}
    with transaction.atomic(using=using):
        connection.version_deferred, connection.version_pending = True, False
        connection.pending_changes = set()
        try:
            yield
        finally:
            for name, value in saved.items():
                setattr(connection, name, value)
            transaction.set_rollback(True, using=using)


def changes_between(old, new, using=DEFAULT_DB_ALIAS):
    """{(kind, id)} changed after version `old` up to `new`, or None when the log can't
    say (pruned, or a version was taken without it): then the caller reads everything."""
    entries = VersionChange.objects.using(using).filter(
        version__gt=old, version__lte=new
    )
    previous, changed = {}, set()
    for version, before, kind, object_id in entries.values_list(
        "version", "previous", "kind", "object_id"
    ):
        previous[version] = before
        changed.add((kind, object_id))
    version = new
    while version != old:  # every version between, or something changed unlogged
        if version not in previous:
            return None
        version = previous[version]
    return None if EVERYTHING[0] in changed else changed


def _log(using, taken, changed):
    """One row per thing changed, and always one for the version itself: readers follow
    the chain of versions through the log to know nothing is missing."""
    previous, version = taken
    if len(changed) > LOGGED_AT_MOST or EVERYTHING[0] in changed:
        changed = EVERYTHING
        ContentVersion.objects.using(using).filter(pk=1).update(last_unlogged=version)
    changed = [*changed, ("", 0)]
    VersionChange.objects.using(using).bulk_create(
        [
            VersionChange(
                version=version, previous=previous, kind=kind, object_id=object_id
            )
            for kind, object_id in changed
        ],
        ignore_conflicts=True,
    )


def _take_new_version(using):
    """A version the collection has never had: the clock in microseconds, or one more
    than now if that is larger. A counter alone would hand the same number out again after
    a rolled-back change, and a process that had seen it would keep what it built."""
    now = time.time_ns() // 1000
    fresh = Greatest(F("version") + 1, Value(now))
    row = ContentVersion.objects.using(using).filter(pk=1)
    # Both read the row as it was before this update: `previous` is the old version.
    if not row.update(previous=F("version"), version=fresh):
        ContentVersion.objects.using(using).get_or_create(
            pk=1, defaults={"version": now}
        )
    previous, version = row.values_list("previous", "version").get()
    # A cheap range delete on the log's index; an index older than this rebuilds.
    VersionChange.objects.using(using).filter(
        version__lt=version - LOG_KEPT_MICROSECONDS
    ).delete()
    return previous, version
