"""A timeline's URL parameters read and checked: the form every surface uses, built from
the declarations in videos/timeline/parameters.py."""

from django import forms
from django.utils import timezone

from videos.timeline import parameters


class TimelineForm(forms.Form):
    def __init__(self, data, index, now=None):
        super().__init__(data)
        self.index = index
        self.now = now or timezone.now()
        for parameter in parameters.PARAMETERS:
            self.fields[parameter.name] = parameter.form_field()

    def typed_fields(self):
        """The sidebar's inputs (the other parameters are chosen from facets)."""
        return [self[p.name] for p in parameters.PARAMETERS if p.typed]

    def kept_values(self):
        """(name, value) of every other parameter in the URL, so the sidebar's form keeps
        them when it is submitted."""
        typed = {p.name for p in parameters.PARAMETERS if p.typed} | {"page"}
        return [
            (name, value)
            for name, values in self.data.lists()
            if name not in typed
            for value in values
        ]

    def clean(self):
        cleaned = super().clean()
        for parameter in parameters.PARAMETERS:
            given = len(self.data.getlist(parameter.name))
            if given > 1 and not parameter.repeatable:
                self.add_error(
                    parameter.name,
                    f"{parameter.label} takes one value; the address gives {given}.",
                )
        year_from, year_to = cleaned.get("year_from"), cleaned.get("year_to")
        if year_from is not None and year_to is not None and year_from > year_to:
            self.add_error(
                "year_from", f"{year_from} is after the “to” year, {year_to}."
            )
        for parameter in parameters.linked_parameters():
            if cleaned.get(parameter.name):
                self._resolve(parameter, cleaned)
        return cleaned

    def _resolve(self, parameter, cleaned):
        """Slugs become the index's labels; a slug no public video links to is unknown."""
        labels = []
        for slug in cleaned[parameter.name]:
            pk = self.index.public_value(parameter.name, slug, self.now)
            if pk is None:
                self.add_error(
                    parameter.name,
                    f"No {parameter.label.lower()} with a published video has the "
                    f"slug “{slug[:40]}”.",
                )
                return
            labels.append(Resolved(pk, self.index.label(parameter.name, pk)))
        cleaned[parameter.name] = labels

    def errors_by_parameter(self):
        """{parameter: {"label", "messages", "accepts"}} for the 400 page and JSON."""
        declared = parameters.by_name()
        return {
            name: {
                "label": declared[name].label,
                "messages": list(messages),
                "accepts": declared[name].accepts,
            }
            for name, messages in self.errors.items()
            if name in declared
        }


class Resolved:
    """A linked value a slug named: its pk (for masks) and its label (for chips)."""

    __slots__ = ("pk", "slug", "name")

    def __init__(self, pk, label):
        self.pk, self.slug, self.name = pk, label.slug, label.name
