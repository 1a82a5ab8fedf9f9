"""The database unreachable: the archive's own 503 with Retry-After, cached pages still
served, and recovery by itself when the database returns (issue 12, item 10).

The archive runs under gunicorn, as in production, so a request's whole life is real:
Django's connection handling between requests is part of what recovers. On SQLite the
database's directory disappears (every request opens the file afresh); on PostgreSQL the
server's address goes dark, dropping the worker's open connection and refusing new ones,
then comes back.
"""

import json
import subprocess
import sys

import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory

from tests.web.servers import ROOT, App, Gate
from videos.web.outage import server_error

pytestmark = pytest.mark.django_db

SETTINGS = {
    "DEBUG": "0",
    "SECRET_KEY": "outage-tests",
    "ALLOWED_HOSTS": "127.0.0.1",
    "PAGE_CACHE_SECONDS": "600",
    "DJANGO_ENV": "development",
}


class SqliteOutage:
    """A SQLite file whose directory is moved away and back."""

    def __init__(self, tmp_path):
        self.folder, self.moved = tmp_path / "db", tmp_path / "db-gone"
        self.folder.mkdir()
        self.url = f"sqlite:///{self.folder / 'archive.sqlite3'}"
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"],
            cwd=ROOT, env={**SETTINGS, "PATH": "", "DATABASE_URL": self.url},
            check=True,
        )  # fmt: skip
        self.environment = {"DATABASE_URL": self.url, "CONN_MAX_AGE": "0"}

    def begin(self):
        self.folder.rename(self.moved)

    def end(self):
        self.moved.rename(self.folder)


class PostgresOutage:
    """The test database, reached through a gate that goes dark and comes back."""

    def __init__(self, tmp_path):
        settings = connection.settings_dict
        self.gate = Gate(settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432))
        self.gate.open()
        user = settings["USER"]
        self.environment = {
            "DATABASE_URL": f"postgres://{user}@127.0.0.1:{self.gate.port}/"
            f"{settings['NAME']}",
            "CONN_MAX_AGE": "60",  # a persistent connection, which the outage breaks
        }

    def begin(self):
        self.gate.close()

    def end(self):
        self.gate.open()


@pytest.fixture
def outage(tmp_path):
    if connection.vendor != "postgresql":
        yield SqliteOutage(tmp_path)
        return
    postgres = PostgresOutage(tmp_path)
    yield postgres
    postgres.gate.close()


@pytest.fixture
def app(outage, tmp_path):
    environment = {**SETTINGS, **outage.environment, "MEDIA_ROOT": str(tmp_path)}
    server = App(environment, log=tmp_path / "gunicorn.log")
    server.start()
    yield server
    server.stop()


def assert_unavailable(answer):
    status, headers, body, seconds = answer
    assert status == 503
    assert headers["Retry-After"] == "30"
    assert seconds < 10
    return headers, body


def test_a_database_outage_answers_503_serves_cached_pages_and_recovers(app, outage):
    status, _, timeline, _ = app.get("/")
    assert status == 200
    assert app.get("/about/")[0] == 200

    outage.begin()
    try:
        # Cached before the outage: the last good copy, without the database.
        status, _, during, _ = app.get("/")
        assert (status, during) == (200, timeline)
        assert app.get("/about/")[0] == 200

        headers, body = assert_unavailable(app.get("/techniques/"))
        page = body.decode()
        assert "The archive is briefly unavailable" in page
        assert '<link rel="stylesheet"' in page  # the archive's own page, not bare
        assert "Server Error" not in page

        for url in ["/timeline.json?decade=1980", "/videos/cry.json"]:
            headers, body = assert_unavailable(app.get(url))
            assert headers["Content-Type"] == "application/json"
            assert "database" in json.loads(body)["error"]
        assert_unavailable(app.get("/techniques/"))  # and again: no 500 ever
    finally:
        outage.end()

    assert app.get("/techniques/")[0] == 200  # recovered, without a restart
    assert app.get("/timeline.json?decade=1980")[0] == 200


def test_a_database_error_outside_any_view_is_a_503_too():
    request = RequestFactory().get("/")
    try:
        raise OperationalError("connection refused")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"


def test_any_other_error_stays_djangos_own_500():
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
