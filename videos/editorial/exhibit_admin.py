"""Exhibits in the admin (issue 16): an editor writes the introduction, orders the stops
(a video, a moment of it if one helps, the connecting text) and publishes the exhibit
when it is ready; drafts stay private. Imported by the app's ready() beside admin.py."""

from django.contrib import admin, messages
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from videos.editorial.concurrent_edits import RefusesStaleSavesAdmin
from videos.editorial.saving import VersionLastMixin
from videos.models import Exhibit, ExhibitStop, Moment


class ExhibitStopInline(admin.StackedInline):
    model = ExhibitStop
    extra = 0
    fields = ["position", "video", "moment", "text"]
    autocomplete_fields = ["video"]
    ordering = ["position"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "moment":
            # Each moment names its video; read them in the same query.
            kwargs["queryset"] = Moment.objects.select_related("video").order_by(
                "video__year", "video__title", "seconds"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Exhibit)
class ExhibitAdmin(RefusesStaleSavesAdmin, VersionLastMixin, SimpleHistoryAdmin):
    list_display = ["title", "stop_count", "status", "published_at"]
    list_filter = ["status"]
    search_fields = ["title", "introduction"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    actions = ["publish", "unpublish"]
    inlines = [ExhibitStopInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "introduction"]}),
        (
            "Publication",
            {"fields": ["status", "published_at", "created_at", "updated_at"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("stops")

    @admin.display(description="stops")
    def stop_count(self, exhibit):
        return len(exhibit.stops.all())

    @admin.action(description="Publish now (keeps an earlier publication time)")
    def publish(self, request, queryset):
        now = timezone.now()
        exhibits = list(queryset)
        for exhibit in exhibits:
            exhibit.status = Exhibit.Status.PUBLISHED
            exhibit.published_at = exhibit.published_at or now
            exhibit.save(update_fields=["status", "published_at", "updated_at"])
        messages.success(request, f"Published {len(exhibits)} exhibit(s).")

    @admin.action(description="Unpublish (back to draft)")
    def unpublish(self, request, queryset):
        exhibits = list(queryset)
        for exhibit in exhibits:
            exhibit.status = Exhibit.Status.DRAFT
            exhibit.save(update_fields=["status", "updated_at"])
        messages.success(request, f"Moved {len(exhibits)} exhibit(s) back to draft.")
