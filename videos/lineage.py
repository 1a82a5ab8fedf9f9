"""Technique lineage walked both ways (dissolve/wipe → digital morphing → deepfake)."""

from collections import defaultdict

from .models import Technique


def lineage_of(technique):
    """(ancestors, descendants) of a technique, nearest first, transitively; 2 queries."""
    edges = Technique.descends_from.through.objects.values_list(
        "from_technique_id", "to_technique_id"
    )
    parents, children = defaultdict(list), defaultdict(list)
    for child, parent in edges:
        parents[child].append(parent)
        children[parent].append(child)
    ancestor_ids, descendant_ids = (
        _walk(technique.pk, parents),
        _walk(technique.pk, children),
    )
    by_id = Technique.objects.in_bulk(ancestor_ids + descendant_ids)
    return [by_id[i] for i in ancestor_ids], [by_id[i] for i in descendant_ids]


def _walk(start, neighbours):
    seen, order, frontier = {start}, [], [start]
    while frontier:
        following = []
        for node in frontier:
            for other in neighbours[node]:
                if other not in seen:
                    seen.add(other)
                    order.append(other)
                    following.append(other)
        frontier = following
    return order
