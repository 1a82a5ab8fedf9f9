"""The instruments' pages on an archive with nothing public yet (no collection loaded in
this module, so each test starts from an empty archive)."""

import pytest

from tests.factories import make_video
from videos.models import Video

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url, says",
    [
        ("/verdicts/", "nothing to judge"),
        ("/lineage/", "no lineage to draw"),
        ("/compare/", "Compare two videos"),
    ],
)
def test_an_archive_of_drafts_shows_each_instrument_empty(client, url, says):
    make_video("Secret", slug="secret", status=Video.Status.DRAFT, published_at=None)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert says in html
    assert "Secret" not in html
