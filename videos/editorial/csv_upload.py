"""The admin's CSV upload: the same import as `manage.py import_videos`, for editors.

The upload is checked for size and encoding here; the import itself is a job, and the
editor is sent to its page to follow it (the request never waits on the rows)."""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from videos.editorial.csv_import import decode_upload
from videos.editorial.csv_rows import COLUMNS
from videos.editorial.jobs import start_csv_import
from videos.models import Job


class ImportForm(forms.Form):
    csv_file = forms.FileField(
        label="CSV file",
        help_text=f"UTF-8, with the columns {', '.join(COLUMNS)}; several values in "
        "one cell are separated by “; ”.",
    )

    def clean_csv_file(self):
        upload = self.cleaned_data["csv_file"]
        if upload.size > settings.MAX_UPLOAD_BYTES:
            limit = settings.MAX_UPLOAD_BYTES // (1024 * 1024)
            raise forms.ValidationError(f"The file is larger than {limit} MB.")
        text = decode_upload(upload.read())
        if text is None:
            raise forms.ValidationError(
                "The file is not UTF-8 text; save it from the spreadsheet as "
                "“CSV UTF-8”."
            )
        return text


class VideoImportMixin:
    """An upload form at …/video/import/, for editors who may add videos."""

    import_template = "admin/videos/video/import_form.html"

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.import_view)
        name = f"{opts.app_label}_{opts.model_name}_import"
        return [path("import/", view, name=name), *super().get_urls()]

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if form.is_valid():
            upload = request.FILES["csv_file"]
            job = start_csv_import(
                form.cleaned_data["csv_file"], name=upload.name[:200], user=request.user
            )
            return redirect("admin:videos_job_change", job.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import videos from CSV",
            "form": form,
            "recent_imports": Job.objects.filter(kind=Job.Kind.CSV_IMPORT)[:5],
        }
        return TemplateResponse(request, self.import_template, context)
