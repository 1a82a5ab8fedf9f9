"""What the admin index shows an editor first (issue 17, item 8): their drafts, what
awaits review or publication, what is scheduled, and readers' new corrections.

Each section is built here with two queries (a count and its first rows), so the
template (templates/admin/index.html) only reads attributes.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from videos.models import Correction, Video

ROWS_PER_SECTION = 5
Status = Video.Status


@dataclass
class Row:
    label: str
    url: str
    detail: str = ""


@dataclass
class Section:
    title: str
    count: int
    list_url: str  # the change list showing all of them
    rows: list[Row] = field(default_factory=list)
    empty: str = "Nothing here."


def dashboard_for(user):
    """The sections `user` may see, in the order an editor works through them."""
    if not user.has_perm("videos.view_video"):
        return []
    sections = [
        video_section("My drafts", my_drafts(user), "no drafts of yours"),
        video_section(
            "Awaiting review",
            Video.objects.filter(status=Status.IN_REVIEW).order_by("-updated_at"),
            "nothing awaits review",
            stage=Status.IN_REVIEW,
        ),
        video_section(
            "Ready to publish",
            Video.objects.filter(status=Status.APPROVED).order_by("-updated_at"),
            "nothing approved awaits publication",
            stage=Status.APPROVED,
        ),
        video_section(
            "Scheduled",
            scheduled().order_by("published_at"),
            "nothing is scheduled",
            stage="scheduled",
        ),
    ]
    if user.has_perm("videos.view_correction") and admin.site.is_registered(Correction):
        sections.append(corrections_section())
    return sections


def my_drafts(user):
    """Drafts `user` created, or was the last to change (their history records say)."""
    records = Video.history.filter(id=OuterRef("pk"))
    last_editor = records.order_by("-history_date", "-history_id")
    created_by_user = Video.history.filter(history_type="+", history_user=user)
    return (
        Video.objects.filter(status=Status.DRAFT)
        .annotate(last_editor=Subquery(last_editor.values("history_user")[:1]))
        .filter(Q(last_editor=user.pk) | Q(pk__in=created_by_user.values("id")))
        .order_by("-updated_at")
    )


def scheduled():
    return Video.objects.filter(
        status=Status.PUBLISHED, published_at__gt=timezone.now()
    )


def video_section(title, videos, empty, stage=None):
    rows = list(
        videos.only("pk", "title", "published_at", "updated_at")[:ROWS_PER_SECTION]
    )
    list_filter = stage_filter(stage) if stage else listed(videos)
    return Section(
        title=title,
        count=videos.count(),
        list_url=changelist_url("videos_video", list_filter),
        rows=[video_row(video, stage) for video in rows],
        empty=f"Nothing here: {empty}.",
    )


def video_row(video, stage):
    if stage == "scheduled":
        detail = "goes public " + local_time(video.published_at)
    else:
        detail = "changed " + local_time(video.updated_at)
    url = reverse("admin:videos_video_change", args=[video.pk])
    return Row(label=video.title, url=url, detail=detail)


def listed(videos):
    """A change list filter naming `videos` ("mine" is not one of the list's filters)."""
    ids = ",".join(str(pk) for pk in videos.values_list("pk", flat=True))
    return {"id__in": ids} if ids else {"status__exact": Status.DRAFT}


def stage_filter(stage):
    """The change list's filter for a stage: the workflow's ?stage= where the video
    admin has it, else the status itself."""
    video_admin = admin.site.get_model_admin(Video)
    has_stage_filter = any(
        getattr(list_filter, "parameter_name", None) == "stage"
        for list_filter in video_admin.list_filter
    )
    if has_stage_filter:
        return {"stage": stage}
    if stage == "scheduled":
        return {"status__exact": Status.PUBLISHED, "published_at__gt": timezone.now()}
    return {"status__exact": stage}


def corrections_section():
    new = Correction.objects.filter(status=Correction.Status.NEW)
    newest = new.select_related("video").order_by("-submitted_at")
    return Section(
        title="Recent corrections",
        count=new.count(),
        list_url=changelist_url(
            "videos_correction", {"status__exact": Correction.Status.NEW}
        ),
        rows=[
            Row(
                label=f"{correction.video.title}: {shorten(correction.text)}",
                url=reverse("admin:videos_correction_change", args=[correction.pk]),
                detail="sent " + local_time(correction.submitted_at),
            )
            for correction in newest[:ROWS_PER_SECTION]
        ],
        empty="Nothing here: no new corrections from readers.",
    )


def changelist_url(name, query):
    return f"{reverse(f'admin:{name}_changelist')}?{urlencode(query)}"


def local_time(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def shorten(text, length=80):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
