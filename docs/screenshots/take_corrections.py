"""Take the screenshots of readers' corrections (issue 17) from a running archive with the
curated collection, as take.py does for the other pages:

    make run                                               # in one terminal
    .venv/bin/python docs/screenshots/take_corrections.py  # in another (BASE_URL=…)

The video page's link, the form empty, the form refusing an empty box, and the thank-you page after a real
submission (it stores one correction to "Cry" in that archive).
"""

import os
from pathlib import Path

from playwright.sync_api import sync_playwright

BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
HERE = Path(__file__).resolve().parent
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
FORM = "/videos/cry/correction/"
# suffix: (viewport, height of the form's picture: the whole form)
SIZES = {"": (DESKTOP, 1000), "-phone": (PHONE, 1500)}


def shoot(page, name, height):
    viewport = page.viewport_size
    clip = {"x": 0, "y": 0, "width": viewport["width"], "height": height}
    page.screenshot(path=HERE / f"{name}.png", clip=clip, full_page=True)
    print(f"{name}.png  {page.url}")


def main():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking"],
        )
        for suffix, (viewport, form_height) in SIZES.items():
            context = browser.new_context(
                viewport=viewport, is_mobile=viewport is PHONE
            )
            page = context.new_page()
            page.goto(BASE_URL + "/videos/cry/")
            link = page.locator(".suggest-correction")
            link.screenshot(path=HERE / f"correction-link{suffix}.png")
            link.get_by_role("link").click()
            shoot(page, f"correction-form{suffix}", form_height)
            page.get_by_role("button", name="Send the correction").click()
            shoot(page, f"correction-form-errors{suffix}", viewport["height"])
            page.get_by_label("What is wrong").fill(
                "The essay dates the single to 1985; the sleeve says 1985 but the "
                "video premiered in 1986. Source: a making-of interview."
            )
            page.get_by_label("Your name (optional)").fill("Ann Reader")
            page.get_by_role("button", name="Send the correction").click()
            shoot(page, f"correction-thanks{suffix}", viewport["height"])
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
