import io
import os
import shutil

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Tests never write into the real MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def collection(db):
    """The curated collection, loaded on the current migrations."""
    from django.core.management import call_command

    call_command("load_collection", verbosity=0, stdout=io.StringIO())


def chromium_path():
    return shutil.which("chromium") or (
        "/usr/bin/chromium" if os.path.exists("/usr/bin/chromium") else None
    )
