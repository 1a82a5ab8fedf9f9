"""One request's filters over the timeline index: its videos, in order, and its facets.

Every surface selects through this: the HTML timeline and the pages that fix one filter,
/timeline.json, /timeline.csv and the feeds. SQL then only reads the rows of a page.
"""

import numpy as np

from videos.timeline import parameters


class Selection:
    def __init__(self, index, criteria, base, matches, now):
        """`criteria` is a timeline form's cleaned data; `base` ({parameter: row}) is
        what a page fixes (always applied); for a search, `matches` (pks and scores,
        lower better: videos/timeline/search.py) decide membership and order, ties
        in timeline order as SQL's ORDER BY rank, year, title, pk would have them."""
        self.index = index
        fixed = index.public_at(now)
        for parameter, row in base.items():
            fixed &= index.dimensions[parameter].rows_of([row.pk], index.size)
        self.fixed = fixed
        self.ranked_rows = None
        if matches is not None:
            pks, scores = matches
            rows, found = index.rows_for(pks)
            rows, scores = rows[found], scores[found]
            best_first = np.lexsort((index.timeline_places(rows), scores))
            self.ranked_rows = rows[best_first]
        self.masks = {}
        for parameter in parameters.PARAMETERS:
            value = criteria.get(parameter.name)
            if parameter.name == "q":
                value = self.ranked_rows
            if value is None or (
                not isinstance(value, np.ndarray) and value in ("", [])
            ):
                continue
            self.masks[parameter.name] = parameter.mask(index, value)
        self._masks_without, self._rows_without = {}, {}
        self.matching = self.without(None)

    def _leaving_out(self, parameter):
        # Parameters with no filter of their own all count over the matching rows.
        return parameter if parameter in self.masks else None

    def without(self, parameter):
        """The rows every filter but `parameter`'s keeps: what its facet counts over.
        Computed once for each filter left out."""
        key = self._leaving_out(parameter)
        if key not in self._masks_without:
            mask = self.fixed.copy()
            for name, other in self.masks.items():
                if name != key:
                    mask &= other
            self._masks_without[key] = mask
        return self._masks_without[key]

    def rows_without(self, parameter):
        """The row numbers `without(parameter)` keeps; computed once, when asked."""
        key = self._leaving_out(parameter)
        if key not in self._rows_without:
            self._rows_without[key] = np.flatnonzero(self.without(parameter))
        return self._rows_without[key]

    @property
    def count(self):
        return int(np.count_nonzero(self.matching))

    @property
    def ranked(self):
        return self.ranked_rows is not None

    def rows(self):
        """The matching videos' rows in timeline order, or best match first for a search."""
        if self.ranked_rows is None:
            return self.index.in_order(self.matching)
        return self.ranked_rows[self.matching[self.ranked_rows]]

    def pks(self, rows):
        return self.index.pks[rows].tolist()

    def newest_first(self, with_essay=True):
        """The matching rows, most recently published first (the feeds' order)."""
        rows = np.flatnonzero(self.matching)
        if with_essay:
            rows = rows[self.index.verdicts[rows] != self.index.NO_VERDICT]
        recency = self.index.recency()
        return rows[np.argsort(recency[rows], kind="stable")]

    def linked_options(self, parameter, limit=None, selected=()):
        dimension = self.index.dimensions[parameter]
        counts = dimension.counts(
            self.without(parameter), lambda: self.rows_without(parameter)
        )
        return dimension.options(counts, limit, always=selected)

    def decade_counts(self):
        """{decade: videos} under every filter but the decade (none left out)."""
        mask = self.without("decade")
        counts = {
            decade: int(np.count_nonzero(mask & rows))
            for decade, rows in self.index.rows_by("decade").items()
        }
        return {decade: count for decade, count in counts.items() if count}

    def verdict_counts(self):
        """{verdict: videos} under every filter but the verdict."""
        mask = self.without("verdict")
        by_verdict = self.index.rows_by("verdict")
        return {
            verdict: int(np.count_nonzero(mask & by_verdict[code]))
            for code, verdict in enumerate(self.index.VERDICTS)
        }
