"""The curated collection meets the archive's own editorial standard (issue 7)."""

import csv

import pytest

from tests.shared_data import shared_data_file
from videos.models import Director, Precedent, Technique, Video

pytestmark = pytest.mark.django_db


def words(markdown_text):
    return len(markdown_text.split())


def test_every_published_video_has_an_argued_sourced_essay(collection):
    videos = (
        Video.objects.published().select_related("essay").prefetch_related("sources")
    )
    for video in videos:
        assert video.essay.verdict in {"justified", "gimmick", "contested"}, video
        assert 150 <= words(video.essay.body) <= 400, (video, words(video.essay.body))
        assert video.sources.all(), video


def test_every_essay_cites_its_rows_source_first(collection):
    milestones = shared_data_file("milestones.csv")
    with milestones.open(encoding="utf-8") as rows:
        first_source = {row["title"]: row["source_url"] for row in csv.DictReader(rows)}
    for video in Video.objects.prefetch_related("sources"):
        assert video.sources.all()[0].url == first_source[video.title], video


def test_every_technique_has_a_summary_and_a_history(collection):
    for technique in Technique.objects.all():
        assert technique.summary, technique
        assert 120 <= words(technique.essay) <= 300, technique


def test_lineage_is_set_where_the_design_names_it(collection):
    def parents(slug):
        return set(
            Technique.objects.get(slug=slug).descends_from.values_list(
                "slug", flat=True
            )
        )

    assert "dissolve-wipe" in parents("digital-morphing")
    assert "digital-morphing" in parents("deepfake")
    assert "cgi" in parents("text-to-video")


def test_every_claim_names_its_studio_where_the_facts_do(collection):
    milestones = shared_data_file("milestones.csv")
    with milestones.open(encoding="utf-8") as rows:
        studios = {row["title"]: row["effects_studio"] for row in csv.DictReader(rows)}
    for video in Video.objects.prefetch_related("claims"):
        claims = video.claims.all()
        assert all(claim.source_url for claim in claims), video
        if studios[video.title]:
            assert any(claim.studio or claim.tool for claim in claims), video


def test_the_collection_argues_at_least_ten_precedents(collection):
    links = Precedent.objects.select_related("later", "earlier")
    assert links.count() >= 10
    for link in links:
        assert link.note
        assert link.earlier.year <= link.later.year, link


def test_directors_with_two_or_more_videos_have_a_profile(collection):
    for director in Director.objects.all():
        if director.videos.count() >= 2:
            assert 80 <= words(director.bio) <= 200, director


def test_the_about_page_states_criteria_and_verdicts_and_is_linked_everywhere(
    client, collection
):
    html = client.get("/about/").content.decode()
    for expected in ("justified", "gimmick", "contested", "correction", "38 videos"):
        assert expected in html.lower(), expected
    assert 'href="/about/"' in client.get("/videos/cry/").content.decode()
