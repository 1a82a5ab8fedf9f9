"""A patched index answers like a fresh one and like SQL, after any sequence of edits.

After an editor's save each process patches its index with the videos the save touched
(videos/timeline/index.py, issue 14). Here a seeded random editor publishes, unpublishes,
schedules, retitles, relinks, re-judges, renames and deletes, one save at a time; after
every save the timeline the patched index serves must equal the one a freshly built index
serves, and what plain SQL finds (tests/timeline/sql_oracle.py)."""

import io
import random
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag

from tests.factories import make_video
from tests.timeline.test_index import assert_matches_sql, first_slug
from videos.models import Artist, Director, Essay, Technique, Video, VideoTechnique
from videos.timeline import index as timeline_index
from videos.timeline.search import refresh_search_vectors

pytestmark = pytest.mark.django_db

STEPS = 36
WORDS = ["Aurora", "Glass", "Neon", "Static", "Velvet", "Zero", "Echo", "Mirror"]


@pytest.fixture
def archive(collection):
    """The curated collection and 300 synthetic videos."""
    call_command("generate_archive", videos=300, seed=14, stdout=io.StringIO())


def pick(rng, queryset):
    pks = sorted(queryset.values_list("pk", flat=True))
    return queryset.model.objects.get(pk=rng.choice(pks)) if pks else None


def published(rng):
    return pick(rng, Video.objects.filter(status=Video.Status.PUBLISHED))


def publish(rng):
    video = pick(rng, Video.objects.filter(status=Video.Status.DRAFT)) or published(rng)
    video.status = Video.Status.PUBLISHED
    video.published_at = timezone.now() - timedelta(hours=rng.randint(1, 99))
    video.save()


def unpublish(rng):
    video = published(rng)
    video.status = Video.Status.DRAFT
    video.save()


def schedule(rng):
    video = published(rng)
    video.published_at = timezone.now() + timedelta(days=rng.randint(1, 9))
    video.save()


def retitle(rng):
    """Moves the video in timeline order."""
    video = published(rng)
    video.title = f"{rng.choice(WORDS)} {rng.randint(1, 999)}"
    video.year = rng.randint(1975, 2025)
    video.save()
    refresh_search_vectors([video.pk])


def change_techniques(rng):
    video = published(rng)
    claims = list(video.claims.order_by("pk"))
    others = Technique.objects.exclude(pk__in=[c.technique_id for c in claims])
    if len(claims) > 1 and rng.random() < 0.5:
        rng.choice([c for c in claims if not c.is_primary]).delete()
    elif technique := pick(rng, others):
        VideoTechnique.objects.create(video=video, technique=technique)


def change_directors(rng):
    video = published(rng)
    video.directors.set([pick(rng, Director.objects.all()) for _ in range(2)])


def change_artists(rng):
    published(rng).artists.set([pick(rng, Artist.objects.all())])


def change_tags(rng):
    video = published(rng)
    tags = list(video.tags.order_by("pk"))
    if tags and rng.random() < 0.4:
        video.tags.remove(rng.choice(tags))
    else:
        video.tags.add(rng.choice(["faces", "synthetic-tag-love", "brand-new-tag"]))


def change_verdict(rng):
    video = published(rng)
    essay = Essay.objects.filter(video=video).first()
    if essay is None:
        Essay.objects.create(video=video, headline="New", body="An essay.")
    elif rng.random() < 0.25:
        essay.delete()
    else:
        essay.verdict = rng.choice([v for v, _label in Essay.Verdict.choices])
        essay.save()


def rename(rng):
    model = rng.choice([Technique, Director, Artist, Tag])
    named = pick(rng, model.objects.all())
    word = f"{rng.choice(WORDS)} {rng.randint(1, 9999)}"
    named.name = word
    named.slug = word.lower().replace(" ", "-")
    named.save()


def delete(rng):
    published(rng).delete()


def add_video(rng):
    make_video(
        f"{rng.choice(WORDS)} new {rng.randint(1, 9999)}",
        year=rng.randint(1975, 2025),
        techniques=[pick(rng, Technique.objects.all())],
        verdict=rng.choice(["justified", "gimmick", None]),
        tags=["faces"],
    )


EDITS = [
    publish, unpublish, schedule, retitle, change_techniques, change_directors,
    change_artists, change_tags, change_verdict, rename, delete, add_video,
]  # fmt: skip


def answers(client, params):
    """What the timeline shows: total, the page's videos in order, every facet."""
    response = client.get("/", params)
    assert response.status_code == 200
    page = response.context["page_obj"]
    facets = {
        facet.parameter: [(option.value, option.count) for option in facet.options]
        for facet in response.context["facets"]
    }
    return page.paginator.count, [entry.slug for entry in page.object_list], facets


def parameter_sets():
    technique = first_slug("claims__technique__slug")
    return [
        {},
        {"technique": technique, "decade": 2000},
        {"director": first_slug("directors__slug"), "verdict": "justified"},
        {"artist": first_slug("artists__slug")},
        {"tag": first_slug("tags__slug"), "year_from": 1990},
        {"q": "love"},
    ]


def test_after_random_edits_the_patched_index_equals_a_fresh_one_and_sql(
    client, archive, settings, monkeypatch
):
    settings.TIMELINE_PAGE_SIZE = 40
    rng = random.Random(14)
    builds = []
    build = timeline_index.TimelineIndex.build
    monkeypatch.setattr(
        timeline_index.TimelineIndex,
        "build",
        classmethod(lambda cls, version: builds.append(version) or build(version)),
    )
    client.get("/")
    for step in range(STEPS):
        edit = EDITS[step % len(EDITS)] if step < len(EDITS) else rng.choice(EDITS)
        with transaction.atomic():
            edit(rng)
        for params in parameter_sets():
            shown = answers(client, params)
            patched = timeline_index._current
            timeline_index.forget_index()
            assert shown == answers(client, params), (step, edit.__name__, params)
            timeline_index._current = patched
        for params in parameter_sets()[step % 3 :: 3]:
            assert_matches_sql(client.get("/", params), params)
    # Only the first request built; every later one patched, once per edit.
    assert len(builds) == 1 + STEPS * len(parameter_sets())
    assert timeline_index._current.size > timeline_index._current.base_size


def test_a_rename_patches_the_name_everywhere(client, collection):
    client.get("/")
    technique = Technique.objects.get(slug=first_slug("claims__technique__slug"))
    technique.name, technique.slug = "Renamed", "renamed"
    technique.save()
    response = client.get("/", {"technique": "renamed"})
    assert response.status_code == 200
    assert "Renamed" in response.content.decode()
    assert client.get("/", {"technique": technique.slug}).status_code == 200
