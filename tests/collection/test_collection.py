"""The curated fixtures load on current migrations and hold every fact of milestones.csv
and additions.csv, with exactly the corrections additions.md lists (issue 13)."""

import csv
import re

import pytest
from django.core.management import call_command
from django.db.models import Prefetch

from tests.shared_data import shared_data_file
from videos.models import Technique, Video, VideoTechnique
from videos.models.querysets import credited_directors

pytestmark = pytest.mark.django_db

# The vocabulary of milestones.csv (videos/editorial/csv_import.py holds the same).
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
# The terms additions.md proposes for additions.csv.
NEW_TECHNIQUE_SLUGS = {
    "puppetry / animatronics": "puppetry",
    "live action / animation hybrid": "live-action-animation",
    "cut-out / collage animation": "cut-out-animation",
    "high-speed photography": "high-speed",
    "fish-eye lens": "fish-eye",
    "photogrammetry": "photogrammetry",
}
TERMS = {**TECHNIQUE_SLUGS, **NEW_TECHNIQUE_SLUGS}

# additions.md, "Things in milestones.csv / techniques.md that the sources qualify or
# contradict": the only places the collection may differ from the tables' facts.
FACT_CORRECTIONS = {
    "Weapon of Choice": {
        "techniques": ["digital compositing"],
        "studios": ["Sea Level"],
    },
}
# Each claim that records a correction or addition from that list, with its source.
CORRECTED_CLAIMS = {
    ("weapon-of-choice", "digital-compositing"),
    ("this-is-america", "single-take"),
    ("money-for-nothing", "cgi"),
}


def table(name):
    with shared_data_file(name).open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def facts():
    return table("milestones.csv") + table("additions.csv")


def cells(value):
    return value.split("; ") if value else []


def studio_names(text):
    """The names in an effects_studio cell or a claim's studio, roles left out:
    "Rushes Postproduction (Ian Pearson; Gavin Blair)" -> ["Rushes Postproduction"]."""
    return cells(re.sub(r"\s*\([^)]*\)", "", text))


def videos_by_title():
    claims = VideoTechnique.objects.select_related("technique")
    return {
        video.title: video
        for video in Video.objects.published().prefetch_related(
            "artists", credited_directors(), Prefetch("claims", queryset=claims)
        )
    }


def test_every_row_of_both_tables_is_a_published_video(collection):
    rows = facts()
    assert len(rows) == 69
    assert set(videos_by_title()) == {row["title"] for row in rows}


@pytest.mark.parametrize("name", ["milestones.csv", "additions.csv"])
def test_every_video_holds_its_rows_facts(collection, name):
    videos = videos_by_title()
    for row in table(name):
        video, title = videos[row["title"]], row["title"]
        correction = FACT_CORRECTIONS.get(title, {})
        assert video.year == int(row["year"]), title
        assert [a.name for a in video.artists.all()] == [row["artist"]], title
        # In the credited order, not alphabetical.
        assert [d.name for d in video.directors.all()] == cells(row["directors"])
        terms = cells(row["techniques"]) + correction.get("techniques", [])
        claims = list(video.claims.all())
        assert claims[0].is_primary and claims[0].technique.slug == TERMS[terms[0]]
        assert not any(claim.is_primary for claim in claims[1:]), title
        assert sorted(c.technique.slug for c in claims) == sorted(
            TERMS[term] for term in terms
        ), title
        credited = " ".join(f"{claim.studio} {claim.tool}" for claim in claims)
        for studio in studio_names(row["effects_studio"]):
            assert studio in credited, (title, studio)
        allowed = studio_names(row["effects_studio"]) + correction.get("studios", [])
        for claim in claims:
            assert set(studio_names(claim.studio)) <= set(allowed), (title, claim)
        assert video.confidence == row["confidence"], title


def test_only_the_listed_corrections_are_recorded_each_with_its_source(collection):
    notes = shared_data_file("additions.md").read_text(encoding="utf-8")
    corrected = VideoTechnique.objects.exclude(correction="").select_related(
        "video", "technique"
    )
    assert {(c.video.slug, c.technique.slug) for c in corrected} == CORRECTED_CLAIMS
    for claim in corrected:
        assert claim.correction_source_url in notes, claim
    weapon = VideoTechnique.objects.get(
        video__slug="weapon-of-choice", technique__slug="digital-compositing"
    )
    assert (weapon.studio, weapon.is_primary) == ("Sea Level", False)
    assert weapon.source_url == weapon.correction_source_url


