"""External identifiers: optional, checked by format, shown as links (issue 18, item 3)."""

import pytest
from django.core.exceptions import ValidationError

from tests.factories import make_artist, make_director, make_video
from videos.models import Artist, Director, Video

pytestmark = pytest.mark.django_db

GOOD = {
    "wikidata_id": "Q42",
    "musicbrainz_id": "0383dadf-2a4e-4d10-a46a-e9e041da8eb3",
    "imvdb_id": "dire-straits/money-for-nothing",
    "youtube_id": "a-Zb_9cD8eF",
    "vimeo_id": "76979871",
}
BAD = {
    "wikidata_id": ["42", "Q0", "P31", "q42", "Q42 "],
    "musicbrainz_id": ["0383DADF-2A4E-4D10-A46A-E9E041DA8EB3", "not-a-uuid"],
    "imvdb_id": ["https://imvdb.com/video/a/b", "a b", "/a/b"],
    "youtube_id": ["short", "abcdefghijkl", "abc def ghi"],
    "vimeo_id": ["0123", "12a", "-1"],
}


@pytest.mark.parametrize(("field", "values"), BAD.items())
def test_a_video_refuses_an_identifier_of_the_wrong_shape(field, values):
    video = make_video()
    for value in values:
        setattr(video, field, value)
        with pytest.raises(ValidationError) as refused:
            video.full_clean()
        assert field in refused.value.message_dict, value


def test_a_video_takes_identifiers_of_the_right_shape_and_links_them():
    video = make_video(**GOOD)
    video.full_clean()
    assert video.same_as == [
        "https://www.wikidata.org/wiki/Q42",
        "https://musicbrainz.org/recording/0383dadf-2a4e-4d10-a46a-e9e041da8eb3",
        "https://imvdb.com/video/dire-straits/money-for-nothing",
        "https://www.youtube.com/watch?v=a-Zb_9cD8eF",
        "https://vimeo.com/76979871",
    ]


def test_people_link_to_artist_pages():
    artist = make_artist("Linked")
    artist.musicbrainz_id = GOOD["musicbrainz_id"]
    artist.imvdb_id = "linked"
    artist.full_clean()
    assert artist.same_as == [
        "https://musicbrainz.org/artist/0383dadf-2a4e-4d10-a46a-e9e041da8eb3",
        "https://imvdb.com/n/linked",
    ]
    director = make_director("Also Linked", imvdb_id="video/path")
    with pytest.raises(ValidationError):
        director.full_clean()


def test_pages_show_identifiers_as_links(client):
    director = make_director("Shown", wikidata_id="Q7")
    make_video("Shown Video", directors=[director], vimeo_id="123")
    html = client.get("/videos/shown-video/").content.decode()
    assert 'href="https://vimeo.com/123"' in html
    html = client.get("/directors/shown/").content.decode()
    assert 'href="https://www.wikidata.org/wiki/Q7"' in html


def test_the_shipped_collection_invents_none(collection):
    """../shared/data gives no identifier (additions.md: no official upload confirmed)."""
    for model in (Video, Artist, Director):
        for scheme in model.schemes:
            assert not model.objects.exclude(**{scheme.field: ""}).exists(), scheme
