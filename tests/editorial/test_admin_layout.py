"""The admin fits the screen and greets an editor with their work (issue 17, item 8):
plain labels, newest-changed videos first, a dashboard on the index, and no page wider
than a 1366 px screen (checked in headless Chromium)."""

import io
import os
import re
from datetime import timedelta
from html import unescape
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_artist, make_director, make_technique, make_video
from tests.pages.test_browser import CHROMIUM, HAVE_CHROMIUM
from videos.models import Correction, Exhibit, ExhibitStop, Moment, Source, Video

INDEX = "/admin/"
SCREEN = {"width": 1366, "height": 900}
# Set ADMIN_SCREENSHOTS=1 to write the README's admin pictures (docs/screenshots/).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def dashboard_sections(response):
    """{section title: (count, [row labels])} as the index shows them."""
    page = response.content.decode()
    sections = {}
    for html in re.findall(
        r'<section class="module dashboard-section".*?</section>', page, re.S
    ):
        title = re.search(r"<h2[^>]*>\s*<a [^>]*>(.*?)</a>", html, re.S).group(1)
        count = re.search(r'class="dashboard-count">(\d+)<', html).group(1)
        rows = re.findall(r'<li><a href="[^"]*">(.*?)</a>', html, re.S)
        sections[unescape(title)] = (int(count), [unescape(row) for row in rows])
    return sections


def draft_by(user, title, **fields):
    video = make_video(title, status=Video.Status.DRAFT, published_at=None, **fields)
    video.history.update(history_user=user)
    return video


@pytest.mark.django_db
def test_the_index_names_every_app_plainly(admin_client):
    page = admin_client.get(INDEX).content.decode()
    text = re.sub(r"<[^>]*>", " ", page)  # what a reader sees, not class names
    assert "taggit" not in text.lower()
    assert "axes" not in text.lower()
    assert ">Tags</a>" in page
    assert ">Sign-in attempts</a>" in page
    assert "Good Reason — editors" in page


@pytest.mark.django_db
def test_address_fields_are_labelled_url(client, editor):
    video = make_video("Cry", verdict="justified")
    page = client.get(reverse("admin:videos_video_change", args=[video.pk]))
    labels = re.findall(r"<label[^>]*>(.*?)</label>", page.content.decode(), re.S)
    assert "Watch URL:" in labels
    assert "URL:" in labels  # a source's
    assert not [label for label in labels if "Url" in label]


@pytest.mark.django_db
def test_the_video_list_shows_the_newest_changed_first(client, editor):
    first, _second, _third = (
        make_video("First"),
        make_video("Second"),
        make_video("Third"),
    )
    first.save()  # changed last
    response = client.get(reverse("admin:videos_video_changelist"))
    titles = [video.title for video in response.context["cl"].result_list]
    assert titles == ["First", "Third", "Second"]


@pytest.mark.django_db
def test_the_dashboard_lists_each_editor_s_work(client, editor):
    other = User.objects.create_user("bo", is_staff=True)
    mine = draft_by(editor, "Mine")
    theirs_i_changed = draft_by(other, "Theirs, changed by me")
    theirs_i_changed._history_user = editor
    theirs_i_changed.save()
    draft_by(other, "Theirs")
    make_video("In review", status=Video.Status.IN_REVIEW, published_at=None)
    make_video("Approved", status=Video.Status.APPROVED, published_at=None)
    soon, later = timezone.now() + timedelta(days=1), timezone.now() + timedelta(days=9)
    make_video("Later", published_at=later)
    make_video("Soon", published_at=soon)
    make_video("Public")  # published yesterday: in no section
    Correction.objects.create(
        video=mine, text="Old note.", submitted_at=soon - timedelta(days=3)
    )
    Correction.objects.create(video=mine, text="The year is 1986.")
    Correction.objects.create(
        video=mine, text="Done.", status=Correction.Status.DECLINED
    )

    sections = dashboard_sections(client.get(INDEX))

    assert sections["My drafts"] == (2, ["Theirs, changed by me", "Mine"])
    assert sections["Awaiting review"] == (1, ["In review"])
    assert sections["Ready to publish"] == (1, ["Approved"])
    assert sections["Scheduled"] == (2, ["Soon", "Later"])
    assert sections["Recent corrections"] == (
        2,
        ["Mine: The year is 1986.", "Mine: Old note."],
    )


@pytest.mark.django_db
def test_the_dashboard_links_to_the_lists_it_counts(client, editor):
    make_video("In review", status=Video.Status.IN_REVIEW, published_at=None)
    make_video("Elsewhere")
    page = client.get(INDEX).content.decode()
    link = re.search(r'<h2[^>]*>\s*<a href="([^"]*)">Awaiting review</a>', page).group(
        1
    )
    listed = client.get(unescape(link))
    assert listed.status_code == 200
    assert [video.title for video in listed.context["cl"].result_list] == ["In review"]
    correction = Correction.objects.create(video=Video.objects.first(), text="Typo.")
    page = client.get(INDEX).content.decode()
    change = reverse("admin:videos_correction_change", args=[correction.pk])
    assert f'href="{change}"' in page
    assert client.get(change).status_code == 200


@pytest.mark.django_db
def test_someone_else_s_drafts_are_not_mine(client, editor):
    draft_by(User.objects.create_user("bo", is_staff=True), "Theirs")
    assert dashboard_sections(client.get(INDEX))["My drafts"] == (0, [])
    assert "Nothing here: no drafts of yours." in client.get(INDEX).content.decode()


