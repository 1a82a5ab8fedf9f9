"""The instruments in headless Chromium (issue 16): the click-to-load player requests
nothing from a third party before the click and opens at the moment clicked, and every
instrument's page has no axe-core violations at desktop and phone widths."""

import io
import os
import shutil
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.factories import make_video

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = settings.BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
REQUIRED = bool(os.environ.get("REQUIRE_BROWSER") or os.environ.get("CI"))
WATCH_URL = "https://www.youtube.com/watch?v=abcdefghijk"  # a test upload, not data
EMBED = "https://www.youtube-nocookie.com/embed/abcdefghijk?autoplay=1&start="

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM), reason=f"no Chromium at {CHROMIUM}"
    ),
]

INSTRUMENTS = [
    "/compare/",
    "/compare/cry/the-heart-part-5/",
    "/verdicts/",
    "/lineage/",
    "/exhibits/",
    "/exhibits/faces-from-cry-to-the-heart-part-5/",
    "/videos/watchable/",  # the player
]


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
def watchable(live_server, transactional_db):
    video = make_video("Watchable", watch_url=WATCH_URL)
    for seconds, what in ((100, "The turn"), (155, "The end")):
        video.moments.create(
            seconds=seconds, what=what, source_url="https://example.org/m"
        )
    return live_server.url + video.get_absolute_url()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.requests_away = []

    def route(route):
        """Let the archive's own requests through; record and refuse the rest."""
        if urlsplit(route.request.url).hostname in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            page.requests_away.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    yield page
    context.close()


def test_nothing_leaves_the_archive_until_a_moment_is_clicked(page, watchable):
    page.goto(watchable)
    page.wait_for_load_state("networkidle")
    assert page.requests_away == []
    assert page.locator("iframe").count() == 0

    page.get_by_role("link", name="1:40").click()
    frame = page.locator("figure.player iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == EMBED + "100"
    assert page.url == watchable  # the page stayed; the player came to it
    page.wait_for_timeout(300)
    assert page.requests_away and all(
        url.startswith("https://www.youtube-nocookie.com/")
        for url in page.requests_away
    )

    page.get_by_role("link", name="2:35").click()
    assert frame.get_attribute("src") == EMBED + "155"


def test_the_play_button_starts_the_player_from_the_beginning(page, watchable):
    page.goto(watchable)
    page.get_by_role("link", name="Play “Watchable”").click()
    frame = page.locator("figure.player iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == EMBED + "0"
    assert frame.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"


def test_without_javascript_the_play_button_and_moments_are_links(browser, watchable):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(watchable)
    assert page.get_by_role("link", name="Play “Watchable”").get_attribute("href") == (
        WATCH_URL
    )
    assert page.get_by_role("link", name="1:40").get_attribute("href") == (
        WATCH_URL + "&t=100s"
    )
    context.close()


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}: run `npm ci`"
        if REQUIRED:
            raise RuntimeError(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1366, 390])
def test_the_instruments_have_no_axe_violations(browser, watchable, axe_source, width):
    call_command("load_collection", "--reload", stdout=io.StringIO())
    base = watchable.split("/videos/")[0]
    context = browser.new_context(
        viewport={"width": width, "height": 900}, bypass_csp=True
    )
    page = context.new_page()
    found = {}
    for url in INSTRUMENTS:
        page.goto(base + url)
        page.add_script_tag(content=axe_source)
        problems = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']}))"
            ".violations.map(v => `${v.id}: ${v.nodes.length} × "
            "${v.nodes[0].target.join(' ')}`)"
        )
        if problems:
            found[url] = problems
        if "/videos/" not in url:  # the video page's other parts are not ours to fit
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
    context.close()
    assert found == {}
