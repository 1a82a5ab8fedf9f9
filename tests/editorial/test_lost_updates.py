"""Every write path moves a video's change marker, and the admin's check refuses a form
that doesn't carry the current one (issue 12, item 5)."""

import pytest
from django.urls import reverse

from tests.admin_forms import form_data
from tests.editorial.test_csv_import import row, table
from tests.factories import make_video
from videos.editorial.csv_import import import_videos
from videos.models import Video

pytestmark = pytest.mark.django_db


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def test_a_form_without_the_marker_is_refused(client, editor):
    video = make_video("Cry", verdict="justified")
    data = form_data(client.get(change_url(video)), "video_form", title="Cry!")
    data["updated_at_when_opened"] = ""
    response = client.post(change_url(video), data)
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    assert Video.objects.get(pk=video.pk).title == "Cry"


def test_an_import_that_only_changes_the_artist_refuses_the_stale_form(client, editor):
    import_videos(table(row()))
    video = Video.objects.get(slug="take-on-me")
    page = client.get(change_url(video))
    import_videos(table(row(artist="Morten Harket")))
    response = client.post(change_url(video), form_data(page, "video_form"))
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    assert [a.name for a in video.artists.all()] == ["Morten Harket"]


def test_an_import_that_changes_nothing_leaves_the_marker(client, editor):
    import_videos(table(row()))
    video = Video.objects.get(slug="take-on-me")
    page = client.get(change_url(video))
    import_videos(table(row()))
    response = client.post(change_url(video), form_data(page, "video_form"))
    assert response.status_code == 302


def test_saving_an_essay_on_its_own_page_moves_its_video_s_marker(client, editor):
    video = make_video("Cry", verdict="justified")
    video_page = client.get(change_url(video))
    essay_url = reverse("admin:videos_essay_change", args=[video.essay.pk])
    essay_form = form_data(client.get(essay_url), "essay_form", headline="New")
    assert client.post(essay_url, essay_form).status_code == 302
    response = client.post(change_url(video), form_data(video_page, "video_form"))
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
