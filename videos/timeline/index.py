"""Facet counts for any filters in about a millisecond: an in-memory index of the archive.

Counting a facet in SQL scans whatever the other filters leave: the technique facet of
`?decade=1990` counts the claims of every 1990s video. At 100,000 videos that made the six
counts take 120–160 ms and grow with the archive (bench/RESULTS.md). Search engines facet
from per-document value arrays held in memory (Lucene's doc values); this does the same with
numpy. Every published video is a row, in timeline order; every filter becomes a boolean
mask over the rows; a facet is a bincount over the rows the *other* masks leave.

The index is built from three queries, once per process per archive version. The version
changes in the same transaction as any change a visitor could see (videos/caching.py), so
an index is never older than the data it answers for. Scheduled videos are in it with their
publication time and appear when it passes, without a rebuild.
"""

import threading
from dataclasses import dataclass

import numpy as np
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    IntegerField,
    Value,
    When,
)
from django.utils import timezone
from taggit.models import Tag

from videos.models import (
    Artist,
    Director,
    Essay,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import current_version

# The many-to-many dimensions: parameter -> (link model, its video column, its value
# column, the model its values name).
LINKED = {
    "technique": (VideoTechnique, "video_id", "technique_id", Technique),
    "director": (Video.directors.through, "video_id", "director_id", Director),
    "artist": (Video.artists.through, "video_id", "artist_id", Artist),
    "tag": (TaggedVideo, "content_object_id", "tag_id", Tag),
}
VERDICTS = [value for value, _label in Essay.Verdict.choices]
NO_VERDICT = len(VERDICTS)
# Year parameters, and the test each applies to a year.
YEAR_TESTS = {
    "decade": lambda years, decade: (years >= decade) & (years < decade + 10),
    "year_from": lambda years, year: years >= year,
    "year_to": lambda years, year: years <= year,
}


def _microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


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


class FacetIndex:
    """Every published video's year, verdict, publication time and linked values."""

    def __init__(self, version, pks, years, due_at, verdicts, dimensions):
        self.version = version
        self.pks = pks
        self.years = years
        self.due_at = due_at
        self.verdicts = verdicts
        self.dimensions = dimensions
        self.rows_by_pk = np.argsort(pks)

    @classmethod
    def build(cls, version):
        """Read the archive in three queries: videos, every link, every linked name."""
        now = timezone.now()
        videos = list(
            Video.objects.filter(status=Video.Status.PUBLISHED)
            .order_by("year", "title", "pk")
            # Only scheduled videos need their time (the rest are public already), which
            # spares converting 100,000 timestamps.
            .annotate(scheduled=Case(When(published_at__gt=now, then="published_at")))
            .values_list("pk", "year", "scheduled")
        )
        pks = np.array([row[0] for row in videos], dtype=np.int64)
        years = np.array([row[1] for row in videos], dtype=np.int32)
        due_at = np.array(
            [
                0 if scheduled is None else _microseconds(scheduled)
                for _pk, _year, scheduled in videos
            ],
            dtype=np.int64,
        )
        index = cls(version, pks, years, due_at, None, {})
        index._read_links()
        return index

    def _read_links(self):
        """Verdicts and every many-to-many link, as integer columns from one query
        (read raw: half a million rows through the ORM's converters took a second)."""
        number, flag = IntegerField(), BooleanField()
        dimension_codes = {parameter: code for code, parameter in enumerate(LINKED)}
        verdict_code = Case(
            *(
                When(verdict=verdict, then=code)
                for code, verdict in enumerate(VERDICTS)
            ),
            output_field=number,
        )
        parts = [
            Essay.objects.order_by().values_list(
                Value(-1, number), "video_id", verdict_code, Value(False, flag)
            ),
            *(
                link.objects.order_by().values_list(
                    Value(dimension_codes[parameter], number),
                    video_column,
                    value_column,
                    F("is_primary") if link is VideoTechnique else Value(False, flag),
                )
                for parameter, (link, video_column, value_column, _m) in LINKED.items()
            ),
        ]
        links = parts[0].union(*parts[1:], all=True)
        sql, params = links.query.sql_with_params()
        with connections[links.db].cursor() as cursor:
            cursor.execute(sql, params)
            table = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 4)
        codes, video_pks, values, primary = table.T
        rows, found = self.rows_for(video_pks)
        self.verdicts = np.full(len(self.pks), NO_VERDICT, dtype=np.int8)
        essays = found & (codes == -1)
        self.verdicts[rows[essays]] = values[essays]
        labels = self._read_labels()
        self.dimensions = {}
        for parameter, code in dimension_codes.items():
            kept = found & (codes == code)
            self.dimensions[parameter] = Dimension(
                len(self.pks),
                rows[kept],
                values[kept],
                primary[kept].astype(bool),
                labels[parameter],
            )

    @staticmethod
    def _read_labels():
        """{parameter: {pk: Label}} for every artist, director, technique and tag."""
        text = CharField()
        names = [
            model.objects.order_by().values_list(
                Value(parameter, output_field=text),
                "pk",
                "slug",
                "name",
                F("colour") if model is Technique else Value("", text),
                F("summary") if model is Technique else Value("", text),
            )
            for parameter, (_link, _video, _value, model) in LINKED.items()
        ]
        labels = {parameter: {} for parameter in LINKED}
        for parameter, pk, *label in names[0].union(*names[1:], all=True):
            labels[parameter][pk] = Label(*label)
        return labels

    def rows_for(self, video_pks):
        """(row of each pk, whether that pk is in the index)."""
        if not len(self.pks):
            return np.zeros(len(video_pks), dtype=np.int64), np.zeros(
                len(video_pks), dtype=bool
            )
        sorted_pks = self.pks[self.rows_by_pk]
        positions = np.minimum(
            np.searchsorted(sorted_pks, video_pks), len(self.pks) - 1
        )
        found = sorted_pks[positions] == video_pks
        return self.rows_by_pk[positions], found

    def select(self, criteria, base=None, ranked_pks=None, now=None):
        """The videos matching `criteria` (a timeline form's cleaned data), with `base`
        ({parameter: row} a page fixes) always applied and, for a search, `ranked_pks`
        (every match, best first) deciding both membership and order."""
        return Selection(self, criteria, base or {}, ranked_pks, now or timezone.now())


