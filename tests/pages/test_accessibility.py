"""Every page family checked by axe-core in headless Chromium at a desktop and a phone
width, the first video above the fold on a phone, and the first result a few Tab
presses away for keyboard users (issue 15).

axe-core comes from npm (package.json at the repository's root); this module installs
it with `npm ci` when node_modules lacks it, and Playwright injects it into each page.
"""

import io
import os
import shutil
import subprocess

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.pages.page_families import families
from tests.pages.test_browser import CHROMIUM, HAVE_CHROMIUM

AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = bool(os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"))

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not HAVE_CHROMIUM, reason=f"no Chromium at {CHROMIUM}"),
]

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists() and shutil.which("npm"):
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=settings.BASE_DIR,
            check=True,
            capture_output=True,
        )
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}: run `npm ci`"
        if REQUIRED:
            raise RuntimeError(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
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
def archive(live_server, transactional_db):
    call_command("load_collection", stdout=io.StringIO())
    return live_server.url


def violations(page, axe):
    page.add_script_tag(content=axe)  # the context bypasses the site's CSP for it
    return page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']}))"
        ".violations.map(v => `${v.id} (${v.impact}): ${v.nodes.length} × "
        "${v.nodes[0].target.join(' ')}`)"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_every_page_family_has_no_axe_violations(
    browser, archive, axe_source, viewport
):
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    page = context.new_page()
    found = {}
    for family, url in families().items():
        page.goto(archive + url)
        if problems := violations(page, axe_source):
            found[f"{family} {url}"] = problems
    context.close()
    assert found == {}


PHONE_PAGES = ["/", "/?technique=deepfake&decade=2020", "/?q=faces&decade=2020"]


def test_the_first_video_is_above_the_fold_on_a_phone(browser, archive):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    for url in PHONE_PAGES:
        page.goto(archive + url)
        title = page.locator(".entry-title").first.bounding_box()
        assert title["y"] + title["height"] <= PHONE["height"], (url, title)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def tabs_to_first_result(page):
    """Tab presses from the top of the page to the first result's link, following
    "Skip to results" with Enter; None past five."""
    first = page.locator(".entry-title a").first.get_attribute("href")
    for presses in range(1, 6):
        page.keyboard.press("Tab")
        text, href = page.evaluate(
            "[document.activeElement.textContent.trim(), "
            "document.activeElement.getAttribute('href')]"
        )
        if href == first:
            return presses
        if text == "Skip to results":
            page.keyboard.press("Enter")
    return None


def test_keyboard_users_reach_the_first_result_within_five_tabs(browser, archive):
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(archive + "/?technique=single-take")
        # Skip to content, Skip to results (then Enter), the first result.
        assert tabs_to_first_result(page) == 3, viewport
        context.close()
