"""What an entry needs before it may be published, and the CSV import that obeys it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.factories import make_technique, make_video
from videos.editorial.publish_checks import problems_before_publishing
from videos.models import Essay, Source, Video, VideoTechnique

pytestmark = pytest.mark.django_db


def complete_entry(**fields):
    """An entry with everything publishing asks for."""
    video = make_video(
        techniques=[make_technique("Morphing"), make_technique("Rotoscoping")],
        verdict="justified",
        **fields,
    )
    video.claims.update(source_url="https://example.org/how-it-was-made")
    return video


def without_essay(video):
    Essay.objects.filter(video=video).delete()


def with_empty_headline_and_verdict(video):
    Essay.objects.filter(video=video).update(headline="  ", verdict="")


def without_sources(video):
    Source.objects.filter(video=video).delete()


def with_an_unsourced_claim(video):
    video.claims.filter(technique__name="Rotoscoping").update(source_url="")


def without_a_primary(video):
    video.claims.update(is_primary=False)


def without_claims(video):
    video.claims.all().delete()


def with_a_still_but_no_alt_text(video):
    video.still = SimpleUploadedFile("still.jpg", b"not read by the checks")
    video.still.name = "stills/still.jpg"
    video.still_alt = ""


@pytest.mark.parametrize(
    "break_it, message",
    [
        (without_essay, "It has no essay: write one with a headline and a verdict."),
        (with_empty_headline_and_verdict, "Its essay lacks a headline and a verdict."),
        (without_sources, "It cites no source: add at least one."),
        (
            with_an_unsourced_claim,
            "These technique claims have no source: Rotoscoping.",
        ),
        (without_a_primary, "None of its techniques is marked primary."),
        (without_claims, "It claims no technique: add one and mark it primary."),
        (
            with_a_still_but_no_alt_text,
            "Its still has no alt text: say what the still shows.",
        ),
    ],
)
def test_each_missing_part_is_named_in_words(break_it, message):
    video = complete_entry()
    assert problems_before_publishing(video) == []
    break_it(video)
    assert problems_before_publishing(video) == [message]


def test_a_still_with_alt_text_may_be_published():
    video = complete_entry()
    video.still.name = "stills/still.jpg"
    video.still_alt = "Morten Harket, half pencil sketch, reaching out of the page."
    assert problems_before_publishing(video) == []


def test_an_unsaved_video_is_not_publishable():
    assert problems_before_publishing(Video(title="New")) == [
        "The video has not been saved yet."
    ]


def test_a_csv_update_leaves_a_published_entry_published():
    from tests.editorial.test_csv_import import row, table
    from videos.editorial.csv_import import import_videos

    video = complete_entry(title="Take On Me", slug="take-on-me", year=1985)
    report = import_videos(table(row()))
    assert report.updated == ["Take On Me"] and report.drafts == []
    video.refresh_from_db()
    assert video.status == Video.Status.PUBLISHED
    assert VideoTechnique.objects.filter(video=video).exists()