def test_every_medium_video_says_why(collection):
    for video in Video.objects.filter(confidence="medium"):
        assert len(video.confidence_reason.split()) >= 10, video


def test_a_claim_is_rated_apart_from_its_video_only_with_a_reason(collection):
    for claim in VideoTechnique.objects.select_related("video"):
        assert claim.confidence in {"high", "medium"}, claim
        if claim.confidence != claim.video.confidence:
            assert claim.confidence_reason, claim


def test_the_new_technique_terms_exist_with_a_colour(collection):
    for slug in NEW_TECHNIQUE_SLUGS.values():
        technique = Technique.objects.get(slug=slug)
        assert re.fullmatch(r"#[0-9a-f]{6}", technique.colour), slug
    # additions.md's suggested rename; the slug (in URLs) stays.
    assert Technique.objects.get(slug="text-to-video").name == "Generative AI video"


def test_each_technique_is_first_used_the_year_of_its_earliest_video(collection):
    for technique in Technique.objects.all():
        years = Video.objects.published().filter(techniques=technique)
        earliest = min(years.values_list("year", flat=True))
        assert technique.first_used_year == earliest, technique
    # "1999" (2018) came before "The Heart Part 5" (2022), as additions.md says.
    assert Technique.objects.get(slug="deepfake").first_used_year == 2018


def test_turn_down_for_what_is_tagged_as_nominated_not_as_a_winner(collection):
    video = Video.objects.get(slug="turn-down-for-what")
    assert "grammy" not in video.tags.slugs()
    assert "grammy-nominated" in video.tags.slugs()


def test_every_video_gets_an_image_drawn(collection):
    assert not Video.objects.filter(thumbnail="").exists()
    video = Video.objects.get(slug="money-for-nothing")
    assert (video.thumbnail_width, video.thumbnail_height) == (640, 360)


def test_loading_twice_changes_nothing(collection):
    before = Video.objects.count(), VideoTechnique.objects.count()
    directors = list(Video.objects.get(slug="here-it-goes-again").directors.all())
    call_command("load_collection", "--reload", verbosity=0)
    assert (Video.objects.count(), VideoTechnique.objects.count()) == before
    assert list(Video.objects.get(slug="here-it-goes-again").directors.all()) == (
        directors
    )


def test_loading_keeps_editors_changes_unless_asked_to_reload(collection):
    Video.objects.filter(slug="cry").update(title="Cry (edited)")
    call_command("load_collection", verbosity=0)
    assert Video.objects.get(slug="cry").title == "Cry (edited)"
    call_command("load_collection", "--reload", verbosity=0)
    assert Video.objects.get(slug="cry").title == "Cry"


def test_each_curated_entry_starts_its_history_as_one_save_when_it_was_written(
    collection,
):
    from videos.editorial.entry_history import entry_saves

    cry = Video.objects.get(slug="cry")
    (loaded,) = entry_saves(cry.pk)
    assert loaded.at == cry.created_at
    assert loaded.reason == "Loaded with the curated collection"
    assert not loaded.made_while_public  # so the public Changes list stays empty


def test_an_editors_first_change_to_a_curated_essay_is_a_word_diff(collection, client):
    from django.urls import reverse

    from tests.admin_forms import form_data, make_editor

    make_editor(client)
    cry = Video.objects.get(slug="cry")
    body = cry.essay.body
    first_word = body.split()[0]
    url = reverse("admin:videos_video_change", args=[cry.pk])
    changed = body.replace(first_word, "Altogether", 1)
    data = form_data(client.get(url), "video_form", **{"essay-0-body": changed})
    assert client.post(url, data).status_code == 302
    history = client.get(reverse("admin:videos_video_history", args=[cry.pk]))
    page = history.content.decode()
    assert f"<del>{first_word}</del> <ins>Altogether</ins>" in page
    assert "first recorded here" not in page
