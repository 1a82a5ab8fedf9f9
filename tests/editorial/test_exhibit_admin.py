"""Editors build, order and publish exhibits in the admin (issue 16)."""

import pytest

from tests.editorial.test_admin import inline_management
from tests.factories import make_video
from videos.models import Exhibit

pytestmark = pytest.mark.django_db

ADD = "/admin/videos/exhibit/add/"


def new_exhibit_form(first, second, moment=None):
    prefix = "stops"
    return {
        "title": "Two faces",
        "slug": "two-faces",
        "introduction": "Why these two.",
        "status": "draft",
        **inline_management(prefix, total=2),
        f"{prefix}-0-position": "1",
        f"{prefix}-0-video": str(first.pk),
        f"{prefix}-0-moment": str(moment.pk) if moment else "",
        f"{prefix}-0-text": "The first.",
        f"{prefix}-1-position": "2",
        f"{prefix}-1-video": str(second.pk),
        f"{prefix}-1-text": "The second.",
    }


def test_an_editor_adds_an_exhibit_with_ordered_stops(client, editor):
    first, second = make_video("First"), make_video("Second")
    assert client.get(ADD).status_code == 200
    response = client.post(ADD, new_exhibit_form(first, second))
    assert response.status_code == 302, response.content.decode()[:2000]
    exhibit = Exhibit.objects.get(slug="two-faces")
    assert [stop.video for stop in exhibit.stops.all()] == [first, second]
    assert exhibit.status == Exhibit.Status.DRAFT  # private until published
    assert client.get("/exhibits/two-faces/").status_code == 404


def test_a_stop_cannot_start_at_another_videos_moment(client, editor):
    first, second = make_video("First"), make_video("Second")
    elsewhere = second.moments.create(
        seconds=5, what="Elsewhere", source_url="https://example.org"
    )
    response = client.post(ADD, new_exhibit_form(first, second, moment=elsewhere))
    assert response.status_code == 200
    assert "Pick a moment of this stop" in response.content.decode()
    assert not Exhibit.objects.exists()


def test_the_publish_action_makes_an_exhibit_public(client, editor):
    first, second = make_video("First"), make_video("Second")
    client.post(ADD, new_exhibit_form(first, second))
    exhibit = Exhibit.objects.get(slug="two-faces")
    client.post(
        "/admin/videos/exhibit/",
        {"action": "publish", "_selected_action": [exhibit.pk]},
    )
    exhibit.refresh_from_db()
    assert exhibit.is_public
    assert client.get("/exhibits/two-faces/").status_code == 200
