"""A many-to-many dimension of the timeline index (techniques, directors, artists, tags):
which videos link to which values, and what each value is called."""

import copy
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Label:
    """What a linked value is called, and how a link to it looks."""

    slug: str
    name: str
    colour: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Counted:
    """A value with its count, before it becomes a facet option (a link)."""

    pk: int
    label: Label
    count: int


@dataclass(frozen=True)
class Linked:
    """A value one video is linked to, and where it stands among the video's values
    (0 first: a primary claim, the first credited director)."""

    label: Label
    rank: int

    @property
    def is_primary(self):
        return self.rank == 0


def by_row(rows, values, primary):
    """The links sorted by row (stable), as compact arrays."""
    order = np.argsort(rows, kind="stable")
    return (
        rows[order].astype(np.int32),
        values[order].astype(np.int32),
        primary[order].astype(np.int32),
    )


class Dimension:
    """One many-to-many dimension: (video row, value) pairs, and what each value is called.

    Values are numbered densely (0..n-1) so counts are one bincount. The pairs are kept
    sorted by row and by value, so the values of one row, and the rows of one value, are
    each a contiguous slice. Rows added by a patch (videos changed since the build, all
    past `base_size`) sit in a short tail beside them, sorted by row.
    """

    def __init__(self, size, rows, value_pks, primary, labels):
        self.pks = np.array(sorted(labels), dtype=np.int64)
        self.labels = [labels[pk] for pk in self.pks.tolist()]
        self.dense_of = {pk: value for value, pk in enumerate(self.pks.tolist())}
        self.by_slug = {label.slug: value for value, label in enumerate(self.labels)}
        self._name_rank = None
        known = np.isin(value_pks, self.pks)
        values = np.searchsorted(self.pks, value_pks[known])
        self.base_size = size
        self.rows_by_row, self.values_by_row, self.primary_by_row = by_row(
            rows[known], values, primary[known]
        )
        self.row_starts = np.searchsorted(self.rows_by_row, np.arange(size + 1)).astype(
            np.int32
        )
        by_value = np.argsort(self.values_by_row, kind="stable")
        self.rows_by_value = self.rows_by_row[by_value]
        self.value_starts = np.searchsorted(
            self.values_by_row[by_value], np.arange(len(self.pks) + 1)
        )
        self.tail = by_row(*(np.empty(0, dtype=np.int64) for _ in range(3)))
        self._every_row = None

    def patched(self, rows, value_pks, primary, labels):
        """A copy with new rows' links added to the tail and `labels` ({pk: Label})
        renamed or added; the base arrays are shared, never written."""
        patched = copy.copy(self)
        labels = {
            pk: label
            for pk, label in labels.items()
            if pk not in self.dense_of or self.labels[self.dense_of[pk]] != label
        }
        if labels:
            patched._relabel(labels)
        values = np.array(
            [patched.dense_of.get(pk, -1) for pk in value_pks.tolist()], dtype=np.int64
        )
        known = values >= 0
        tail_rows, tail_values, tail_primary = self.tail
        patched.tail = by_row(
            np.concatenate([tail_rows, rows[known]]),
            np.concatenate([tail_values, values[known]]),
            np.concatenate([tail_primary, primary[known]]),
        )
        return patched

    def _relabel(self, labels):
        self.labels = list(self.labels)
        self.dense_of, self.by_slug = dict(self.dense_of), dict(self.by_slug)
        new_pks = []
        for pk, label in labels.items():
            value = self.dense_of.get(pk)
            if value is None:
                value = self.dense_of[pk] = len(self.labels)
                self.labels.append(label)
                new_pks.append(pk)
            else:
                if self.by_slug.get(self.labels[value].slug) == value:
                    del self.by_slug[self.labels[value].slug]
                self.labels[value] = label
            self.by_slug[label.slug] = value
        self.pks = np.concatenate([self.pks, np.array(new_pks, dtype=np.int64)])
        self._name_rank = None

    @property
    def name_rank(self):
        """Each value's place by name: ties in a count are broken by name, the same way
        on every database."""
        if self._name_rank is None:
            by_name = sorted(
                range(len(self.labels)), key=lambda value: self.labels[value].name
            )
            self._name_rank = np.empty(len(self.labels), dtype=np.int32)
            self._name_rank[by_name] = np.arange(len(self.labels))
        return self._name_rank

    def find(self, slug):
        """The pk of the value with this slug, or None."""
        value = self.by_slug.get(slug)
        return None if value is None else int(self.pks[value])

    def dense(self, pk):
        return self.dense_of.get(pk)

    def rows_of(self, pks, size):
        """A mask of the videos linked to any of `pks`."""
        mask = np.zeros(size, dtype=bool)
        tail_rows, tail_values, _primary = self.tail
        for pk in pks:
            value = self.dense(pk)
            if value is None:
                continue
            if value + 1 < len(self.value_starts):
                start, stop = self.value_starts[value], self.value_starts[value + 1]
                mask[self.rows_by_value[start:stop]] = True
            mask[tail_rows[tail_values == value]] = True
        return mask

    def linked_to(self, row):
        """What the video in `row` is linked to, by rank (primary claim first, directors
        as credited), then by name."""
        if row < self.base_size:
            start, stop = self.row_starts[row], self.row_starts[row + 1]
            values = self.values_by_row[start:stop]
            primary = self.primary_by_row[start:stop]
        else:
            tail_rows, tail_values, tail_primary = self.tail
            start, stop = np.searchsorted(tail_rows, [row, row + 1])
            values, primary = tail_values[start:stop], tail_primary[start:stop]
        linked = [
            Linked(self.labels[value], rank)
            for value, rank in zip(values.tolist(), primary.tolist(), strict=True)
        ]
        return sorted(linked, key=lambda link: (link.rank, link.label.name))

    def counts(self, mask, kept=None):
        """Videos per value among the rows `mask` keeps (`kept()`: those row numbers,
        if the caller keeps them already)."""
        base = mask[: self.base_size]
        size = len(self.labels)
        if np.count_nonzero(base) * 2 > len(base):
            # Most videos: every link's count, less the links of the few left out.
            left_out = self._values_of(np.flatnonzero(~base))
            counts = self._all_counts(size) - np.bincount(left_out, minlength=size)
        else:
            rows = np.flatnonzero(base) if kept is None else kept()
            rows = rows[rows < self.base_size]
            counts = np.bincount(self._values_of(rows), minlength=size)
        tail_rows, tail_values, _primary = self.tail
        if len(tail_rows):
            counts += np.bincount(tail_values[mask[tail_rows]], minlength=size)
        return counts

    def _values_of(self, rows):
        """The values the base `rows` link to, gathered from their by-row slices."""
        starts = self.row_starts[rows]
        lengths = self.row_starts[rows + 1] - starts
        offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
        return self.values_by_row[offsets + np.arange(lengths.sum())]

    def _all_counts(self, size):
        """Videos per value over every base row; a patched copy shares it (its base
        never changes) and pads it for values it added."""
        if self._every_row is None:
            self._every_row = np.bincount(self.values_by_row, minlength=size)
        return np.pad(self._every_row, (0, size - len(self._every_row)))

    def options(self, counts, limit=None, always=()):
        """Values with videos, most first (then by name); `always` even beyond `limit`."""
        present = np.flatnonzero(counts)
        order = present[np.lexsort((self.name_rank[present], -counts[present]))]
        chosen = order.tolist() if limit is None else order[:limit].tolist()
        for pk in always:
            value = self.dense(pk)
            if value is not None and value not in chosen:
                chosen.append(value)
        return [
            Counted(int(self.pks[value]), self.labels[value], int(counts[value]))
            for value in chosen
        ]
