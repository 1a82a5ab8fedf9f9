"""The video's admin: one page for the whole entry, its parts as inlines."""

import re

from django import forms
from django.contrib import admin, messages
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import Max, Min, Prefetch
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from videos.editorial import job_admin  # noqa: F401  (registers the jobs' pages)
from videos.editorial.concurrent_edits import RefusesStaleSaves
from videos.editorial.csv_upload import VideoImportMixin
from videos.editorial.entry_history import REASON_LENGTH, EntryHistoryMixin
from videos.editorial.images import clean_image_upload
from videos.editorial.locks import RowBusy, lock_rows
from videos.editorial.preview import PreviewMixin
from videos.editorial.revert import RevertMixin
from videos.editorial.review_admin import (
    ReviewAdminMixin,
    ReviewedForm,
    ReviewQueueFilter,
    StageFilter,
)
from videos.editorial.saving import (
    SafeImageWritesMixin,
    ThumbnailAfterCommitMixin,
    VersionLastMixin,
)
from videos.editorial.share import ShareLinkMixin
from videos.models import (
    Artist,
    DirectorCredit,
    Essay,
    Moment,
    Precedent,
    Source,
    Video,
    VideoTechnique,
)


class URLField(forms.URLField):
    """Labelled "URL", not "Url" (a label made from a field name such as `watch_url`)."""

    def __init__(self, *, label=None, **kwargs):
        if label:
            label = re.sub(r"\burl\b", "URL", label, flags=re.IGNORECASE)
        super().__init__(label=label, **kwargs)


# Editors paste links without a scheme; assume https (Django 6's default) now.
URL_FIELDS_ASSUME_HTTPS = {
    models.URLField: {"assume_scheme": "https", "form_class": URLField}
}


def checked_upload(value):
    """A new upload checked and re-encoded; a kept or cleared image as it is."""
    return clean_image_upload(value) if isinstance(value, UploadedFile) else value


class VideoAdminForm(ReviewedForm, RefusesStaleSaves):
    """Checks the still, and refuses to save over changes made since the form was opened
    (the essay, claims and sources edited on this page are covered by the video's lock:
    any save of them moves the video's `updated_at`)."""

    # The video's marker kept its name from issue 6 (forms and tests post it by name).
    marker_field = "updated_at_when_opened"
    updated_at_when_opened = forms.CharField(required=False, widget=forms.HiddenInput)
    # Not a model field: recorded as this save's change reason in the entry's history
    # (issue 17, item 5), shown beside it there and in the public page's Changes.
    change_reason = forms.CharField(
        label="Why (optional)",
        required=False,
        max_length=REASON_LENGTH,
        help_text=f"In a few words, what this save changes and why, e.g. “Corrected the "
        f"director's name”; up to {REASON_LENGTH} characters. Shown in the entry's "
        "history, and, while the video is public, in its page's list of changes.",
        widget=forms.TextInput(attrs={"size": 90}),
    )
    change_marker_when_opened = None

    class Meta:
        # A plain file field, so clean_still's checks give their own messages.
        field_classes = {"still": forms.FileField}

    def clean_still(self):
        return checked_upload(self.cleaned_data["still"])


class DecadeFilter(admin.SimpleListFilter):
    title = "decade"
    parameter_name = "decade"

    def lookups(self, request, model_admin):
        # A seek per decade between the first year and the last, not a read of every
        # video's year: every change list and list action asks (a million videos: ~1 s).
        videos = Video.objects.order_by()
        span = videos.aggregate(first=Min("year"), last=Max("year"))
        if span["first"] is None:
            return []
        decades = range(span["first"] - span["first"] % 10, span["last"] + 1, 10)
        return [
            (str(decade), f"{decade}s")
            for decade in decades
            if videos.filter(year__gte=decade, year__lt=decade + 10).exists()
        ]

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
        ("confidence", "confidence_reason"),
        ("correction", "correction_source_url"),
    ]


