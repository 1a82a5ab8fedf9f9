"""The video's history page shows its whole entry, one row per save, with the editor's
"why", word-level diffs of text and reverts recorded as such (issue 17, item 5)."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.admin_forms import form_data, make_editor
from tests.factories import make_technique, make_video
from videos.editorial.revert import Revision, revision_time
from videos.models import (
    Essay,
    Precedent,
    ReviewStep,
    Source,
    Video,
    VideoTechnique,
)

pytestmark = pytest.mark.django_db

WORDS = [f"word{index}" for index in range(300)]


def change_url(video):
    return reverse("admin:videos_video_change", args=[video.pk])


def history_url(video):
    return reverse("admin:videos_video_history", args=[video.pk])


def revert_url(video, record):
    return reverse("admin:videos_video_simple_history", args=[video.pk, record.pk])


def history_rows(client, video, page=None):
    """The history table's body rows, as HTML strings, newest first."""
    response = client.get(history_url(video), {"p": page} if page else None)
    assert response.status_code == 200
    body = re.search(r"<tbody>(.*)</tbody>", response.content.decode(), re.S)
    return re.findall(r"<tr>(.*?)</tr>", body.group(1), re.S) if body else []


def save_on_the_video_page(client, video, **changes):
    page = client.get(change_url(video))
    response = client.post(change_url(video), form_data(page, "video_form", **changes))
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.fixture
def draft():
    """A draft entry with an essay of 300 words, a claim, a source and a precedent."""
    earlier = make_video("Ghosts", year=1982)
    video = make_video(
        "Cry",
        year=1985,
        verdict="justified",
        essay_body=" ".join(WORDS),
        techniques=[make_technique("Rotoscoping")],
        status=Video.Status.DRAFT,
        published_at=None,
    )
    Precedent.objects.create(later=video, earlier=earlier, note="Faces again.")
    return video


def test_one_save_on_the_video_page_is_one_row_with_its_essay_claim_and_source_edits(
    client, draft
):
    make_editor(client)
    save_on_the_video_page(
        client,
        draft,
        change_reason="Tightened the claim; the source was a blog",
        **{
            "essay-0-headline": "On Cry, again",
            "claims-0-usage": "Faces morph into each other.",
            "sources-0-DELETE": "on",
        },
    )
    rows = history_rows(client, draft)
    assert len(rows) == 2  # the save, and the entry's creation before it
    newest = rows[0]
    assert "Tightened the claim; the source was a blog" in newest
    assert ">ed<" in newest
    assert "Essay · Headline:" in newest
    assert "On <del>Cry</del> <ins>Cry, again</ins>" in newest  # word by word
    assert "Technique claim “Rotoscoping” · Usage:" in newest
    assert "Faces morph into each other." in newest
    assert "Source removed: A source" in newest
    assert "Entry created" in rows[1]
    record = Video.history.filter(id=draft.pk).first()
    assert record.history_change_reason == "Tightened the claim; the source was a blog"


def test_a_source_added_on_the_video_page_is_shown_as_added(client, draft):
    make_editor(client)
    save_on_the_video_page(
        client,
        draft,
        **{
            "sources-TOTAL_FORMS": "2",
            "sources-1-title": "The director's interview",
            "sources-1-url": "https://example.org/interview",
            "sources-1-position": "1",
        },
    )
    newest = history_rows(client, draft)[0]
    assert "Source added: The director&#x27;s interview" in newest
    assert Source.objects.filter(video=draft).count() == 2


def test_changing_one_word_of_a_300_word_essay_marks_only_that_word(client, draft):
    make_editor(client)
    changed = WORDS[:150] + ["altered"] + WORDS[151:]
    save_on_the_video_page(client, draft, **{"essay-0-body": " ".join(changed)})
    newest = history_rows(client, draft)[0]
    assert "<del>word150</del> <ins>altered</ins>" in newest
    assert "word149" in newest and "word151" in newest  # context around the change
    assert "word10 " not in newest and "word290" not in newest  # the rest elided
    assert "…" in newest


def test_an_essay_diff_shows_a_script_as_text(client, draft):
    make_editor(client)
    body = " ".join(WORDS[:10]) + " <script>alert('x')</script>"
    save_on_the_video_page(client, draft, **{"essay-0-body": body})
    newest = history_rows(client, draft)[0]
    assert "<script>" not in newest
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in newest


def test_a_review_step_taken_with_a_save_is_shown_in_its_row(client, draft):
    editor = make_editor(client)
    save_on_the_video_page(client, draft, **{"claims-0-usage": "Faces morph."})
    ReviewStep.objects.create(
        video=draft,
        action=ReviewStep.Action.SENT_BACK,
        from_status=Video.Status.IN_REVIEW,
        to_status=Video.Status.DRAFT,
        user=editor,
        comment="Cite the <b>interview</b> for the usage",
    )
    newest, created = history_rows(client, draft)
    assert "Review: Sent back — Cite the &lt;b&gt;interview&lt;/b&gt; for the" in newest
    assert "Review:" not in created


