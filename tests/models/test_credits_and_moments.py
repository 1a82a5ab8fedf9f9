"""Directors in credited order, moments, confidence and corrections (issue 13)."""

import pytest
from django.db import IntegrityError, connection, transaction

from tests.factories import make_director, make_technique, make_video
from videos.models import DirectorCredit, Moment, Video, VideoTechnique
from videos.models.moments import link_at

pytestmark = pytest.mark.django_db


def credit(video, *names):
    for position, name in enumerate(names):
        DirectorCredit.objects.create(
            video=video, director=make_director(name), position=position
        )


def test_directors_come_in_the_credited_order_not_by_name():
    video = make_video("Here It Goes Again", directors=[make_director("Zed")])
    video.directors.clear()
    credit(video, "Trish Sie", "OK Go")
    shaped = Video.objects.for_detail().get(pk=video.pk)
    assert [d.name for d in shaped.directors.all()] == ["Trish Sie", "OK Go"]
    assert [d.name for d in video.directors.order_by("name")] == ["OK Go", "Trish Sie"]


def test_directors_are_listed_once_each_when_they_direct_other_videos_too():
    first, second = make_video("First"), make_video("Second")
    for video in (first, second):
        video.directors.clear()
    credit(first, "Kevin Godley", "Lol Creme")
    credit(second, "Lol Creme", "Kevin Godley")
    shaped = {v.title: v for v in Video.objects.for_timeline()}
    assert [d.name for d in shaped["First"].directors.all()] == [
        "Kevin Godley",
        "Lol Creme",
    ]
    assert [d.name for d in shaped["Second"].directors.all()] == [
        "Lol Creme",
        "Kevin Godley",
    ]


def test_the_credits_keep_the_many_to_many_table_and_its_columns():
    """The timeline index reads `Video.directors.through` by these names."""
    through = Video.directors.through
    assert through is DirectorCredit
    assert through._meta.db_table == "videos_video_directors"
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, through._meta.db_table
            )
        }
    assert {"video_id", "director_id", "position"} <= columns


def test_a_director_is_credited_once_per_video():
    video = make_video(directors=[make_director("Spike Jonze")])
    with pytest.raises(IntegrityError), transaction.atomic():
        DirectorCredit.objects.create(
            video=video, director=make_director("Spike Jonze"), position=1
        )


def test_replacing_the_credits_keeps_the_order_given():
    video = make_video(directors=[make_director("A")])
    b, a = make_director("B"), make_director("A")
    assert DirectorCredit.objects.replace(video, [b, a])
    shaped = Video.objects.for_timeline().get(pk=video.pk)
    assert [d.name for d in shaped.directors.all()] == ["B", "A"]
    assert not DirectorCredit.objects.replace(video, [b, a])


def test_set_still_credits_directors_though_it_cannot_order_them():
    video = make_video(directors=[make_director("B"), make_director("A")])
    assert sorted(d.name for d in video.directors.all()) == ["A", "B"]


def test_a_moment_shows_as_minutes_and_seconds():
    moment = Moment(video=make_video(), seconds=100, what="x", source_title="An essay")
    assert moment.time_label == "1:40"
    assert Moment(seconds=5).time_label == "0:05"


@pytest.mark.parametrize(
    ("watch_url", "expected"),
    [
        (
            "https://www.youtube.com/watch?v=abc",
            "https://www.youtube.com/watch?v=abc&t=100s",
        ),
        ("https://youtu.be/abc", "https://youtu.be/abc?t=100s"),
        ("https://vimeo.com/12345", "https://vimeo.com/12345#t=100s"),
        ("https://example.org/video", ""),
        ("", ""),
    ],
)
def test_a_moment_links_into_the_video_only_where_the_host_takes_a_start(
    watch_url, expected
):
    assert link_at(watch_url, 100) == expected
    moment = Moment(video=Video(watch_url=watch_url), seconds=100)
    assert moment.watch_link == expected


def test_a_moment_needs_a_source():
    video = make_video()
    with pytest.raises(IntegrityError), transaction.atomic():
        Moment.objects.create(video=video, seconds=10, what="Something")
    Moment.objects.create(video=video, seconds=10, what="x", source_title="The seed")


def test_one_moment_per_second_of_a_video():
    video = make_video()
    Moment.objects.create(video=video, seconds=10, what="x", source_url="https://a.b/")
    with pytest.raises(IntegrityError), transaction.atomic():
        Moment.objects.create(
            video=video, seconds=10, what="y", source_url="https://a.b/"
        )


def test_moments_come_in_time_order():
    video = make_video()
    for seconds in (125, 60, 100):
        video.moments.create(seconds=seconds, what="x", source_title="s")
    assert [m.seconds for m in video.moments.all()] == [60, 100, 125]


def test_a_correction_must_cite_its_source():
    video = make_video(techniques=[make_technique("Practical")])
    claim = VideoTechnique(
        video=video,
        technique=make_technique("Digital compositing"),
        correction="Added from a trade report.",
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        claim.save()
    claim.correction_source_url = "https://beforesandafters.com/"
    claim.save()


def test_confidence_explains_itself_with_the_reason_or_the_levels_meaning():
    video = make_video(confidence="medium", confidence_reason="The year is disputed.")
    assert video.confidence_explained == "The year is disputed."
    video.confidence_reason = ""
    assert video.confidence_explained.startswith("One element is disputed")
    assert Video(confidence="").confidence_explained == ""
