"""One history per entry (issue 17, item 5): the video with its essay, claims, sources,
precedents, moments and credits, one row per save.

django-simple-history keeps a history per model, and one admin save writes several
records (the video, its credits' many-to-many snapshots, each part it touched). The
entry's timeline reads them all and groups them into saves the way a revert does
(revert.continues_save: the same editor, records seconds apart), so a row is what one
editor did with one click of Save, with the "why" they gave and, per field, old → new
(text fields as word-level diffs).

Reading is done in a fixed number of queries, whatever the history's length: one UNION
for the keys of every record (dates, editors, reasons, the video's status), then, for
the page shown only, the records a row compares, per model; their editors; the credits'
snapshots; the names their links point to.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import models
from django.db.models import CharField, DateTimeField, F, Value
from django.shortcuts import render
from django.utils.formats import date_format
from django.utils.text import capfirst

from videos.editorial.revert import (
    continues_save,
    revision_time,
    tracked_m2m_fields,
    tracked_parts,
)
from videos.editorial.word_diff import word_diff
from videos.models import Video

SAVES_PER_PAGE = 20
# The newest records read for one entry's timeline: a history longer than this shows
# its latest saves only (an entry edited ten times a day for a year stays far below).
RECORDS_READ_AT_MOST = 10_000
# The field of each part that names it in "Source added: …" (a link: the name of what
# it links to); a part without one is named by its kind alone.
NAMED_BY = {
    "videotechnique": "technique",
    "precedent": "earlier",
    "essay": "headline",
    "source": "title",
    "moment": "what",
    "exhibitstop": "exhibit",
}
EMPTY = "—"
# simple_history's change reason column (no migration for a longer one).
REASON_LENGTH = Video.history.model._meta.get_field("history_change_reason").max_length


class RecordKey(NamedTuple):
    """What grouping needs of one history record, read for every record of the entry."""

    part: str  # the model's name: "video", "essay", "source"…
    history_id: int
    object_id: int
    history_date: object
    history_user_id: int | None
    history_type: str
    history_change_reason: str | None
    status: str | None  # the video's, on the video's own records
    published_at: object


KEY_COLUMNS = [
    "k_part",
    "history_id",
    "id",
    "history_date",
    "history_user_id",
    "history_type",
    "history_change_reason",
    "k_status",
    "k_published",
]


def entry_models():
    """(model, the field linking its rows to the video) for the video and each part."""
    return [(Video, "id"), *tracked_parts()]


def record_keys(video_pk):
    """The keys of the entry's history records, oldest first, in one query."""
    selects = []
    for model, link in entry_models():
        lookup = "id" if model is Video else f"{link}_id"
        is_video = model is Video
        keys = (
            model.history.filter(**{lookup: video_pk})
            .order_by()
            .annotate(
                k_part=Value(model._meta.model_name, CharField()),
                k_status=F("status") if is_video else Value(None, CharField()),
                k_published=F("published_at")
                if is_video
                else Value(None, DateTimeField()),
            )
        )
        selects.append(keys.values_list(*KEY_COLUMNS))
    union = selects[0].union(*selects[1:], all=True)
    newest = union.order_by("-history_date", "-history_id")[:RECORDS_READ_AT_MOST]
    return [RecordKey(*row) for row in reversed(newest)]


def is_public(state, at):
    """Whether the video, in `state` (status, publication time), was public at `at`."""
    status, published_at = state
    return (
        status == Video.Status.PUBLISHED
        and published_at is not None
        and (published_at <= at)
    )


@dataclass
class Save:
    """One editor's save of the entry: its records' keys, and the video's state (status,
    publication time) before and after it."""

    keys: list = field(default_factory=list)
    before: tuple = (None, None)
    after: tuple = (None, None)

    @property
    def at(self):
        return self.keys[0].history_date

    @property
    def user_id(self):
        return self.keys[0].history_user_id

    @property
    def reason(self):
        """The "why" given for it (the video's record carries it), or ""."""
        reasons = [key.history_change_reason for key in self.keys]
        return next((reason for reason in reasons if reason), "")

    @property
    def video_history_id(self):
        """The video's first record in this save (what a revert to it starts from)."""
        ids = (key.history_id for key in self.keys if key.part == "video")
        return next(ids, None)

    @property
    def made_while_public(self):
        """An edit of a public entry that left it public: not the save that published
        or unpublished it, nor edits of a draft or of a publication still to come."""
        return is_public(self.before, self.at) and is_public(self.after, self.at)


