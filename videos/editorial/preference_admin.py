"""Each editor's own public credit: whether a video's public Changes names them. An
editor sees and changes only their own choice."""

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse

from videos.models import EditorPreference


@admin.register(EditorPreference)
class EditorPreferenceAdmin(admin.ModelAdmin):
    fields = ["named_in_public_changes"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(user=request.user)

    def changelist_view(self, request, extra_context=None):
        """Straight to the editor's own choice (made on first visit)."""
        own = self.get_queryset(request).first()
        if own is None:
            return redirect(reverse("admin:videos_editorpreference_add"))
        return redirect(reverse("admin:videos_editorpreference_change", args=[own.pk]))

    def has_add_permission(self, request):
        chosen = EditorPreference.objects.filter(user=request.user).exists()
        return super().has_add_permission(request) and not chosen

    def has_change_permission(self, request, obj=None):
        mine = obj is None or obj.user_id == request.user.pk
        return super().has_change_permission(request, obj) and mine

    def has_view_permission(self, request, obj=None):
        mine = obj is None or obj.user_id == request.user.pk
        return super().has_view_permission(request, obj) and mine

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        obj.user = request.user
        super().save_model(request, obj, form, change)
