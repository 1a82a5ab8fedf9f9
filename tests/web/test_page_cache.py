"""Cached public pages never go stale: an editor's change shows on the next request."""

import os
from datetime import timedelta

import pytest
import time_machine
from django.core.cache import caches
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_technique, make_video
from videos.models import ContentVersion, Essay, Video, VideoTechnique

pytestmark = pytest.mark.django_db

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_reachable():
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
        return True
    except Exception:
        return False


@pytest.fixture(params=["locmem", "redis"])
def page_cache(request, settings):
    if request.param == "redis":
        if not redis_reachable():
            if os.environ.get("REQUIRE_REDIS"):
                pytest.fail(
                    f"REQUIRE_REDIS is set but there is no Redis at {REDIS_URL}"
                )
            pytest.skip(f"no Redis at {REDIS_URL}")
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": REDIS_URL,
                "KEY_PREFIX": "goodreason-tests",
            },
            "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    settings.PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()
    yield request.param
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run an editor's change as if its transaction committed (firing on_commit hooks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, len(captured)


def test_a_second_visit_is_served_from_the_cache(client, page_cache):
    make_video("Cry", year=1985, verdict="justified")
    first, first_queries = queries_for(client, "/")
    second, second_queries = queries_for(client, "/")
    assert first_queries > 1
    assert second_queries == 1  # the archive's version, read from the database
    assert first.content == second.content


def test_a_page_another_worker_cached_in_redis_is_served_and_kept_near(
    client, page_cache
):
    if page_cache != "redis":
        pytest.skip("one process's memory is the only tier without Redis")
    make_video("Cry", year=1985, verdict="justified")
    first = client.get("/")
    caches["local"].clear()  # as if another worker had rendered and shared it
    second, second_queries = queries_for(client, "/")
    assert second_queries == 1 and second.content == first.content
    caches["default"].clear()  # now only this worker's copy is left
    third, third_queries = queries_for(client, "/")
    assert third_queries == 1 and third.content == first.content


def test_a_change_committed_by_another_worker_retires_this_workers_pages(
    client, page_cache
):
    # Another process's save bumps the version row; this process's own cache holds no
    # signal of it, yet the next request must render afresh.
    make_video("Cry", slug="cry", year=1985)
    assert b"Cry" in client.get("/").content
    Video.objects.filter(slug="cry").update(title="Cry (edited elsewhere)")
    ContentVersion.objects.filter(pk=1).update(version=F("version") + 1)
    assert b"Cry (edited elsewhere)" in client.get("/").content


def test_a_publish_shows_immediately(client, page_cache, commits):
    draft = make_video("Cry", status=Video.Status.DRAFT, published_at=None)
    assert b"Cry" not in client.get("/").content
    with commits():
        draft.status, draft.published_at = Video.Status.PUBLISHED, timezone.now()
        draft.save()
    assert b"Cry" in client.get("/").content


def test_an_unpublish_shows_immediately(client, page_cache, commits):
    video = make_video("Cry", slug="cry")
    assert client.get("/videos/cry/").status_code == 200
    with commits():
        video.status = Video.Status.DRAFT
        video.save()
    assert client.get("/videos/cry/").status_code == 404
    assert b"Cry" not in client.get("/").content


def test_an_essay_edit_shows_immediately(client, page_cache, commits):
    video = make_video(
        "Cry", slug="cry", verdict="justified", essay_body="First thoughts."
    )
    assert b"First thoughts." in client.get("/videos/cry/").content
    with commits():
        Essay.objects.filter(video=video).update(body="Second thoughts.")
        Essay.objects.get(video=video).save()
    assert b"Second thoughts." in client.get("/videos/cry/").content


def test_a_new_technique_claim_shows_immediately_in_facets(client, page_cache, commits):
    video = make_video("Cry")
    deepfake = make_technique("Deepfake")
    # No public video claims it yet, so it is not a value the timeline knows.
    assert client.get("/", {"technique": "deepfake"}).status_code == 400
    with commits():
        VideoTechnique.objects.create(video=video, technique=deepfake)
    response = client.get("/", {"technique": "deepfake"})
    assert [v.title for v in response.context["page_obj"]] == ["Cry"]


def test_a_scheduled_video_appears_when_its_time_comes(client, page_cache):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        make_video("Scheduled", published_at=timezone.now() + timedelta(minutes=5))
        assert b"Scheduled" not in client.get("/").content
        clock.shift(timedelta(minutes=4))
        assert b"Scheduled" not in client.get("/").content  # still the cached page
        clock.shift(timedelta(minutes=1, seconds=1))
        # The cached page expires at the scheduled time, not in ten minutes.
        assert b"Scheduled" in client.get("/").content


def test_a_400_and_a_404_are_served_from_the_cache(client, page_cache):
    make_video("Cry", slug="cry")
    for url, status in [("/?decade=1985", 400), ("/videos/nothing-here/", 404)]:
        first, first_queries = queries_for(client, url)
        again, again_queries = queries_for(client, url)
        assert first.status_code == again.status_code == status
        assert again_queries == 1 < first_queries  # the version, then the cached copy


def test_each_host_is_served_its_own_links_from_the_cache(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["goodreason.example", "mirror.example"]
    make_video("Cry", slug="cry")
    for _ in range(2):  # the second round is served from the cache
        for host in settings.ALLOWED_HOSTS:
            page = client.get("/videos/cry/", HTTP_HOST=host).content.decode()
            assert f'rel="canonical" href="http://{host}/videos/cry/"' in page
            assert f'property="og:url" content="http://{host}/videos/cry/"' in page
            row = client.get("/timeline.json", HTTP_HOST=host).json()["results"][0]
            assert row["url"] == f"http://{host}/videos/cry/"
            video = client.get("/videos/cry.json", HTTP_HOST=host).json()
            assert video["url"] == f"http://{host}/videos/cry/"
