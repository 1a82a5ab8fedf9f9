"""`make bench`: synthetic archives served and loaded, in one table.

Three scenarios (BENCH_SCENARIOS=sizes,editing,million, all by default), each beside the
floor (a trivial Django view) measured in the same run:

- *sizes*: for each of BENCH_SIZES an archive in SQLite (bench/out/archive-<size>.sqlite3)
  and PostgreSQL (goodreason_bench_<size>), served by gunicorn (2 sync workers, DEBUG=0)
  and loaded with bench/load.py: 16 connections for throughput, 1 for unloaded latency;
  Datasette's facet page on the largest SQLite archive beside them.
- *editing* (bench/editing.py): 100k videos on PostgreSQL, 4 workers, mixed traffic
  without edits and then while an editor saves every 5 s.
- *million* (bench/million.py): a million videos on each database: index build, memory,
  patch after a save, and the uncached pages.

The table goes to stdout and into bench/RESULTS.md (a run of some scenarios into its own
block). Sizes under 100k make a quick run: editing and million then use the largest size.

    BENCH_SIZES=1000,10000 make bench   # a quick run (2-second windows)
    BENCH_REUSE=1 BENCH_SCENARIOS=million make bench    # reuse archives generated before
"""

import json
import os
import platform
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import psycopg

from bench import editing, million
from bench.serving import (
    BIN,
    CACHE_OFF,
    FLOOR,
    HOST,
    OUT,
    POSTGRES,
    QUICK,
    REDIS_URL,
    RESULTS,
    ROOT,
    SECONDS,
    SEED,
    SIZES,
    WARMUP,
    build_postgres,
    build_sqlite,
    gunicorn,
    manage,
    measure,
    page_problem,
    resident_mb,
    serving,
)

# BENCH_SCENARIOS picks among sizes, editing and million.
ALL_SCENARIOS = ["sizes", "editing", "million"]
SCENARIOS = os.environ.get("BENCH_SCENARIOS", ",".join(ALL_SCENARIOS)).split(",")
EDITING_VIDEOS = int(
    os.environ.get("BENCH_EDITING_VIDEOS", max(SIZES) if QUICK else 100_000)
)
MILLION_VIDEOS = int(
    os.environ.get("BENCH_MILLION_VIDEOS", max(SIZES) if QUICK else 1_000_000)
)

PAGES = [  # (label, path); each must show a synthetic video
    ("timeline", "/"),
    ("timeline ?technique=cgi&decade=1990", "/?technique=cgi&decade=1990"),
    ("search ?q=synthetic+love", "/?q=synthetic+love"),
    ("video page", "/videos/synthetic-000001/"),
]
DATASETTE_TABLE = "videos_videotechnique?_facet=technique_id"
DATASETTE_SETTINGS = {  # its fastest honest configuration
    "suggest_facets": "off",
    "facet_time_limit_ms": "60000",  # never let the facet time out and look cheap
    "sql_time_limit_ms": "60000",
    "num_sql_threads": "3",
}


def datasette(archive):
    settings = [
        arg for item in DATASETTE_SETTINGS.items() for arg in ("--setting", *item)
    ]
    command = [
        BIN / "datasette", "serve", "-i", archive.path, "--host", HOST,
        "--port", "{port}", *settings,
    ]  # fmt: skip
    return serving(command, os.environ.copy(), "/-/versions.json", "datasette.log")


def bench_archive(archive, cache_backend, rows, with_floor, problems):
    # The code may have gained migrations since the archive was built.
    manage(archive.database_url, "migrate", "--noinput", "-v", "0")
    for cached in (True, False):
        cache = "cached" if cached else "uncached"
        with gunicorn(archive, cached, cache_backend) as base:
            if with_floor and cached:
                rows.append(measure(base, FLOOR, "floor (trivial view)", "-", 0, "-"))
            for page, path in PAGES:
                if problem := page_problem(base, path):
                    # Measured all the same: its errors column shows it.
                    problems.append(
                        f"{archive.engine} {archive.size:,} {cache}: {problem}"
                    )
                    print(f"  ! {problems[-1]}", flush=True)
                rows.append(
                    measure(base, path, page, archive.engine, archive.size, cache)
                )


def bench_datasette(archive, rows):
    path = f"/{archive.path.stem}/{DATASETTE_TABLE}"
    with datasette(archive) as base:
        json_path = path.replace("?", ".json?", 1)
        with urllib.request.urlopen(base + json_path, timeout=300) as response:
            if json.load(response).get("facets_timed_out"):
                raise RuntimeError("Datasette's facet timed out; raise its limit")
        rows.append(
            measure(
                base, path, f"Datasette {DATASETTE_TABLE}", "SQLite", archive.size, "-"
            )
        )


