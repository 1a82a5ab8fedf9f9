"""How the admin saves: text first, images never at its expense, thumbnails afterwards.

- A save runs in `deferred_version()`: the collection's version row is the last thing it
  locks, for the moment before commit, so it never waits on (or deadlocks with) an
  import that holds video rows, and an import never waits long on it.
- An uploaded image is written before the row; if it can't be (a full or read-only media
  folder), the rest of the edit is saved without it and the editor is told why.
- Thumbnails are drawn by a job once the save commits (videos/editorial/jobs.py); if the
  media folder can't be written now, the editor is told, and the job retries later.
"""

from django.contrib import messages
from django.db.models.fields.files import FieldFile

from videos.editorial.images import describe_failure, media_problem
from videos.editorial.jobs import start_thumbnails
from videos.models import Job
from videos.models.versions import deferred_version


class VersionLastMixin:
    """Every admin write takes the collection's version once, as its last write."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with deferred_version():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST":
            return super().changelist_view(request, extra_context)
        with deferred_version():  # actions and list edits
            return super().changelist_view(request, extra_context)


class SafeImageWritesMixin:
    """Uploaded images that can't be written don't cost the editor the rest of the edit."""

    image_fields = []

    def save_model(self, request, obj, form, change):
        for name in self.image_fields:
            self.write_upload(request, obj, name)
        super().save_model(request, obj, form, change)

    def write_upload(self, request, obj, name):
        upload = getattr(obj, name)
        if not upload or upload._committed:
            return
        try:
            upload.save(upload.name, upload.file, save=False)
        except OSError as error:
            self.keep_stored_image(obj, name)
            label = obj._meta.get_field(name).verbose_name
            messages.warning(
                request,
                f"The new {label} was not saved: {describe_failure(error)}. Your other "
                f"changes were saved; upload the {label} again once it can be stored.",
            )

    @staticmethod
    def keep_stored_image(obj, name):
        """Put the field (and its width and height) back as the database has them."""
        field = obj._meta.get_field(name)
        names = [name, field.width_field, field.height_field]
        stored = dict.fromkeys(names)
        if obj.pk:
            stored = type(obj).objects.filter(pk=obj.pk).values(*names).get()
        obj.__dict__[name] = FieldFile(obj, field, stored[name] or "")
        setattr(obj, field.width_field, stored[field.width_field])
        setattr(obj, field.height_field, stored[field.height_field])


class ThumbnailAfterCommitMixin:
    """The video's thumbnail is drawn by a job once the save commits."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.queue_thumbnail(request, form.instance)

    def queue_thumbnail(self, request, video):
        start_thumbnails([video.pk], user=request.user)
        if problem := media_problem():
            messages.warning(
                request,
                f"The image wasn't updated: {problem}. Your changes were saved; the "
                "thumbnail will be drawn again automatically once the media folder "
                "can be written.",
            )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and str(object_id).isdigit():
            self.warn_of_thumbnail_trouble(request, int(object_id))
        return super().change_view(request, object_id, form_url, extra_context)

    def warn_of_thumbnail_trouble(self, request, video_id):
        job = Job.objects.thumbnail_trouble(video_id)
        if job is None:
            return
        reason = job.report.get("failed", {}).get(str(video_id), job.error)
        later = (
            "It will be tried again automatically."
            if job.status == Job.Status.RETRYING
            else "Save the video again to retry."
        )
        messages.warning(
            request, f"This video's thumbnail could not be drawn ({reason}). {later}"
        )
