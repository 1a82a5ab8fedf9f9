"""Reverting a video to an earlier revision, with everything edited on its page.

django-simple-history's revert form restores the video's own fields. This restores, in
the same transaction, its parts as they stood after that revision's save: the essay,
claims, sources, precedents (and any other part with a history of its own), and the
credits (artists, directors) from the revision history's many-to-many snapshots.

A save records the video first and its parts just after it, so a revision's parts are
their latest history before the next save's first record. The records of one save are
those of the same editor following each other within SAME_SAVE_SECONDS (a save's records
are milliseconds apart; an m2m change adds one of its own).
"""

from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format

from videos.models import Video
from videos.models.versions import deferred_version

SAME_SAVE_SECONDS = 2
# How the entry's history shows a save's time, and how a revert names the one it restores.
REVISION_TIME_FORMAT = "j M Y, H:i:s"


def revision_time(moment):
    return date_format(timezone.localtime(moment), REVISION_TIME_FORMAT)


class Revision:
    """One revision of a video: its record, and what its save left in place."""

    def __init__(self, record):
        self.record = record
        self.next_save = next_save(record)
        self.warnings = []
        # The history row of the revert says what it went back to (issue 17, item 5).
        self.reason = f"Reverted to {revision_time(record.history_date)}"

    def credits(self):
        """{m2m field name: [(target id, extra through fields)]} as the revision left
        them, or {} when it is the latest (nothing changed since)."""
        if self.next_save is None:
            return {}
        snapshot = {}
        for field in tracked_m2m_fields():
            target = field.m2m_reverse_field_name()
            extras = through_extras(field)
            rows = getattr(self.next_save, field.name).all()
            snapshot[field.name] = [
                (getattr(row, f"{target}_id"), {n: getattr(row, n) for n in extras})
                for row in rows
            ]
        return snapshot

    def prepare(self, video):
        """Before the video is saved: the thumbnail is redrawn, not restored, and a
        still no longer in the media folder is kept as it is now."""
        names = ["thumbnail", "thumbnail_width", "thumbnail_height"]
        names += ["still", "still_width", "still_height"]
        now = Video.objects.filter(pk=video.pk).values(*names).get()
        for name in names[:3]:
            setattr(video, name, now[name])
        still = video.still.name
        if still and still != now["still"] and not video.still.storage.exists(still):
            for name in names[3:]:
                setattr(video, name, now[name])
            self.warnings.append(
                f"The still of that revision ({still}) is no longer in the media "
                "folder, so the current still was kept."
            )

    def restore_parts(self, video, form_fields):
        """Every part and credit as the revision left them (the form's own fields, such
        as the artists it shows, come from the form)."""
        if self.next_save is None:
            return
        for field_name, rows in self.credits().items():
            if field_name not in form_fields:
                self.restore_credits(video, Video._meta.get_field(field_name), rows)
        parts = tracked_parts()
        wanted = {model: self.parts_then(model, fk, video) for model, fk in parts}
        for model, fk in reversed(parts):
            keep = {row.pk for row in wanted[model]}
            for row in model.objects.filter(**{fk: video}).exclude(pk__in=keep):
                row._change_reason = self.reason
                row.delete()
        for model, _fk in parts:
            # Claims that stop being primary first: one primary per video.
            rows = sorted(
                wanted[model], key=lambda r: bool(getattr(r, "is_primary", 0))
            )
            for row in rows:
                if self.refers_to_rows_that_exist(row):
                    row._change_reason = self.reason
                    row.save()

    def parts_then(self, model, fk, video):
        history = model.history.filter(**{f"{fk}_id": video.pk})
        history = history.filter(history_date__lt=self.next_save.history_date)
        return list(history.latest_of_each().as_instances())

    def restore_credits(self, video, field, rows):
        through = field.remote_field.through
        source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
        existing = set(
            field.related_model.objects.filter(
                pk__in=[pk for pk, _ in rows]
            ).values_list("pk", flat=True)
        )
        through.objects.filter(**{source: video}).delete()
        through.objects.bulk_create(
            through(**{source: video, f"{target}_id": pk}, **extras)
            for pk, extras in rows
            if pk in existing
        )
        if len(existing) < len(rows):
            self.warnings.append(
                f"{len(rows) - len(existing)} of that revision's {field.verbose_name} "
                "no longer exist and were left out."
            )

    def refers_to_rows_that_exist(self, row):
        """Clears optional links to deleted rows; False (skip it) for a required one."""
        for field in row._meta.concrete_fields:
            if not isinstance(field, models.ForeignKey):
                continue
            value = getattr(row, field.attname)
            target = field.related_model._default_manager
            if value is None or target.filter(pk=value).exists():
                continue
            if field.null:
                setattr(row, field.attname, None)
                continue
            self.warnings.append(
                f"A {row._meta.verbose_name} of that revision was left out: the "
                f"{field.verbose_name} it names no longer exists."
            )
            return False
        return True


