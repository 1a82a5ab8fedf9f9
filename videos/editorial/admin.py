"""The editors' pages for techniques, people and essays (videos: video_admin.py)."""

from django import forms
from django.contrib import admin
from django.core.validators import URLValidator
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from videos.editorial import job_admin  # noqa: F401  (registers the jobs' pages)
from videos.editorial.concurrent_edits import RefusesStaleSaves, RefusesStaleSavesAdmin
from videos.editorial.saving import (
    SafeImageWritesMixin,
    VersionLastMixin,
)
from videos.editorial.video_admin import URL_FIELDS_ASSUME_HTTPS, checked_upload
from videos.models import (
    Artist,
    Director,
    Essay,
    Technique,
    Video,
)


class DirectorAdminForm(RefusesStaleSaves):
    class Meta:
        field_classes = {"portrait": forms.FileField}  # see VideoAdminForm

    def clean_portrait(self):
        return checked_upload(self.cleaned_data["portrait"])

    def clean_links(self):
        links = self.cleaned_data["links"]
        is_web_address = URLValidator(schemes=["http", "https"])
        for line in filter(None, (line.strip() for line in links.splitlines())):
            try:
                is_web_address(line)
            except forms.ValidationError:
                raise forms.ValidationError(
                    f"“{line[:80]}” is not a web address (https://…)."
                ) from None
        return links


@admin.register(Technique)
class TechniqueAdmin(RefusesStaleSavesAdmin, VersionLastMixin, SimpleHistoryAdmin):
    list_display = ["name", "colour_swatch", "first_used_year", "summary"]
    search_fields = ["name", "summary"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["descends_from"]
    fields = [
        "name",
        "slug",
        "summary",
        "first_used_year",
        "colour",
        "descends_from",
        "essay",
    ]

    @admin.display(description="colour")
    def colour_swatch(self, technique):
        return format_html(
            '<span style="display:inline-block;width:2em;height:1em;background:{}"></span> {}',
            technique.colour,
            technique.colour,
        )


@admin.register(Director)
class DirectorAdmin(
    RefusesStaleSavesAdmin, SafeImageWritesMixin, VersionLastMixin, SimpleHistoryAdmin
):
    form = DirectorAdminForm
    image_fields = ["portrait"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "also_artist", "bio", "portrait", "links"]
    fields += [scheme.field for scheme in Director.schemes]
    autocomplete_fields = ["also_artist"]


@admin.register(Artist)
class ArtistAdmin(RefusesStaleSavesAdmin, VersionLastMixin, SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Essay)
class EssayAdmin(RefusesStaleSavesAdmin, VersionLastMixin, SimpleHistoryAdmin):
    """Essays are written on their video's page; this list is for finding them."""

    list_display = ["headline", "video", "verdict", "author", "updated_at"]
    list_filter = ["verdict"]
    list_select_related = ["video", "author"]
    search_fields = ["headline", "body", "video__title"]
    autocomplete_fields = ["video"]
    readonly_fields = ["author"]

    def save_model(self, request, obj, form, change):
        if obj.author_id is None:
            obj.author = request.user
        # The essay is part of its video's entry: the entry's change marker moves (so
        # a video form opened before is refused), and its revision comes first.
        Video.objects.get(pk=obj.video_id).save(update_fields=["updated_at"])
        super().save_model(request, obj, form, change)
