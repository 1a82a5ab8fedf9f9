"""Take the README's screenshots from a running archive with the curated collection.

    make run                                   # in one terminal
    .venv/bin/python docs/screenshots/take.py  # in another (BASE_URL=… for another host)

Drives Debian's /usr/bin/chromium with Playwright (no browser download) at a desktop
(1366 wide) and a phone (390 × 844) size, and writes the PNGs beside this file.
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# name: (address, viewport, height of the picture: the first screen or a longer strip)
SHOTS = {
    "timeline-desktop": ("/", DESKTOP, 1500),
    "timeline-phone": ("/", PHONE, 844),
    "timeline-filtered": ("/?technique=deepfake&decade=2020", DESKTOP, 1100),
    "timeline-filtered-phone": ("/?technique=deepfake&decade=2020", PHONE, 844),
    "video-page": ("/videos/cry/", DESKTOP, 768),
    "video-page-phone": ("/videos/cry/", PHONE, 844),
    "techniques": ("/techniques/", DESKTOP, 1000),
    "techniques-phone": ("/techniques/", PHONE, 844),
}


def shoot(browser, name, url, viewport, height):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(BASE_URL + url, wait_until="networkidle")
    # Lazy images below the first screen load before a longer strip is taken.
    page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
    page.screenshot(path=HERE / f"{name}.png", clip=clip, full_page=True)
    context.close()


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking"],
        )
        for name, (url, viewport, height) in SHOTS.items():
            shoot(browser, name, url, viewport, height)
            print(f"{name}.png  {url}")
        browser.close()


if __name__ == "__main__":
    main()