class Selection:
    """One request's filters over the index: its videos, in order, and its facets."""

    def __init__(self, index, criteria, base, ranked_pks, now):
        self.index = index
        size = len(index.pks)
        fixed = index.due_at <= _microseconds(now)
        for parameter, row in base.items():
            fixed &= index.dimensions[parameter].rows_of([row.pk], size)
        self.fixed = fixed
        self.masks = {}
        for parameter, value in criteria.items():
            if value in (None, "", []):
                continue
            if parameter in LINKED:
                chosen = value if isinstance(value, list) else [value]
                self.masks[parameter] = index.dimensions[parameter].rows_of(
                    [item.pk for item in chosen], size
                )
            elif parameter in YEAR_TESTS:
                self.masks[parameter] = YEAR_TESTS[parameter](index.years, value)
            elif parameter == "verdict":
                self.masks[parameter] = index.verdicts == VERDICTS.index(value)
        self.ranked_rows = None
        if ranked_pks is not None:
            rows, found = index.rows_for(np.array(ranked_pks, dtype=np.int64))
            self.ranked_rows = rows[found]
            self.masks["q"] = np.zeros(size, dtype=bool)
            self.masks["q"][self.ranked_rows] = True
        self.matching = self.without(None)

    def without(self, parameter):
        """The rows every filter but `parameter`'s keeps: what its facet counts over."""
        mask = self.fixed.copy()
        for name, other in self.masks.items():
            if name != parameter:
                mask &= other
        return mask

    @property
    def count(self):
        return int(self.matching.sum())

    def rows(self):
        """The matching videos' rows in timeline order, or best match first for a search."""
        if self.ranked_rows is None:
            return np.flatnonzero(self.matching)
        return self.ranked_rows[self.matching[self.ranked_rows]]

    def linked_options(self, parameter, limit=None, selected=()):
        dimension = self.index.dimensions[parameter]
        counts = dimension.counts(self.without(parameter))
        return dimension.options(counts, limit, always=selected)

    def decade_counts(self):
        """{decade: videos} under every filter but the decade."""
        years = self.index.years[self.without("decade")]
        decades, counts = np.unique(years - years % 10, return_counts=True)
        return dict(zip(decades.tolist(), counts.tolist(), strict=True))

    def verdict_counts(self):
        """{verdict: videos} under every filter but the verdict."""
        counts = np.bincount(
            self.index.verdicts[self.without("verdict")], minlength=NO_VERDICT + 1
        )
        return {verdict: int(counts[code]) for code, verdict in enumerate(VERDICTS)}


_current = None
_building = threading.Lock()


def current_index(version=None):
    """This process's index for the archive's `version` (read now if not given), built
    when it changes."""
    global _current
    version = current_version() if version is None else version
    index = _current
    if index is not None and index.version == version:
        return index
    with _building:
        if _current is None or _current.version != version:
            _current = FacetIndex.build(version)
        return _current


def forget_index():
    """Drop this process's index (tests whose transactions roll the version back)."""
    global _current
    _current = None
