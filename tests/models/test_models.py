from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import make_technique, make_video
from videos.models import Essay, Precedent, Video, VideoTechnique

pytestmark = pytest.mark.django_db


def test_published_videos_are_public_and_drafts_are_not():
    shown = make_video("Shown")
    make_video("Draft", status=Video.Status.DRAFT, published_at=None)
    assert list(Video.objects.published()) == [shown]


def test_a_publication_time_in_the_future_schedules_a_video():
    make_video("Tomorrow", published_at=timezone.now() + timedelta(days=1))
    assert not Video.objects.published().exists()


def test_a_published_video_needs_a_publication_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_video("Undated", published_at=None)


def test_slugs_are_unique():
    make_video("Cry", slug="cry")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_video("Cry again", slug="cry")


@pytest.mark.parametrize("year", [1899, 2101])
def test_the_database_refuses_a_year_out_of_range(year):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_video(year=year)


def test_validation_refuses_a_year_after_next_year():
    video = make_video(year=1985)
    video.year = timezone.now().year + 2
    with pytest.raises(ValidationError, match="after next year"):
        video.full_clean()


def test_a_video_has_one_essay():
    video = make_video(verdict="justified")
    with pytest.raises(IntegrityError), transaction.atomic():
        Essay.objects.create(video=video, headline="Again", body="x", verdict="gimmick")


def test_a_video_has_at_most_one_primary_technique():
    video = make_video(techniques=[make_technique("Rotoscoping")])
    with pytest.raises(IntegrityError), transaction.atomic():
        VideoTechnique.objects.create(
            video=video, technique=make_technique("Deepfake"), is_primary=True
        )


def test_a_video_cannot_be_its_own_precedent():
    video = make_video()
    with pytest.raises(IntegrityError), transaction.atomic():
        Precedent.objects.create(later=video, earlier=video, note="itself")


def test_a_claim_timecode_reads_as_minutes_and_seconds():
    video = make_video()
    claim = video.claims.get()
    claim.timecode = timedelta(minutes=1, seconds=40)
    assert (claim.timecode_label, claim.timecode_seconds) == ("1:40", 100)
