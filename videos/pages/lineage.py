"""Technique lineage walked both ways (dissolve/wipe → digital morphing → deepfake), and
/lineage/, the whole descent with the videos and their echoes (issue 16, item 3)."""

from collections import defaultdict

from django.shortcuts import render

from videos.models import Technique
from videos.pages.lineage_graph import lineage_graph
from videos.web.page_cache import cached_page


@cached_page
def lineage(request):
    return render(request, "videos/lineage.html", {"graph": lineage_graph()})


def lineage_of(technique):
    """(ancestors, descendants) of a technique, nearest first, transitively; 2 queries.

    Each carries `generation`: 1 for a parent or child, 2 for a grandparent, and so on.
    """
    edges = Technique.descends_from.through.objects.values_list(
        "from_technique_id", "to_technique_id"
    )
    parents, children = defaultdict(list), defaultdict(list)
    for child, parent in edges:
        parents[child].append(parent)
        children[parent].append(child)
    ancestors, descendants = _walk(technique.pk, parents), _walk(technique.pk, children)
    by_id = Technique.objects.in_bulk([*ancestors, *descendants])
    return _placed(ancestors, by_id), _placed(descendants, by_id)


def _placed(generations, by_id):
    """Techniques with their generation, nearest first, then oldest first."""
    placed = []
    for pk, generation in generations.items():
        related = by_id[pk]
        related.generation = generation
        placed.append(related)
    return sorted(placed, key=lambda t: (t.generation, t.first_used_year or 0, t.name))


def _walk(start, neighbours):
    """{node: generation} reachable from `start`, breadth first (nearest first)."""
    generations, frontier, generation = {}, [start], 0
    while frontier:
        generation += 1
        following = []
        for node in frontier:
            for other in neighbours[node]:
                if other != start and other not in generations:
                    generations[other] = generation
                    following.append(other)
        frontier = following
    return generations
