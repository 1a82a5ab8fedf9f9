"""A reader suggests a correction to a public entry (issue 17, item 7): stored as plain text
for the editors, refused in words when it can't be taken, never shown publicly."""

import os
import re
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.test import Client, RequestFactory
from django.utils import timezone

from archive.settings import redis_caches
from tests.admin_forms import make_editor
from tests.factories import make_video
from videos.models import Correction, Video
from videos.models.versions import current_version
from videos.pages.corrections import PER_WINDOW
from videos.web import page_cache

pytestmark = pytest.mark.django_db

FORM = "/videos/cry/correction/"
THANKS = "/videos/cry/correction/thanks/"
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")
XSS = "<script>alert(1)</script>"


@pytest.fixture
def cry(db):
    return make_video("Cry", slug="cry", year=1985, verdict="justified")


def send(client, **fields):
    data = {"text": "It was released in 1985, not 1986.", "name": "", "email": ""}
    return client.post(FORM, {**data, "website": "", **fields})


def test_a_valid_correction_is_stored_against_its_video_and_thanked(client, cry):
    make_video("Another")
    response = send(client, name="Ann Reader", email="ann@example.org")
    assert response.status_code == 302
    assert response["Location"] == THANKS
    correction = Correction.objects.get()
    assert correction.video == cry
    assert correction.text == "It was released in 1985, not 1986."
    assert (correction.name, correction.email) == ("Ann Reader", "ann@example.org")
    assert correction.status == Correction.Status.NEW
    thanks = client.get(THANKS)
    assert thanks.status_code == 200
    assert "An editor will read it" in thanks.content.decode()


def test_the_form_page_names_the_video_and_asks_what_is_wrong(client, cry):
    response = client.get(FORM)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Suggest a correction" in page
    assert "“Cry” (1985)" in page
    assert "What is wrong" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'content="noindex"' in page


def test_missing_text_is_refused_in_words(client, cry):
    response = send(client, text="   ")
    assert response.status_code == 200
    assert "Say what is wrong: this box is empty." in response.content.decode()
    assert not Correction.objects.exists()


def test_over_long_text_is_refused_in_words_and_kept_in_the_form(client, cry):
    text = "word " * 500  # 2,500 characters
    response = send(client, text=text)
    page = response.content.decode()
    assert response.status_code == 200
    assert "it can be at most 2000. Shorten it." in page
    assert text.strip() in page  # nothing the reader typed is lost
    assert not Correction.objects.exists()


def test_a_bad_email_address_is_refused_in_words(client, cry):
    response = send(client, email="not an address")
    assert response.status_code == 200
    assert "This is not an e-mail address" in response.content.decode()
    assert not Correction.objects.exists()


def test_a_filled_honeypot_stores_nothing_but_thanks_all_the_same(client, cry):
    response = send(client, website="https://spam.example")
    assert response.status_code == 302
    assert response["Location"] == THANKS
    assert not Correction.objects.exists()


def test_the_honeypot_is_labelled_and_hidden_from_people(client, cry):
    page = client.get(FORM).content.decode()
    trap = re.search(r'<p class="trap" aria-hidden="true">(.*?)</p>', page, re.S)
    assert trap, "the honeypot's wrapper is missing"
    assert "Leave this field empty" in trap.group(1)
    assert 'tabindex="-1"' in trap.group(1)


@pytest.fixture(params=["locmem", "redis"])
def rate_cache(request, settings):
    """The cache that counts attempts: this process's memory, or Redis as production has
    it (under a prefix of this test's own, so nothing else's keys are touched)."""
    page_cache._skipped_until.clear()
    if request.param == "redis":
        if not redis_reachable():
            if os.environ.get("REQUIRE_REDIS"):
                pytest.fail(
                    f"REQUIRE_REDIS is set but there is no Redis at {REDIS_URL}"
                )
            pytest.skip(f"no Redis at {REDIS_URL}")
        settings.CACHES = redis_caches(REDIS_URL)
        settings.CACHES["default"]["KEY_PREFIX"] = f"corrections-{uuid.uuid4().hex}"
    else:
        caches["default"].clear()
    yield request.param
    page_cache._skipped_until.clear()


def redis_reachable():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
        return True
    except Exception:
        return False


