"""The editing scenario's traffic (bench/editing.py): every address it asks for is a
timeline the site answers, so its errors column counts only real failures."""

import random

import pytest

from bench.editing import long_tail, repeated
from videos.models import Technique

pytestmark = pytest.mark.django_db


def test_every_long_tail_address_is_a_timeline_the_site_answers(client, collection):
    techniques = list(Technique.objects.values_list("slug", flat=True))
    rng = random.Random(5)
    paths = {long_tail(rng, techniques) for _ in range(20)}
    assert len(paths) == 20  # a long tail: no address twice, so no cached page
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_the_repeated_addresses_answer(client, collection):
    for path in repeated(["cry"]):
        assert client.get(path).status_code == 200, path
