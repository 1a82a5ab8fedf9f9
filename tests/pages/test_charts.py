"""The adoption chart: it scales to its box, keeps links out of its images, and has a
table with the same numbers."""

import re

import pytest

from tests.factories import make_technique, make_video

pytestmark = pytest.mark.django_db


@pytest.fixture
def chart_html(client):
    cgi = make_technique("Computer-generated imagery", slug="cgi")
    deepfake = make_technique("Deepfake")
    make_video("A", year=1985, techniques=[cgi])
    make_video("B", year=1985, techniques=[cgi])
    make_video("C", year=2022, techniques=[deepfake, cgi])
    return client.get("/techniques/").content.decode()


def svgs(html):
    return re.findall(r"<svg.*?</svg>", html, re.S)


def test_the_chart_is_drawn_wide_and_narrow_each_scaling_to_its_box(chart_html):
    drawn = svgs(chart_html)
    assert [re.search(r'class="([^"]+)"', svg).group(1) for svg in drawn] == [
        "chart-wide",
        "chart-narrow",
    ]
    for svg in drawn:
        opening = svg[: svg.index(">")]
        assert "viewBox=" in opening and "width=" not in opening


def test_the_charts_images_hold_no_links(chart_html):
    for svg in svgs(chart_html):
        assert 'role="img"' in svg and "<a " not in svg


def test_the_chart_has_a_table_of_its_numbers_in_a_disclosure(chart_html):
    table = chart_html[chart_html.index('<details class="chart-data">') :]
    table = table[: table.index("</details>")]
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S)
    text = [re.sub(r"<[^>]+>", " ", row).split() for row in rows]
    assert ["Computer-generated", "imagery", "3", "1985", "(2),", "2022"] in text
    assert ["Deepfake", "1", "2022"] in text
    assert "Computer-generated imagery, 1985: 2 videos" in chart_html  # the dot's title
