"""An editor sees an entry as readers will, before it is public (issue 17, item 2).

The video's admin answers at …/video/<id>/preview/ with the public video page's template
and context (videos/pages/views.py) under a "Preview — not public" banner:

- GET: the entry as saved, whatever its status (the "Preview" button above the form);
- POST, from the change form's "Preview changes" button: the form's unsaved values. The
  admin's form and inlines are built and validated as the change view builds them, then
  saved inside a transaction that is always rolled back and never takes the archive's
  version (videos/models/versions.py): nothing persists, no history row is kept, no
  cached page, facet index or log entry is retired, and no on-commit hook runs (search
  vectors, thumbnails). Image uploads are left out, because a file is written to the
  media folder when it is saved, and a rollback can't unwrite it. Invalid values are
  listed in words; nothing is previewed until they are fixed.

Share links (videos/editorial/share.py) render the same page for readers without a login.
Neither page is ever cached or indexed (`private`).
"""

import logging

from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.forms.formsets import all_valid
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.cache import add_never_cache_headers

from videos.models import Video
from videos.models.versions import rolled_back_without_version
from videos.pages.views import video_page_context

logger = logging.getLogger(__name__)
PREVIEW_TEMPLATE = "videos/video_preview.html"
ERRORS_TEMPLATE = "admin/videos/video/preview_errors.html"
DATABASE_REFUSAL = (
    "These values break one of the archive's rules that the form doesn't check "
    "itself (such as a published video needing a publication time), so the database "
    "refused them."
)


def private(response):
    """Never stored by a browser or a proxy, never indexed by a search engine."""
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def render_preview(request, video, banner):
    """`video` (read with `for_detail()`) on its public page, under the preview banner."""
    context = {**video_page_context(video), "preview": banner}
    return private(render(request, PREVIEW_TEMPLATE, context))


def error_lines(form, formsets):
    """Every error of the form and its inlines, as a sentence naming where it is."""
    lines = list(labelled_errors(form, ""))
    for formset in formsets:
        name = formset.model._meta.verbose_name
        lines += [
            f"{name.capitalize()}: {error}" for error in formset.non_form_errors()
        ]
        for number, inline_form in enumerate(formset.forms, 1):
            if getattr(inline_form, "cleaned_data", {}).get("DELETE"):
                continue
            lines += labelled_errors(inline_form, f"{name.capitalize()} {number}, ")
    return lines


def labelled_errors(form, where):
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = field.label if field and field.label else name.replace("_", " ")
        for error in errors:
            if name == "__all__":
                yield f"{where}{error}" if where else error
            else:
                yield f"{where}{label.lower() if where else label}: {error}"


class PreviewMixin:
    """Preview, saved or unsaved, for a ModelAdmin of Video."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        wrap = self.admin_site.admin_view
        return [
            path("preview/", wrap(self.preview_view), name=f"{info}_preview_new"),
            path(
                "<path:object_id>/preview/",
                wrap(self.preview_view),
                name=f"{info}_preview",
            ),
            *super().get_urls(),
        ]

    def view_on_site(self, video):
        """The "View on site" link only where there is a public page; a draft's would
        be a 404 (the "Preview" button shows the draft instead)."""
        return video.get_absolute_url() if video.is_public else None

    def preview_view(self, request, object_id=None):
        video = (
            None if object_id is None else self.get_object(request, unquote(object_id))
        )
        if object_id is not None and video is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if request.method == "POST":
            return self.preview_unsaved(request, video)
        if video is None:  # a new entry has nothing saved to show
            return redirect(f"admin:{self.opts.app_label}_{self.opts.model_name}_add")
        if not self.has_view_or_change_permission(request, video):
            raise PermissionDenied
        saved = Video.objects.for_detail().get(pk=video.pk)
        return render_preview(request, saved, self.banner(request, saved, False))

    def preview_unsaved(self, request, video):
        change = video is not None
        if not (
            self.has_change_permission(request, video)
            if change
            else self.has_add_permission(request)
        ):
            raise PermissionDenied
        try:
            with rolled_back_without_version():
                return self.preview_in_transaction(request, video, change)
        except IntegrityError as error:
            # A rule only the database checks; its own words are not an editor's.
            logger.warning("Preview of video %s refused: %s", video and video.pk, error)
            return self.preview_refused(request, video, [DATABASE_REFUSAL])

    def preview_in_transaction(self, request, video, change):
        form, formsets = self.preview_forms(request, video, change)
        form_valid = form.is_valid()
        if not (all_valid(formsets) and form_valid):
            return self.preview_refused(request, video, error_lines(form, formsets))
        saved = self.save_form(request, form, change)
        saved.save()
        form.save_m2m()
        for formset in formsets:
            self.save_formset(request, form, formset, change)
        shown = Video.objects.for_detail().get(pk=saved.pk)
        return render_preview(request, shown, self.banner(request, shown, True))

    def preview_forms(self, request, video, change):
        """The change form and its inlines as the change view builds them, without the
        image fields (uploads are never written for a preview)."""
        fields = flatten_fieldsets(self.get_fieldsets(request, video))
        fields = [name for name in fields if name not in self.image_fields]
        form_class = self.get_form(request, video, change=change, fields=fields)
        form = form_class(request.POST, instance=video)
        formsets, _inlines = self._create_formsets(request, form.instance, change)
        return form, formsets

    def banner(self, request, video, unsaved):
        """What the banner says: unsaved changes (shown from a form, so the way back is
        that form's tab), or the saved entry (with a link to edit it)."""
        images_left_out = any(
            name in request.FILES or f"{name}-clear" in request.POST
            for name in self.image_fields
        )
        change_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return {
            "unsaved": unsaved,
            "images_left_out": images_left_out,
            "edit_url": None if unsaved else reverse(change_url, args=[video.pk]),
        }

    def preview_refused(self, request, video, errors):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": video,
            "title": "This preview can't be shown yet",
            "errors": errors,
        }
        return render(request, ERRORS_TEMPLATE, context, status=400)
