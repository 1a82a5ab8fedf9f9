"""Editors cannot overwrite each other, cannot reach accounts, and leave a history."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client
from django.urls import reverse

from tests.admin_forms import form_data, make_editor
from tests.factories import make_video
from videos.models import Essay, Source, Video, VideoTechnique

pytestmark = pytest.mark.django_db


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def test_a_second_editor_cannot_save_over_a_change_made_since_they_opened_it():
    video = make_video("Cry", verdict="justified")
    first, second = Client(), Client()
    make_editor(first, "ann")
    make_editor(second, "bob")
    revisions_before = video.history.count()
    first_page = first.get(change_url(video))
    second_page = second.get(change_url(video))

    saved = first.post(
        change_url(video), form_data(first_page, "video_form", title="Cry (1)")
    )
    refused = second.post(
        change_url(video), form_data(second_page, "video_form", title="Cry (2)")
    )

    assert saved.status_code == 302
    assert refused.status_code == 200
    errors = refused.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert "changed by ann (" in errors[0] and "since you opened it" in errors[0]
    assert "since you opened it" in refused.content.decode()
    video.refresh_from_db()
    assert video.title == "Cry (1)"
    assert video.history.count() == revisions_before + 1  # ann's; nothing of bob's


def test_the_refused_change_names_the_editor_by_full_name_when_they_have_one():
    video = make_video(verdict="justified")
    first, second = Client(), Client()
    ann = make_editor(first, "ann")
    ann.first_name, ann.last_name = "Ann", "Lee"
    ann.save()
    make_editor(second, "bob")
    first_page, second_page = (
        first.get(change_url(video)),
        second.get(change_url(video)),
    )
    first.post(change_url(video), form_data(first_page, "video_form"))
    refused = second.post(change_url(video), form_data(second_page, "video_form"))
    assert (
        "changed by Ann Lee ("
        in refused.context["adminform"].form.non_field_errors()[0]
    )


def test_an_editor_saves_again_after_reopening_the_video():
    video = make_video("Cry", verdict="justified")
    client = Client()
    make_editor(client)
    page = client.get(change_url(video))
    assert (
        client.post(change_url(video), form_data(page, "video_form")).status_code == 302
    )
    reopened = client.get(change_url(video))
    response = client.post(
        change_url(video), form_data(reopened, "video_form", title="Cry, again")
    )
    assert response.status_code == 302
    video.refresh_from_db()
    assert video.title == "Cry, again"


def test_a_change_made_outside_the_admin_also_refuses_the_stale_form(client):
    video = make_video("Cry", verdict="justified")
    make_editor(client)
    page = client.get(change_url(video))
    video.status = Video.Status.DRAFT
    video.save()  # e.g. the unpublish action, or another editor's inline save
    response = client.post(change_url(video), form_data(page, "video_form"))
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    assert Video.objects.get(pk=video.pk).status == Video.Status.DRAFT


def test_a_tampered_lock_value_is_refused(client):
    video = make_video(verdict="justified")
    make_editor(client)
    data = form_data(
        client.get(change_url(video)), "video_form", updated_at_when_opened="yesterday"
    )
    response = client.post(change_url(video), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.non_field_errors()


@pytest.mark.parametrize("model", ["user", "group"])
@pytest.mark.parametrize("view", ["changelist", "add", "change", "delete", "history"])
def test_an_editor_cannot_reach_users_or_groups(client, model, view):
    editor = make_editor(client)
    target = editor if model == "user" else Group.objects.get(name="Editors")
    args = [] if view in {"changelist", "add"} else [target.pk]
    url = reverse(f"admin:auth_{model}_{view}", args=args)
    assert client.get(url).status_code == 403
    assert (
        client.post(url, {"name": "Admins", "username": "mallory"}).status_code == 403
    )


def test_an_editor_cannot_promote_themselves(client):
    editor = make_editor(client)
    url = reverse("admin:auth_user_change", args=[editor.pk])
    client.post(url, {"username": "ed", "is_superuser": "on", "is_staff": "on"})
    editor.refresh_from_db()
    assert not editor.is_superuser
    created = client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "mallory",
            "password1": "x-9-long-pass",
            "password2": "x-9-long-pass",
        },
    )
    assert created.status_code == 403
    assert not User.objects.filter(username="mallory").exists()
    index = client.get(reverse("admin:index")).content.decode()
    assert "/admin/auth/" not in index


def test_every_admin_change_is_in_the_revision_history(client):
    video = make_video("Cry", verdict="justified")
    editor = make_editor(client)
    claim = video.claims.get()
    page = client.get(change_url(video))
    data = form_data(
        page,
        "video_form",
        **{
            "title": "Cry (Godley & Creme)",
            "essay-0-headline": "Faces that dissolve",
            "claims-0-usage": "Analogue dissolves between faces.",
        },
    )
    response = client.post(change_url(video), data)
    assert response.status_code == 302

    for model, pk, field, new in [
        (Video, video.pk, "title", "Cry (Godley & Creme)"),
        (Essay, video.essay.pk, "headline", "Faces that dissolve"),
        (VideoTechnique, claim.pk, "usage", "Analogue dissolves between faces."),
    ]:
        latest, before = model.history.filter(id=pk)[:2]
        assert latest.history_user == editor, model
        changes = {c.field: c.new for c in latest.diff_against(before).changes}
        assert changes.get(field) == new, (model, changes)


def test_an_inline_added_and_removed_in_the_admin_is_in_the_history(client):
    # A draft: a published entry may not lose its only source (publish checks).
    video = make_video(verdict="justified", status="draft", published_at=None)
    editor = make_editor(client)
    source = video.sources.get()
    data = form_data(client.get(change_url(video)), "video_form")
    data["sources-0-DELETE"] = "on"
    assert client.post(change_url(video), data).status_code == 302
    deleted = Source.history.filter(id=source.pk).first()
    assert deleted.history_type == "-" and deleted.history_user == editor
