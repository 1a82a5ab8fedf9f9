"""The readers' corrections queue in the admin (issue 17, item 7): fact-checkers,
publishers and editors review it; writers never see it; readers' words stay as sent."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from tests.admin_forms import form_data
from tests.factories import make_video
from videos.models import Correction

pytestmark = pytest.mark.django_db

QUEUE = "/admin/videos/correction/"


def member_of(client, group, username="reviewer"):
    """A staff user in `group` (as migration 0016 made it), logged in on `client`."""
    user = User.objects.create_user(username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    return user


def change_page(correction):
    return f"{QUEUE}{correction.pk}/change/"


@pytest.fixture
def cry(db):
    return make_video("Cry", slug="cry", year=1985)


def correction_to(video, text, minutes_ago=0, **fields):
    submitted = timezone.now() - timedelta(minutes=minutes_ago)
    return Correction.objects.create(
        video=video, text=text, submitted_at=submitted, **fields
    )


def test_the_queue_lists_corrections_newest_first_linked_to_their_videos(client, cry):
    correction_to(cry, "The oldest one", minutes_ago=30)
    correction_to(cry, "The newest one", minutes_ago=1)
    correction_to(cry, "The middle one", minutes_ago=10)
    member_of(client, "Fact-checkers")
    page = client.get(QUEUE).content.decode()
    order = ["The newest one", "The middle one", "The oldest one"]
    positions = [page.index(text) for text in order]
    assert positions == sorted(positions)
    assert f'href="/admin/videos/video/{cry.pk}/change/"' in page
    assert "Cry (1985)" in page


def test_the_queue_shows_an_excerpt_of_a_long_correction(client, cry):
    correction_to(cry, "x" * 2000)  # one unbroken "word"
    member_of(client, "Fact-checkers")
    page = client.get(QUEUE).content.decode()
    assert "x" * 139 + "…" in page
    assert "x" * 140 not in page


def test_the_queue_filters_by_status(client, cry):
    correction_to(cry, "Still new")
    correction_to(cry, "Already declined", status=Correction.Status.DECLINED)
    member_of(client, "Publishers")
    page = client.get(QUEUE, {"status__exact": "declined"}).content.decode()
    assert "Already declined" in page
    assert "Still new" not in page


@pytest.mark.parametrize("group", ["Fact-checkers", "Publishers", "Editors"])
def test_each_reviewing_role_sees_the_queue(client, cry, group):
    correction_to(cry, "A correction")
    member_of(client, group)
    assert client.get(QUEUE).status_code == 200
    assert f'href="{QUEUE}"' in client.get("/admin/").content.decode()


def test_a_fact_checker_accepts_a_correction_with_a_note(client, cry):
    correction = correction_to(cry, "The year is wrong.")
    reviewer = member_of(client, "Fact-checkers")
    form = client.get(change_page(correction))
    data = form_data(
        form, "correction_form", status="accepted", reviewer_note="Year fixed."
    )
    response = client.post(change_page(correction), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    correction.refresh_from_db()
    assert correction.status == Correction.Status.ACCEPTED
    assert correction.reviewer_note == "Year fixed."
    assert correction.reviewed_by == reviewer
    assert timezone.now() - correction.reviewed_at < timedelta(minutes=1)


def test_saving_without_a_decision_records_no_reviewer(client, cry):
    correction = correction_to(cry, "The year is wrong.")
    member_of(client, "Publishers")
    data = form_data(client.get(change_page(correction)), "correction_form")
    assert client.post(change_page(correction), data).status_code == 302
    correction.refresh_from_db()
    assert (correction.reviewed_by, correction.reviewed_at) == (None, None)


def test_readers_words_cannot_be_changed_by_the_reviewer(client, cry):
    correction = correction_to(
        cry, "The reader's words.", name="Ann", email="ann@example.org"
    )
    member_of(client, "Editors")
    page = client.get(change_page(correction))
    assert 'name="text"' not in page.content.decode()  # shown, not editable
    data = form_data(
        page,
        "correction_form",
        status="declined",
        text="Rewritten by the reviewer",
        name="Someone else",
        email="x@example.org",
    )
    assert client.post(change_page(correction), data).status_code == 302
    correction.refresh_from_db()
    assert correction.status == Correction.Status.DECLINED
    assert correction.text == "The reader's words."
    assert (correction.name, correction.email) == ("Ann", "ann@example.org")


def test_a_writer_cannot_see_the_queue(client, cry):
    correction = correction_to(cry, "A correction")
    member_of(client, "Writers")
    assert client.get(QUEUE).status_code == 403
    assert client.get(change_page(correction)).status_code == 403
    assert (
        'href="/admin/videos/correction/"' not in client.get("/admin/").content.decode()
    )


def test_nobody_adds_a_correction_in_the_admin(client, cry):
    member_of(client, "Editors")
    assert client.get(f"{QUEUE}add/").status_code == 403
    assert f'href="{QUEUE}add/"' not in client.get(QUEUE).content.decode()


def test_the_reviewer_reads_the_readers_lines_and_can_reply(client, cry):
    correction = correction_to(
        cry, "First line <b>\nSecond line", email="ann@example.org"
    )
    member_of(client, "Fact-checkers")
    page = client.get(change_page(correction)).content.decode()
    assert "First line &lt;b&gt;<br>Second line" in page
    assert 'href="mailto:ann@example.org"' in page