def test_a_why_longer_than_the_history_keeps_is_refused_in_words(client, draft):
    make_editor(client)
    page = client.get(change_url(draft))
    data = form_data(page, "video_form", change_reason="x" * 101)
    response = client.post(change_url(draft), data)
    assert response.status_code == 200
    assert "at most 100 characters" in response.content.decode()


def test_a_revert_is_recorded_as_reverted_to_that_time_and_restores_the_entry(
    client, draft
):
    first_revision = draft.history.first()
    make_editor(client)
    claim = draft.claims.get()
    save_on_the_video_page(
        client,
        draft,
        title="Cry (retitled by mistake)",
        **{
            "essay-0-headline": "A headline by mistake",
            "claims-0-usage": "A usage by mistake.",
            "sources-0-DELETE": "on",
            "precedent_links-0-DELETE": "on",
        },
    )

    with time_machine.travel(timezone.now() + timedelta(minutes=5)):  # a later save
        page = client.get(revert_url(draft, first_revision))
        form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
        data = form_data(page, form_id)
        response = client.post(revert_url(draft, first_revision), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Cry"
    assert Essay.objects.get(video=draft).headline == "On Cry"
    assert [(c.pk, c.usage) for c in draft.claims.all()] == [(claim.pk, "")]
    assert [s.title for s in draft.sources.all()] == ["A source"]
    assert [p.note for p in draft.precedent_links.all()] == ["Faces again."]
    reason = f"Reverted to {revision_time(first_revision.history_date)}"
    assert draft.history.first().history_change_reason == reason
    newest, mistaken = history_rows(client, draft)[:2]
    assert reason in newest
    assert "Source added: A source" in newest and "Source removed" in mistaken


def test_a_revert_that_fails_halfway_changes_nothing(client, draft, monkeypatch):
    first_revision = draft.history.first()
    make_editor(client)
    save_on_the_video_page(
        client,
        draft,
        title="Cry, retitled",
        **{"essay-0-headline": "A new headline", "sources-0-DELETE": "on"},
    )
    records = sum(model.history.count() for model in (Video, Essay, Source))
    restore = Revision.restore_parts

    def restore_then_fail(self, video, form_fields):
        restore(self, video, form_fields)  # the essay and source are written back...
        raise RuntimeError("the disk filled up")  # ...then the save fails

    monkeypatch.setattr(Revision, "restore_parts", restore_then_fail)
    page = client.get(revert_url(draft, first_revision))
    form_id = re.search(r'<form [^>]*id="(\w+)"', page.content.decode()).group(1)
    with pytest.raises(RuntimeError):
        client.post(revert_url(draft, first_revision), form_data(page, form_id))

    draft.refresh_from_db()
    assert draft.title == "Cry, retitled"
    assert Essay.objects.get(video=draft).headline == "A new headline"
    assert not Source.objects.filter(video=draft).exists()
    assert records == sum(model.history.count() for model in (Video, Essay, Source))


def later_saves(video, numbers):
    """A save of the entry for each number, a minute apart (the number of minutes from
    now), each touching the video, its essay and its claim."""
    essay, claim = (
        Essay.objects.get(video=video),
        VideoTechnique.objects.get(video=video),
    )
    start = timezone.now()
    for index in numbers:
        at = start + timedelta(minutes=index + 1)
        for row, name, value in [
            (video, "title", f"Cry {index}"),
            (essay, "headline", f"Headline {index}"),
            (claim, "usage", f"Usage {index}"),
        ]:
            setattr(row, name, value)
            row._history_date = at
            row.save()


def page_queries(client, video, page=None):
    """(rows shown, queries read for them, the login's session aside)."""
    with CaptureQueriesContext(connection) as captured:
        rows = history_rows(client, video, page)
    return rows, len([q for q in captured if "django_session" not in q["sql"]])


def test_the_history_page_reads_a_fixed_number_of_queries_and_pages_long_histories(
    client, draft
):
    make_editor(client)
    later_saves(draft, range(1))
    few, few_queries = page_queries(client, draft)
    later_saves(draft, range(1, 31))  # 32 saves, the creation on page 2 as before
    rows, first_page_queries = page_queries(client, draft)
    many, many_queries = page_queries(client, draft, page=2)
    assert (len(few), len(rows), len(many)) == (2, 20, 12)
    assert many_queries == few_queries
    assert first_page_queries <= few_queries  # no source or precedent to name there
    assert "Cry <del>29</del> <ins>30</ins>" in rows[0]  # "Cry" is unchanged
    assert "Headline <del>29</del> <ins>30</ins>" in rows[0]
    assert "Entry created" in many[-1]
