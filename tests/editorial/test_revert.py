"""Reverting a video to an earlier revision restores its whole entry, in one transaction,
on SQLite and PostgreSQL alike, and only for editors who may change videos."""

import io
import re
import time

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.admin_forms import form_data, make_editor
from tests.factories import make_technique, make_video
from videos.models import Job, Precedent, Video, VideoTechnique

# Committed for real: the revert that failed on PostgreSQL did so outside a transaction.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("editors_group"),
]


def jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (160, 90), colour).save(buffer, format="JPEG")
    return buffer.getvalue()


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def revert_url(video, record):
    args = [video.pk, record.history_id]
    return reverse("admin:videos_video_simple_history", args=args)


def submit_revert(client, video, record):
    page = client.get(revert_url(video, record))
    assert page.status_code == 200
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    return client.post(revert_url(video, record), form_data(page, form_id))


def settle_jobs(seconds=30):
    """Wait for the thumbnails queued after each save (run in threads here)."""
    deadline = time.monotonic() + seconds
    while Job.objects.exclude(status__in=Job.FINISHED).exists():
        assert time.monotonic() < deadline, "jobs still running"
        time.sleep(0.05)


@pytest.fixture
def cry(settings):
    """A video with every part, as its first revision left it."""
    settings.JOB_RUNNER = "thread"
    earlier = make_video("Ghosts", year=1982)
    rotoscoping = make_technique("Rotoscoping")
    # A draft: a published entry may not lose its only source (publish checks).
    video = make_video(
        "Cry",
        year=1985,
        verdict="justified",
        techniques=[rotoscoping],
        status="draft",
        published_at=None,
    )
    Precedent.objects.create(later=video, earlier=earlier, note="Faces again.")
    video.still = default_storage.save("stills/cry.jpg", ContentFile(jpeg("red")))
    video.still_width, video.still_height = 160, 90
    video.save()
    return video


def test_revert_restores_the_video_with_its_essay_claims_sources_and_precedents(cry):
    first_revision = cry.history.first()
    client = Client()
    editor = make_editor(client)
    claim = cry.claims.get()
    page = client.get(change_url(cry))
    changed = form_data(
        page,
        "video_form",
        title="Cry (retitled by mistake)",
        still=SimpleUploadedFile("blue.jpg", jpeg("blue"), "image/jpeg"),
        **{
            "essay-0-headline": "A headline by mistake",
            "claims-0-usage": "A usage by mistake.",
            "sources-0-DELETE": "on",
            "precedent_links-0-DELETE": "on",
        },
    )
    assert client.post(change_url(cry), changed).status_code == 302
    settle_jobs()
    VideoTechnique.objects.create(video=cry, technique=make_technique("Deepfake"))
    cry.refresh_from_db()
    assert cry.still.name != "stills/cry.jpg" and not cry.sources.exists()
    changed_at = cry.updated_at

    response = submit_revert(client, cry, first_revision)
    settle_jobs()

    assert response.status_code == 302
    cry.refresh_from_db()
    assert cry.title == "Cry" and cry.updated_at > changed_at
    assert cry.essay.headline == "On Cry"
    assert [(c.pk, c.technique.name, c.usage) for c in cry.claims.all()] == [
        (claim.pk, "Rotoscoping", "")
    ]
    assert [s.url for s in cry.sources.all()] == ["https://example.org/s"]
    assert [(p.earlier.title, p.note) for p in cry.precedent_links.all()] == [
        ("Ghosts", "Faces again.")
    ]
    assert (cry.still.name, cry.still_width, cry.still_height) == (
        "stills/cry.jpg",
        160,
        90,
    )
    assert cry.thumbnail.name.startswith("thumbnails/cry-")
    assert default_storage.exists(cry.thumbnail.name)
    with Image.open(cry.thumbnail.open("rb")) as thumbnail:  # drawn from the red still
        red, green, blue = thumbnail.convert("RGB").getpixel((320, 180))
    assert red > 150 and green < 80 and blue < 80
    assert cry.history.first().history_user == editor


def test_a_revert_that_fails_validation_changes_nothing(cry):
    first_revision = cry.history.first()
    client = Client()
    make_editor(client)
    page = client.get(revert_url(cry, first_revision))
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    data = form_data(page, form_id, year="1850")
    response = client.post(revert_url(cry, first_revision), data)
    assert response.status_code == 200
    cry.refresh_from_db()
    assert cry.year == 1985


def test_a_stale_revert_form_is_refused(cry):
    first_revision = cry.history.first()
    client = Client()
    make_editor(client)
    page = client.get(revert_url(cry, first_revision))
    Video.objects.get(pk=cry.pk).save()  # someone saves meanwhile
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    response = client.post(revert_url(cry, first_revision), form_data(page, form_id))
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()


def test_a_view_only_user_cannot_revert(cry):
    first_revision = cry.history.first()
    client = Client()
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_video"))
    client.force_login(viewer)
    Video.objects.filter(pk=cry.pk).update(title="Cry, as it is now")

    page = client.get(revert_url(cry, first_revision))
    assert page.status_code == 200  # they may look at it
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    response = client.post(revert_url(cry, first_revision), form_data(page, form_id))

    assert response.status_code == 403
    assert Video.objects.get(pk=cry.pk).title == "Cry, as it is now"