def next_save(record):
    """The first record of the next save after `record`'s, or None."""
    later = Video.history.filter(
        id=record.id, history_date__gt=record.history_date
    ).order_by("history_date", "history_id")
    last = record
    for candidate in later:
        if not continues_save(last, candidate):
            return candidate
        last = candidate
    return None


def continues_save(last, candidate):
    """Whether history record `candidate` (of the video or any part) belongs to the same
    save as `last`, the latest record so far of that save: the same editor, within
    SAME_SAVE_SECONDS of it. The entry's history groups its rows by this too."""
    return candidate.history_user_id == last.history_user_id and (
        candidate.history_date - last.history_date
        <= timedelta(seconds=SAME_SAVE_SECONDS)
    )


def tracked_m2m_fields():
    """The video's many-to-many fields whose state each revision records."""
    recorded = getattr(Video.history.model, "_history_m2m_fields", [])
    names = {item if isinstance(item, str) else item.name for item in recorded}
    return [field for field in Video._meta.many_to_many if field.name in names]


def through_extras(field):
    """A through model's own fields besides its two links (a director's position)."""
    through = field.remote_field.through
    links = {field.m2m_field_name(), field.m2m_reverse_field_name()}
    return [
        f.name
        for f in through._meta.concrete_fields
        if not f.primary_key and f.name not in links
    ]


def tracked_parts():
    """(model, link to the video) for each part edited on a video's page that keeps a
    history, ordered so that a part linking to another comes after it."""
    parts = [
        (relation.related_model, relation.field.name)
        for relation in Video._meta.related_objects
        if (relation.one_to_many or relation.one_to_one)
        and hasattr(relation.related_model, "history")
        and relation.related_model is not Video
        and relation.related_name != "echo_links"  # other videos' precedents
    ]
    models_in = {model for model, _ in parts}

    def links_to_parts(part):
        model = part[0]
        return sum(
            1
            for field in model._meta.concrete_fields
            if isinstance(field, models.ForeignKey)
            and field.related_model in models_in
            and field.related_model is not model
        )

    return sorted(parts, key=links_to_parts)


class RevertMixin:
    """The history's revert form for a video, restoring its parts too, in one
    transaction; it needs permission to change videos (viewing them is not enough)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        video = self.get_object(request, unquote(object_id))
        if video is None:
            raise Http404
        record = get_object_or_404(
            Video.history, id=video.pk, history_id=unquote(version_id)
        )
        if request.method == "POST" and not self.has_change_permission(request, video):
            raise PermissionDenied
        request.revision = Revision(record)
        if request.method != "POST":
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )
        with deferred_version():
            return super().history_form_view(
                request, object_id, version_id, extra_context
            )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        revision = getattr(request, "revision", None)
        if revision is None:
            return form
        credits = revision.credits()

        class RevisionForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for name, rows in credits.items():
                    if name in self.fields:
                        self.initial[name] = [pk for pk, _ in rows]

        return RevisionForm

    def save_model(self, request, obj, form, change):
        revision = getattr(request, "revision", None)
        if revision:
            revision.prepare(obj)
            obj._change_reason = revision.reason
        super().save_model(request, obj, form, change)
        if revision:
            revision.restore_parts(obj, form.fields)
            for warning in revision.warnings:
                messages.warning(request, warning)
            self.queue_thumbnail(request, obj)
