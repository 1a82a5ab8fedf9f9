"""Take the screenshots of previews and share links (issue 17, item 2) from a running
archive with the curated collection, as take.py does for the public pages:

    make run                                           # in one terminal
    .venv/bin/python manage.py create_editor           # prints a password once
    EDITOR_PASSWORD=… .venv/bin/python docs/screenshots/take_preview.py

It previews the draft VIDEO_ID (default: the first draft in the admin's list), then the
same entry with an unsaved change to its title (pressing the form's "Preview changes"),
and with no title (refused, with the reason), makes a share link and reads it logged out, and shows an expired-looking link refused.
Nothing is saved: a preview rolls back, and a share link is not stored.
"""

import os
import re
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
USERNAME = os.environ.get("EDITOR_USERNAME", "editor")
PASSWORD = os.environ["EDITOR_PASSWORD"]
HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
SIZES = {"": DESKTOP, "-phone": PHONE}


def shoot(page, name, height=None):
    viewport = page.viewport_size
    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height or 900}
    page.screenshot(path=HERE / f"{name}.png", clip=clip, full_page=True)
    print(f"{name}.png  {page.url}")


def shoot_form_bottom(page, name):
    """The save buttons and "Preview changes" under them."""
    box = page.locator(".preview-changes").bounding_box()
    top = max(0, box["y"] - 160)
    clip = {"x": 0, "y": top, "width": page.viewport_size["width"], "height": 320}
    page.screenshot(path=HERE / f"{name}.png", clip=clip, full_page=True)
    print(f"{name}.png  {page.url}")


def log_in(page):
    page.goto(f"{BASE_URL}/admin/login/")
    page.fill("#id_username", USERNAME)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")


def draft_id(page):
    if video_id := os.environ.get("VIDEO_ID"):
        return video_id
    page.goto(f"{BASE_URL}/admin/videos/video/?status__exact=draft")
    href = page.locator("#result_list tbody th a").first.get_attribute("href")
    return re.search(r"/(\d+)/change/", href)[1]


def editor_shots(browser, suffix, viewport):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)
    page = context.new_page()
    log_in(page)
    video = draft_id(page)
    page.goto(f"{BASE_URL}/admin/videos/video/{video}/preview/")
    shoot(page, f"preview-draft{suffix}")
    page.goto(f"{BASE_URL}/admin/videos/video/{video}/change/")
    shoot_form_bottom(page, f"preview-button{suffix}")
    page.fill("#id_title", page.input_value("#id_title") + " (retitled)")
    with context.expect_page() as opened:
        page.click("input[value='Preview changes']")
    unsaved = opened.value
    unsaved.wait_for_load_state()
    shoot(unsaved, f"preview-unsaved{suffix}")
    page.fill("#id_title", "")
    with context.expect_page() as opened:
        page.click("input[value='Preview changes']")
    refused = opened.value
    refused.wait_for_load_state()
    shoot(refused, f"preview-errors{suffix}", 500)
    page.goto(f"{BASE_URL}/admin/videos/video/{video}/share/")
    shoot(page, f"preview-share-message{suffix}", 500)
    link = page.locator(".messagelist a").first.get_attribute("href")
    context.close()
    return link


def reader_shots(browser, suffix, viewport, link):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(link)
    shoot(page, f"preview-shared{suffix}")
    page.goto(link[:-3] + "xx/")  # a tampered link: refused as unknown
    shoot(page, f"preview-shared-refused{suffix}", 600)
    context.close()


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking"],
        )
        for suffix, viewport in SIZES.items():
            link = editor_shots(browser, suffix, viewport)
            reader_shots(browser, suffix, viewport, link)
        browser.close()


if __name__ == "__main__":
    main()
