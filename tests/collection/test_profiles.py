"""Directors' profiles hold the facts of people.csv, each linked to its source (issue 13)."""

import csv
from collections import Counter

import pytest

from tests.shared_data import shared_data_file
from videos.models import Artist, Director, Video

pytestmark = pytest.mark.django_db

# people.csv names some directors together; a shared fact belongs in a member's profile.
DUOS = {
    "Daniels (Daniel Kwan; Daniel Scheinert)": ["Daniel Kwan", "Daniel Scheinert"],
    "Godley & Creme": ["Kevin Godley", "Lol Creme"],
    "Dom & Nic": ["Dominic Hawley", "Nic Goffey"],
}
# The studio behind "The Heart Part 5"'s faces: its facts serve the essays and profiles.
NOT_DIRECTORS = {"Deep Voodoo"}
SEED_ARTICLE_VIDEOS = [
    "money-for-nothing",
    "cry",
    "the-heart-part-5",
    "the-hardest-part",
]


def people():
    with shared_data_file("people.csv").open(encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def members(name):
    return DUOS.get(name, [name])


def bios():
    return dict(Director.objects.values_list("name", "bio"))


def test_everyone_in_people_csv_is_a_director_here_or_accounted_for(collection):
    directors = set(bios())
    for name in {row["name"] for row in people()} - NOT_DIRECTORS:
        assert set(members(name)) <= directors, name


def test_every_fact_in_people_csv_links_its_source_in_a_profile(collection):
    profiles = bios()
    for row in people():
        if row["name"] in NOT_DIRECTORS:
            continue
        link = f"]({row['source_url']})"
        assert any(link in profiles[name] for name in members(row["name"])), row


def test_everyone_with_two_facts_has_a_profile(collection):
    facts = Counter()
    for row in people():
        for name in members(row["name"]):
            facts[name] += 1
    profiles = bios()
    for name, count in facts.items():
        if count >= 2 and name not in NOT_DIRECTORS:
            assert 80 <= len(profiles[name].split()) <= 200, name


def test_every_director_of_the_seed_articles_videos_has_a_profile(collection):
    directors = Director.objects.filter(videos__slug__in=SEED_ARTICLE_VIDEOS)
    assert {d.name for d in directors} >= {"Dave Free", "Kendrick Lamar", "Paul Trillo"}
    for director in directors:
        assert len(director.bio.split()) >= 80, director


def test_a_conflicting_birth_year_is_given_both_ways_or_not_at_all(collection):
    bio = Director.objects.get(name="Steve Barron").bio
    assert ("1956" in bio) == ("1959" in bio)


def test_a_person_who_is_director_and_artist_has_both_pages_linked(client, collection):
    both = Director.objects.filter(name__in=Artist.objects.values("name"))
    assert {d.name for d in both} == {"Kendrick Lamar", "OK Go"}
    for director in both:
        artist = Artist.objects.get(name=director.name)
        assert director.also_artist == artist
        director_page = client.get(director.get_absolute_url()).content.decode()
        artist_page = client.get(artist.get_absolute_url()).content.decode()
        assert f'href="{artist.get_absolute_url()}"' in director_page
        assert f'href="{director.get_absolute_url()}"' in artist_page


def test_a_video_page_lists_directors_in_the_credited_order(client, collection):
    # milestones.csv credits "Trish Sie; OK Go", not alphabetically.
    video = Video.objects.get(slug="here-it-goes-again")
    html = client.get(video.get_absolute_url()).content.decode()
    credits = html[html.index("directed by") :]
    assert credits.index(">Trish Sie<") < credits.index(">OK Go<")
    document = client.get(f"/videos/{video.slug}.json").json()
    assert [d["name"] for d in document["directors"]] == ["Trish Sie", "OK Go"]
