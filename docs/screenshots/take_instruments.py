"""Take the README's screenshots of the archive's instruments (issue 16) from a running
archive with the curated collection, as take.py does for the other pages:

    make run                                               # in one terminal
    .venv/bin/python docs/screenshots/take_instruments.py  # in another (BASE_URL=…)
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
FACES = "/exhibits/faces-from-cry-to-the-heart-part-5/"
# name: (address, viewport, height of the picture)
SHOTS = {
    "compare": ("/compare/cry/the-heart-part-5/", DESKTOP, 1250),
    "compare-phone": ("/compare/cry/the-heart-part-5/", PHONE, 1400),
    "verdicts": ("/verdicts/", DESKTOP, 1350),
    "verdicts-phone": ("/verdicts/", PHONE, 1400),
    "lineage": ("/lineage/", DESKTOP, 1350),
    "lineage-phone": ("/lineage/", PHONE, 1100),
    "exhibits": ("/exhibits/", DESKTOP, 1000),
    "exhibits-phone": ("/exhibits/", PHONE, 1100),
    "exhibit": (FACES, DESKTOP, 1250),
    "exhibit-phone": (FACES, PHONE, 1400),
}


def shoot(browser, name, url, viewport, height):
    context = browser.new_context(viewport=viewport, is_mobile=viewport is PHONE)
    page = context.new_page()
    page.goto(BASE_URL + url, wait_until="networkidle")
    page.evaluate("document.querySelectorAll('img').forEach(i => i.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    height = min(height, page.evaluate("document.documentElement.scrollHeight"))
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
