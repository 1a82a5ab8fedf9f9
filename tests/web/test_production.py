"""Production settings, security headers and the admin login throttle."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.test import override_settings

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "goodreason.example",
    "DATABASE_URL": "sqlite:///:memory:",
}
SECURITY_SETTINGS = [
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY", "X_FRAME_OPTIONS",
]  # fmt: skip


def run_with_production_env(*args):
    env = {**os.environ, **PRODUCTION_ENV}
    for development_only in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):
        env.pop(development_only, None)
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def production_settings():
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n) for n in {SECURITY_SETTINGS!r}}}))"
    )
    result = run_with_production_env(
        "-c",
        f"import os; os.environ['DJANGO_SETTINGS_MODULE']='archive.settings'; {code}",
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing_under_production_settings():
    result = run_with_production_env(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**{k: v for k, v in os.environ.items() if k != "SECRET_KEY"}, **env},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_turns_on_https_only_settings(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_HSTS_SECONDS"] >= 31536000
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True


@pytest.mark.parametrize("url", ["/", "/videos/cry/", "/techniques/", "/admin/login/"])
def test_every_page_sends_the_security_headers(
    client, collection, url, production_settings
):
    with override_settings(**production_settings):
        response = client.get(url, secure=True, headers={"host": "testserver"})
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
    assert "unsafe-inline" not in script_src
    assert "frame-ancestors 'none'" in csp
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_production_cookies_are_secure_and_http_only(client, production_settings):
    user = User.objects.create_user("ed", password="a-long-password-1", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    with override_settings(**production_settings):
        client.get("/admin/login/", secure=True)
        response = client.post(
            "/admin/login/?next=/admin/",
            {"username": "ed", "password": "a-long-password-1"},
            secure=True,
        )
    assert response.status_code == 302
    for name in ("sessionid", "csrftoken"):
        cookie = response.cookies.get(name) or client.cookies[name]
        assert cookie["secure"], name
        assert cookie["httponly"], name


def test_the_admin_login_locks_out_after_repeated_failures(client, settings):
    User.objects.create_user("ed", password="the-right-password-1", is_staff=True)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "ed", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "ed", "password": "the-right-password-1"}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
