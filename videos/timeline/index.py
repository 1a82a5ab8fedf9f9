"""Facet counts for any filters in about a millisecond: an in-memory index of the archive.

Counting a facet in SQL scans whatever the other filters leave: the technique facet of
`?decade=1990` counts the claims of every 1990s video. At 100,000 videos that made the six
counts take 120–160 ms and grow with the archive (bench/RESULTS.md). Search engines facet
from per-document value arrays held in memory (Lucene's doc values); this does the same with
numpy. Every published video is a row; every filter becomes a boolean mask over the rows; a
facet is a bincount over the rows the *other* masks leave.

The index is built from three queries, once per process. The version changes in the same
transaction as any change a visitor could see (videos/models/versions.py), so an index is
never older than the data it answers for; each version also logs the videos and names it
touched, so a process a few versions behind *patches* its index: it re-reads only those
videos, retires their rows and appends their new ones (issue 14). Scheduled videos are in it
with their publication time and appear when it passes, without either.
"""

import contextlib
import copy
import ctypes
import gc
import threading

import numpy as np
from django.utils import timezone

from videos.models import Video
from videos.models.versions import (
    VersionChange,
    changes_between,
    current_version,
    unlogged_after,
)
from videos.timeline import parameters
from videos.timeline.dimensions import Dimension
from videos.timeline.reading import (
    ESSAY,
    UNKNOWN_VERDICT,
    VERDICTS,
    microseconds,
    read_changed_links,
    read_labels,
    read_links,
    read_videos,
)
from videos.timeline.selection import Selection

NO_VERDICT = len(VERDICTS)
RETIRED = np.iinfo(np.int64).max  # the publication time of a row a patch replaced
# A patch re-reads at most this many videos; past it, or once this many rows (or a tenth
# of the index) have been appended since the build, a full build is cheaper.
PATCHED_AT_MOST = 2_000
APPENDED_AT_MOST = 20_000


def linked():
    """{parameter: Link} for every many-to-many dimension the parameters declare."""
    return {
        parameter.name: parameter.link for parameter in parameters.linked_parameters()
    }


def pk_lookup(pks, rows):
    """(pks sorted, their rows): what `rows_for` searches."""
    by_pk = np.argsort(pks, kind="stable")
    return pks[by_pk], rows[by_pk].astype(np.int32)


