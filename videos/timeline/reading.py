"""The timeline index's queries: the published videos in timeline order, every link as
integer columns, every linked name, and where changed videos now fall in the order.

Each reads the whole archive, or with `only`, just the videos (or names) a change touched
(videos/timeline/index.py patches with those). Rows are fetched in chunks straight into
numpy arrays: a million videos' five million links as Python tuples took over a gigabyte.
"""

from datetime import UTC

import numpy as np
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from videos.models import Essay, Technique, Video
from videos.timeline.dimensions import Label

VERDICTS = [value for value, _label in Essay.Verdict.choices]
UNKNOWN_VERDICT = -2
ESSAY = -1  # the verdicts' code in the links' table; each link table is its position
NAMES = 100  # + a link table's position: the names of its values
FETCH_CHUNK = 50_000


def microseconds(moment):
    return int(moment.timestamp() * 1_000_000)


def fetch_chunks(queryset):
    """The rows of `queryset`'s SQL, a chunk (a list of tuples) at a time."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(FETCH_CHUNK):
            yield chunk


def as_moment(value):
    """A timestamp as the database driver returned it (SQLite: text in UTC)."""
    if isinstance(value, str):
        value = parse_datetime(value)
    return timezone.make_aware(value, UTC) if timezone.is_naive(value) else value


def read_videos(now, only=None, before=None):
    """(pks, years, due_at) of the published videos, in timeline order; `due_at` is 0
    for a video already public, its publication time in microseconds if scheduled.

    With `only` (pks) just those, and with `before` (a dict) it also gets, for each,
    the unchanged video the timeline shows just before it (`predecessor`)."""
    videos = Video.objects.filter(status=Video.Status.PUBLISHED)
    if only is not None:
        videos = videos.filter(pk__in=only)
    columns = ["pk", "year", "scheduled"]
    if before is not None:
        videos = videos.annotate(before=predecessor(only))
        columns.append("before")
    videos = (
        videos.order_by("year", "title", "pk")
        # Only scheduled videos need their time (the rest are public already), which
        # spares converting a million timestamps.
        .annotate(scheduled=Case(When(published_at__gt=now, then="published_at")))
        .values_list(*columns)
    )
    pks, years, due_at = [], [], []
    for chunk in fetch_chunks(videos):
        if before is not None:
            before.update((row[0], row[3]) for row in chunk)
        pks.append(np.fromiter((row[0] for row in chunk), np.int64, len(chunk)))
        years.append(np.fromiter((row[1] for row in chunk), np.int32, len(chunk)))
        due = np.zeros(len(chunk), dtype=np.int64)
        for position, (_pk, _year, scheduled, *_before) in enumerate(chunk):
            if scheduled is not None:
                due[position] = microseconds(as_moment(scheduled))
        due_at.append(due)
    return tuple(
        np.concatenate(parts) if parts else np.empty(0, dtype=dtype)
        for parts, dtype in ((pks, np.int64), (years, np.int32), (due_at, np.int64))
    )


def verdict_code():
    """An essay's verdict as its position in VERDICTS (UNKNOWN_VERDICT if not one)."""
    return Case(
        *(When(verdict=verdict, then=code) for code, verdict in enumerate(VERDICTS)),
        default=UNKNOWN_VERDICT,
        output_field=IntegerField(),
    )


def label_columns(link, text):
    """slug, name, colour, summary: what a Label holds."""
    extra = link.named is Technique
    return [
        "slug",
        "name",
        F("colour") if extra else Value("", text),
        F("summary") if extra else Value("", text),
    ]


def link_rank(link):
    """Where a link stands among its video's values: 0 first (a primary claim, the first
    credited director)."""
    return Value(0, IntegerField()) if link.rank is None else link.rank


