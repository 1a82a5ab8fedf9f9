"""The 400 page keeps what was typed and names parameters in words; an unknown address
shows the archive's own 404, with DEBUG on too."""

import re

import pytest

from tests.factories import make_video

pytestmark = pytest.mark.django_db


def test_the_400_page_keeps_the_bad_value_in_its_field(client):
    make_video()
    response = client.get("/", {"year_from": "abc", "q": "robots"})
    html = response.content.decode()
    assert response.status_code == 400
    field = re.search(r'<input type="text"[^>]*name="year_from"[^>]*>', html).group()
    assert 'value="abc"' in field and 'aria-invalid="true"' in field
    assert 'name="q" value="robots"' in html
    assert '<details class="filters-panel" open>' in html  # the field is in view


def test_the_400_page_names_the_parameter_in_words(client):
    make_video()
    html = client.get("/", {"year_from": "abc"}).content.decode()
    errors = html[html.index('class="errors"') :]
    assert re.search(r"<dt>From year <span", errors)
    assert "Show the timeline without this filter" in errors


def test_a_refused_address_names_its_parameter_in_words(client):
    response = client.get("/", {"year_from": "9" * 5000})
    html = response.content.decode()
    assert response.status_code == 400
    assert "From year" in html and "<code>year_from</code>" in html


def test_an_unknown_address_shows_the_archives_404_with_debug_on(client, settings):
    settings.DEBUG = True
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "Nothing at this address" in response.content.decode()
    assert (
        client.get("/techniques").status_code == 301
    )  # a missing slash still redirects


def test_a_404_from_a_view_keeps_its_own_message_with_debug_on(client, settings):
    settings.DEBUG = True
    response = client.get("/videos/nope/")
    assert response.status_code == 404
    assert "“nope”" in response.content.decode()