def cache_settings():
    """{name: value} for each CACHE_OFF variable archive.settings reads; None if not."""
    code = (
        "import json, django; django.setup(); from django.conf import settings; "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {list(CACHE_OFF)}}}))"
    )
    found = {}
    for env_value in (None, "0"):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "archive.settings"}
        for name in CACHE_OFF:
            env.pop(name, None)
        if env_value:
            env.update(CACHE_OFF)
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        values = json.loads(result.stdout or "{}")
        for name in CACHE_OFF:
            found.setdefault(name, []).append(values.get(name))
    return found


def redis_available():
    try:
        with socket.create_connection((HOST, 6379), timeout=2) as connection:
            connection.sendall(b"PING\r\n")
            return connection.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def machine():
    cpuinfo = Path("/proc/cpuinfo").read_text()
    meminfo = Path("/proc/meminfo").read_text()
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    memory = int(re.search(r"MemTotal:\s*(\d+)", meminfo).group(1)) / 1024 / 1024
    with psycopg.connect(f"{POSTGRES}/postgres") as connection:
        postgres = connection.execute("SHOW server_version").fetchone()[0]
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cores (nproc)": os.cpu_count(),
        "memory": f"{memory:.1f} GiB",
        "CPU": model.group(1).strip() if model else platform.processor(),
        "OS": platform.platform(),
        "code": git_revision(),
        # Other jobs on the box skew every figure; this shows whether there were any.
        "load average at the end (1/5/15 min)": " ".join(
            f"{n:.2f}" for n in os.getloadavg()
        ),
        "Python": platform.python_version(),
        "Django": version("django"),
        "SQLite": sqlite3.sqlite_version,
        "PostgreSQL": postgres,
        "gunicorn": installed("gunicorn"),
        "Datasette": installed("datasette"),
    }


def installed(package):
    try:
        return version(package)
    except PackageNotFoundError:
        return "not installed"


def git_revision():
    def git(*args):
        result = subprocess.run(
            ["git", *args], cwd=ROOT, capture_output=True, text=True
        )
        return result.stdout.strip()

    dirty = " with uncommitted changes" if git("status", "--porcelain") else ""
    return f"git {git('rev-parse', '--short', 'HEAD')}{dirty}"


def ratio(reference, rps):
    if not (reference and rps):
        return "–"
    times = reference / rps
    return f"{times:.1f}×" if times >= 1 else f"{times:.2f}×"


def table(rows):
    floor = next((r.rps for r in rows if r.page.startswith("floor")), None)
    datasette = next((r.rps for r in rows if r.page.startswith("Datasette")), None)
    lines = [
        "| page | database | videos | cache | req/s (16 conn) | p50 ms | p99 ms "
        "| p99.9 ms | errors | requests | p50 ms (1 conn) | floor ÷ page "
        "| Datasette ÷ page |",
        "|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.page} | {r.engine} | {r.size or '–'} | {r.cache} | {r.rps:.1f} "
            f"| {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.p999_ms:.1f} | {r.errors} "
            f"| {r.requests} "
            f"| {r.single_p50_ms:.1f} | {ratio(floor, r.rps)} "
            f"| {ratio(datasette, r.rps)} |"
        )
    return "\n".join(lines)


def report(rows, archives, facts, notes):
    generation = "\n".join(
        f"| {a.engine} | {a.size:,} | {a.generate_seconds:.1f} | {a.megabytes:,.0f} |"
        for a in archives
    )
    return "\n".join(
        [
            f"Run: `BENCH_SIZES={','.join(map(str, SIZES))} BENCH_SECONDS={SECONDS:g} "
            f"BENCH_SCENARIOS={','.join(SCENARIOS)} make bench`, {facts['date']}.",
            "",
            "Machine: "
            + "; ".join(f"{k} {v}" for k, v in facts.items() if k != "date"),
            "",
            table(rows),
            "",
            "floor ÷ page and Datasette ÷ page: how many times more requests per second "
            "the trivial view and Datasette's facet page serve than the page.",
            "",
            "| generated into | videos | `generate_archive` seconds | size MB |",
            "|---|--:|--:|--:|",
            generation,
            "",
            *[f"- {note}" for note in notes],
        ]
    )