class DirectorCreditInline(admin.TabularInline):
    model = DirectorCredit
    extra = 0
    min_num = 1
    autocomplete_fields = ["director"]
    fields = ["director", "position"]
    verbose_name = "director (in the credited order)"
    verbose_name_plural = "directors (in the credited order)"


class MomentInline(admin.StackedInline):
    # Stacked for the same reason as the sources: six columns with a source address
    # didn't fit 1366 px. One field a line: paired, the claim's wide menu wrapped.
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    model = Moment
    extra = 0
    fields = ["seconds", "what", "claim", "source_title", "source_publication"]
    fields += ["source_url"]


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


class SourceInline(admin.StackedInline):
    # Stacked in grouped rows: as a table, a source with a URL and a quote widened the
    # page to ~1,930 px (issue 17); this fits 1366 px.
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    model = Source
    extra = 0
    fields = [
        ("title", "position"),
        ("publication", "author"),
        ("date", "retrieved"),
        "url",
        "quote",
    ]


class PrecedentInline(admin.TabularInline):
    model = Precedent
    fk_name = "later"
    extra = 0
    autocomplete_fields = ["earlier"]
    verbose_name = "precedent (an earlier video this one echoes)"
    verbose_name_plural = "precedents (earlier videos this one echoes)"


@admin.register(Video)
class VideoAdmin(
    ReviewAdminMixin,  # first: a refused publish rolls back the whole save
    PreviewMixin,
    ShareLinkMixin,
    RevertMixin,
    EntryHistoryMixin,
    ThumbnailAfterCommitMixin,
    SafeImageWritesMixin,
    VersionLastMixin,
    VideoImportMixin,
    SimpleHistoryAdmin,
):
    form = VideoAdminForm
    image_fields = ["still"]
    formfield_overrides = URL_FIELDS_ASSUME_HTTPS
    list_display = [
        "thumbnail_preview",
        "title",
        "artist_names",
        "year",
        "verdict",
        "stage",
        "published_at",
    ]
    list_display_links = ["thumbnail_preview", "title"]
    list_filter = [
        StageFilter,
        ReviewQueueFilter,
        DecadeFilter,
        "techniques",
        "essay__verdict",
        "tags",
    ]
    list_select_related = ["essay"]
    list_per_page = 50
    # What was worked on last comes first (a new entry no longer sorts mid-list).
    ordering = ["-updated_at"]
    search_fields = ["title", "artists__name", "directors__name", "essay__headline"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["artists"]
    readonly_fields = ["thumbnail_preview", "created_at", "updated_at"]
    date_hierarchy = "published_at"
    # Defined in ReviewAdminMixin, each offered only to those who may use it.
    actions = ["submit_for_review", "approve", "publish", "unpublish"]
    inlines = [
        DirectorCreditInline,
        VideoTechniqueInline,
        EssayInline,
        SourceInline,
        MomentInline,
        PrecedentInline,
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "slug",
                    "artists",
                    "year",
                    "release_date",
                    "confidence",
                    "confidence_reason",
                ]
            },
        ),
        (
            "Image and link",
            {
                "fields": [
                    "still",
                    "still_alt",
                    "thumbnail_preview",
                    "watch_url",
                    "tags",
                ]
            },
        ),
        (
            "Elsewhere: identifiers, only where a source gives them",
            {"fields": [scheme.field for scheme in Video.schemes]},
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

    def locked(self, request, queryset):
        """The selected videos locked for this action, or None (and a message) when an
        import holds one of them."""
        try:
            return lock_rows(Video.objects.filter(pk__in=queryset).order_by("pk"))
        except RowBusy:
            messages.error(
                request,
                "Some of these videos are being written by an import or a restore "
                "that is still running, so nothing was changed. Try again in a minute.",
            )
            return None

    def save_formset(self, request, form, formset, change):
        if formset.model is Essay:
            for essay_form in formset.forms:
                if essay_form.instance.author_id is None:
                    essay_form.instance.author = request.user
        super().save_formset(request, form, formset, change)
