"""Publishing that can't trip, and the review trail (issue 17, items 1 and 3)."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import form_data
from tests.editorial.review_helpers import (
    change_url,
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


def test_the_whole_path_is_recorded_and_shown_newest_first(client):
    entry = make_entry(status=Status.DRAFT)
    writer = log_in_as(client, "Writers")
    post_change_form(client, entry, _submit_for_review="Submit")
    checker = log_in_as(client, "Fact-checkers")
    post_change_form(client, entry, _send_back="Send", review_comment="Add a source.")
    client.force_login(writer)
    post_change_form(client, entry, _submit_for_review="Submit")
    client.force_login(checker)
    post_change_form(client, entry, _approve="Approve")
    publisher = log_in_as(client, "Publishers")
    post_change_form(client, entry, _publish="Publish")

    steps = list(entry.review_steps.order_by("at", "id"))
    assert [(s.action, s.user) for s in steps] == [
        (ReviewStep.Action.SUBMITTED, writer),
        (ReviewStep.Action.SENT_BACK, checker),
        (ReviewStep.Action.SUBMITTED, writer),
        (ReviewStep.Action.APPROVED, checker),
        (ReviewStep.Action.PUBLISHED, publisher),
    ]
    page = client.get(change_url(entry))
    assert page.context["review_steps"] == steps[::-1]
    html = page.content.decode()
    assert "Add a source." in html
    assert html.index("Approved</strong>") < html.index("Sent back</strong>")


def test_the_review_queues_list_what_awaits_each_role(client):
    make_entry("Waiting Song", status=Status.IN_REVIEW)
    make_entry("Approved Song")
    returned = make_entry("Returned Song", status=Status.DRAFT)
    ReviewStep.objects.create(
        video=returned,
        action=ReviewStep.Action.SENT_BACK,
        from_status=Status.IN_REVIEW,
        to_status=Status.DRAFT,
        comment="Why?",
    )
    make_entry("Fresh Song", status=Status.DRAFT)

    def queue(name):
        response = client.get(reverse(CHANGELIST), {"queue": name})
        return [video.title for video in response.context["cl"].result_list]

    log_in_as(client, "Fact-checkers")
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Awaiting my review" in page and "Ready to publish" not in page
    assert queue("review") == ["Waiting Song"]
    assert queue("sent_back") == ["Returned Song"]
    log_in_as(client, "Publishers")
    page = client.get(reverse(CHANGELIST)).content.decode()
    assert "Ready to publish" in page and "Awaiting my review" not in page
    assert queue("publish") == ["Approved Song"]


def test_a_writer_cannot_publish_by_reverting_to_a_published_revision(client):
    entry = make_entry(status=Status.PUBLISHED, published_at=timezone.now())
    published_revision = entry.history.first()
    Video.objects.filter(pk=entry.pk).update(status=Status.DRAFT)
    log_in_as(client, "Writers")
    url = reverse(
        "admin:videos_video_simple_history",
        args=[entry.pk, published_revision.history_id],
    )
    page = client.get(url)
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    response = client.post(url, form_data(page, form_id))
    assert response.status_code == 200
    assert "straight to Published" in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT


def test_review_steps_are_listed_read_only_and_filter_by_action(client):
    entry = make_entry(status=Status.DRAFT)
    log_in_as(client, "Writers")
    post_change_form(client, entry, _submit_for_review="Submit")
    assert client.get(reverse("admin:videos_reviewstep_changelist")).status_code == 403
    log_in_as(client, "Fact-checkers")
    post_change_form(client, entry, _approve="Approve")
    steps = reverse("admin:videos_reviewstep_changelist")
    response = client.get(steps, {"action": "approved"})
    assert [step.action for step in response.context["cl"].result_list] == [
        ReviewStep.Action.APPROVED
    ]
    assert client.get(reverse("admin:videos_reviewstep_add")).status_code == 403
    step = entry.review_steps.first()
    page = client.get(reverse("admin:videos_reviewstep_change", args=[step.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()


def test_a_scheduled_entry_appears_on_time_and_not_before(client):
    import time_machine
    from django.test import Client

    log_in_as(client, "Publishers")
    video = make_entry("Due Song", slug="due-song")
    day = timezone.localtime() + timedelta(days=2)
    response = post_change_form(
        client,
        video,
        status="published",
        published_at_0=day.strftime("%Y-%m-%d"),
        published_at_1="09:00:00",
    )
    assert response.status_code == 302
    reader = Client()
    assert reader.get("/videos/due-song/").status_code == 404
    assert "Due Song" not in reader.get("/timeline.json").content.decode()
    with time_machine.travel(day + timedelta(days=1), tick=False):
        assert reader.get("/videos/due-song/").status_code == 200
        assert "Due Song" in reader.get("/timeline.json").content.decode()
