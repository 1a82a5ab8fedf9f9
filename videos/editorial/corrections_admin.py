"""The readers' corrections queue (issue 17, item 7). Readers send corrections from the
public site (videos/pages/corrections.py); here a fact-checker, publisher or editor reads
them, newest first, and accepts or declines each with a note. What readers wrote stays as
they wrote it, read-only and escaped like any text the admin shows; an accepted correction
changes the public site only through the editor's own edit of the entry. Imported by the
app's ready() beside admin.py."""

from django.contrib import admin
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import Truncator

from videos.models import Correction

# Two or three lines of the list; by characters, so one unbroken 2,000-character word
# can't widen the column.
EXCERPT_CHARACTERS = 140
# Shown through display methods rather than the model's fields, whose help text is
# written for the reader filling the form in.
READERS_FIELDS = ["video_link", "reader_text", "name", "reply_to", "submitted_at"]
REVIEW_FIELDS = ["status", "reviewer_note", "reviewed_by", "reviewed_at"]


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["excerpt", "video_link", "status", "submitted_at", "reviewed_by"]
    list_display_links = ["excerpt"]
    list_filter = ["status"]
    list_select_related = ["video", "reviewed_by"]
    search_fields = ["text", "video__title"]
    ordering = ["-submitted_at", "-id"]
    list_per_page = 50
    fieldsets = [
        ("What the reader wrote", {"fields": READERS_FIELDS}),
        ("Review", {"fields": REVIEW_FIELDS}),
    ]
    readonly_fields = [*READERS_FIELDS, "reviewed_by", "reviewed_at"]

    def has_add_permission(self, request):
        return False  # corrections come from readers, through the public form

    @admin.display(description="correction")
    def excerpt(self, correction):
        # A plain string: the changelist escapes it, as it does every value.
        return Truncator(correction.text).chars(EXCERPT_CHARACTERS)

    @admin.display(description="video", ordering="video__title")
    def video_link(self, correction):
        video = correction.video
        change_page = reverse("admin:videos_video_change", args=[video.pk])
        return format_html('<a href="{}">{}</a>', change_page, video)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "status":
            field.help_text = (
                "Accepted: you have corrected the entry (or will). Declined: no source "
                "supports it. Who reviewed it, and when, is recorded as you save."
            )
        return field

    @admin.display(description="what the reader wrote")
    def reader_text(self, correction):
        # Escaped, then <br>s; wrapped anywhere (good-reason.css) so nothing is cut off.
        text = linebreaksbr(correction.text, autoescape=True)
        return format_html('<div class="readers-text">{}</div>', text)

    @admin.display(description="e-mail (to reply; never shown publicly)")
    def reply_to(self, correction):
        if not correction.email:
            return None  # the admin's empty value, as for the name
        return format_html('<a href="mailto:{0}">{0}</a>', correction.email)

    def save_model(self, request, obj, form, change):
        if {"status", "reviewer_note"} & set(form.changed_data):
            obj.reviewed_by, obj.reviewed_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)
