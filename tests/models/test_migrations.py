"""Every migration applies and reverses, on whichever database the suite runs on.

These tests change the schema, so they run outside a test transaction (transactional_db);
pytest-django runs them after the ordinary database tests, and empties the tables after.
"""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from tests.factories import make_video


def migrate(*target):
    call_command("migrate", *target, verbosity=0, stdout=io.StringIO())


def videos_migrations():
    """The videos app's migrations, in the order they apply."""
    graph = MigrationLoader(connection).graph
    (leaf,) = [node for node in graph.leaf_nodes() if node[0] == "videos"]
    return [name for app, name in graph.forwards_plan(leaf) if app == "videos"]


def videos_tables():
    return {
        name
        for name in connection.introspection.table_names()
        if name.startswith("videos_")
    }


def count_rows(table):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


def editor_permissions():
    editors = Group.objects.get(name="Editors")
    return {
        f"{app}.{codename}"
        for app, codename in editors.permissions.values_list(
            "content_type__app_label", "codename"
        )
    }


@pytest.fixture
def migrated_afterwards(transactional_db):
    """Whatever a test leaves behind, the later tests get every migration applied."""
    yield
    migrate("videos")


def test_every_migration_reverses_to_zero_and_applies_again(migrated_afterwards):
    tables = videos_tables()
    assert "videos_video" in tables

    migrate("videos", "zero")
    assert videos_tables() == set()
    assert not Group.objects.filter(name="Editors").exists()

    migrate("videos")
    assert videos_tables() == tables
    permissions = editor_permissions()
    assert {"videos.change_video", "videos.add_essay", "videos.delete_source"} <= (
        permissions
    )
    assert not {p for p in permissions if p.startswith("auth.")}
    assert "videos.delete_video" not in permissions


def test_rolling_back_each_later_migration_keeps_the_data(migrated_afterwards):
    """A deploy rolled back to any earlier migration, then forward again, loses no row."""
    make_video("Cry", verdict="justified")
    names = videos_migrations()
    for previous in reversed(names[:-1]):
        migrate("videos", previous)
        assert count_rows("videos_video") == 1, f"back to {previous}"
        assert count_rows("videos_essay") == 1, f"back to {previous}"
        migrate("videos")
        assert count_rows("videos_video") == 1, f"forward from {previous}"
    assert Group.objects.filter(name="Editors").exists()


@pytest.mark.django_db
def test_every_model_change_has_its_migration():
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=io.StringIO())
    except SystemExit:
        pytest.fail("A model changed without a migration: run makemigrations.")
