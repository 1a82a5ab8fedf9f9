"""Publishing that can't trip, and the review trail (issue 17, items 1 and 3)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.editorial.review_helpers import (
    log_in_as,
    make_entry,
    post_change_form,
)
from tests.factories import make_video
from videos.models import ReviewStep, Video

pytestmark = pytest.mark.django_db

Status = Video.Status
CHANGELIST = "admin:videos_video_changelist"
CONSTRAINT = "published_video_has_publication_time"


def test_publishing_without_a_time_fills_it_with_now(client):
    log_in_as(client, "Publishers")
    video = make_entry()
    before = timezone.now()
    response = post_change_form(
        client, video, status="published", published_at_0="", published_at_1=""
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.status == Status.PUBLISHED
    assert before <= video.published_at <= timezone.now()
    assert Video.objects.published().filter(pk=video.pk).exists()


def test_the_publish_button_fills_the_time_too(client):
    log_in_as(client, "Publishers")
    video = make_entry()
    response = post_change_form(client, video, _publish="Publish")
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.is_public
    assert video.review_steps.get().action == ReviewStep.Action.PUBLISHED


def test_a_time_given_with_published_is_kept(client):
    log_in_as(client, "Publishers")
    video = make_entry()
    post_change_form(
        client,
        video,
        status="published",
        published_at_0="2020-05-01",
        published_at_1="09:30:00",
    )
    video.refresh_from_db()
    assert video.status == Status.PUBLISHED
    assert video.published_at.year == 2020


def test_a_bogus_time_is_a_field_error_not_a_constraint_message(client):
    log_in_as(client, "Publishers")
    video = make_entry()
    response = post_change_form(
        client,
        video,
        status="published",
        published_at_0="31 Febtember",
        published_at_1="x",
    )
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
    assert CONSTRAINT not in response.content.decode()
    video.refresh_from_db()
    assert video.status == Status.APPROVED


def test_an_editor_adds_a_published_video_without_a_time(client, editor):
    from tests.editorial.test_admin import new_video_form

    data = new_video_form(published_at_0="", published_at_1="")
    data["claims-0-source_url"] = "https://example.org/rotoscoping"
    response = client.post(reverse("admin:videos_video_add"), data)
    assert response.status_code == 302, response.context["errors"]
    video = Video.objects.get(slug="take-on-me")
    assert video.is_public
    assert video.review_steps.get().action == ReviewStep.Action.PUBLISHED


def test_a_future_time_is_listed_and_filtered_as_scheduled(client, editor):
    make_video("Live Song")
    make_video("Coming Song", published_at=timezone.now() + timedelta(days=3))
    make_video("Draft Song", status="draft", published_at=None)
    page = client.get(reverse(CHANGELIST))
    assert "Scheduled" in page.content.decode()
    stages = {video.title: video.stage for video in page.context["cl"].result_list}
    assert stages == {
        "Live Song": "Published",
        "Coming Song": "Scheduled",
        "Draft Song": "Draft",
    }

    def titles(stage):
        response = client.get(reverse(CHANGELIST), {"stage": stage})
        return [video.title for video in response.context["cl"].result_list]

    assert titles("scheduled") == ["Coming Song"]
    assert titles("published") == ["Live Song"]
    assert titles("draft") == ["Draft Song"]


def test_scheduling_records_a_scheduled_step(client):
    log_in_as(client, "Publishers")
    video = make_entry()
    post_change_form(
        client,
        video,
        _publish="Publish",
        published_at_0=(timezone.now() + timedelta(days=2)).strftime("%Y-%m-%d"),
        published_at_1="12:00:00",
    )
    video.refresh_from_db()
    assert video.is_scheduled
    assert video.review_steps.get().action == ReviewStep.Action.SCHEDULED
