"""When images can't be written or drawn, the editor's text is saved, they are told
why, and the thumbnail is drawn later by the job queue (issue 12, item 7)."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.admin_forms import form_data, make_editor
from tests.factories import make_video
from videos.models import Job, Video


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def jpeg():
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), "red").save(buffer, format="JPEG")
    return SimpleUploadedFile("red.jpg", buffer.getvalue(), "image/jpeg")


def save(client, video, capture, **changes):
    data = form_data(client.get(change_url(video)), "video_form", **changes)
    with capture(execute=True):
        response = client.post(change_url(video), data)
    assert response.status_code == 302, response.context["errors"]
    return client.get(response.url)  # where the editor lands, with the messages


@pytest.mark.django_db
def test_a_title_change_is_saved_when_the_media_folder_cant_be_written(
    client, editor, unwritable_media, django_capture_on_commit_callbacks
):
    video = make_video("Take On Me", verdict="justified")
    page = save(
        client, video, django_capture_on_commit_callbacks, title="Take On Me (1985)"
    )
    assert Video.objects.get(pk=video.pk).title == "Take On Me (1985)"
    html = page.content.decode()
    assert (
        "The image wasn&#x27;t updated: the media folder can&#x27;t be written" in html
    )
    assert "Your changes were saved" in html
    job = Job.objects.get(kind=Job.Kind.THUMBNAILS)
    assert job.status == Job.Status.RETRYING and job.video_ids == [video.pk]


@pytest.mark.django_db
def test_an_upload_that_cant_be_stored_keeps_the_rest_of_the_edit(
    client, editor, unwritable_media, django_capture_on_commit_callbacks
):
    video = make_video("Take On Me", verdict="justified")
    page = save(
        client,
        video,
        django_capture_on_commit_callbacks,
        title="Take On Me (1985)",
        still=jpeg(),
    )
    video.refresh_from_db()
    assert video.title == "Take On Me (1985)"
    assert not video.still and video.still_width is None
    assert "The new still was not saved" in page.content.decode()


@pytest.mark.django_db
def test_the_video_page_says_its_thumbnail_waits_to_be_retried(
    client, editor, unwritable_media, django_capture_on_commit_callbacks
):
    video = make_video("Take On Me", verdict="justified")
    save(client, video, django_capture_on_commit_callbacks, title="Take On Me!")
    html = client.get(change_url(video)).content.decode()
    assert "thumbnail could not be drawn" in html
    assert "It will be tried again automatically." in html


@pytest.mark.django_db(transaction=True)
def test_the_thumbnail_is_drawn_when_a_retry_finds_the_media_folder_back(
    settings, unwritable_media, editors_group, wait_for_job
):
    settings.JOB_RUNNER, settings.JOB_RETRY_DELAYS = "thread", [0.5, 0.5]
    video = make_video("Take On Me", verdict="justified")
    client = Client()
    make_editor(client)
    data = form_data(client.get(change_url(video)), "video_form", title="Retitled")
    assert client.post(change_url(video), data).status_code == 302
    job = Job.objects.get(kind=Job.Kind.THUMBNAILS)
    deadline = time.monotonic() + 10
    while Job.objects.get(pk=job.pk).status != Job.Status.RETRYING:
        assert time.monotonic() < deadline, "the first attempt did not fail"
        time.sleep(0.02)
    unwritable_media()  # back before the retry
    job = wait_for_job(job)
    assert job.status == Job.Status.DONE and job.attempts == 2
    video.refresh_from_db()
    assert video.title == "Retitled"
    assert video.thumbnail.name.startswith("thumbnails/take-on-me-")