def write_results(text):
    """Into bench/RESULTS.md between this run's markers: a run of only some scenarios
    (BENCH_SCENARIOS), or a quick one, keeps its own block beside the full run's."""
    name = "bench" if SCENARIOS == ALL_SCENARIOS else "-".join(["bench", *SCENARIOS])
    name += "-quick" if QUICK else ""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    block = f"{begin}\n{text}\n{end}"
    current = RESULTS.read_text() if RESULTS.exists() else ""
    if begin in current and end in current:
        before, rest = current.split(begin, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        header, _, rest = current.partition("\n\n") if current else ("", "", "")
        text = f"# Benchmarks\n\n{block}\n\n{rest}"
    RESULTS.write_text(text)


def main():
    started = time.monotonic()
    (OUT / "logs").mkdir(parents=True, exist_ok=True)
    cache_backend = "redis" if redis_available() else "locmem"
    settings = cache_settings()
    rows, problems, notes, archives = [], [], [], []
    if "sizes" in SCENARIOS:
        print(f"Building archives of {SIZES} videos (seed {SEED})…", flush=True)
        for size in SIZES:
            archives += [build_sqlite(size), build_postgres(size)]
        print(f"Loading: {SECONDS:g} s windows after {WARMUP:g} s warm-up…", flush=True)
        for index, archive in enumerate(archives):
            bench_archive(archive, cache_backend, rows, index == 0, problems)
        largest = max((a for a in archives if a.path), key=lambda a: a.size)
        bench_datasette(largest, rows)
    if "editing" in SCENARIOS:
        archive = next(
            (a for a in archives if a.path is None and a.size == EDITING_VIDEOS), None
        ) or build_postgres(EDITING_VIDEOS)
        archives.append(archive) if archive not in archives else None
        print(f"Editing on PostgreSQL, {EDITING_VIDEOS:,} videos…", flush=True)
        floor_first(archive, cache_backend, rows)
        found, editing_notes = editing.run(archive, cache_backend, QUICK, resident_mb)
        rows += found
        notes += editing_notes
    if "million" in SCENARIOS:
        print(f"A million: {MILLION_VIDEOS:,} videos…", flush=True)
        if not any(row.page.startswith("floor") for row in rows):
            archive = build_sqlite(MILLION_VIDEOS)
            archives.append(archive)
            floor_first(archive, cache_backend, rows)
        notes += million.run(MILLION_VIDEOS, archives, cache_backend, rows)
    notes += [f"Problem: {problem}" for problem in problems]
    notes += run_notes(settings, cache_backend, archives)
    notes.append(f"Whole run: {(time.monotonic() - started) / 60:.1f} minutes.")
    text = report(rows, archives, machine(), notes)
    print("\n" + text)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (OUT / f"results-{stamp}.json").write_text(
        json.dumps([asdict(r) for r in rows], indent=1)
    )
    write_results(text)


def floor_first(archive, cache_backend, rows):
    """The floor beside these rows, when no other scenario measured it in this run."""
    if any(row.page.startswith("floor") for row in rows):
        return
    with gunicorn(archive, True, cache_backend, label="floor") as base:
        rows.append(measure(base, FLOOR, "floor (trivial view)", "-", 0, "-"))


def run_notes(settings, cache_backend, archives):
    notes = []
    on_sqlite = [a for a in archives if a.path and a.size in SIZES]
    for name, (default, off) in settings.items():
        if default is None and off is None:
            notes.append(f"archive.settings does not read {name}.")
        else:
            notes.append(
                f"{name}: {default} by default (“cached”), {off} with {name}=0."
            )
    if all(off in (None, default) for default, off in settings.values()):
        notes.append(
            "No cache setting changes with the variables above: the “cached” and "
            "“uncached” rows measure the same thing (their spread is run-to-run noise)."
        )
    notes += [
        f"Django's cache: {cache_backend} "
        f"({REDIS_URL if cache_backend == 'redis' else 'per worker'}), a fresh key "
        "prefix per server.",
        "gunicorn: 2 sync workers, 4 in the editing scenario (they close the connection "
        "after each response, so every request reconnects); DEBUG=0; CONN_MAX_AGE=60.",
        "The load generator (bench/load.py, Python threads) runs on the same 2 cores as "
        "the servers; the floor row is partly limited by it.",
        "PostgreSQL tables are VACUUM ANALYZEd after generation (autovacuum would do "
        "the same); SQLite gets no ANALYZE, as Django never runs one.",
    ]
    if on_sqlite and "sizes" in SCENARIOS:
        largest = max(on_sqlite, key=lambda a: a.size)
        notes.append(
            f"Datasette: one process, `-i` (immutable) on {largest.path.name}, settings "
            + ", ".join(f"{k}={v}" for k, v in DATASETTE_SETTINGS.items())
            + "; it keeps connections alive."
        )
    return notes


if __name__ == "__main__":
    main()
