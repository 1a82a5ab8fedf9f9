"""The curated fixtures load on current migrations and hold the facts of milestones.csv."""

import csv

import pytest
from django.core.management import call_command

from tests.shared_data import shared_data_file
from videos.models import Video

pytestmark = pytest.mark.django_db

TECHNIQUE_SLUGS = {
    "practical effect / in-camera": "in-camera",
    "prosthetic makeup / masks": "prosthetics-masks",
    "computer-generated imagery": "cgi",
    "digital compositing": "digital-compositing",
    "rotoscoping": "rotoscoping",
    "dissolve/wipe": "dissolve-wipe",
    "stop-motion": "stop-motion",
    "digital morphing": "digital-morphing",
    "period pastiche": "period-pastiche",
    "reverse motion": "reverse-motion",
    "music-visualisation mapping": "music-visualisation",
    "virtual band / animation": "virtual-band",
    "motion control": "motion-control",
    "single take": "single-take",
    "interactive web": "interactive-web",
    "LIDAR / volumetric capture": "volumetric-capture",
    "360/VR": "360-vr",
    "drone cinematography": "drone-cinematography",
    "deepfake": "deepfake",
    "generative AI text-to-video": "text-to-video",
}


def milestones():
    milestones = shared_data_file("milestones.csv")
    with milestones.open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def test_every_milestone_is_a_published_video_with_its_facts(collection):
    rows = milestones()
    videos = {
        video.title: video
        for video in Video.objects.published().prefetch_related(
            "artists", "directors", "techniques"
        )
    }
    assert len(videos) == len(rows)
    for row in rows:
        video = videos[row["title"]]
        assert video.year == int(row["year"]), row["title"]
        assert [a.name for a in video.artists.all()] == [row["artist"]]
        assert {d.name for d in video.directors.all()} == set(
            row["directors"].split("; ")
        )
        assert {t.slug for t in video.techniques.all()} == {
            TECHNIQUE_SLUGS[term] for term in row["techniques"].split("; ")
        }, row["title"]


def test_every_video_gets_an_image_drawn(collection):
    assert not Video.objects.filter(thumbnail="").exists()
    video = Video.objects.get(slug="money-for-nothing")
    assert (video.thumbnail_width, video.thumbnail_height) == (640, 360)


def test_loading_twice_changes_nothing(collection):
    before = Video.objects.count()
    call_command("load_collection", "--reload", verbosity=0)
    assert Video.objects.count() == before


def test_loading_keeps_editors_changes_unless_asked_to_reload(collection):
    Video.objects.filter(slug="cry").update(title="Cry (edited)")
    call_command("load_collection", verbosity=0)
    assert Video.objects.get(slug="cry").title == "Cry (edited)"
    call_command("load_collection", "--reload", verbosity=0)
    assert Video.objects.get(slug="cry").title == "Cry"