def group_saves(keys):
    """The entry's saves, oldest first, from its records' keys (oldest first)."""
    saves, state, last = [], (None, None), None
    for key in keys:
        if last is None or not continues_save(last, key):
            saves.append(Save(before=state))
        saves[-1].keys.append(key)
        if key.part == "video" and key.history_type != "-":
            state = (key.status, key.published_at)
        saves[-1].after, last = state, key
    return saves


def entry_saves(video_pk):
    """The entry's saves, newest first."""
    return group_saves(record_keys(video_pk))[::-1]


@dataclass
class Line:
    """One change in a row: a field's old → new (text as a word diff), or a part added
    or removed (`old`/`new` empty, `label` says it)."""

    label: str
    old: str = ""
    new: str = ""
    diff: str = ""


@dataclass
class Row:
    """A save as the history page shows it."""

    save: Save
    editor: str
    lines: list

    at = property(lambda self: self.save.at)
    when = property(lambda self: revision_time(self.save.at))
    reason = property(lambda self: self.save.reason)
    video_history_id = property(lambda self: self.save.video_history_id)


class EntryTimeline:
    """The rows of some of an entry's saves, read in a fixed number of queries."""

    def __init__(self, video, saves, all_saves):
        """`saves`: those to show; `all_saves`: the entry's, newest first (a row compares
        each part with its record before the save, however old)."""
        self.video, self.saves = video, saves
        self.credit_ends = credit_ends(all_saves)
        self.models = {
            model._meta.model_name: (model, link) for model, link in entry_models()
        }
        keys = [key for save in reversed(all_saves) for key in save.keys]
        self.previous = previous_records(keys)
        self.records = {}  # (part, history_id) -> record
        self.names = {}  # model -> {pk: name}

    def rows(self):
        spans = [object_spans(save) for save in self.saves]
        wanted = defaultdict(set)
        for span in spans:
            for (part, _object_id), (first, last) in span.items():
                wanted[part].add(last.history_id)
                if before := self.previous.get((part, first.history_id)):
                    wanted[part].add(before)
        self.read_records(wanted)
        self.read_credits()
        self.read_names()
        editors = editor_names({save.user_id for save in self.saves})
        return [
            Row(save, editors.get(save.user_id, "someone"), self.lines(save, span))
            for save, span in zip(self.saves, spans, strict=True)
        ]

    def read_records(self, wanted):
        for part, ids in wanted.items():
            model, _link = self.models[part]
            for record in model.history.filter(history_id__in=ids):
                self.records[(part, record.history_id)] = record

    def read_credits(self):
        ends = [self.credit_ends.get(id(save), ()) for save in self.saves]
        wanted = {end for pair in ends for end in pair}
        self.credits = credit_snapshots(wanted - {None})
        # Read even when no row here needs them: a page's queries don't depend on it.
        self.credits[None] = current_credits(self.video)

    def read_names(self):
        """Names of what the records' links point to, one query per kind linked."""
        wanted = defaultdict(set)
        for (part, _id), record in self.records.items():
            for link in links_shown(self.models[part]):
                if (value := getattr(record, link.attname)) is not None:
                    wanted[link.related_model].add(value)
        for field_ in tracked_m2m_fields():
            target = field_.related_model
            for rows in self.credits.values():
                wanted[target].update(pk for name, pk in rows if name == field_.name)
        for model, ids in wanted.items():
            rows = model._default_manager.select_related().in_bulk(ids)
            self.names[model] = {pk: str(row) for pk, row in rows.items()}

    def lines(self, save, span):
        lines = []
        for (part, _object_id), (first, last) in span.items():
            before = self.records.get(
                (part, self.previous.get((part, first.history_id)))
            )
            after = self.records[(part, last.history_id)]
            lines += self.part_lines(part, before, after)
            if part == "video" and before is not None:
                lines += self.credit_lines(*self.credit_ends[id(save)])
        return lines

    def part_lines(self, part, before, after):
        model, link = self.models[part]
        kind = capfirst(model._meta.verbose_name)
        if before is None or before.history_type == "-":  # new, or back (a revert)
            if after.history_type == "-":
                return []
            if part == "video":
                return [Line("Entry created")]
            return [Line(f"{kind} added: {self.name_of(part, after)}")]
        if after.history_type == "-":
            return [Line(f"{kind} removed: {self.name_of(part, before)}")]
        prefix = "" if part == "video" else f"{kind} “{self.name_of(part, after)}” · "
        return [
            self.field_line(prefix, field_, before, after)
            for field_ in shown_fields(model, link)
            if value_of(before, field_) != value_of(after, field_)
        ]

    def field_line(self, prefix, field_, before, after):
        label = prefix + capfirst(field_.verbose_name)
        old, new = value_of(before, field_), value_of(after, field_)
        if is_text(field_) and old and new:
            return Line(label, diff=word_diff(old, new))
        return Line(label, self.display(field_, old), self.display(field_, new))

    def credit_lines(self, before, after):
        """The credits' changes from snapshot `before` to `after` (see credit_ends)."""
        lines = []
        for field_ in tracked_m2m_fields():
            names = self.names.get(field_.related_model, {})
            old, new = (
                [
                    names.get(pk, "(deleted)")
                    for name, pk in self.credits.get(end, [])
                    if name == field_.name
                ]
                for end in (before, after)
            )
            if old != new:
                lines.append(
                    Line(
                        capfirst(field_.verbose_name),
                        ", ".join(old) or EMPTY,
                        ", ".join(new) or EMPTY,
                    )
                )
        return lines

    def display(self, field_, value):
        if value in (None, ""):
            return EMPTY
        if field_.choices:
            return str(dict(field_.flatchoices).get(value, value))
        if isinstance(field_, models.ForeignKey):
            names = self.names.get(field_.related_model, {})
            return names.get(
                value, f"(a deleted {field_.related_model._meta.verbose_name})"
            )
        if isinstance(field_, models.BooleanField):
            return "yes" if value else "no"
        if isinstance(field_, models.DateTimeField):
            return revision_time(value)
        if isinstance(field_, models.DateField):
            return date_format(value)
        return str(value)

    def name_of(self, part, record):
        model, _link = self.models[part]
        name = NAMED_BY.get(part)
        if name is None:
            return model._meta.verbose_name
        field_ = model._meta.get_field(name)
        value = value_of(record, field_)
        return (
            self.display(field_, value)
            if isinstance(field_, models.ForeignKey)
            else value
        )


