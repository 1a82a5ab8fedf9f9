"""The editors' whole interface."""

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from videos.editorial.csv_upload import VideoImportMixin
from videos.editorial.images import clean_image_upload, refresh_thumbnail
from videos.models import (
    Artist,
    Director,
    Essay,
    Precedent,
    Source,
    Technique,
    Video,
    VideoTechnique,
)

# Editors paste links without a scheme; assume https (Django 6's default) now.
URL_FIELDS_ASSUME_HTTPS = {models.URLField: {"assume_scheme": "https"}}


def checked_upload(value):
    """A new upload checked and re-encoded; a kept or cleared image as it is."""
    return clean_image_upload(value) if isinstance(value, UploadedFile) else value


class VideoAdminForm(forms.ModelForm):
    """Checks the still, and refuses to save over changes made since the form was opened."""

    # The `updated_at` the editor saw, compared on save (optimistic locking, issue 6).
    updated_at_when_opened = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        # A plain file field, so clean_still's checks give their own messages.
        field_classes = {"still": forms.FileField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # From the database, not the instance: reverting history edits an old copy.
            opened = self.current_updated_at().isoformat()
            self.initial.setdefault("updated_at_when_opened", opened)

    def current_updated_at(self, lock=False):
        videos = Video.objects.select_for_update() if lock else Video.objects
        return (
            videos.filter(pk=self.instance.pk)
            .values_list("updated_at", flat=True)
            .get()
        )

    def clean_still(self):
        return checked_upload(self.cleaned_data["still"])

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("updated_at_when_opened")
        if self.instance.pk and opened and self.changed_since(opened):
            self.add_error(None, self.changed_since_message())
        return cleaned

    def changed_since(self, opened):
        # The lock holds until the admin's transaction ends (PostgreSQL), so no other
        # save slips in between this check and this save.
        current = self.current_updated_at(lock=True)
        try:
            return current != datetime.fromisoformat(opened)
        except ValueError:
            return True

    def changed_since_message(self):
        by = ""
        if record := self.instance.history.first():
            user = record.history_user
            who = (user.get_full_name() or user.get_username()) if user else "someone"
            when = date_format(
                timezone.localtime(record.history_date), "DATETIME_FORMAT"
            )
            by = f" by {who} ({when})"
        return (
            f"This video was changed{by} since you opened it, so your changes were not "
            "saved. Open it again to see theirs, then make yours."
        )


class DirectorAdminForm(forms.ModelForm):
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


class DecadeFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        years = Video.objects.values_list("year", flat=True).distinct()
        decades = sorted({year - year % 10 for year in years})
        return [(str(decade), f"{decade}s") for decade in decades]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            decade = int(self.value())
            return queryset.filter(year__gte=decade, year__lt=decade + 10)
        return queryset


class VideoTechniqueInline(admin.StackedInline):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    model = VideoTechnique
    extra = 0
    min_num = 1
    autocomplete_fields = ["technique"]
    fields = [
        ("technique", "is_primary"),
        "usage",
        ("tool", "studio"),
        ("timecode", "source_url"),
    ]


class EssayInline(admin.StackedInline):
    model = Essay
    extra = 1
    max_num = 1
    fields = ["headline", "verdict", "body", "author"]
    readonly_fields = ["author"]
    # Room to write 150-400 words without scrolling a six-line box.
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 20, "cols": 90})},
        models.CharField: {"widget": forms.TextInput(attrs={"size": 90})},
    }


class SourceInline(admin.TabularInline):
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    model = Source
    extra = 0
    fields = ["title", "publication", "author", "date", "url", "position"]


class PrecedentInline(admin.TabularInline):
    model = Precedent
    fk_name = "later"
    extra = 0
    autocomplete_fields = ["earlier"]
    verbose_name = "precedent (an earlier video this one echoes)"
    verbose_name_plural = "precedents (earlier videos this one echoes)"


@admin.register(Video)
class VideoAdmin(VideoImportMixin, SimpleHistoryAdmin):
    form = VideoAdminForm
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = [
        "thumbnail_preview",
        "title",
        "artist_names",
        "year",
        "verdict",
        "status",
        "published_at",
    ]
    list_display_links = ["thumbnail_preview", "title"]
    list_filter = ["status", DecadeFilter, "techniques", "essay__verdict", "tags"]
    list_select_related = ["essay"]
    list_per_page = 50
    search_fields = ["title", "artists__name", "directors__name", "essay__headline"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["artists", "directors"]
    readonly_fields = ["thumbnail_preview", "created_at", "updated_at"]
    date_hierarchy = "published_at"
    actions = ["publish", "unpublish"]
    inlines = [VideoTechniqueInline, EssayInline, SourceInline, PrecedentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "artists",
                    "directors",
                    "year",
                    "release_date",
                ]
            },
        ),
        (
            "Image and link",
            {"fields": ["still", "thumbnail_preview", "watch_url", "tags"]},
        ),
        (
            "Publication",
            {
                "fields": [
                    "status",
                    "published_at",
                    "created_at",
                    "updated_at",
                    "updated_at_when_opened",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("artists", queryset=Artist.objects.only("name")))
        )

    @admin.display(description="image")
    def thumbnail_preview(self, video):
        if not video.thumbnail:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="128" height="72" style="object-fit:cover">',
            video.thumbnail.url,
        )

    @admin.display(description="artists")
    def artist_names(self, video):
        return ", ".join(artist.name for artist in video.artists.all())

    @admin.display(description="verdict", ordering="essay__verdict")
    def verdict(self, video):
        essay = getattr(video, "essay", None)
        return essay.get_verdict_display() if essay else "—"

    @admin.action(description="Publish now (keeps an earlier publication time)")
    def publish(self, request, queryset):
        now = timezone.now()
        for video in queryset:
            video.status = Video.Status.PUBLISHED
            video.published_at = video.published_at or now
            video.save(update_fields=["status", "published_at", "updated_at"])
        messages.success(request, f"Published {queryset.count()} video(s).")

    @admin.action(description="Unpublish (back to draft)")
    def unpublish(self, request, queryset):
        for video in queryset:
            video.status = Video.Status.DRAFT
            video.save(update_fields=["status", "updated_at"])
        messages.success(request, f"Moved {queryset.count()} video(s) back to draft.")

    def save_formset(self, request, form, formset, change):
        if formset.model is Essay:
            for essay_form in formset.forms:
                if essay_form.instance.author_id is None:
                    essay_form.instance.author = request.user
        super().save_formset(request, form, formset, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        refresh_thumbnail(form.instance)


@admin.register(Technique)
class TechniqueAdmin(SimpleHistoryAdmin):
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
class DirectorAdmin(SimpleHistoryAdmin):
    form = DirectorAdminForm
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "slug", "bio", "portrait", "links"]


@admin.register(Artist)
class ArtistAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Essay)
class EssayAdmin(SimpleHistoryAdmin):
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
        super().save_model(request, obj, form, change)