def read_links(links, only=None):
    """(codes, video pks, values, primary) for every essay's verdict (code ESSAY, the
    verdict's position in VERDICTS) and every link of every dimension (code: its
    position in `links`), from one query."""
    number = IntegerField()
    essays = Essay.objects.order_by()
    if only is not None:
        essays = essays.filter(video_id__in=only)
    parts = [
        essays.values_list(
            Value(ESSAY, number), "video_id", verdict_code(), Value(0, number)
        )
    ]
    for code, link in enumerate(links.values()):
        rows = link.model.objects.order_by()
        if only is not None:
            rows = rows.filter(**{f"{link.video_column}__in": only})
        parts.append(
            rows.values_list(
                Value(code, number),
                link.video_column,
                link.value_column,
                link_rank(link),
            )
        )
    union = parts[0].union(*parts[1:], all=True)
    dtypes = (np.int8, np.int64, np.int64, np.int32)
    columns = [[] for _ in dtypes]
    for chunk in fetch_chunks(union):
        table = np.array(chunk, dtype=np.int64).reshape(-1, 4)
        for column, values, dtype in zip(columns, table.T, dtypes, strict=True):
            column.append(values.astype(dtype))
    codes, video_pks, values, primary = (
        np.concatenate(column) if column else np.empty(0, dtype=dtype)
        for column, dtype in zip(columns, dtypes, strict=True)
    )
    return codes, video_pks, values, primary


def read_labels(links):
    """{parameter: {pk: Label}} for every value of every linked dimension."""
    text = CharField()
    names = [
        link.named.objects.order_by().values_list(
            Value(parameter, output_field=text), "pk", *label_columns(link, text)
        )
        for parameter, link in links.items()
    ]
    labels = {parameter: {} for parameter in links}
    for parameter, pk, *label in names[0].union(*names[1:], all=True):
        labels[parameter][pk] = Label(*label)
    return labels


def predecessor(changed):
    """The published video just before this one in timeline order, among those not in
    `changed`: one index seek on (year, title), with the same comparison as the
    timeline's ORDER BY, so titles sort by the database's own collation."""
    connection = connections[Video.objects.db]
    quote = connection.ops.quote_name
    table = quote(Video._meta.db_table)
    year, title, status = (
        quote(Video._meta.get_field(name).column)
        for name in ("year", "title", "status")
    )
    ids = ", ".join(["%s"] * len(changed))
    sql = f"""
        SELECT u.id FROM {table} u
        WHERE u.{status} = %s AND u.id NOT IN ({ids})
          AND (u.{year}, u.{title}) <= ({table}.{year}, {table}.{title})
          AND NOT (u.{year} = {table}.{year} AND u.{title} = {table}.{title}
                   AND u.id >= {table}.id)
        ORDER BY u.{year} DESC, u.{title} DESC, u.id DESC
        LIMIT 1
    """  # noqa: S608 (names are the model's own; values are parameters)
    return RawSQL(f"({sql})", [Video.Status.PUBLISHED.value, *changed])


def read_changed_links(links, video_pks, renamed):
    """(codes, video pks, values, primary) as `read_links` for the videos `video_pks`,
    and {parameter: {pk: Label}} for every value they link to and those `renamed`
    ({parameter: pks}): one query, small enough to read as Python rows."""
    text, number = CharField(), IntegerField()
    blank = [Value("", text)] * 4
    parts = [
        Essay.objects.order_by()
        .filter(video_id__in=video_pks)
        .values_list(
            Value(ESSAY, number), "video_id", verdict_code(), Value(0, number), *blank
        )
    ]
    for code, (parameter, link) in enumerate(links.items()):
        rows = link.model.objects.order_by().filter(
            **{f"{link.video_column}__in": video_pks}
        )
        parts.append(
            rows.values_list(
                Value(code, number),
                link.video_column,
                link.value_column,
                link_rank(link),
                *blank,
            )
        )
        named = link.named.objects.order_by().filter(
            Q(pk__in=rows.values(link.value_column))
            | Q(pk__in=list(renamed.get(parameter, ())))
        )
        parts.append(
            named.values_list(
                Value(NAMES + code, number),
                Value(0, number),
                "pk",
                Value(0, number),
                *label_columns(link, text),
            )
        )
    labels = {parameter: {} for parameter in links}
    kept = []
    parameters = list(links)
    for code, video_pk, value, primary, *label in parts[0].union(*parts[1:], all=True):
        if code >= NAMES:
            labels[parameters[code - NAMES]][value] = Label(*label)
        else:
            kept.append((code, video_pk, value, primary))
    table = np.array(kept, dtype=np.int64).reshape(-1, 4)
    codes, pks, values, primary = table.T
    return codes.astype(np.int8), pks, values, primary.astype(np.int32), labels
