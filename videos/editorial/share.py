"""Share links: a draft readable without logging in, for a while (issue 17, item 2).

A link carries the video's id, signed with the site's secret and the time it was made
(TimestampSigner, with a salt used for nothing else), so it can't be forged, altered or
pointed at another video, and is refused once SHARE_LINK_MAX_AGE has passed. It shows the
entry as it stands when read, so a fix made after sharing is seen without a new link;
once the entry is public it leads to the public page. Nothing is stored, so a link can't
be withdrawn before it expires (changing SECRET_KEY withdraws every link at once).

The page is the public video page with a banner, read-only, and is never cached (not by
the page cache: no @cached_page; not by browsers or proxies: Cache-Control) or indexed.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html

from videos.editorial.preview import private, render_preview
from videos.models import Video

SHARE_SALT = "videos.editorial.share"


def share_token(video):
    return signing.TimestampSigner(salt=SHARE_SALT).sign(str(video.pk))


def shared_video_id(token):
    """The video id a token was made for; SignatureExpired (a BadSignature) once it is
    older than SHARE_LINK_MAX_AGE, BadSignature when it was not made here as it is."""
    signer = signing.TimestampSigner(salt=SHARE_SALT)
    value = signer.unsign(token, max_age=settings.SHARE_LINK_MAX_AGE)
    if not value.isdigit():
        raise signing.BadSignature("Not a video id.")
    return int(value)


def share_link(request, video):
    """The absolute address of a new share link to `video`, and when it expires."""
    path = reverse("videos:shared_video", args=[share_token(video)])
    expires = timezone.now() + settings.SHARE_LINK_MAX_AGE
    return request.build_absolute_uri(path), expires


def shared_video(request, token):
    try:
        video_id = shared_video_id(token)
    except signing.SignatureExpired:
        return refused(request, "expired", 410)
    except signing.BadSignature:
        return refused(request, "unknown", 404)
    video = Video.objects.for_detail().filter(pk=video_id).first()
    if video is None:
        return refused(request, "deleted", 404)
    if video.is_public:
        return private(redirect(video))
    banner = {"shared": True, "expires": signed_at(token) + settings.SHARE_LINK_MAX_AGE}
    return render_preview(request, video, banner)


def signed_at(token):
    signer = signing.TimestampSigner(salt=SHARE_SALT)
    timestamp = token.rsplit(signer.sep, 2)[1]
    seconds = signing.b62_decode(timestamp)
    return datetime.fromtimestamp(seconds, tz=UTC)


def refused(request, reason, status):
    """Why a share link shows nothing, in words (never indexed, never cached either)."""
    context = {"reason": reason, "max_age": settings.SHARE_LINK_MAX_AGE}
    return private(render(request, "videos/share_refused.html", context, status=status))


class ShareLinkMixin:
    """…/video/<id>/share/ on a ModelAdmin of Video: makes a share link to the entry and
    shows it to the editor."""

    def get_urls(self):
        info = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view(self.share_view)
        return [
            path("<path:object_id>/share/", view, name=f"{info}_share"),
            *super().get_urls(),
        ]

    def share_view(self, request, object_id):
        video = self.get_object(request, unquote(object_id))
        if video is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, video):
            raise PermissionDenied
        if video.is_public:
            messages.info(request, "This video is public: share its page's address.")
        else:
            messages.success(request, share_message(*share_link(request, video)))
        change_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
        return redirect(change_url, video.pk)


def share_message(link, expires):
    until = date_format(timezone.localtime(expires), "j F Y, H:i T")
    return format_html(
        "Share link made. Anyone with it can read this entry as it stands, without "
        "logging in, until {} (it can't be withdrawn before then): "
        '<a href="{}">{}</a>',
        until,
        link,
        link,
    )
