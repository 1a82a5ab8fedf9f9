import importlib
import os
import stat
import time

import pytest


@pytest.fixture(autouse=True)
def no_stray_retries():
    """A retry scheduled in this process by one test never fires in another's."""
    yield
    from videos.editorial.queue import waiting_retries

    for timer in list(waiting_retries):
        timer.cancel()
    waiting_retries.clear()


@pytest.fixture
def unwritable_media(settings, tmp_path):
    """A MEDIA_ROOT nothing can be written to; call it to make it writable again.

    Read-only for an ordinary user; as root (CI), which ignores permissions, the path
    runs through a file instead, which no one can create a folder under."""
    media = tmp_path / "media"
    if os.geteuid() == 0:
        blocker = tmp_path / "blocked"
        blocker.write_text("")
        settings.MEDIA_ROOT = blocker / "media"

        def restore():
            blocker.unlink()
            (blocker / "media").mkdir(parents=True)

    else:
        media.mkdir()
        media.chmod(stat.S_IRUSR | stat.S_IXUSR)
        settings.MEDIA_ROOT = media

        def restore():
            media.chmod(stat.S_IRWXU)

    yield restore
    if os.geteuid() != 0:
        media.chmod(stat.S_IRWXU)


@pytest.fixture
def wait_for_job():
    return wait_until_finished


def wait_until_finished(job, seconds=30):
    """The job once it has finished (for jobs run by another thread or a worker)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.finished:
            return job
        time.sleep(0.05)
    raise AssertionError(f"{job} still {job.status} after {seconds} s")


@pytest.fixture
def editors_group(transactional_db):
    """The Editors group as the migrations make it: a test that commits (transaction=True)
    runs after others have emptied every table, the migrations' rows included."""
    from django.apps import apps

    editors_migration = importlib.import_module("videos.migrations.0002_editors_group")
    jobs_migration = importlib.import_module("videos.migrations.0012_job")
    roles_migration = importlib.import_module(
        "videos.migrations.0016_editorial_workflow"
    )
    # The migrations' functions clear each app's models module on the registry they
    # are given (meant for a migration's copy); this is the real one, so put it back.
    models_modules = {app.label: app.models_module for app in apps.get_app_configs()}
    try:
        editors_migration.create_editors_group(apps, None)
        jobs_migration.let_editors_follow_jobs(apps, None)
        roles_migration.create_roles(apps, None)  # Editors review and publish too
    finally:
        for app in apps.get_app_configs():
            app.models_module = models_modules[app.label]
