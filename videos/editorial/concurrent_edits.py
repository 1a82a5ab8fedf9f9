"""No lost work (issue 17, item 6): a save over changes made since the form was opened
is refused, and the editor's form comes back with what they typed.

Each form carries, in a hidden field, the row's change marker as it was when the page
was opened: `updated_at` where the model has one, otherwise the id of its latest
history record (every editable model keeps a simple_history `history`). On save the row
is locked (PostgreSQL; see locks.py) and the marker read again; a different one, or a
form without one, means someone else's save would be overwritten.
"""

from django import forms
from django.contrib.admin.utils import flatten_fieldsets
from django.utils import timezone
from django.utils.formats import date_format

from videos.editorial.locks import RowBusy, lock_rows

NO_REVISION = "no revision"


class RefusesStaleSaves(forms.ModelForm):
    """A model form that refuses to save over a change made since it was opened."""

    # A form may carry the marker under its own name (the video's predates this mixin).
    marker_field = "change_marker_when_opened"
    change_marker_when_opened = forms.CharField(
        required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # From the database, not the instance: reverting history edits an old copy.
            self.initial.setdefault(self.marker_field, self.current_marker())

    def current_marker(self, lock=False):
        """The row's change marker as the database has it now, as text."""
        model = type(self.instance)
        rows = model._default_manager.filter(pk=self.instance.pk)
        if has_updated_at(model):
            if lock:
                # Held until the admin's transaction ends (PostgreSQL), so no other
                # save slips in between this check and this save.
                return lock_rows(rows.only("updated_at"))[0].updated_at.isoformat()
            return rows.values_list("updated_at", flat=True).get().isoformat()
        if lock:
            lock_rows(rows.only("pk"))
        latest = latest_records(self.instance).values_list("history_id", flat=True)
        return f"revision {latest[0]}" if latest else NO_REVISION

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        try:
            current = self.current_marker(lock=True)
        except RowBusy:
            self.add_error(None, self.busy_message())
            return cleaned
        # A form without the marker (or with a mangled one) can't show it saw the
        # latest version, so it is refused like a stale one.
        if cleaned.get(self.marker_field) != current:
            self.add_error(None, self.changed_since_message())
        return cleaned

    def busy_message(self):
        return (
            f"This {self.instance._meta.verbose_name} is being written by an import or "
            "a restore that is still running, so nothing was saved yet. Save again in "
            "a minute: your changes are still in this form."
        )

    def changed_since_message(self):
        by = ""
        if (
            record := latest_records(self.instance)
            .select_related("history_user")
            .first()
        ):
            user = record.history_user
            who = (user.get_full_name() or user.get_username()) if user else "someone"
            when = date_format(
                timezone.localtime(record.history_date), "DATETIME_FORMAT"
            )
            by = f" by {who} ({when})"
        return (
            f"This {self.instance._meta.verbose_name} was changed{by} since you opened "
            "it, so your changes were not saved. Your text is still in the form below: "
            "copy what you need, open the page again to see theirs, then make yours."
        )


class RefusesStaleSavesAdmin:
    """An admin whose change form carries its form's change marker (a hidden field)."""

    form = RefusesStaleSaves

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        marker = self.form.marker_field
        if marker in flatten_fieldsets(fieldsets):
            return fieldsets
        (title, options), *rest = fieldsets
        return [(title, {**options, "fields": [*options["fields"], marker]}), *rest]


def has_updated_at(model):
    return any(field.name == "updated_at" for field in model._meta.concrete_fields)


def latest_records(instance):
    return instance.history.order_by("-history_date", "-history_id")