def test_the_sixth_correction_within_the_hour_is_refused_and_not_stored(
    client, cry, rate_cache
):
    for number in range(PER_WINDOW):
        assert send(client, text=f"Correction {number}").status_code == 302
    refused = send(client, text="One too many")
    page = refused.content.decode()
    assert refused.status_code == 429
    assert "sent 5 corrections within the hour" in page
    assert "One too many" in page  # kept for the reader to send later
    assert Correction.objects.count() == PER_WINDOW
    # Another reader, at another address, is not held back.
    elsewhere = {"text": "From elsewhere", "website": ""}
    other = client.post(FORM, elsewhere, REMOTE_ADDR="192.0.2.7")
    assert other.status_code == 302


def test_an_hour_later_the_same_address_may_send_again(client, cry):
    # Counted in this process's cache: Redis expires keys by its own clock, which
    # time_machine can't move.
    with time_machine.travel(timezone.now(), tick=False) as clock:
        for number in range(PER_WINDOW + 1):
            send(client, text=f"Correction {number}")
        clock.shift(timedelta(hours=1, seconds=1))
        assert send(client, text="The next hour").status_code == 302
    assert Correction.objects.filter(text="The next hour").exists()


def test_with_the_cache_down_a_correction_is_still_taken(client, cry, settings):
    settings.CACHES = redis_caches("redis://127.0.0.1:1/0")  # nothing listens there
    page_cache._skipped_until.clear()
    try:
        response = send(client)
    finally:
        page_cache._skipped_until.clear()
    assert response.status_code == 302
    assert Correction.objects.count() == 1


def test_an_xss_payload_is_stored_verbatim_and_escaped_in_the_admin(client, cry):
    assert send(client, text=XSS).status_code == 302
    correction = Correction.objects.get()
    assert correction.text == XSS
    make_editor(client)
    for url in (
        "/admin/videos/correction/",
        f"/admin/videos/correction/{correction.pk}/change/",
    ):
        page = client.get(url).content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, url
        assert XSS not in page, url


def csrf_token_on(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_a_post_without_the_forms_csrf_token_is_refused(cry):
    browser = Client(enforce_csrf_checks=True)
    data = {"text": "A correction.", "website": ""}
    assert browser.post(FORM, data).status_code == 403
    assert not Correction.objects.exists()
    token = csrf_token_on(browser.get(FORM).content.decode())
    response = browser.post(FORM, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Correction.objects.count() == 1


@pytest.mark.parametrize(
    "status, published_at",
    [("draft", None), ("in_review", None), ("published", timedelta(days=1))],
    ids=["draft", "in review", "scheduled"],
)
def test_a_video_that_is_not_public_has_no_correction_form(
    client, status, published_at
):
    when = timezone.now() + published_at if published_at else None
    make_video("Cry", slug="cry", status=status, published_at=when)
    assert client.get(FORM).status_code == 404
    assert send(client).status_code == 404
    assert client.get(THANKS).status_code == 404
    assert not Correction.objects.exists()


def test_an_unknown_video_has_no_correction_form(client, cry):
    response = client.get("/videos/no-such-video/correction/")
    assert response.status_code == 404
    assert "No published video has the address" in response.content.decode()


def test_the_video_page_links_to_the_form(client, cry):
    page = client.get("/videos/cry/").content.decode()
    assert "Spotted an error?" in page
    assert f'href="{FORM}"' in page


def test_the_about_page_points_to_the_form_and_gives_no_placeholder_address(client):
    page = client.get("/about/").content.decode()
    assert "Spotted an error?" in page
    assert "mailto:" not in page
    assert ".example" not in page


def test_the_form_page_is_never_cached(client, cry, settings):
    settings.PAGE_CACHE_SECONDS = 600
    first = client.get(FORM)
    assert "no-store" in first["Cache-Control"]
    # A change that retires no cached page: a cached form would still say "Cry".
    Video.objects.filter(pk=cry.pk).update(title="Cry (retitled)")
    assert "Cry (retitled)" in client.get(FORM).content.decode()
    request = RequestFactory().get(FORM)
    for alias in page_cache.page_caches():
        assert caches[alias].get(page_cache.page_key(request)) is None


def test_a_correction_stays_off_the_public_site_and_retires_no_cached_page(client, cry):
    version = current_version()
    send(client, text="A reader's words that no page shows")
    Correction.objects.update(status=Correction.Status.ACCEPTED)
    assert current_version() == version
    for url in ("/videos/cry/", "/", "/videos/cry.json"):
        assert "no page shows" not in client.get(url).content.decode(), url


def test_other_methods_are_not_allowed(client, cry):
    assert client.put(FORM).status_code == 405
