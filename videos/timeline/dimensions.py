"""A many-to-many dimension of the timeline index (techniques, directors, artists, tags):
which videos link to which values, and what each value is called."""

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
    """A value one video is linked to (for a claim: whether it is the primary one)."""

    label: Label
    is_primary: bool


class Dimension:
    """One many-to-many dimension: (video row, value) pairs, and what each value is called.

    Values are renumbered densely (0..n-1) so counts are one bincount. The pairs are kept
    sorted by value and by row as well, so the rows of one value, and the values of one
    row, are each a contiguous slice.
    """

    def __init__(self, size, rows, value_pks, primary, labels):
        self.pks = np.array(sorted(labels), dtype=np.int64)
        self.labels = [labels[pk] for pk in self.pks.tolist()]
        self.by_slug = {label.slug: value for value, label in enumerate(self.labels)}
        known = np.isin(value_pks, self.pks)
        self.rows = rows[known]
        self.values = np.searchsorted(self.pks, value_pks[known]).astype(np.int32)
        self.primary = primary[known]
        by_value = np.argsort(self.values, kind="stable")
        self.rows_by_value = self.rows[by_value]
        self.value_starts = np.searchsorted(
            self.values[by_value], np.arange(len(self.pks) + 1)
        )
        by_row = np.argsort(self.rows, kind="stable")
        self.values_by_row = self.values[by_row]
        self.primary_by_row = self.primary[by_row]
        self.row_starts = np.searchsorted(self.rows[by_row], np.arange(size + 1))
        # Ties in a count are broken by name, the same way on every database.
        by_name = sorted(
            range(len(self.pks)), key=lambda value: self.labels[value].name
        )
        self.name_rank = np.empty(len(self.pks), dtype=np.int32)
        self.name_rank[by_name] = np.arange(len(self.pks))

    def find(self, slug):
        """The pk of the value with this slug, or None."""
        value = self.by_slug.get(slug)
        return None if value is None else int(self.pks[value])

    def dense(self, pk):
        position = int(np.searchsorted(self.pks, pk))
        if position < len(self.pks) and self.pks[position] == pk:
            return position
        return None

    def rows_of(self, pks, size):
        """A mask of the videos linked to any of `pks`."""
        mask = np.zeros(size, dtype=bool)
        for pk in pks:
            value = self.dense(pk)
            if value is not None:
                start, stop = self.value_starts[value], self.value_starts[value + 1]
                mask[self.rows_by_value[start:stop]] = True
        return mask

    def linked_to(self, row):
        """What the video in `row` is linked to: primary first, then by name."""
        start, stop = self.row_starts[row], self.row_starts[row + 1]
        linked = [
            Linked(self.labels[value], bool(primary))
            for value, primary in zip(
                self.values_by_row[start:stop].tolist(),
                self.primary_by_row[start:stop].tolist(),
                strict=True,
            )
        ]
        return sorted(linked, key=lambda link: (not link.is_primary, link.label.name))

    def counts(self, mask):
        """Videos per value among the rows `mask` keeps."""
        rows = np.flatnonzero(mask)
        if len(rows) * 4 < len(mask):
            # Few videos: gather just their links, from the by-row slices.
            starts = self.row_starts[rows]
            lengths = self.row_starts[rows + 1] - starts
            offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
            values = self.values_by_row[offsets + np.arange(lengths.sum())]
        else:
            values = self.values[mask[self.rows]]
        return np.bincount(values, minlength=len(self.pks))

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
