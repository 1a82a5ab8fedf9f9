"""Small builders with valid, published defaults; override what a test is about."""

import itertools
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from videos.models import (
    Artist,
    Director,
    DirectorCredit,
    Essay,
    Source,
    Technique,
    Video,
    VideoTechnique,
)
from videos.timeline.search import refresh_search_vectors

_counter = itertools.count(1)


def make_artist(name=None):
    name = name or f"Artist {next(_counter)}"
    return Artist.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0]


def make_director(name=None, **fields):
    name = name or f"Director {next(_counter)}"
    fields["name"] = name
    return Director.objects.get_or_create(slug=slugify(name), defaults=fields)[0]


def make_technique(name=None, **fields):
    name = name or f"Technique {next(_counter)}"
    fields.setdefault("summary", f"What {name} is.")
    fields.setdefault("slug", slugify(name))
    return Technique.objects.get_or_create(name=name, defaults=fields)[0]


def make_video(
    title=None,
    *,
    artists=None,
    directors=None,
    techniques=None,
    verdict=None,
    essay_body="An essay.",
    tags=(),
    **fields,
):
    title = title or f"Video {next(_counter)}"
    fields.setdefault("slug", slugify(title))
    fields.setdefault("year", 1990)
    fields.setdefault("status", Video.Status.PUBLISHED)
    fields.setdefault("published_at", timezone.now() - timedelta(days=1))
    video = Video.objects.create(title=title, **fields)
    video.artists.set(artists or [make_artist()])
    DirectorCredit.objects.replace(video, directors or [make_director()])
    for index, technique in enumerate(techniques or [make_technique()]):
        VideoTechnique.objects.create(
            video=video, technique=technique, is_primary=index == 0
        )
    if verdict:
        Essay.objects.create(
            video=video, headline=f"On {title}", body=essay_body, verdict=verdict
        )
        Source.objects.create(
            video=video, title="A source", url="https://example.org/s"
        )
    if tags:
        video.tags.set(list(tags))
    # Search vectors refresh when a change commits; test transactions never commit.
    refresh_search_vectors([video.pk])
    return video


def make_linked_videos(count, techniques):
    """`count` videos with every kind of link (two directors, both `techniques`, a tag,
    an essay): what query-count tests grow an archive with."""
    for _ in range(count):
        make_video(
            artists=[make_artist()],
            directors=[make_director(), make_director()],
            techniques=techniques,
            verdict="justified",
            tags=["faces"],
        )
