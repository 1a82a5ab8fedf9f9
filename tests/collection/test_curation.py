"""The curated collection meets the archive's own editorial standard (issues 7, 13)."""

import csv
import re

import pytest

from tests.shared_data import shared_data_file
from videos.models import Director, Precedent, Technique, Video

LINKED_URL = re.compile(r"\]\((https?://[^)\s]+)\)")

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


def table(name):
    with shared_data_file(name).open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def test_every_essay_cites_its_rows_source_first(collection):
    rows = table("milestones.csv") + table("additions.csv")
    first_source = {row["title"]: row["source_url"] for row in rows}
    for video in Video.objects.prefetch_related("sources"):
        assert video.sources.all()[0].url == first_source[video.title], video


def test_every_link_in_an_essay_is_one_of_its_videos_sources(collection):
    for video in Video.objects.select_related("essay").prefetch_related("sources"):
        listed = {source.url for source in video.sources.all()}
        assert set(LINKED_URL.findall(video.essay.body)) <= listed, video


def test_every_address_the_collection_cites_is_in_the_shared_data(collection):
    """Facts come only from ../shared/data/: each cited page is one of its pages."""
    data = "".join(
        shared_data_file(name).read_text(encoding="utf-8")
        for name in (
            "milestones.csv",
            "additions.csv",
            "additions.md",
            "techniques.md",
            "moments.csv",
            "people.csv",
        )
    )
    cited = set()
    for video in Video.objects.select_related("essay").prefetch_related(
        "sources", "claims", "moments"
    ):
        cited |= set(LINKED_URL.findall(video.essay.body))
        cited |= {source.url for source in video.sources.all()}
        cited |= {claim.source_url for claim in video.claims.all()}
        cited |= {claim.correction_source_url for claim in video.claims.all()}
        cited |= {moment.source_url for moment in video.moments.all()}
    for technique in Technique.objects.all():
        cited |= set(LINKED_URL.findall(technique.essay))
    for director in Director.objects.all():
        cited |= set(LINKED_URL.findall(director.bio))
    assert len(cited) > 200
    assert not {url for url in cited - {""} if url not in data}


def test_every_technique_has_a_summary_and_a_history(collection):
    for technique in Technique.objects.all():
        assert technique.summary, technique
        assert 120 <= words(technique.essay) <= 350, technique


def test_no_history_repeats_the_first_in_this_archive_disclaimer(collection):
    """/about/ says it once (issue 13)."""
    for technique in Technique.objects.all():
        text = technique.essay.lower()
        assert "not in history" not in text and "not history's" not in text, technique
        assert "first in this archive" not in text, technique


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
    assert "stop-motion" in parents("cut-out-animation")
    assert {"volumetric-capture", "cgi"} <= parents("photogrammetry")


def test_every_claim_names_its_studio_where_the_facts_do(collection):
    rows = table("milestones.csv") + table("additions.csv")
    studios = {row["title"]: row["effects_studio"] for row in rows}
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


def test_every_profile_is_80_to_200_words(collection):
    profiles = Director.objects.exclude(bio="")
    assert profiles.count() == 59
    for director in profiles:
        assert 80 <= words(director.bio) <= 200, director


def test_every_contested_essay_states_a_lean_at_its_close(collection):
    """Issue 13: "contested" is never a way to avoid choosing."""
    for video in Video.objects.filter(essay__verdict="contested").select_related(
        "essay"
    ):
        closing = " ".join(video.essay.body.split("\n\n")[-2:]).lower()
        assert "justified" in closing or "gimmick" in closing, video


def test_no_essay_closes_on_a_verdict_formula(collection):
    for video in Video.objects.select_related("essay"):
        last = video.essay.body.strip().split("\n\n")[-1].strip()
        assert not re.match(r"(Verdict|Our lean)\s*:", last), video
        assert not re.search(r"(^|\. )(Justified|Gimmick|Contested)\.$", last), video


def test_the_about_page_states_criteria_and_verdicts_and_is_linked_everywhere(
    client, collection
):
    html = client.get("/about/").content.decode()
    for expected in ("justified", "gimmick", "contested", "correction", "69 videos"):
        assert expected in html.lower(), expected
    assert 'href="/about/"' in client.get("/videos/cry/").content.decode()


def test_the_about_page_says_once_what_first_in_this_archive_means(client, collection):
    html = client.get("/about/").content.decode()
    assert html.count("first in this archive") == 1
    assert "first in this collection, never first in history" in html
    assert "every contested essay still says" in html


def test_every_curated_entry_passes_the_checks_before_publishing(collection):
    from videos.editorial.publish_checks import problems_before_publishing

    failing = {
        video.title: problems
        for video in Video.objects.all()
        if (problems := problems_before_publishing(video))
    }
    assert failing == {}