class TimelineIndex:
    """Every published video's year, verdict, publication time and linked values.

    Rows are built in timeline order. A patch never moves or rewrites a row: it retires
    the rows of the videos that changed (their time becomes RETIRED, so no mask keeps
    them) and appends their new rows; `order` then lists the live rows in timeline order.
    """

    VERDICTS, NO_VERDICT = VERDICTS, NO_VERDICT

    def __init__(self, version, pks, years, due_at):
        self.version = version
        self.pks, self.years, self.due_at = pks, years, due_at
        self.size = self.base_size = len(pks)
        self.verdicts = np.full(self.size, NO_VERDICT, dtype=np.int8)
        self.dimensions = {}
        self.order = None  # rows in timeline order, once a patch appended any
        self.base_lookup = pk_lookup(pks, np.arange(self.size))
        self.tail_lookup = pk_lookup(np.empty(0, np.int64), np.empty(0, np.int32))
        self._recency = None
        self._derived = {}  # made from the columns on first use: masks, places

    def no_rows(self):
        return np.zeros(self.size, dtype=bool)

    def public_at(self, now):
        """The rows public at `now` (scheduled videos join when their time comes)."""
        return self.due_at <= microseconds(now)

    @staticmethod
    def verdict_code(verdict):
        return VERDICTS.index(verdict)

    def public_value(self, parameter, slug, now=None):
        """The pk of `parameter`'s value with this slug if a public video links to it:
        a name attached only to drafts or scheduled videos is not discoverable."""
        dimension = self.dimensions[parameter]
        pk = dimension.find(slug)
        if pk is None:
            return None
        public = self.public_at(now or timezone.now())
        return pk if (dimension.rows_of([pk], self.size) & public).any() else None

    def label(self, parameter, pk):
        dimension = self.dimensions[parameter]
        return dimension.labels[dimension.dense(pk)]

    def in_order(self, mask):
        """The rows `mask` keeps, in timeline order."""
        if self.order is None:
            return np.flatnonzero(mask)
        return self.order[mask[self.order]]

    def recency(self):
        """Each row's place in publication order, newest first (the feeds' order), read
        in one query the first time this index is asked for it."""
        if self._recency is None:
            newest_first = Video.objects.filter(status=Video.Status.PUBLISHED).order_by(
                "-published_at", "pk"
            )
            pks = np.array(newest_first.values_list("pk", flat=True), dtype=np.int64)
            rows, found = self.rows_for(pks)
            self._recency = np.full(self.size, len(pks), dtype=np.int64)
            self._recency[rows[found]] = np.flatnonzero(found)
        return self._recency

    def timeline_places(self, rows):
        """Each row's place in timeline order (year, title, pk)."""
        if self.order is None:
            return rows  # the rows were read in that order
        if "place" not in self._derived:
            places = np.zeros(self.size, dtype=np.int64)
            places[self.order] = np.arange(len(self.order))
            self._derived["place"] = places
        return self._derived["place"][rows]

    def rows_by(self, kind):
        """{decade: mask} or {verdict code: mask}, every row in one of them: with them
        a decade or verdict facet is an AND and a count per value, not a sort of the
        matching years. Made the first time a facet asks, kept with this index."""
        if kind not in self._derived:
            if kind == "decade":
                keys, values = self.years - self.years % 10, None
            else:
                keys, values = self.verdicts, range(len(VERDICTS))
            values = np.unique(keys).tolist() if values is None else values
            self._derived[kind] = {value: keys == value for value in values}
        return self._derived[kind]

    def rows_for(self, video_pks):
        """(row of each pk, whether that pk has a live row in the index)."""
        video_pks = np.asarray(video_pks, dtype=np.int64)
        rows = np.zeros(len(video_pks), dtype=np.int64)
        found = np.zeros(len(video_pks), dtype=bool)
        for sorted_pks, their_rows in (self.base_lookup, self.tail_lookup):
            if not len(sorted_pks):
                continue
            at = np.minimum(np.searchsorted(sorted_pks, video_pks), len(sorted_pks) - 1)
            candidates = their_rows[at].astype(np.int64)
            hit = (sorted_pks[at] == video_pks) & (self.due_at[candidates] != RETIRED)
            rows[hit], found[hit] = candidates[hit], True
        return rows, found

    def select(self, criteria, base=None, matches=None, now=None):
        """The videos matching `criteria` (videos/timeline/selection.py)."""
        return Selection(self, criteria, base or {}, matches, now or timezone.now())

    @classmethod
    def build(cls, version):
        """Read the archive in three queries: videos, every link, every linked name."""
        index = cls(version, *read_videos(timezone.now()))
        links = linked()
        labels = read_labels(links)
        codes, video_pks, values, primary = read_links(links)
        rows, found = index.rows_for(video_pks)
        index._set_verdicts(codes, rows, found, values)
        for code, parameter in enumerate(links):
            kept = found & (codes == code)
            index.dimensions[parameter] = Dimension(
                index.size, rows[kept], values[kept], primary[kept], labels[parameter]
            )
        return index

    def _set_verdicts(self, codes, rows, found, values):
        essays = found & (codes == ESSAY)
        if (values[essays] == UNKNOWN_VERDICT).any():
            # Refused loudly here rather than failing every page later; editors' forms
            # and restores refuse such values first.
            raise ValueError(f"An essay has a verdict outside {VERDICTS}.")
        self.verdicts[rows[essays]] = values[essays]

    def updated(self, version):
        """This index brought to `version` by patching what changed since its own, or
        None when the log can't say what changed, or a full build would be cheaper."""
        changed = changes_between(self.version, version)
        if changed is None:
            return None
        video_pks = sorted({pk for kind, pk in changed if kind == VersionChange.VIDEO})
        appended = self.size - self.base_size + len(video_pks)
        if len(video_pks) > PATCHED_AT_MOST or appended > max(
            APPENDED_AT_MOST, self.base_size // 10
        ):
            return None
        links = linked()
        named = {link.named._meta.label_lower: name for name, link in links.items()}
        renamed = {name: set() for name in links}
        for kind, pk in changed:
            if kind in named:
                renamed[named[kind]].add(pk)
        return self._patched(version, video_pks, renamed, links)

    def _patched(self, version, video_pks, renamed, links):
        """A new index (this one is never written: other threads may be reading it)."""
        before = {}
        pks, years, due_at = read_videos(timezone.now(), video_pks or [0], before)
        codes, link_pks, values, primary, labels = read_changed_links(
            links, video_pks or [0], renamed
        )
        old_rows, had_row = self.rows_for(video_pks)
        patched = copy.copy(self)
        patched.version, patched._recency, patched._derived = version, None, {}
        patched.size = self.size + len(pks)
        new_rows = np.arange(self.size, patched.size)
        patched.pks = np.concatenate([self.pks, pks])
        patched.years = np.concatenate([self.years, years])
        patched.due_at = np.concatenate([self.due_at, due_at])
        patched.due_at[old_rows[had_row]] = RETIRED
        patched.verdicts = np.concatenate(
            [self.verdicts, np.full(len(pks), NO_VERDICT, dtype=np.int8)]
        )
        tail = np.arange(self.base_size, patched.size)
        tail = tail[patched.due_at[tail] != RETIRED]
        patched.tail_lookup = pk_lookup(patched.pks[tail], tail)
        patched.order = self._order_with(patched, pks, new_rows, before)
        if patched.order is None:
            return None
        rows, found = patched.rows_for(link_pks)
        found &= rows >= self.size  # links of the videos re-read, now at their new rows
        patched._set_verdicts(codes, rows, found, values)
        patched.dimensions = {}
        for code, (parameter, dimension) in enumerate(self.dimensions.items()):
            kept = found & (codes == code)
            patched.dimensions[parameter] = dimension.patched(
                rows[kept], values[kept], primary[kept], labels[parameter]
            )
        return patched

    def _order_with(self, patched, pks, new_rows, before):
        """The live rows in timeline order, the new rows each placed right after the
        unchanged video the database puts before it (None if one isn't in this index:
        a change committed after the log was read; the caller then builds afresh)."""
        order = (
            np.arange(self.size, dtype=np.int32) if self.order is None else self.order
        )
        order = order[patched.due_at[order] != RETIRED]
        after = np.zeros(len(pks), dtype=np.int64)
        earlier = [before.get(pk) for pk in pks.tolist()]
        has = np.array([pk is not None for pk in earlier], dtype=bool)
        earlier_rows, found = self.rows_for([pk or 0 for pk in earlier])
        if not found[has].all():
            return None
        place = np.zeros(self.size, dtype=np.int32)
        place[order] = np.arange(len(order), dtype=np.int32)
        after[has] = place[earlier_rows[has]] + 1
        return np.insert(order, after, new_rows.astype(np.int32))


_current = None
_building = threading.Lock()


def release_freed_memory():
    """Hand the memory a build freed back to the system. Earlier requests' forms hold
    the replaced index through reference cycles (a form and its bound fields), which
    only a full collection frees: without it each save left a million videos' worker
    40 MB larger. And glibc keeps freed blocks of the sizes a build's chunks use: after
    a million videos' build a worker held 390 MB where its arrays need 120 (223 MB
    after this); elsewhere the trim does nothing."""
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def current_index(version=None):
    """This process's index for the archive's `version` (read now if not given): patched
    when the version changed, built afresh when a patch can't be."""
    global _current
    version = current_version() if version is None else version
    index = _current
    if index is not None and index.version == version:
        return index
    with _building:
        stale = _current is not None and _current.version != version
        if stale and not unlogged_after(_current.version, version):
            _current = _current.updated(version) or _current
            release_freed_memory()  # the previous index's copies of its columns
        if _current is None or _current.version != version:
            _current = None  # the old index's memory goes before the new one's comes
            _current = TimelineIndex.build(version)
            release_freed_memory()
        return _current


def forget_index():
    """Drop this process's index (tests whose transactions roll the version back)."""
    global _current
    _current = None