def value_of(record, field_):
    """A field's value in a history record, comparable between records."""
    value = getattr(record, field_.attname)
    if isinstance(field_, models.FileField):
        return value.name if value else ""
    return value


def is_text(field_):
    """Prose, shown as a word diff; slugs, addresses and choices are shown whole."""
    plain = (models.URLField, models.SlugField, models.EmailField)
    return (
        isinstance(field_, (models.CharField, models.TextField))
        and not isinstance(field_, plain)
        and not field_.choices
    )


def shown_fields(model, link):
    """The fields an editor sets (not the link to the video, nor derived ones such as
    the thumbnail or `updated_at`)."""
    return [
        field_
        for field_ in model._meta.concrete_fields
        if field_.editable and not field_.primary_key and field_.name != link
    ]


def links_shown(model_and_link):
    return [
        field_
        for field_ in shown_fields(*model_and_link)
        if isinstance(field_, models.ForeignKey)
    ]


def previous_records(keys):
    """{(part, history_id): the history_id of the same row's record before it}."""
    previous, latest = {}, {}
    for key in keys:
        row = (key.part, key.object_id)
        previous[(key.part, key.history_id)] = latest.get(row)
        latest[row] = key.history_id
    return previous


def object_spans(save):
    """{(part, row id): (its first record's key, its last) in this save}."""
    spans = {}
    for key in save.keys:
        row = (key.part, key.object_id)
        spans[row] = (spans.get(row, (key, key))[0], key)
    return spans


