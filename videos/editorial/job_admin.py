"""The jobs' pages in the admin: a list, and one page per job that follows its progress."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone

from videos.editorial.progress import live_progress
from videos.models import Job

# While a job runs, its page reloads itself this often (no script needed).
REFRESH_SECONDS = 2


def record_lost(job):
    job.status, job.finished_at = Job.Status.FAILED, timezone.now()
    job.error = (
        "It stopped without finishing: its worker was stopped or the server restarted. "
        "An import or a restore writes in one transaction, so it left nothing behind; "
        "start it again."
    )
    job.save(update_fields=["status", "finished_at", "error"])


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["__str__", "name", "status", "progress", "created_by", "created_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["created_by"]
    list_per_page = 50

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="progress")
    def progress(self, job):
        return f"{job.done} of {job.total}" if job.total else "—"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, unquote(object_id))
        if job is None:
            raise Http404
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        if job.seems_lost():
            record_lost(job)
        progress = live_progress(job)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(job),
            "job": job,
            "progress": progress,
            "percent": round(100 * progress["done"] / progress["total"])
            if progress["total"]
            else 0,
            "refresh_seconds": None if job.finished else REFRESH_SECONDS,
        }
        return TemplateResponse(request, "admin/videos/job/progress.html", context)
