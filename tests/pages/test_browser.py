"""The timeline in real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

import io
import os
import shutil

import pytest
from django.core.management import call_command

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
HAVE_CHROMIUM = os.path.exists(CHROMIUM)

if not HAVE_CHROMIUM and os.environ.get("REQUIRE_BROWSER"):
    raise RuntimeError(
        f"REQUIRE_BROWSER is set but there is no Chromium at {CHROMIUM}."
    )

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not HAVE_CHROMIUM,
        reason="browser tests skipped: no Chromium at /usr/bin/chromium "
        "(apt-get install chromium; .ci/run installs it)",
    ),
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls made here are
    # ordinary synchronous test set-up, not inside that loop.
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
def page(browser, live_server, transactional_db):
    call_command("load_collection", stdout=io.StringIO())
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def entry_titles(page):
    return page.locator(".entry-title").all_inner_texts()


def facet_option(page, facet, value):
    """A facet's option, opening the facet's "more" when it is not among the top ones."""
    option = page.locator(f'.facet-option[data-facet="{facet}"][data-value="{value}"]')
    if not option.is_visible():
        page.locator(f"#facet-{facet} ~ .facet-more > summary").click()
    return option


def test_a_visitor_filters_by_clicking_then_clears_the_chip(page, live_server):
    page.goto(live_server.url + "/")
    assert len(entry_titles(page)) == 50  # of 69, a page at a time

    facet_option(page, "technique", "deepfake").click()
    page.wait_for_url("**technique=deepfake**")
    deepfakes_of_the_2020s = [
        "Bad Decisions",
        "Find My Way",
        "Self",
        "You",
        "The Heart Part 5",
    ]
    assert entry_titles(page) == ["1999", *deepfakes_of_the_2020s]
    assert page.locator(".active-filter").inner_text().startswith("Technique: Deepfake")

    page.locator('.facet-option[data-facet="decade"][data-value="2020"]').click()
    page.wait_for_url("**decade=2020**")
    assert entry_titles(page) == deepfakes_of_the_2020s

    page.get_by_role("link", name="Remove filter Technique: Deepfake").click()
    page.wait_for_url("**/?decade=2020")
    assert entry_titles(page) == [
        *deepfakes_of_the_2020s,
        "Old Wounds",
        "The General",
        "The Hardest Part",
    ]


def test_a_visitor_searches_and_follows_a_video_to_its_page(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_label("Search titles, artists, directors and essays").fill("Sora")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**q=Sora**")
    page.get_by_role("link", name="The Hardest Part").first.click()
    page.wait_for_url("**/videos/the-hardest-part/")
    assert page.locator("h1").inner_text() == "The Hardest Part"
    assert page.locator(".verdict").first.inner_text().lower() == "gimmick"


def test_a_bad_parameter_shows_what_it_accepts(page, live_server):
    response = page.goto(live_server.url + "/?decade=1985")
    assert response.status == 400
    assert "first year of a decade" in page.locator(".errors").inner_text()


def test_the_timeline_fits_a_phone_screen(browser, live_server, transactional_db):
    call_command("load_collection", stdout=io.StringIO())
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True
    )
    phone = context.new_page()
    phone.goto(live_server.url + "/")
    scroll_width = phone.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 390
    context.close()
