"""The facet index against SQL: every count, total and order a timeline shows must equal
what a plain query over the same filters finds (the way the counts were first computed)."""

import io
from collections import Counter
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from taggit.models import Tag

from tests.factories import make_technique, make_video
from tests.timeline.sql_oracle import videos_matching
from videos.models import (
    Artist,
    ContentVersion,
    Director,
    Technique,
    Video,
    VideoTechnique,
)
from videos.models.versions import current_version
from videos.timeline.index import current_index

pytestmark = pytest.mark.django_db

LINKED_VALUES = {  # parameter -> the slug of each linked value, from a video
    "technique": "claims__technique__slug",
    "director": "directors__slug",
    "artist": "artists__slug",
    "tag": "tags__slug",
}
NAMED = {"director": Director, "artist": Artist, "tag": Tag}


@pytest.fixture
def archive(collection):
    """The curated collection and 400 synthetic videos."""
    call_command("generate_archive", videos=400, seed=3, stdout=io.StringIO())


def first_slug(lookup, **filters):
    videos = Video.objects.published().filter(**filters, **{f"{lookup}__isnull": False})
    return videos.order_by(lookup).values_list(lookup, flat=True).first()


def filtered(params, base=None):
    """The videos plain SQL keeps: the independent answer."""
    return videos_matching(params, base)


def expected_counts(params, parameter, base=None):
    others = {name: value for name, value in params.items() if name != parameter}
    videos = Video.objects.filter(pk__in=filtered(others, base).values("pk"))
    if parameter == "decade":
        return Counter(str(y - y % 10) for y in videos.values_list("year", flat=True))
    if parameter == "verdict":
        return Counter(
            videos.exclude(essay=None).values_list("essay__verdict", flat=True)
        )
    linked = videos.values_list(LINKED_VALUES[parameter], flat=True)
    return Counter(slug for slug in linked if slug is not None)


def shown(response, parameter):
    facet = next(f for f in response.context["facets"] if f.parameter == parameter)
    return [(option.value, option.count) for option in facet.options]


def assert_matches_sql(response, params, base=None, hidden=()):
    assert response.status_code == 200
    page = response.context["page_obj"]
    videos = filtered(params, base)
    assert page.paginator.count == videos.count()
    assert [entry.slug for entry in page.object_list] == list(
        videos.values_list("slug", flat=True)[: len(page.object_list)]
    )
    for facet in response.context["facets"]:
        assert facet.parameter not in hidden
        counts = expected_counts(params, facet.parameter, base)
        options = shown(response, facet.parameter)
        assert all(count == counts[value] for value, count in options), facet.parameter
        chosen = params.get(facet.parameter, [])
        chosen = {
            str(value) for value in (chosen if isinstance(chosen, list) else [chosen])
        }
        if facet.parameter in ("technique", "decade", "verdict"):
            # Every option with videos, and a chosen one even without, to unchoose it.
            expected = {**+counts, **{value: counts[value] for value in chosen}}
            if facet.parameter == "technique":
                assert dict(options) == expected
            else:
                assert dict(options) == dict(+counts)
        else:  # the twelve largest, ties by name, and whatever is selected
            names = dict(
                NAMED[facet.parameter]
                .objects.filter(slug__in=counts)
                .values_list("slug", "name")
            )
            largest = sorted(+counts, key=lambda slug: (-counts[slug], names[slug]))
            selected = params.get(facet.parameter)
            top = [value for value, _count in options if value != selected]
            assert top == [slug for slug in largest if slug != selected][: len(top)]
            assert len(options) >= min(12, len(+counts))


def parameter_sets():
    """Filter combinations over the generated archive, built from what it holds."""
    technique = first_slug("claims__technique__slug", year__gte=1995)
    other = first_slug("claims__technique__slug", year__lt=1995)
    director = first_slug("directors__slug", slug__startswith="synthetic-")
    artist = first_slug("artists__slug", slug__startswith="synthetic-")
    tag = first_slug("tags__slug", slug__startswith="synthetic-")
    return [
        {},
        {"technique": technique},
        {"technique": [technique, other], "decade": 1990},
        {"decade": 2000, "verdict": "justified"},
        {"director": director},
        {"artist": artist, "technique": technique},
        {"tag": tag, "year_from": 1995, "year_to": 2012},
        {"q": "love"},
        {"q": "synthetic", "verdict": "contested", "decade": 2010},
        {"technique": technique, "verdict": "gimmick", "year_to": 1990},
    ]


def test_timeline_counts_totals_and_order_equal_sql(client, archive, settings):
    settings.TIMELINE_PAGE_SIZE = 25
    for params in parameter_sets():
        assert_matches_sql(client.get("/", params), params)


def test_later_pages_continue_the_same_order(client, archive, settings):
    settings.TIMELINE_PAGE_SIZE = 30
    params = {"decade": 2000}
    slugs = []
    for page in (1, 2, 3):
        response = client.get("/", {**params, "page": page})
        slugs += [entry.slug for entry in response.context["page_obj"].object_list]
    assert slugs == list(filtered(params).values_list("slug", flat=True)[:90])


def test_a_technique_page_counts_within_its_technique(client, archive):
    technique = Technique.objects.get(slug=first_slug("claims__technique__slug"))
    base = Video.objects.published().filter(
        pk__in=VideoTechnique.objects.filter(technique=technique).values("video_id")
    )
    params = {"decade": 2000}
    response = client.get(technique.get_absolute_url(), params)
    assert_matches_sql(response, params, base, hidden=("technique",))


def test_an_editors_change_in_another_process_is_counted_at_once(client, collection):
    client.get("/")  # this process builds its index
    datamosh = make_technique("Datamosh")
    video = make_video("New Work", year=2021, techniques=[datamosh])
    # Another process committed this with a bare UPDATE: no signal ran here.
    Video.objects.filter(pk=video.pk).update(year=1999)
    ContentVersion.objects.filter(pk=1).update(version=current_version() + 1)
    counts = dict(shown(client.get("/", {"technique": "datamosh"}), "decade"))
    assert counts == {"1990": 1}


def test_a_scheduled_video_counts_once_its_time_has_come(collection):
    soon = timezone.now() + timedelta(minutes=5)
    make_video("Scheduled", year=2026, published_at=soon)
    index = current_index()
    now, later = index.select({}), index.select({}, now=soon + timedelta(seconds=1))
    assert later.decade_counts()[2020] == now.decade_counts()[2020] + 1
    assert later.count == now.count + 1
