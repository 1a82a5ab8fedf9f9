"""Varied two-word searches against an existing archive, unloaded, one process.

    DATABASE_URL=sqlite:////tmp/fts.sqlite3 .venv/bin/python -m bench.search

Times, per query, what a timeline search costs: every match and its score from
`match_scores` (the database's part) and the whole uncached page `/?q=…`. Prints the median and p90 of
each over the queries, after one untimed pass that warms the caches and the facet index:
wall time, and this process's CPU time (all of SQLite's work, none of PostgreSQL's), which
a busy machine disturbs less.
"""

import os
import random
import statistics
import sys
from time import perf_counter, process_time

SEED = 0
QUERIES = 60
ROUNDS = int(os.environ.get("ROUNDS", "3"))


def two_word_queries(technique_words, rng):
    from bench.synthetic import ADJECTIVES, THEMES

    kinds = [
        lambda: rng.sample(THEMES, 2),
        lambda: [rng.choice(ADJECTIVES), rng.choice(THEMES)],
        lambda: [rng.choice(technique_words), rng.choice(THEMES)],
        lambda: ["synthetic", rng.choice(THEMES)],
        lambda: ["director", f"{rng.randint(1, 2000):04d}"],
        lambda: ["artist", f"{rng.randint(1, 5000):04d}"],
    ]
    return [" ".join(kinds[n % len(kinds)]()) for n in range(QUERIES)]


def percentiles(samples):
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(0.9 * (len(ordered) - 1))]


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
    os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.test import Client

    from videos.models import Technique
    from videos.timeline.search import match_scores

    words = sorted(
        {w.lower() for name in Technique.objects.values_list("name", flat=True)
         for w in name.split() if len(w) > 3}
    )  # fmt: skip
    queries = two_word_queries(words, random.Random(SEED))
    client = Client()

    def ranked(text):
        return match_scores(text)[0]

    def page(text):
        response = client.get("/", {"q": text}, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (text, response.status_code)

    for text in queries:  # warm-up, untimed
        ranked(text), page(text)
    for label, run in [("match_scores", ranked), ("page /?q=", page)]:
        wall, cpu = [], []
        for text in queries * ROUNDS:
            started, cpu_started = perf_counter(), process_time()
            run(text)
            wall.append((perf_counter() - started) * 1000)
            cpu.append((process_time() - cpu_started) * 1000)
        for clock, samples in [("wall", wall), ("cpu", cpu)]:
            p50, p90 = percentiles(samples)
            print(f"{label:14} {clock:4} p50 {p50:7.1f} ms  p90 {p90:7.1f} ms")
    matches = sorted(len(ranked(text)) for text in queries)
    print(f"{len(queries)} queries x {ROUNDS}; matches per query: median {statistics.median(matches):,.0f}, "
          f"max {matches[-1]:,}; e.g. {', '.join(repr(q) for q in queries[:6])}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
