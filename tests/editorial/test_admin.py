import re

import pytest
from django.urls import reverse

from tests.factories import make_artist, make_director, make_technique, make_video
from videos.models import Video

pytestmark = pytest.mark.django_db


def inline_management(prefix, total=0, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def new_video_form(**overrides):
    technique = make_technique("Rotoscoping")
    data = {
        "title": "Take On Me",
        "slug": "take-on-me",
        "artists": [make_artist("a-ha").pk],
        "year": "1985",
        "status": "published",
        "published_at_0": "2024-01-01",
        "published_at_1": "10:00:00",
        "tags": "comics, love",
        **inline_management("director_credits", total=1),
        "director_credits-0-director": make_director("Steve Barron").pk,
        "director_credits-0-position": "0",
        **inline_management("moments"),
        **inline_management("claims", total=1),
        "claims-0-technique": technique.pk,
        "claims-0-is_primary": "on",
        "claims-0-usage": "Pencil-sketch animation traced over live action.",
        "claims-0-studio": "Michael Patterson",
        "claims-0-source_url": "https://example.org/take-on-me-animation",
        **inline_management("essay", total=1),
        "essay-0-headline": "A comic strip that breathes",
        "essay-0-verdict": "justified",
        "essay-0-body": "The technique is the romance.",
        **inline_management("sources", total=1),
        "sources-0-title": "The making of Take On Me",
        "sources-0-url": "https://example.org/take-on-me",
        "sources-0-position": "0",
        **inline_management("precedent_links"),
    }
    data.update(overrides)
    return data


def test_an_editor_adds_a_video_with_techniques_and_an_essay(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the thumbnail's job
        response = client.post(reverse("admin:videos_video_add"), new_video_form())
    assert response.status_code == 302, response.context["errors"]
    video = Video.objects.get(slug="take-on-me")
    assert video.claims.get().technique.slug == "rotoscoping"
    assert video.essay.verdict == "justified"
    assert video.essay.author == editor
    assert sorted(video.tags.names()) == ["comics", "love"]
    assert video.thumbnail.name.startswith("thumbnails/take-on-me-")


def test_an_anonymous_visitor_gets_the_login_page(client):
    response = client.get(reverse("admin:videos_video_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_an_editor_cannot_add_users_or_change_groups(client, editor):
    assert client.get(reverse("admin:auth_user_add")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert not editor.has_perm("auth.add_user")


def test_an_editor_cannot_delete_videos(client, editor):
    video = make_video()
    response = client.get(reverse("admin:videos_video_delete", args=[video.pk]))
    assert response.status_code == 403


def test_the_publish_action_makes_drafts_public(client, editor):
    # Complete (publish checks): an essay, a source, a sourced primary claim.
    draft = make_video("Draft", status="draft", published_at=None, verdict="justified")
    draft.claims.update(source_url="https://example.org/how")
    client.post(
        reverse("admin:videos_video_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    assert Video.objects.published().filter(pk=draft.pk).exists()


def test_the_unpublish_action_hides_videos(client, editor):
    video = make_video()
    client.post(
        reverse("admin:videos_video_changelist"),
        {"action": "unpublish", "_selected_action": [video.pk]},
    )
    assert not Video.objects.published().exists()


def test_the_list_filters_by_decade_and_verdict(client, editor):
    make_video("Old", year=1985, verdict="justified")
    make_video("New", year=2024, verdict="gimmick")
    url = reverse("admin:videos_video_changelist")
    response = client.get(url, {"decade": "1980", "essay__verdict": "justified"})
    assert [v.title for v in response.context["cl"].result_list] == ["Old"]


def test_the_decade_filter_offers_only_decades_with_videos(client, editor):
    make_video("Old", year=1985)
    make_video("Draft", year=2001, status=Video.Status.DRAFT, published_at=None)
    make_video("New", year=2024)
    response = client.get(reverse("admin:videos_video_changelist"))
    decade = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "decade"
    )
    assert decade.lookup_choices == [
        ("1980", "1980s"),
        ("2000", "2000s"),  # drafts are the admin's business too
        ("2020", "2020s"),
    ]


def test_revision_history_records_who_changed_what(client, editor):
    client.post(reverse("admin:videos_video_add"), new_video_form())
    video = Video.objects.get(slug="take-on-me")
    # The form carries the `updated_at` it was opened at (optimistic locking).
    opened = video.updated_at.isoformat()
    data = new_video_form(title="Take On Me (1985)", updated_at_when_opened=opened)
    claim = video.claims.get()
    data.update(
        {
            **inline_management("claims", total=1, initial=1),
            "claims-0-id": claim.pk,
            "claims-0-video": video.pk,
            **inline_management("essay", total=1, initial=1),
            "essay-0-id": video.essay.pk,
            "essay-0-video": video.pk,
            **inline_management("sources", total=1, initial=1),
            "sources-0-id": video.sources.get().pk,
            "sources-0-video": video.pk,
            **inline_management("director_credits", total=1, initial=1),
            "director_credits-0-id": video.director_credits.get().pk,
            "director_credits-0-video": video.pk,
        }
    )
    response = client.post(reverse("admin:videos_video_change", args=[video.pk]), data)
    assert response.status_code == 302
    latest, first = video.history.all()[:2]
    assert latest.history_user == editor
    delta = latest.diff_against(first)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "title"] == [
        ("title", "Take On Me", "Take On Me (1985)")
    ]
    page = client.get(reverse("admin:videos_video_history", args=[video.pk]))
    assert page.status_code == 200
    assert "Take On Me (1985)" in page.content.decode()


def test_an_editor_reverts_a_video_to_an_earlier_revision(client, editor):
    from tests.admin_forms import form_data

    video = make_video("Cry", slug="cry", year=1985)
    change_url = reverse("admin:videos_video_change", args=[video.pk])
    response = client.post(
        change_url,
        form_data(
            client.get(change_url), "video_form", title="Cry (retitled by mistake)"
        ),
    )
    assert response.status_code == 302
    assert Video.objects.get(pk=video.pk).title == "Cry (retitled by mistake)"

    original = video.history.earliest()
    revert_url = reverse(
        "admin:videos_video_simple_history", args=[video.pk, original.history_id]
    )
    page = client.get(revert_url)
    assert page.status_code == 200
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    response = client.post(revert_url, form_data(page, form_id))
    assert response.status_code == 302
    assert Video.objects.get(pk=video.pk).title == "Cry"
    assert video.history.latest().history_user == editor
