"""Facet counts for any filters in about a millisecond: an in-memory index of the archive.

Counting a facet in SQL scans whatever the other filters leave: the technique facet of
`?decade=1990` counts the claims of every 1990s video. At 100,000 videos that made the six
counts take 120–160 ms and grow with the archive (bench/RESULTS.md). Search engines facet
from per-document value arrays held in memory (Lucene's doc values); this does the same with
numpy. Every published video is a row, in timeline order; every filter becomes a boolean
mask over the rows; a facet is a bincount over the rows the *other* masks leave.

The index is built from three queries, once per process per archive version. The version
changes in the same transaction as any change a visitor could see (videos/models/versions.py), so
an index is never older than the data it answers for. Scheduled videos are in it with their
publication time and appear when it passes, without a rebuild.
"""

import threading

import numpy as np
from django.db import connections
from django.db.models import BooleanField, Case, CharField, F, IntegerField, Value, When
from django.utils import timezone

from videos.models import Essay, Technique, Video, VideoTechnique
from videos.models.versions import current_version
from videos.timeline import parameters
from videos.timeline.dimensions import Dimension, Label
from videos.timeline.selection import Selection

VERDICTS = [value for value, _label in Essay.Verdict.choices]
NO_VERDICT = len(VERDICTS)
UNKNOWN_VERDICT = -2


def linked():
    """{parameter: Link} for every many-to-many dimension the parameters declare."""
    return {
        parameter.name: parameter.link for parameter in parameters.linked_parameters()
    }


def microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


class TimelineIndex:
    """Every published video's year, verdict, publication time and linked values."""

    VERDICTS, NO_VERDICT = VERDICTS, NO_VERDICT

    def __init__(self, version, pks, years, due_at, verdicts, dimensions):
        self.version = version
        self.pks = pks
        self.size = len(pks)
        self.years = years
        self.due_at = due_at
        self.verdicts = verdicts
        self.dimensions = dimensions
        self.rows_by_pk = np.argsort(pks)
        self._recency = None

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
                0 if scheduled is None else microseconds(scheduled)
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
        links = linked()
        dimension_codes = {parameter: code for code, parameter in enumerate(links)}
        verdict_code = Case(
            *(
                When(verdict=verdict, then=code)
                for code, verdict in enumerate(VERDICTS)
            ),
            default=UNKNOWN_VERDICT,
            output_field=number,
        )
        parts = [
            Essay.objects.order_by().values_list(
                Value(-1, number), "video_id", verdict_code, Value(False, flag)
            ),
            *(
                link.model.objects.order_by().values_list(
                    Value(dimension_codes[parameter], number),
                    link.video_column,
                    link.value_column,
                    F("is_primary")
                    if link.model is VideoTechnique
                    else Value(False, flag),
                )
                for parameter, link in links.items()
            ),
        ]
        union = parts[0].union(*parts[1:], all=True)
        sql, params = union.query.sql_with_params()
        with connections[union.db].cursor() as cursor:
            cursor.execute(sql, params)
            table = np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 4)
        codes, video_pks, values, primary = table.T
        rows, found = self.rows_for(video_pks)
        self.verdicts = np.full(len(self.pks), NO_VERDICT, dtype=np.int8)
        essays = found & (codes == -1)
        if (values[essays] == UNKNOWN_VERDICT).any():
            # Refused loudly here rather than failing every page later; editors' forms
            # and restores refuse such values first.
            raise ValueError(f"An essay has a verdict outside {VERDICTS}.")
        self.verdicts[rows[essays]] = values[essays]
        labels = self._read_labels(links)
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
    def _read_labels(links):
        """{parameter: {pk: Label}} for every value of every linked dimension."""
        text = CharField()
        names = [
            link.named.objects.order_by().values_list(
                Value(parameter, output_field=text),
                "pk",
                "slug",
                "name",
                F("colour") if link.named is Technique else Value("", text),
                F("summary") if link.named is Technique else Value("", text),
            )
            for parameter, link in links.items()
        ]
        labels = {parameter: {} for parameter in links}
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
        """The videos matching `criteria` (videos/timeline/selection.py)."""
        return Selection(self, criteria, base or {}, ranked_pks, now or timezone.now())


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
            _current = TimelineIndex.build(version)
        return _current


def forget_index():
    """Drop this process's index (tests whose transactions roll the version back)."""
    global _current
    _current = None
