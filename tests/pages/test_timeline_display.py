"""What a timeline page shows around its entries (issue 15): its heading, the gaps
between years, the decade bar, "more" in long facets, its other versions, and search
excerpts."""

import re
from types import SimpleNamespace

import pytest

from tests.factories import make_artist, make_director, make_technique, make_video
from videos.pages.timeline_display import describe

pytestmark = pytest.mark.django_db


def html_of(client, url, params=None):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def named(name):
    return SimpleNamespace(name=name)


def test_a_filtered_timeline_says_what_it_shows_in_its_heading(client):
    deepfake = make_technique("Deepfake")
    for year in (2020, 2022):
        make_video(f"Fake {year}", year=year, techniques=[deepfake])
    make_video("Older fake", year=2019, techniques=[deepfake])
    html = html_of(client, "/", {"technique": "deepfake", "decade": 2020})
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    words = re.sub(r"<[^>]+>", " ", heading).split()
    assert " ".join(words) == "Deepfake, 2020s — 2 videos"
    assert "<title>Deepfake, 2020s: 2 videos — " in html


def test_the_unfiltered_timeline_keeps_its_own_heading(client):
    make_video()
    html = html_of(client, "/")
    assert "<h1>The timeline</h1>" in html


def test_describe_reads_every_filter_in_words():
    cleaned = {
        "technique": [named("Deepfake"), named("Rotoscoping")],
        "director": [named("Spike Jonze")],
        "artist": [named("Björk")],
        "tag": [named("faces")],
        "decade": 1990,
        "year_from": 1991,
        "year_to": 1995,
        "verdict": "gimmick",
        "q": "robots",
    }
    assert describe(cleaned) == (
        "Deepfake or Rotoscoping, directed by Spike Jonze, by Björk, tagged “faces”, "
        "1990s, judged a gimmick, 1991–1995, matching “robots”"
    )
    assert describe({"year_from": 2001}) == "From 2001"
    assert describe({}) == ""


def test_describe_leaves_out_what_the_page_fixes():
    cleaned = {"technique": [named("Deepfake")], "decade": 2020}
    assert describe(cleaned, fixed={"technique": object()}) == "2020s"


def test_years_with_no_video_show_as_a_gap_that_grows_with_the_time(client):
    for year in (1985, 1986, 1991, 2004):
        make_video(f"Video of {year}", year=year)
    html = html_of(client, "/")
    assert "Five years pass" in html
    assert "Thirteen years pass" not in html and "13 years pass" in html
    assert len(re.findall(r'class="gap"', html)) == 2  # none between 1985 and 1986
    heights = [float(h) for h in re.findall(r"--gap: ([0-9.]+)rem", html)]
    assert heights[0] < heights[1]


def test_each_decade_heading_counts_its_videos_on_every_page(client, settings):
    settings.TIMELINE_PAGE_SIZE = 2
    for year in (1981, 1982, 1983, 1995):
        make_video(f"Video of {year}", year=year)
    second_page = html_of(client, "/", {"page": 2})
    assert re.search(
        r'id="decade-1980">1980s <span class="continued">continued', second_page
    )
    assert "3 videos" in second_page and "1 video<" in second_page


def test_the_decade_bar_links_each_decade_where_it_starts_and_keeps_the_filters(
    client, settings
):
    settings.TIMELINE_PAGE_SIZE = 2
    rotoscoping = make_technique("Rotoscoping")
    for year in (1985, 1986, 1995, 2005):
        make_video(f"Video of {year}", year=year, techniques=[rotoscoping])
    html = html_of(client, "/", {"technique": "rotoscoping"})
    bar = html[
        html.index('class="decade-bar"') : html.index(
            "</nav>", html.index('class="decade-bar"')
        )
    ]
    hrefs = re.findall(r'href="([^"]+)"', bar)
    assert hrefs == [
        "#decade-1980",
        "?technique=rotoscoping&amp;page=2#decade-1990",
        "?technique=rotoscoping&amp;page=2#decade-2000",
        "#top",
    ]


def test_a_search_lists_best_matches_first_with_the_words_marked(client):
    make_video(
        "Morph",
        verdict="justified",
        essay_body="A long opening sentence about faces. Then the faces are morphed "
        "into one another, <script>alert(1)</script> and it works.",
    )
    html = html_of(client, "/", {"q": "morphing"})
    assert "Best matches first" in html
    assert "<mark>morphed</mark>" in html
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_timeline_without_a_search_has_no_best_matches_heading(client):
    make_video(verdict="justified")
    assert "Best matches first" not in html_of(client, "/")


def test_a_long_facet_shows_its_top_options_and_keeps_the_rest_under_more(client):
    techniques = [make_technique(f"Technique {letter}") for letter in "ABCDEFGHI"]
    for count, technique in enumerate(techniques, start=1):
        for index in range(count):
            make_video(f"{technique.name} {index}", techniques=[technique])
    html = html_of(client, "/", {"technique": "technique-a"})  # the smallest option
    facet = html[html.index('id="facet-technique"') : html.index('id="facet-director"')]
    shown, more = facet.split('class="facet-more"')
    assert len(re.findall('data-facet="technique"', shown)) == 7  # top six + chosen
    assert 'data-value="technique-a"' in shown
    assert len(re.findall('data-facet="technique"', more)) == 2
    assert "2 more" in more and 'href="/techniques/"' in more


TIMELINE_PAGES = ["/", "/techniques/rotoscoping/", "/directors/ann-lee/",
                  "/artists/the-band/", "/tags/faces/"]  # fmt: skip


@pytest.mark.parametrize("url", TIMELINE_PAGES)
def test_every_timeline_page_links_its_json_csv_and_atom_versions(client, url):
    make_video(
        techniques=[make_technique("Rotoscoping")],
        directors=[make_director("Ann Lee")],
        artists=[make_artist("The Band")],
        tags=["faces"],
        year=1990,
    )
    html = html_of(client, url, {"decade": 1990})
    head = html[: html.index("</head>")]
    for kind in ("application/json", "text/csv", "application/atom+xml"):
        assert f'rel="alternate" type="{kind}"' in head, kind
        assert f'type="{kind}">' in html[html.index("</head>") :], kind
    fixed = url.strip("/").split("/")
    json_link = re.search(r'type="application/json" title="[^"]*" href="([^"]+)"', head)
    if len(fixed) == 2:
        parameter = {"techniques": "technique", "directors": "director",
                     "artists": "artist", "tags": "tag"}[fixed[0]]  # fmt: skip
        assert f"{parameter}={fixed[1]}" in json_link.group(1)
    assert "decade=1990" in json_link.group(1)


def test_timeline_pages_offer_skip_to_results_after_skip_to_content(client):
    make_video()
    html = html_of(client, "/")
    links = re.findall(r'<a class="skip-link" href="([^"]+)">([^<]+)</a>', html)
    assert links == [("#main", "Skip to content"), ("#results", "Skip to results")]
    assert 'id="results"' in html
    assert "Skip to results" not in html_of(client, "/about/")


def test_the_filters_are_one_disclosure_counting_the_active_filters(client):
    make_video(year=1990, verdict="gimmick")
    html = html_of(client, "/", {"decade": 1990, "verdict": "gimmick"})
    assert re.search(
        r'<summary id="filters-title">Filters <span class="filters-count">\(2\)', html
    )
    assert '<details class="filters-panel">' in html  # closed until opened, no script
    assert html.index('class="active-filters"') < html.index('class="filters-panel"')
    assert "<script" not in html.split("</head>")[1]
