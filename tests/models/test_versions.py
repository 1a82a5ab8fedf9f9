"""The collection's version: one new version for each saved change, however many rows it
touches, so caches and indexes keyed by it are retired once per save."""

import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.admin_forms import form_data
from tests.factories import make_technique, make_video
from videos.models import ContentVersion, Essay, Video, VideoTechnique
from videos.models.versions import current_version, deferred_version

pytestmark = pytest.mark.django_db

CSV_HEADER = (
    "title,artist,year,directors,techniques,effects_studio,note,source_url,confidence\n"
)


class VersionsTaken(CaptureQueriesContext):
    """Counts the statements that give the collection a new version."""

    def __init__(self):
        super().__init__(connection)

    @property
    def count(self):
        table = ContentVersion._meta.db_table
        return sum(
            1
            for query in self.captured_queries
            if query["sql"].startswith("UPDATE") and table in query["sql"]
        )


def test_a_transaction_touching_many_rows_takes_one_version():
    video = make_video("Cry")
    current_version()  # a reader saw the version: the next change needs a new one
    with VersionsTaken() as taken, transaction.atomic():
        video.title = "Cry (1985)"
        video.save()
        Essay.objects.filter(video=video).update(headline="Faces")
        VideoTechnique.objects.create(video=video, technique=make_technique("Wipe"))
        video.tags.add("faces")
    assert taken.count == 1


def test_a_change_after_a_rolled_back_savepoint_takes_a_version_again():
    video = make_video("Cry")
    current_version()
    with VersionsTaken() as taken, transaction.atomic():
        try:
            with transaction.atomic():
                video.save()
                raise RuntimeError("rolled back")
        except RuntimeError:
            pass
        video.save()
    assert taken.count == 2


def test_a_deferred_version_is_taken_once_at_the_end():
    video = make_video("Cry")
    current_version()
    with VersionsTaken() as taken, deferred_version():
        for year in range(1980, 1990):
            video.year = year
            video.save()
    assert taken.count == 1
    updates = [
        q["sql"] for q in taken.captured_queries if q["sql"].startswith("UPDATE")
    ]
    assert ContentVersion._meta.db_table in updates[-1]  # after every video's save


def test_an_admin_save_of_a_video_with_its_essay_and_claims_takes_one_version(
    client, editor
):
    video = make_video("Cry", slug="cry", techniques=[make_technique("Dissolve")])
    url = reverse("admin:videos_video_change", args=[video.pk])
    data = form_data(client.get(url), "video_form", title="Cry (1985)")
    current_version()
    with VersionsTaken() as taken:
        assert client.post(url, data).status_code == 302
    assert taken.count == 1


def test_publishing_ten_drafts_at_once_takes_one_version(client, editor):
    # Complete drafts (publish checks): an essay, a source, a sourced primary claim.
    drafts = [
        make_video(status="draft", published_at=None, verdict="justified")
        for _ in range(10)
    ]
    VideoTechnique.objects.update(source_url="https://example.org/how")
    current_version()
    with VersionsTaken() as taken:
        client.post(
            reverse("admin:videos_video_changelist"),
            {"action": "publish", "_selected_action": [d.pk for d in drafts]},
        )
    assert Video.objects.published().count() == 10
    assert taken.count == 1


def test_a_csv_import_takes_one_version(tmp_path):
    rows = "".join(
        f"Song {n},Band {n},{1990 + n},Director {n},digital morphing,,A note.,"
        f"https://example.org/{n},high\n"
        for n in range(5)
    )
    path = tmp_path / "new.csv"
    path.write_text(CSV_HEADER + rows)
    current_version()
    with VersionsTaken() as taken:
        call_command("import_videos", str(path), stdout=io.StringIO())
    assert Video.objects.filter(title__startswith="Song ").count() == 5
    assert taken.count == 1


def test_restoring_an_archive_takes_one_version(tmp_path):
    make_video("Cry", techniques=[make_technique("Dissolve")])
    document = tmp_path / "archive.json"
    call_command("export_archive", "-o", str(document), stdout=io.StringIO())
    Video.objects.all().delete()
    from django.apps import apps

    for model in apps.get_app_config("videos").get_models():
        if model is not ContentVersion and not model._meta.auto_created:
            model._base_manager.all().delete()
    from taggit.models import Tag

    Tag.objects.all().delete()
    current_version()
    with VersionsTaken() as taken:
        call_command("import_archive", str(document), stdout=io.StringIO())
    assert Video.objects.filter(title="Cry").exists()
    assert taken.count == 1
