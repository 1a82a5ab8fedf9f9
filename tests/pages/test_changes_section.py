"""A video page's "Changes" lists when its published entry was revised and why, never a
draft's edits, and an editor's name only if they chose to be named (issue 17, item 5)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_video
from videos.models import EditorPreference, Essay, Video

pytestmark = pytest.mark.django_db

START = timezone.now() - timedelta(days=60)


def on_day(day):
    """Act as if it were `day` days after START (history records take the clock's time)."""
    return time_machine.travel(START + timedelta(days=day), tick=False)


def save(row, why=None, user=None, **changes):
    for name, value in changes.items():
        setattr(row, name, value)
    row._change_reason = why
    if user is not None:
        row._history_user = user
    row.save()


def changes_listed(client, slug="cry"):
    """The Changes section's items, as text, in the order shown."""
    response = client.get(f"/videos/{slug}/")
    assert response.status_code == 200
    section = re.search(
        r'<section class="changes".*?</section>', response.content.decode(), re.S
    )
    items = re.findall(r"<li>(.*?)</li>", section.group(0), re.S)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in items]


@pytest.fixture
def cry():
    """A draft edited before publication, published on day 2."""
    with on_day(0):
        video = make_video(
            "Cry",
            slug="cry",
            verdict="justified",
            status=Video.Status.DRAFT,
            published_at=None,
        )
    with on_day(1):
        save(video, why="Draft note nobody should read", title="Cry (draft)")
    with on_day(2):
        published = START + timedelta(days=2)
        save(video, "First published", status="published", published_at=published)
    return video


def test_it_lists_the_revisions_of_the_public_entry_with_their_notes_newest_first(
    client, cry
):
    with on_day(3):
        save(cry, "Corrected the year: the video is from 1985", year=1985)
    with on_day(4):
        save(Essay.objects.get(video=cry), body="A longer essay.")  # no note

    assert changes_listed(client) == [
        f"{(START + timedelta(days=4)):%-d %B %Y} — edited (no note given)",
        f"{(START + timedelta(days=3)):%-d %B %Y} — Corrected the year: the video is "
        "from 1985",
    ]


def test_it_never_lists_a_drafts_edits_nor_the_saves_that_publish_or_unpublish(
    client, cry
):
    with on_day(3):
        save(cry, "Taken down to check a source", status="draft")
    with on_day(4):
        save(cry, "Fixed while it was down", title="Cry")
    with on_day(5):
        save(cry, "Back up", status="published")
    page = client.get("/videos/cry/").content.decode()
    assert changes_listed(client) == []
    assert "Not revised since it was published." in page
    for note in ["Draft note", "First published", "Taken down", "while it was down"]:
        assert note not in page


def test_it_names_no_editor_who_has_not_chosen_to_be_named(client, cry):
    margaret = User.objects.create_user("mhamilton", first_name="Margaret")
    EditorPreference.objects.create(user=margaret, named_in_public_changes=False)
    with on_day(3):
        save(cry, "Director's name corrected", user=margaret, title="Cry!")
    page = client.get("/videos/cry/").content.decode()
    assert "Director&#x27;s name corrected" in page
    assert "Margaret" not in page and "mhamilton" not in page
    assert "Editors are named only if they chose to be." in page


def test_it_names_an_editor_who_chose_to_be_named_and_no_one_else(client, cry):
    margaret = User.objects.create_user(
        "mhamilton", first_name="Margaret", last_name="Hamilton"
    )
    EditorPreference.objects.create(user=margaret, named_in_public_changes=True)
    anonymous = User.objects.create_user("quiet", first_name="Quentin")
    with on_day(3):
        save(cry, "Director's name corrected", user=margaret, title="Cry!")
    with on_day(4):
        save(cry, "Year checked", user=anonymous, title="Cry")
    day = [START + timedelta(days=n) for n in range(5)]
    assert changes_listed(client) == [
        f"{day[4].day} {day[4]:%B %Y} — Year checked",
        f"{day[3].day} {day[3]:%B %Y} — Director&#x27;s name corrected — Margaret Hamilton",
    ]


def test_an_editor_sets_their_own_public_credit_in_the_admin(client, cry):
    from tests.admin_forms import make_editor

    editor = make_editor(client)
    response = client.get("/admin/videos/editorpreference/")
    assert response.status_code == 302
    assert response.url == "/admin/videos/editorpreference/add/"
    client.post(response.url, {"named_in_public_changes": "on"})
    assert EditorPreference.objects.get(user=editor).named_in_public_changes
    own = EditorPreference.objects.get(user=editor)
    other = EditorPreference.objects.create(
        user=User.objects.create_user("someone-else")
    )
    assert client.get("/admin/videos/editorpreference/").url.endswith(
        f"/{own.pk}/change/"
    )
    # Nobody sees or changes another editor's choice.
    refused = client.post(
        f"/admin/videos/editorpreference/{other.pk}/change/",
        {"named_in_public_changes": "on"},
    )
    assert refused.status_code in {302, 403, 404}
    other.refresh_from_db()
    assert not other.named_in_public_changes


def test_it_escapes_an_editors_note(client, cry):
    with on_day(3):
        save(cry, "<script>alert('x')</script>", title="Cry!")
    page = client.get("/videos/cry/").content.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page


def test_it_lists_the_latest_ten_in_the_same_number_of_queries_as_one(client, cry):
    with on_day(3):
        save(cry, "Revision 0", title="Cry 0")
    with CaptureQueriesContext(connection) as one:
        assert len(changes_listed(client)) == 1
    for index in range(1, 15):
        with on_day(3 + index):
            save(cry, f"Revision {index}", title=f"Cry {index}")
    with CaptureQueriesContext(connection) as fifteen:
        listed = changes_listed(client)
    assert [item.split(" — ")[1] for item in listed] == [
        f"Revision {index}" for index in range(14, 4, -1)
    ]
    assert len(fifteen) == len(one)
    assert (
        "The latest 10 revisions are listed."
        in client.get("/videos/cry/").content.decode()
    )


def test_a_new_revision_shows_at_once_on_a_cached_page(
    client, cry, settings, django_capture_on_commit_callbacks
):
    settings.PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    assert changes_listed(client) == []
    with django_capture_on_commit_callbacks(execute=True):
        save(cry, "Added the studio", title="Cry!")
    assert [item.split(" — ")[1] for item in changes_listed(client)] == [
        "Added the studio"
    ]


def test_edits_made_before_a_scheduled_publication_are_not_listed(client):
    with on_day(0):
        video = make_video(
            "Cry", slug="cry", published_at=START + timedelta(days=3)
        )  # scheduled for day 3
    with on_day(1):
        save(video, "Polished before it goes out", title="Cry!")
    with on_day(4):
        save(video, "Fixed a typo after publication", title="Cry")
    assert [item.split(" — ")[1] for item in changes_listed(client)] == [
        "Fixed a typo after publication"
    ]
