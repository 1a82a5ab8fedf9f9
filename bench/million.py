"""The *million* scenario (issue 14): a million videos on SQLite and on PostgreSQL.

For each database: the generation time and size, one process's index (full build time,
memory kept, and the patch after an editor's save: bench/index_probe.py), then gunicorn (2
workers, page cache off) measured like the other rows for a filtered timeline, a search
and a video page, the first answer from every worker right after a save, and each
worker's resident memory.
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

from bench.serving import (
    ROOT,
    build_postgres,
    build_sqlite,
    gunicorn,
    manage,
    measure,
    resident_mb,
)

WORKERS = 2
# Which databases get a million (BENCH_MILLION_ENGINES=SQLite skips PostgreSQL's).
ENGINES = os.environ.get("BENCH_MILLION_ENGINES", "SQLite,PostgreSQL").split(",")


def pages(size):
    width = max(6, len(str(size)))
    return [
        ("filtered timeline ?technique=cgi&decade=1990", "/?technique=cgi&decade=1990"),
        ("search ?q=synthetic+love", "/?q=synthetic+love"),
        ("video page", f"/videos/synthetic-{1:0{width}d}/"),
    ]


def probe(archive):
    """bench/index_probe.py's figures for this archive."""
    env = {**os.environ, "DATABASE_URL": archive.database_url}
    env["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    output = subprocess.run(
        [sys.executable, "-m", "bench.index_probe"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def at_once(base, path, count):
    """Request `path` on `count` connections at once; the slowest answer, in ms."""
    times = []

    def one():
        started = time.perf_counter()
        with urllib.request.urlopen(base + path, timeout=300) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return max(times)


def bench_one(archive, cache_backend, rows):
    manage(archive.database_url, "migrate", "--noinput", "-v", "0")
    facts = probe(archive)  # its saves also change what the workers will serve
    path = pages(archive.size)[0][1]
    with gunicorn(
        archive, False, cache_backend, workers=WORKERS, label="million"
    ) as base:
        # Every worker builds its index before anything is measured.
        first_build_ms = at_once(base, path, WORKERS * 2)
        for page, address in pages(archive.size):
            rows.append(
                measure(base, address, page, archive.engine, archive.size, "uncached")
            )
        after_save = []
        for _ in range(3):
            probe_save(archive)
            after_save.append(round(at_once(base, path, WORKERS * 2)))
        facts["resident_mb_per_worker"] = resident_mb(base)
    facts["first_answers_ms_with_build"] = round(first_build_ms)
    facts["first_answers_ms_after_save"] = after_save
    return facts


def probe_save(archive):
    """One editor's save, committed by another process."""
    code = (
        "import django; django.setup(); "
        "from bench.index_probe import save_one_video; save_one_video()"
    )
    env = {**os.environ, "DATABASE_URL": archive.database_url}
    env["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True)


def run(size, archives, cache_backend, rows):
    """Notes on each database's million (the rows go into `rows`)."""
    notes = []
    for build in (build_sqlite, build_postgres):
        engine = "SQLite" if build is build_sqlite else "PostgreSQL"
        if engine not in ENGINES:
            continue
        archive = next(
            (a for a in archives if a.engine == engine and a.size == size), None
        ) or build(size)
        if archive not in archives:
            archives.append(archive)
        facts = bench_one(archive, cache_backend, rows)
        print(f"  {engine}: {facts}", flush=True)
        notes.append(
            f"Million, {engine} {size:,} videos: generated in "
            f"{archive.generate_seconds:.0f} s ({archive.megabytes:,.0f} MB); one "
            f"process's index built in {facts['build_ms']:,} ms, resident "
            f"{facts['resident_mb_before']} → {facts['resident_mb_after_build']} MB "
            f"(peak {facts['peak_resident_mb']} MB); patched after a save in "
            f"{', '.join(map(str, facts['patch_ms']))} ms; gunicorn workers resident "
            f"{facts['resident_mb_per_worker']} MB; slowest of {WORKERS * 2} "
            f"simultaneous first answers: {facts['first_answers_ms_with_build']:,} ms "
            f"with each worker's build, {facts['first_answers_ms_after_save']} ms "
            "right after each of three saves (target ≤ 1,000 ms)."
        )
    return notes
