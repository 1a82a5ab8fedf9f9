"""Who may move an entry where (issue 17, item 3), on every path: the change form, the
list's actions and the add form. Groups as the migration made them."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.editorial.review_helpers import (
    change_url,
    log_in_as,
    make_entry,
    post_change_form,
    shown_messages,
    status_choices,
)
from tests.editorial.test_admin import new_video_form
from videos.editorial import workflow
from videos.models import ReviewStep, Video

pytestmark = pytest.mark.django_db

Status = Video.Status
Action = ReviewStep.Action
CHANGELIST = "admin:videos_video_changelist"
ADD = "admin:videos_video_add"


def run_action(client, action, *videos):
    return client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [video.pk for video in videos]},
        follow=True,
    )


def offered_actions(client):
    page = client.get(reverse(CHANGELIST))
    return [name for name, _ in page.context["action_form"].fields["action"].choices]


def add_video(client, **changes):
    data = new_video_form(**changes)
    data["claims-0-source_url"] = "https://example.org/rotoscoping"
    return client.post(reverse(ADD), data)


def refused_on_status(response):
    assert response.status_code == 200
    return response.context["adminform"].form.errors.get("status", [])


# Writers


def test_a_writer_chooses_only_draft_or_in_review_for_a_draft(client):
    log_in_as(client, "Writers")
    draft = make_entry(status=Status.DRAFT)
    assert status_choices(client, draft) == ["draft", "in_review"]


def test_a_writer_submits_a_draft_for_review_with_the_button(client):
    writer = log_in_as(client, "Writers")
    draft = make_entry(status=Status.DRAFT)
    response = post_change_form(client, draft, _submit_for_review="Submit")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    step = draft.review_steps.get()
    assert (step.action, step.user, step.from_status) == (
        Action.SUBMITTED,
        writer,
        Status.DRAFT,
    )


def test_a_writer_cannot_publish_from_the_form_even_by_a_forged_post(client):
    log_in_as(client, "Writers")
    draft = make_entry(status=Status.DRAFT)
    response = post_change_form(client, draft, status="published")
    assert "straight to Published" in " ".join(refused_on_status(response))
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not draft.review_steps.exists()


def test_a_writer_cannot_approve_by_pressing_a_forged_button(client):
    log_in_as(client, "Writers")
    entry = make_entry(status=Status.IN_REVIEW)
    response = post_change_form(client, entry, _approve="Approve")
    assert refused_on_status(response) == [workflow.ONLY_FACT_CHECKERS]
    entry.refresh_from_db()
    assert entry.status == Status.IN_REVIEW


def test_a_writers_new_video_is_a_draft_or_in_review_never_published(client):
    log_in_as(client, "Writers")
    response = add_video(client)  # the form says published
    assert "straight to Published" in " ".join(refused_on_status(response))
    assert not Video.objects.filter(slug="take-on-me").exists()
    assert add_video(client, status="in_review").status_code == 302
    video = Video.objects.get(slug="take-on-me")
    assert video.status == Status.IN_REVIEW
    assert video.review_steps.get().action == Action.SUBMITTED


def test_a_writer_is_offered_only_the_submit_action(client):
    log_in_as(client, "Writers")
    assert "submit_for_review" in offered_actions(client)
    assert not {"approve", "publish", "unpublish"} & set(offered_actions(client))


def test_a_writers_forged_publish_action_publishes_nothing(client):
    log_in_as(client, "Writers")
    entry = make_entry()
    response = run_action(client, "publish", entry)
    assert "No action selected." in shown_messages(response)
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED


def test_a_writer_cannot_save_a_published_entry(client):
    log_in_as(client, "Writers")
    live = make_entry(status=Status.PUBLISHED, published_at="2020-01-01T00:00Z")
    response = post_change_form(client, live, title="Rewritten")
    assert refused_on_status(response) == [workflow.ONLY_PUBLISHERS_CHANGE_LIVE]
    live.refresh_from_db()
    assert live.title == "Ready Song"


def test_a_writers_edit_of_an_approved_entry_sends_it_back_to_review(client):
    writer = log_in_as(client, "Writers")
    entry = make_entry()
    response = post_change_form(client, entry, **{"essay-0-body": "Rewritten."})
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.IN_REVIEW
    step = entry.review_steps.get()
    assert (step.action, step.user, step.comment) == (
        Action.SUBMITTED,
        writer,
        workflow.BACK_IN_REVIEW,
    )


def test_a_writer_saving_an_approved_entry_unchanged_keeps_it_approved(client):
    log_in_as(client, "Writers")
    entry = make_entry()
    assert post_change_form(client, entry).status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED


# Fact-checkers


def test_a_fact_checker_cannot_add_videos(client):
    log_in_as(client, "Fact-checkers")
    assert client.get(reverse(ADD)).status_code == 403


def test_a_fact_checker_approves_an_entry_in_review(client):
    checker = log_in_as(client, "Fact-checkers")
    entry = make_entry(status=Status.IN_REVIEW)
    assert status_choices(client, entry) == ["draft", "in_review", "approved"]
    assert post_change_form(client, entry, _approve="Approve").status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED
    assert entry.review_steps.get().user == checker


def test_a_fact_checker_sends_back_with_a_comment(client):
    log_in_as(client, "Fact-checkers")
    entry = make_entry(status=Status.IN_REVIEW)
    response = post_change_form(
        client, entry, _send_back="Send back", review_comment="Cite the 1985 interview."
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == Status.DRAFT
    step = entry.review_steps.get()
    assert (step.action, step.comment) == (Action.SENT_BACK, "Cite the 1985 interview.")


def test_sending_back_without_a_comment_is_refused(client):
    log_in_as(client, "Fact-checkers")
    entry = make_entry(status=Status.IN_REVIEW)
    response = post_change_form(client, entry, _send_back="Send back")
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["review_comment"]
    assert errors == [workflow.COMMENT_NEEDED]
    assert workflow.COMMENT_NEEDED in response.content.decode()
    entry.refresh_from_db()
    assert entry.status == Status.IN_REVIEW and not entry.review_steps.exists()


def test_a_fact_checker_cannot_publish_by_form_or_action(client):
    log_in_as(client, "Fact-checkers")
    entry = make_entry()
    response = post_change_form(client, entry, _publish="Publish")
    assert refused_on_status(response) == [workflow.ONLY_PUBLISHERS]
    assert "publish" not in offered_actions(client)
    run_action(client, "publish", entry)
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED


def test_the_approve_action_moves_only_entries_in_review(client):
    log_in_as(client, "Fact-checkers")
    waiting = make_entry("Waiting Song", status=Status.IN_REVIEW)
    draft = make_entry("Draft Song", status=Status.DRAFT)
    response = run_action(client, "approve", waiting, draft)
    waiting.refresh_from_db()
    draft.refresh_from_db()
    assert (waiting.status, draft.status) == (Status.APPROVED, Status.DRAFT)
    assert "Approved: 1 video(s)." in shown_messages(response)
    assert any(
        m.startswith("“Draft Song (1990)” was not moved: A video can't go from Draft")
        for m in shown_messages(response)
    )


def test_a_fact_checkers_edit_of_an_approved_entry_keeps_it_approved(client):
    log_in_as(client, "Fact-checkers")
    entry = make_entry()
    post_change_form(client, entry, **{"essay-0-body": "Checked and tightened."})
    entry.refresh_from_db()
    assert entry.status == Status.APPROVED and entry.essay.body.startswith("Checked")


# Publishers


def test_a_publisher_cannot_publish_an_entry_still_in_review(client):
    log_in_as(client, "Publishers")
    entry = make_entry(status=Status.IN_REVIEW)
    assert "published" not in status_choices(client, entry)
    response = post_change_form(client, entry, status="published")
    assert "from In review straight to Published" in refused_on_status(response)[0]


def test_a_publisher_is_refused_with_the_publish_checks_problems(client):
    log_in_as(client, "Publishers")
    entry = make_entry()
    entry.essay.delete()
    response = post_change_form(client, entry, _publish="Publish", title="Kept?")
    problems = refused_on_status(response)
    assert problems[0].startswith("Nothing was saved")
    assert "It has no essay: write one with a headline and a verdict." in problems
    assert response.context["adminform"].form["title"].value() == "Kept?"
    entry.refresh_from_db()
    assert (entry.status, entry.title) == (Status.APPROVED, "Ready Song")
    assert not entry.review_steps.exists()


def test_the_publish_action_names_each_entry_it_refuses_and_why(client):
    log_in_as(client, "Publishers")
    ready = make_entry("Ready Song")
    bare = make_entry("Bare Song")
    bare.sources.all().delete()
    waiting = make_entry("Waiting Song", status=Status.IN_REVIEW)
    response = run_action(client, "publish", ready, bare, waiting)
    for video in (ready, bare, waiting):
        video.refresh_from_db()
    assert ready.is_public
    assert (bare.status, waiting.status) == (Status.APPROVED, Status.IN_REVIEW)
    shown = shown_messages(response)
    assert "Published: 1 video(s)." in shown
    assert (
        "“Bare Song (1990)” was not moved: It cites no source: add at least one."
        in shown
    )
    assert any(m.startswith("“Waiting Song (1990)” was not moved") for m in shown)
    assert ready.review_steps.get().action == Action.PUBLISHED


def test_a_publisher_unpublishes_by_button_and_by_action(client):
    publisher = log_in_as(client, "Publishers")
    first = make_entry(
        "First Song", status=Status.PUBLISHED, published_at="2020-01-01T00:00Z"
    )
    second = make_entry(
        "Second Song", status=Status.PUBLISHED, published_at="2020-01-01T00:00Z"
    )
    assert post_change_form(client, first, _unpublish="Unpublish").status_code == 302
    run_action(client, "unpublish", second)
    for video in (first, second):
        video.refresh_from_db()
        assert video.status == Status.DRAFT
        step = video.review_steps.get()
        assert (step.action, step.user) == (Action.UNPUBLISHED, publisher)


def test_a_publisher_edits_a_live_entry_but_cannot_remove_what_publishing_needs(client):
    log_in_as(client, "Publishers")
    live = make_entry(status=Status.PUBLISHED, published_at="2020-01-01T00:00Z")
    assert (
        post_change_form(client, live, title="Ready Song, retitled").status_code == 302
    )
    response = post_change_form(client, live, **{"sources-0-DELETE": "on"})
    assert "It cites no source: add at least one." in refused_on_status(response)
    assert live.sources.count() == 1


def test_a_publishers_new_video_cannot_skip_review(client):
    log_in_as(client, "Publishers")
    response = add_video(client)
    assert "straight to Published" in " ".join(refused_on_status(response))


# Editors keep every power, the checks still apply


def test_an_editor_may_publish_a_draft_in_one_step(client, editor):
    draft = make_entry(status=Status.DRAFT)
    assert status_choices(client, draft) == [
        "draft",
        "in_review",
        "approved",
        "published",
    ]
    assert post_change_form(client, draft, _publish="Publish").status_code == 302
    draft.refresh_from_db()
    assert draft.is_public


def test_an_editor_is_offered_every_action(client, editor):
    assert {"submit_for_review", "approve", "publish", "unpublish"} <= set(
        offered_actions(client)
    )


def test_the_change_form_offers_the_buttons_each_role_may_press(client):
    entry = make_entry(status=Status.IN_REVIEW)
    log_in_as(client, "Writers")
    page = client.get(change_url(entry)).content.decode()
    assert 'name="_approve"' not in page and 'name="_publish"' not in page
    log_in_as(client, "Fact-checkers")
    page = client.get(change_url(entry)).content.decode()
    assert 'name="_approve"' in page and 'name="_send_back"' in page
    assert 'name="_publish"' not in page


def test_a_form_value_outside_the_statuses_is_a_field_error(client, editor):
    entry = make_entry()
    page = client.get(change_url(entry))
    data = form_data(page, "video_form", status="deleted")
    response = client.post(change_url(entry), data)
    assert refused_on_status(response)[0].startswith("Select a valid choice.")
