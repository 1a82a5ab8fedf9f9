"""No lost work on any admin form (issue 17, item 6): when someone else saves an entry
after an editor opened it, the editor's save is refused with who changed it and when,
their text comes back in the form, and the other save stands."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.admin_forms import form_data, make_editor
from tests.factories import make_artist, make_director, make_technique, make_video
from videos.models import Artist, Director, Essay, Exhibit, Technique, Video

pytestmark = pytest.mark.django_db


def make_essay():
    return make_video("Cry", verdict="justified").essay


def make_exhibit():
    return Exhibit.objects.create(
        title="Two faces", slug="two-faces", introduction="Why these two."
    )


# model name, how to make one, a field an editor types into, the form's marker field
CASES = [
    ("video", lambda: make_video("Cry", verdict="justified"), "title"),
    ("essay", make_essay, "headline"),
    ("technique", make_technique, "summary"),
    ("director", make_director, "bio"),
    ("artist", make_artist, "name"),
    ("exhibit", make_exhibit, "introduction"),
]
MODELS = {
    "video": Video,
    "essay": Essay,
    "technique": Technique,
    "director": Director,
    "artist": Artist,
    "exhibit": Exhibit,
}


def marker_field(model_name):
    return (
        "updated_at_when_opened"
        if model_name == "video"
        else "change_marker_when_opened"
    )


def change_url(model_name, entry):
    return reverse(f"admin:videos_{model_name}_change", args=[entry.pk])


def stored(model_name, entry, field):
    return getattr(MODELS[model_name].objects.get(pk=entry.pk), field)


@pytest.fixture
def someone_else(db):
    """A second editor, Bo Berg, logged in on a client of their own."""
    other = Client()
    user = make_editor(other, username="bo")
    user.first_name, user.last_name = "Bo", "Berg"
    user.save()
    return other


def save(client, model_name, entry, page, **changes):
    data = form_data(page, f"{model_name}_form", **changes)
    return client.post(change_url(model_name, entry), data)


@pytest.mark.parametrize(("model_name", "make", "field"), CASES)
def test_a_save_over_someone_elses_change_is_refused_and_keeps_the_typing(
    client, editor, someone_else, model_name, make, field
):
    entry = make()
    url = change_url(model_name, entry)
    my_page = client.get(url)
    theirs = someone_else.get(url)
    assert (
        save(someone_else, model_name, entry, theirs, **{field: "Theirs"}).status_code
        == 302
    )

    response = save(
        client, model_name, entry, my_page, **{field: "Mine, typed with care"}
    )

    assert response.status_code == 200
    page = response.content.decode()
    record = entry.history.order_by("-history_id").first()
    when = date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")
    assert (
        f"This {model_name} was changed by Bo Berg ({when}) since you opened it" in page
    )
    assert "your changes were not saved" in page
    assert "Mine, typed with care" in page  # the re-rendered form keeps their text
    assert stored(model_name, entry, field) == "Theirs"


@pytest.mark.parametrize(("model_name", "make", "field"), CASES)
@pytest.mark.parametrize("marker", ["", "yesterday", "revision 0"])
def test_a_form_without_its_marker_is_refused(
    client, editor, model_name, make, field, marker
):
    entry = make()
    before = stored(model_name, entry, field)
    page = client.get(change_url(model_name, entry))
    changes = {field: "Mine", marker_field(model_name): marker}
    response = save(client, model_name, entry, page, **changes)
    assert response.status_code == 200
    assert "since you opened it" in response.content.decode()
    assert stored(model_name, entry, field) == before


@pytest.mark.parametrize(("model_name", "make", "field"), CASES)
def test_a_save_with_nobody_in_between_passes(client, editor, model_name, make, field):
    entry = make()
    page = client.get(change_url(model_name, entry))
    assert save(client, model_name, entry, page, **{field: "Mine"}).status_code == 302
    assert stored(model_name, entry, field) == "Mine"
    # The page opened afresh carries the new marker, so the next save passes too.
    page = client.get(change_url(model_name, entry))
    assert (
        save(client, model_name, entry, page, **{field: "Mine again"}).status_code
        == 302
    )
    assert stored(model_name, entry, field) == "Mine again"


def test_a_technique_without_any_history_still_saves(client, editor):
    technique = make_technique("Rotoscoping")
    technique.history.all().delete()  # e.g. loaded before histories were kept
    page = client.get(change_url("technique", technique))
    response = save(client, "technique", technique, page, summary="Traced frames.")
    assert response.status_code == 302
    assert Technique.objects.get(pk=technique.pk).summary == "Traced frames."


def test_the_essay_edited_on_the_video_page_is_covered_by_the_video_s_lock(
    client, editor, someone_else
):
    video = make_video("Cry", verdict="justified")
    url = change_url("video", video)
    my_page = client.get(url)
    theirs = someone_else.get(url)
    assert (
        save(
            someone_else, "video", video, theirs, **{"essay-0-headline": "Theirs"}
        ).status_code
        == 302
    )

    response = save(client, "video", video, my_page, **{"essay-0-headline": "Mine"})

    assert response.status_code == 200
    assert "This video was changed by Bo Berg" in response.content.decode()
    assert Essay.objects.get(video=video).headline == "Theirs"


def test_an_essay_page_opened_before_the_video_page_changed_it_is_refused(
    client, editor, someone_else
):
    video = make_video("Cry", verdict="justified")
    essay_page = client.get(change_url("essay", video.essay))
    video_page = someone_else.get(change_url("video", video))
    changes = {"essay-0-headline": "Theirs"}
    assert save(someone_else, "video", video, video_page, **changes).status_code == 302

    response = save(client, "essay", video.essay, essay_page, headline="Mine")

    assert response.status_code == 200
    assert "This essay was changed by Bo Berg" in response.content.decode()
    assert Essay.objects.get(video=video).headline == "Theirs"


def test_reverting_a_technique_to_an_earlier_revision_still_saves(client, editor):
    technique = make_technique("Rotoscoping", summary="Traced frames.")
    first = technique.history.get()
    technique.summary = "Frames traced by hand."
    technique.save()
    url = reverse(
        "admin:videos_technique_simple_history", args=[technique.pk, first.history_id]
    )
    response = client.post(url, form_data(client.get(url), "historicaltechnique_form"))
    assert response.status_code == 302
    assert Technique.objects.get(pk=technique.pk).summary == "Traced frames."


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("editors_group")
def test_a_technique_held_by_another_writer_is_refused_at_once(client):
    """PostgreSQL: a row another transaction (an import, a restore) holds is not waited
    on; the editor is told to save again, their text kept."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's")
    make_editor(client)
    technique = make_technique("Rotoscoping")
    page = client.get(change_url("technique", technique))
    holding, release = threading.Event(), threading.Event()

    def hold_the_row():
        try:
            with transaction.atomic():
                Technique.objects.select_for_update().get(pk=technique.pk)
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert holding.wait(10)
        response = save(client, "technique", technique, page, summary="Mine")
    finally:
        release.set()
        holder.join()
    assert response.status_code == 200
    page = response.content.decode()
    assert "This technique is being written by an import or a restore" in page
    assert "Mine" in page
    assert Technique.objects.get(pk=technique.pk).summary != "Mine"
