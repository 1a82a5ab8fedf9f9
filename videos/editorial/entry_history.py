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
the page shown only, what entry_rows.py reads to describe each save (the records it
compares, the credits' snapshots, the editors, the review steps, linked names).
The public page's Changes (videos/pages/changes.py) reads the keys alone.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, DateTimeField, F, Value
from django.shortcuts import render
from django.utils.text import capfirst

from videos.editorial.entry_rows import EntryTimeline, entry_models
from videos.editorial.revert import continues_save
from videos.models import Video

SAVES_PER_PAGE = 20
# The newest records read for one entry's timeline: a history longer than this shows
# its latest saves only (an entry edited ten times a day for a year stays far below).
RECORDS_READ_AT_MOST = 10_000
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
