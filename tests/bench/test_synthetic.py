"""manage.py generate_archive: a deterministic synthetic archive beside the curated one."""

import hashlib
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from taggit.models import Tag

from bench.synthetic import synthetic_videos
from tests.factories import make_video
from videos.models import (
    Artist,
    Director,
    Essay,
    TaggedVideo,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import current_version

pytestmark = pytest.mark.django_db


def generate(videos=300, **options):
    out = io.StringIO()
    call_command("generate_archive", videos=videos, stdout=out, **options)
    return out.getvalue()


def digest(videos):
    """A fingerprint of everything generated for `videos`, by slug (ids may differ)."""
    rows = [
        *videos.order_by("slug").values_list(
            "slug", "title", "year", "status", "published_at", "created_at"
        ),
        *Artist.objects.filter(videos__in=videos)
        .distinct()
        .order_by("slug")
        .values_list("slug", "name"),
        *Director.objects.filter(videos__in=videos)
        .distinct()
        .order_by("slug")
        .values_list("slug", "name"),
        *Video.artists.through.objects.filter(video__in=videos)
        .order_by("video__slug", "artist__slug")
        .values_list("video__slug", "artist__slug"),
        *Video.directors.through.objects.filter(video__in=videos)
        .order_by("video__slug", "director__slug")
        .values_list("video__slug", "director__slug"),
        *VideoTechnique.objects.filter(video__in=videos)
        .order_by("video__slug", "technique__slug")
        .values_list("video__slug", "technique__slug", "is_primary", "usage"),
        *TaggedVideo.objects.filter(content_object__in=videos)
        .order_by("content_object__slug", "tag__slug")
        .values_list("content_object__slug", "tag__slug"),
        *Essay.objects.filter(video__in=videos)
        .order_by("video__slug")
        .values_list("video__slug", "headline", "body", "verdict", "created_at"),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def curated_digest():
    return digest(Video.objects.exclude(pk__in=synthetic_videos()))


def digest_of_a_fresh_run(seed):
    """Generate into the archive as it stands, fingerprint, and roll the run back."""
    with transaction.atomic():
        generate(seed=seed)
        fingerprint = digest(synthetic_videos())
        transaction.set_rollback(True)
    return fingerprint


def test_on_an_empty_archive_it_loads_the_curated_collection_first():
    # Runs first in this module, before the module-wide collection is loaded.
    assert not Video.objects.exists()
    generate(videos=20)
    assert Technique.objects.filter(slug="deepfake").exists()
    assert Video.objects.filter(slug="the-heart-part-5").exists()
    assert synthetic_videos().count() == 20


def test_the_same_seed_gives_the_same_rows(collection):
    first, second = digest_of_a_fresh_run(seed=7), digest_of_a_fresh_run(seed=7)
    assert first == second
    assert digest_of_a_fresh_run(seed=8) != first


def test_each_video_gets_its_credits_claims_tags_and_essay_within_range(collection):
    generate()
    counts = synthetic_videos().annotate(
        artist_count=Count("artists", distinct=True),
        director_count=Count("directors", distinct=True),
        claim_count=Count("claims", distinct=True),
        primary_count=Count("claims", filter=Q(claims__is_primary=True), distinct=True),
        tag_count=Count("tagged_items", distinct=True),
        essay_count=Count("essay", distinct=True),
    )
    assert counts.count() == 300
    for video in counts:
        assert 1 <= video.artist_count <= 2
        assert 1 <= video.director_count <= 2
        assert 1 <= video.claim_count <= 3
        assert video.primary_count == 1
        assert 0 <= video.tag_count <= 4
        assert video.essay_count == 1


def test_the_archive_is_shaped_like_the_real_one(collection):
    generate()
    videos = synthetic_videos()
    assert {v.year for v in videos} <= set(range(1975, 2026))
    published = videos.filter(status=Video.Status.PUBLISHED)
    assert not published.filter(published_at__gt=timezone.now()).exists()
    assert videos.filter(status=Video.Status.DRAFT, published_at=None).count() == 3
    assert Artist.objects.filter(slug__startswith="synthetic-artist-").count() == 15
    assert Director.objects.filter(name__startswith="Synthetic Director ").count() == 6
    tags = TaggedVideo.objects.filter(content_object__in=videos).values("tag")
    assert 50 <= tags.distinct().count() <= Tag.objects.count()
    assert tags.filter(tag__slug__startswith="synthetic-tag-").count() == tags.count()
    assert set(
        Essay.objects.filter(video__in=videos).values_list("verdict", flat=True)
    ) == {
        "justified",
        "gimmick",
        "contested",
    }
    # Claims are the real techniques, and none before the technique existed.
    assert not VideoTechnique.objects.filter(
        video__in=videos, technique__slug="deepfake", video__year__lt=2022
    ).exists()


def test_generated_rows_write_no_revision_history(collection):
    before = Video.history.count(), VideoTechnique.history.count()
    generate()
    assert (Video.history.count(), VideoTechnique.history.count()) == before


def test_curated_videos_are_untouched_by_generating_and_replacing(collection):
    before = curated_digest()
    generate()
    assert curated_digest() == before
    generate(videos=100, replace=True)
    assert curated_digest() == before
    assert Video.objects.exclude(pk__in=synthetic_videos()).count() == 69


def test_replace_removes_only_the_synthetic_rows(collection):
    lookalike = make_video("Synthetic Love", year=2001)  # slug synthetic-love: curated
    generate()
    curated = Video.objects.get(slug="cry")
    curated.tags.add("synthetic-tag-love")
    generate(videos=100, replace=True)
    assert synthetic_videos().count() == 100
    assert not Video.objects.filter(slug="synthetic-000300").exists()
    assert Video.objects.filter(pk=lookalike.pk).exists()
    assert Artist.objects.filter(slug__startswith="synthetic-artist-").count() == 5
    assert "synthetic-tag-love" in curated.tags.slugs()


def test_replace_on_an_archive_without_synthetic_rows_just_generates(collection):
    generate(videos=50, replace=True)
    assert synthetic_videos().count() == 50


def test_it_refuses_to_add_a_second_synthetic_archive_without_replace(collection):
    generate(videos=50)
    with pytest.raises(CommandError, match="--replace"):
        generate(videos=50)


def test_generating_retires_cached_pages(
    collection, django_capture_on_commit_callbacks
):
    before = current_version()
    with django_capture_on_commit_callbacks(execute=True):
        generate()
    assert current_version() > before


def test_search_finds_generated_videos(client, collection):
    # On PostgreSQL this needs the stored search vectors, which no signal fills here.
    generate()
    # (Not "synthetic love": the essay for "Notget VR" has both words.)
    response = client.get("/?q=synthetic+director")
    assert response.status_code == 200
    found = response.context["page_obj"].object_list
    assert found and all("(synthetic " in video.title for video in found)


def test_the_timeline_answers_on_the_generated_archive(client, collection):
    generate()
    response = client.get("/")
    assert response.status_code == 200
    assert "(synthetic 0" in response.content.decode()
    assert client.get("/?q=synthetic+love").status_code == 200
    assert client.get("/?technique=cgi&decade=1990").status_code == 200
    published = synthetic_videos().filter(status=Video.Status.PUBLISHED).first()
    assert client.get(published.get_absolute_url()).status_code == 200