def credit_ends(saves):
    """{id(save): (the credits' snapshot before it, after it)} for each save with a
    record of the video, from the newest: snapshots are named by the video record that
    holds them, None for the credits as they are now.

    As in revert.Revision.credits: a save's first record of the video snapshots the
    credits before its own changes (the video is saved before its credits), so the
    credits a save left are those the next save's first record snapshots."""
    ends, following = {}, None
    for save in saves:
        if (first := save.video_history_id) is not None:
            ends[id(save)] = (first, following)
            following = first
    return ends


def current_credits(video):
    """The credits now, shaped as a snapshot: [(m2m field name, target id)]."""
    credits = []
    for field_ in tracked_m2m_fields():
        through = field_.remote_field.through
        rows = through.objects.filter(**{field_.m2m_field_name(): video.pk})
        if any(f.name == "position" for f in through._meta.fields):
            rows = rows.order_by("position")
        target = f"{field_.m2m_reverse_field_name()}_id"
        credits += [(field_.name, pk) for pk in rows.values_list(target, flat=True)]
    return credits


def credit_snapshots(video_history_ids):
    """{video history_id: [(m2m field name, target id)]}, in the credited order, from
    simple_history's many-to-many snapshots: one query per credited kind."""
    snapshots = defaultdict(list)
    history_model = Video.history.model
    for field_ in tracked_m2m_fields():
        target = field_.m2m_reverse_field_name()
        snapshot_model = next(
            rel.related_model
            for rel in history_model._meta.related_objects
            if target in {f.name for f in rel.related_model._meta.fields}
        )
        rows = snapshot_model.objects.filter(history_id__in=video_history_ids)
        order = (
            ["history_id", "position"]
            if hasattr(snapshot_model, "position")
            else ["history_id"]
        )
        for history_id, pk in rows.order_by(*order, f"{target}_id").values_list(
            "history_id", f"{target}_id"
        ):
            snapshots[history_id].append((field_.name, pk))
    return snapshots


def editor_names(user_ids):
    ids = [pk for pk in user_ids if pk is not None]
    users = get_user_model()._default_manager.in_bulk(ids) if ids else {}
    return {
        pk: user.get_full_name() or user.get_username() for pk, user in users.items()
    }


class EntryHistoryMixin:
    """The video's history page shows its whole entry's timeline, and a save's "why"
    (the change form's `change_reason`) is recorded as its history's change reason."""

    object_history_template = "admin/videos/video/entry_history.html"

    def history_view(self, request, object_id, extra_context=None):
        video = self.get_object(request, unquote(object_id))
        if video is None:  # deleted: simple_history's page reads its last record
            return super().history_view(request, object_id, extra_context)
        if not self.has_view_history_or_change_history_permission(request, video):
            raise PermissionDenied
        saves = entry_saves(video.pk)
        paginator = Paginator(saves, SAVES_PER_PAGE)
        page_obj = paginator.get_page(request.GET.get(PAGE_VAR))
        context = {
            **self.admin_site.each_context(request),
            "title": f"History of the entry: {video}",
            "opts": self.model._meta,
            "module_name": capfirst(self.model._meta.verbose_name_plural),
            "object": video,
            "page_obj": page_obj,
            "page_range": paginator.get_elided_page_range(page_obj.number),
            "rows": EntryTimeline(video, page_obj.object_list, saves).rows(),
            "revert_disabled": self.revert_disabled(request, video),
            **(extra_context or {}),
        }
        return render(request, self.object_history_template, context)

    def save_model(self, request, obj, form, change):
        why = (form.cleaned_data.get("change_reason") or "").strip()
        reasons = [getattr(obj, "_change_reason", None), why]
        reason = "; ".join(reason for reason in reasons if reason)
        obj._change_reason = reason[:REASON_LENGTH] or None
        super().save_model(request, obj, form, change)
