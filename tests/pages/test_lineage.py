"""/lineage/: technique descent, the videos in time and the echoes between them."""

import pytest

from tests.factories import make_technique, make_video
from videos.models import Precedent, Technique, Video, VideoTechnique

pytestmark = pytest.mark.django_db


def lane_slugs(response):
    return [lane.technique.slug for lane in response.context["graph"]["lanes"]]


def test_every_public_technique_is_a_lane_and_every_claim_a_dot(client, collection):
    response = client.get("/lineage/")
    assert response.status_code == 200
    graph = response.context["graph"]
    assert sorted(lane_slugs(response)) == sorted(
        Technique.objects.public().values_list("slug", flat=True)
    )
    dots = sum(len(lane.dots) for lane in graph["lanes"])
    public = Video.objects.published()
    assert dots == VideoTechnique.objects.filter(video__in=public).count()
    assert graph["video_count"] == public.count()


def test_the_faces_lineage_reads_down_the_page(client, collection):
    slugs = lane_slugs(client.get("/lineage/"))
    chain = ["dissolve-wipe", "digital-morphing", "deepfake", "text-to-video"]
    positions = [slugs.index(slug) for slug in chain]
    assert positions == sorted(positions)


def test_every_descent_and_every_echo_is_drawn(client, collection):
    graph = client.get("/lineage/").context["graph"]
    public = Video.objects.published()
    echoes = Precedent.objects.filter(later__in=public, earlier__in=public)
    assert len(graph["echoes"]) == echoes.count()
    edges = Technique.descends_from.through.objects.count()
    assert len(graph["descents"]) == edges


def test_every_node_is_a_link(client, collection):
    html = client.get("/lineage/").content.decode()
    svg = html.split("<svg")[1].split("</svg>")[0]
    for video in Video.objects.published():
        assert f'href="{video.get_absolute_url()}"' in svg, video.slug
    for technique in Technique.objects.public():
        assert f'href="{technique.get_absolute_url()}"' in svg, technique.slug
    assert 'href="/compare/cry/the-heart-part-5/"' in svg


def test_the_nested_list_carries_the_same_lineage(client, collection):
    html = client.get("/lineage/").content.decode()
    tree = html.split('id="tree-heading"')[1]
    morphing = tree.split('href="/techniques/digital-morphing/"')[1]
    assert 'href="/techniques/deepfake/"' in morphing  # nested beneath it
    assert 'href="/videos/black-or-white/"' in morphing
    for video in Video.objects.published():
        assert f'href="{video.get_absolute_url()}"' in tree, video.slug


def test_drafts_and_their_echoes_never_appear(client):
    dissolve = make_technique("Dissolve")
    morph = make_technique("Morph")
    morph.descends_from.add(dissolve)
    cry = make_video("Weeping", year=1985, techniques=[dissolve])
    draft = make_video(
        "Draft", year=1991, techniques=[morph],
        status=Video.Status.DRAFT, published_at=None,
    )  # fmt: skip
    Precedent.objects.create(later=draft, earlier=cry, note="A draft's echo")
    response = client.get("/lineage/")
    graph = response.context["graph"]
    assert "dissolve" in lane_slugs(response) and "morph" not in lane_slugs(response)
    assert not [arc for arc in graph["echoes"] if "Draft" in arc.title]
    assert not [curve for curve in graph["descents"] if "Morph" in curve.title]
    assert "/videos/draft/" not in response.content.decode()