@pytest.mark.django_db
def test_the_dashboard_reads_a_fixed_number_of_queries(client, editor):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INDEX).status_code == 200
        return len(captured)

    def one_of_each(n):
        video = draft_by(editor, f"Draft {n}")
        make_video(f"Review {n}", status=Video.Status.IN_REVIEW, published_at=None)
        make_video(f"Soon {n}", published_at=timezone.now() + timedelta(days=n + 1))
        Correction.objects.create(video=video, text=f"Note {n}.")

    one_of_each(0)
    few = queries()
    for n in range(1, 9):
        one_of_each(n)
    assert queries() == few


# In headless Chromium: nothing wider than the screen ---------------------------------


def long_entry(title="Take On Me"):
    """A video with everything that used to widen its page: a long source address and
    quote, long moments, a long essay headline."""
    video = make_video(title, verdict="justified")
    video.essay.headline = "Rotoscoping, traced frame by frame over weeks " * 3
    video.essay.save()
    address = "https://example.org/archive/" + "very-long-path-segment/" * 12 + "?q=1"
    Source.objects.create(
        video=video,
        title="An interview with the director about the making of the video " * 2,
        publication="A magazine with a long name",
        author="A. Writer",
        url=address,
        quote="They traced each frame by hand. " * 10,
    )
    Moment.objects.create(
        video=video, seconds=62, what="The hand reaches out " * 5, source_url=address
    )
    return video


@pytest.fixture(scope="module")
def browser():
    if not HAVE_CHROMIUM:
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def admin_page(browser, live_server, transactional_db):
    """A 1366 px wide page, logged in as an editor with every permission."""
    user = User.objects.create_superuser("boss", first_name="Ada", last_name="Boss")
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport=SCREEN)
    context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": client.cookies["sessionid"].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.user = user
    yield page
    context.close()


def width_of(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.browser
def test_every_change_form_and_the_list_fit_1366_px(admin_page, live_server):
    video = long_entry()
    for n in range(12):
        make_video(f"A video with quite a long title, number {n}", verdict="justified")
    technique = make_technique("Rotoscoping", essay="A history. " * 200)
    director = make_director("Steve Barron", bio="A life. " * 100)
    artist = make_artist("a-ha")
    exhibit = Exhibit.objects.create(
        title="Faces", slug="faces", introduction="Why. " * 50
    )
    ExhibitStop.objects.create(
        exhibit=exhibit, position=1, video=video, text="Here. " * 40
    )
    pages = {
        "the video list": reverse("admin:videos_video_changelist"),
        "the index": INDEX,
        "a video": reverse("admin:videos_video_change", args=[video.pk]),
        "an essay": reverse("admin:videos_essay_change", args=[video.essay.pk]),
        "a technique": reverse("admin:videos_technique_change", args=[technique.pk]),
        "a director": reverse("admin:videos_director_change", args=[director.pk]),
        "an artist": reverse("admin:videos_artist_change", args=[artist.pk]),
        "an exhibit": reverse("admin:videos_exhibit_change", args=[exhibit.pk]),
    }
    widths = {
        name: width_of(admin_page, live_server.url + url) for name, url in pages.items()
    }
    assert widths == dict.fromkeys(pages, SCREEN["width"])


@pytest.mark.browser
def test_no_column_of_the_video_list_is_clipped(admin_page, live_server):
    call_command("load_collection", stdout=io.StringIO())  # real titles and credits
    admin_page.goto(live_server.url + reverse("admin:videos_video_changelist"))
    # The table scrolls inside its box when it is too wide, hiding the last columns.
    results = admin_page.locator("#changelist .results")
    overflow = results.evaluate("box => box.scrollWidth - box.clientWidth")
    assert overflow <= 0
    header = admin_page.locator("#result_list th.column-published_at")
    assert header.evaluate("th => th.getBoundingClientRect().right") <= SCREEN["width"]


@pytest.mark.browser
@pytest.mark.skipif(
    not os.environ.get("ADMIN_SCREENSHOTS"), reason="ADMIN_SCREENSHOTS unset"
)
def test_take_the_admin_screenshots(admin_page, live_server):
    call_command("load_collection", stdout=io.StringIO())
    video = long_entry(title="Rotoscoped (an entry with long sources)")
    stages = {
        "Sledgehammer": Video.Status.DRAFT,
        "Here It Goes Again": Video.Status.DRAFT,
        "Bad Decisions": Video.Status.IN_REVIEW,
        "Cry": Video.Status.APPROVED,
    }
    for title, status in stages.items():
        staged = Video.objects.get(title=title)
        staged.status, staged.published_at = status, None
        staged._history_user = admin_page.user  # "mine", for My drafts
        staged.save()
    soon = timezone.now() + timedelta(days=2)
    Video.objects.filter(title="Self").update(published_at=soon)
    Correction.objects.create(video=video, text="The video came out in 1985, not 1986.")
    shots = {
        "admin-index": INDEX,
        "admin-video-change": reverse("admin:videos_video_change", args=[video.pk]),
        "admin-video-list": reverse("admin:videos_video_changelist"),
    }
    for name, url in shots.items():
        admin_page.goto(live_server.url + url)
        admin_page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
