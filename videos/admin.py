"""The editors' whole interface."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from .admin_import import VideoImportMixin
from .images import refresh_thumbnail
from .models import (
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
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
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
