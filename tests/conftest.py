import io

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.db import transaction
from django.db.backends.signals import connection_created
from django.dispatch import receiver
from django.test import override_settings


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Tests never write into the real MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    """Pages render afresh in tests; test_caching.py turns the cache on where it is tested.

    (Test transactions roll back, so the commit hooks that retire cached pages never run.)
    """
    settings.PAGE_CACHE_SECONDS = 0
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def fresh_facet_index():
    """Each test builds its own facet index: a rolled-back test leaves its data's index in
    the process, under a version number the database no longer holds."""
    from videos.timeline.index import forget_index

    forget_index()


@pytest.fixture(scope="module")
def _collection_for_module(django_db_setup, django_db_blocker, tmp_path_factory):
    """The curated collection, loaded once per test module inside a transaction that is
    rolled back afterwards; each test's own changes roll back to a savepoint within it."""
    media = tmp_path_factory.mktemp("collection-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media),
        transaction.atomic(),
    ):
        call_command("load_collection", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)


@pytest.fixture
def collection(_collection_for_module, db):
    """The curated collection, loaded on the current migrations."""


@pytest.fixture
def editor(client, db):
    """A member of the Editors group, logged in on `client`."""
    from tests.admin_forms import make_editor

    return make_editor(client)


@receiver(connection_created)
def read_without_table_locks(connection, **kwargs):
    """The SQLite test database lives in memory with a shared cache, where a reader's
    table lock makes another thread's write fail at once ("database table is locked")
    instead of waiting, as a file database would. Tests that poll a job while its thread
    writes would then fail by chance; uncommitted reads take no table locks."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")
