"""The review workflow in real headless Chromium: a writer drafts and submits, a
fact-checker sends it back with a comment, the writer resubmits, the fact-checker
approves, a publisher schedules it. Screenshots at 1366 px go to a temporary folder, or
with WORKFLOW_SCREENSHOTS=docs/screenshots, to the README's pictures."""

import functools
import importlib
import os
import shutil
import tempfile
from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.management import create_contenttypes
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import timezone

from tests.factories import make_artist, make_director, make_technique
from videos.models import ReviewStep, Video

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@functools.cache
def screenshots():
    """Where the screenshots go: a test run leaves the checkout as it found it."""
    chosen = os.environ.get("WORKFLOW_SCREENSHOTS")
    return Path(chosen) if chosen else Path(tempfile.mkdtemp(prefix="workflow-"))


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="browser tests skipped: no Chromium at /usr/bin/chromium",
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made here
    # are ordinary synchronous set-up, not inside that loop.
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
def roles(transactional_db):
    """The three groups as migration 0016 makes them (a committing test runs after
    others have emptied every table, the migrations' rows included)."""
    # Content types and permissions afresh too: a flush may leave the content type
    # cache naming rows that are gone, and a fixture that ran a migration's function
    # on the real registry (editors_group) leaves the app without its models module,
    # which create_permissions then skips.
    ContentType.objects.clear_cache()
    videos = apps.get_app_config("videos")
    videos.models_module = videos.models_module or importlib.import_module(
        "videos.models"
    )
    create_contenttypes(videos, verbosity=0)
    create_permissions(videos, verbosity=0)
    migration = importlib.import_module("videos.migrations.0016_editorial_workflow")
    for name, codenames in migration.ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(
            Permission.objects.filter(
                content_type__app_label="videos", codename__in=codenames
            )
        )


@pytest.fixture
def staff_page(browser, live_server, roles):
    """`staff_page(group)`: a browser page logged in as a new member of `group`."""
    contexts = []

    def open_page(group):
        user = User.objects.create_user(group.lower(), is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client = Client()
        client.force_login(user)
        context = browser.new_context(viewport={"width": 1366, "height": 900})
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def shoot(page, name, at=None):
    """The window at 1366 px, scrolled to `at` (a selector) or at the page's top."""
    if at:
        page.locator(at).evaluate("e => e.scrollIntoView({block: 'end'})")
    else:
        page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=screenshots() / f"workflow-{name}.png")


def pick(page, row, text):
    """Chooses `text` in the autocomplete box of the form row `row` (select2)."""
    page.locator(f"{row} .select2-selection").first.click()
    page.keyboard.type(text)  # into the search box select2 focuses
    page.locator(".select2-results__option", has_text=text).first.click()


def press(page, button):
    with page.expect_navigation():
        page.locator(f'input[name="{button}"]').click()


def test_a_writer_fact_checker_and_publisher_take_an_entry_to_scheduled(
    staff_page, live_server
):
    make_artist("a-ha")
    make_director("Steve Barron")
    make_technique("Rotoscoping")

    writer = staff_page("Writers")
    writer.goto(live_server.url + "/admin/videos/video/add/")
    writer.fill("#id_title", "Take On Me")
    writer.fill("#id_year", "1985")
    pick(writer, ".field-artists", "a-ha")
    pick(writer, "#director_credits-0 .field-director", "Steve Barron")
    pick(writer, "#claims-0 .field-technique", "Rotoscoping")
    writer.check("#id_claims-0-is_primary")
    writer.fill("#id_claims-0-usage", "Pencil drawings traced over live action.")
    writer.fill("#id_claims-0-source_url", "https://example.org/making-of")
    writer.fill("#id_essay-0-headline", "A comic strip that breathes")
    writer.select_option("#id_essay-0-verdict", "justified")
    writer.fill("#id_essay-0-body", "The technique is the romance.")
    writer.locator("#sources-group .add-row a").click()
    writer.fill("#id_sources-0-title", "The making of Take On Me")
    writer.fill("#id_sources-0-url", "https://example.org/take-on-me")
    with writer.expect_navigation():
        writer.locator('input[name="_continue"]').click()
    video = Video.objects.get(slug="take-on-me")
    assert video.status == Video.Status.DRAFT
    press(writer, "_submit_for_review")
    shoot(writer, "1-submitted")
    video.refresh_from_db()
    assert video.status == Video.Status.IN_REVIEW

    checker = staff_page("Fact-checkers")
    change = f"{live_server.url}/admin/videos/video/{video.pk}/change/"
    checker.goto(f"{live_server.url}/admin/videos/video/?queue=review")
    assert checker.locator("#result_list").get_by_text("Take On Me").is_visible()
    shoot(checker, "2-review-queue")
    checker.goto(change)
    press(checker, "_send_back")  # no comment: refused, in words
    refusal = "sending an entry back needs a comment"
    assert checker.locator(".errornote", has_text=refusal).is_visible()  # at the top
    assert checker.locator("#review .errorlist", has_text=refusal).is_visible()
    checker.fill("#id_review_comment", "Name the animator and cite the 1985 interview.")
    shoot(checker, "3-send-back-comment", at="#review")
    press(checker, "_send_back")

    writer.goto(change)
    assert writer.locator(".review-notice").get_by_text("cite the 1985").is_visible()
    shoot(writer, "4-sent-back")
    writer.fill("#id_claims-0-studio", "Michael Patterson")
    press(writer, "_submit_for_review")

    checker.goto(change)
    press(checker, "_approve")

    publisher = staff_page("Publishers")
    publisher.goto(change)
    publisher.select_option("#id_status", "published")  # the script fills in now
    assert publisher.input_value("#id_published_at_0") == (
        timezone.localdate().isoformat()
    )
    tomorrow = timezone.localtime() + timedelta(days=1)
    publisher.fill("#id_published_at_0", tomorrow.strftime("%Y-%m-%d"))
    publisher.fill("#id_published_at_1", "09:00:00")
    shoot(publisher, "5-ready-to-publish", at="#review")
    press(publisher, "_publish")
    publisher.goto(f"{live_server.url}/admin/videos/video/")
    row = publisher.locator("#result_list tr", has_text="Take On Me")
    assert row.get_by_text("Scheduled").is_visible()
    shoot(publisher, "6-scheduled")

    video.refresh_from_db()
    assert video.is_scheduled
    assert list(
        video.review_steps.order_by("at", "id").values_list("action", "user__username")
    ) == [
        (ReviewStep.Action.SUBMITTED, "writers"),
        (ReviewStep.Action.SENT_BACK, "fact-checkers"),
        (ReviewStep.Action.SUBMITTED, "writers"),
        (ReviewStep.Action.APPROVED, "fact-checkers"),
        (ReviewStep.Action.SCHEDULED, "publishers"),
    ]
