"""The rows of an entry's history page: what each save changed, part by part, field by
field (text as word-level diffs), read for one page of saves in a fixed number of
queries: the records the rows compare, per model; the credits' snapshots; the editors;
the names their links point to. The saves themselves come from entry_history.py.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import models
from django.utils.formats import date_format
from django.utils.text import capfirst

from videos.editorial.revert import (
    SAME_SAVE_SECONDS,
    revision_time,
    tracked_m2m_fields,
    tracked_parts,
)
from videos.editorial.word_diff import word_diff
from videos.models import ReviewStep, Video

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


def entry_models():
    """(model, the field linking its rows to the video) for the video and each part."""
    return [(Video, "id"), *tracked_parts()]


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

    save: object  # entry_history.Save
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
        steps = review_steps_by_save(self.video, self.saves)
        return [
            Row(
                save,
                editors.get(save.user_id, "not recorded"),
                steps.get(id(save), []) + self.lines(save, span),
            )
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
            lines += self.part_lines(part, before, after, first)
            if part == "video" and before is not None:
                lines += self.credit_lines(*self.credit_ends[id(save)])
        return lines

    def part_lines(self, part, before, after, first):
        model, link = self.models[part]
        kind = capfirst(model._meta.verbose_name)
        if before is None and first.history_type == "~":
            # Rows loaded from fixtures have no history before their first edit.
            title = self.title(part, after) or "Entry"
            return [Line(f"{title}: first recorded here, nothing earlier to compare")]
        if before is None or before.history_type == "-":  # new, or back (a revert)
            if after.history_type == "-":
                return []
            if part == "video":
                return [Line("Entry created")]
            return [Line(f"{kind} added: {self.name_of(part, after)}")]
        if after.history_type == "-":
            return [Line(f"{kind} removed: {self.name_of(part, before)}")]
        title = self.title(part, after)
        prefix = f"{title} · " if title else ""
        lines = [
            self.field_line(prefix, field_, before, after)
            for field_ in shown_fields(model, link)
            if value_of(before, field_) != value_of(after, field_)
        ]
        return [line for line in lines if line is not None]

    def title(self, part, record):
        """How lines about a part name it: "Essay" (there is one), "Source “Title”";
        "" for the video's own fields."""
        if part == "video":
            return ""
        model, link = self.models[part]
        kind = capfirst(model._meta.verbose_name)
        if model._meta.get_field(link).one_to_one:
            return kind
        return f"{kind} “{self.name_of(part, record)}”"

    def field_line(self, prefix, field_, before, after):
        label = prefix + capfirst(field_.verbose_name)
        old, new = value_of(before, field_), value_of(after, field_)
        if is_text(field_) and old and new:
            return Line(label, diff=word_diff(old, new))
        shown = self.display(field_, old), self.display(field_, new)
        # None when the difference doesn't show: a time's microseconds, which the
        # admin's date and time boxes drop on the first save.
        return Line(label, *shown) if shown[0] != shown[1] else None

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


def review_steps_by_save(video, saves):
    """{id(save): [Line]} for the review steps (submitted, sent back with a comment,
    approved, published…) taken with each save: the same editor, at its time. One
    query, made even for a page with none, so the page's count doesn't vary."""
    if not saves:
        return {}
    margin = timedelta(seconds=SAME_SAVE_SECONDS)
    steps = ReviewStep.objects.filter(
        video=video.pk,
        at__gte=saves[-1].at - margin,
        at__lte=saves[0].keys[-1].history_date + margin,
    ).order_by("at", "id")
    lines = defaultdict(list)
    for step in steps:
        for save in saves:
            start, end = save.at - margin, save.keys[-1].history_date + margin
            if step.user_id == save.user_id and start <= step.at <= end:
                label = f"Review: {step.get_action_display()}"
                lines[id(save)].append(
                    Line(f"{label} — {step.comment}" if step.comment else label)
                )
                break
    return lines


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
    # The video's own changes first, whatever order its records were written in.
    return dict(sorted(spans.items(), key=lambda item: item[0][0] != "video"))


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
