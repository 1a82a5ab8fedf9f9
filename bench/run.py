"""`make bench`: synthetic archives at three sizes, served and loaded, in one table.

For each size it generates an archive into SQLite (bench/out/archive-<size>.sqlite3) and
PostgreSQL (goodreason_bench_<size>), serves it with gunicorn (2 sync workers, DEBUG=0) and
loads each page with bench/load.py: 16 connections for throughput, 1 for unloaded latency.
Beside them: a trivial Django view (the floor) and Datasette's facet page on the largest
SQLite archive. The table goes to stdout and into bench/RESULTS.md.

    BENCH_SIZES=1000,10000 BENCH_SECONDS=3 make bench   # a quick run
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
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

import psycopg

from bench.load import run as load

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POSTGRES = f"postgresql://postgres@{HOST}:5432"
REDIS_URL = f"redis://{HOST}:6379/15"
SEED = 0

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
SECONDS = float(os.environ.get("BENCH_SECONDS", "10"))
WARMUP = float(os.environ.get("BENCH_WARMUP", "2"))
LATENCY_SECONDS = min(SECONDS, 5.0)  # the single-connection runs

FLOOR = "/bench/floor/"
PAGES = [  # (label, path); each must show a synthetic video
    ("timeline", "/"),
    ("timeline ?technique=cgi&decade=1990", "/?technique=cgi&decade=1990"),
    ("search ?q=synthetic+love", "/?q=synthetic+love"),
    ("video page", "/videos/synthetic-000001/"),
]
# "Uncached" servers get these; "cached" ones have them unset (the product's defaults).
# The brief names TIMELINE_CACHE_SECONDS; the product's page cache reads PAGE_CACHE_SECONDS.
CACHE_OFF = {"TIMELINE_CACHE_SECONDS": "0", "PAGE_CACHE_SECONDS": "0"}
DATASETTE_TABLE = "videos_videotechnique?_facet=technique_id"
DATASETTE_SETTINGS = {  # its fastest honest configuration
    "suggest_facets": "off",
    "facet_time_limit_ms": "60000",  # never let the facet time out and look cheap
    "sql_time_limit_ms": "60000",
    "num_sql_threads": "3",
}


@dataclass
class Archive:
    engine: str
    size: int
    database_url: str
    generate_seconds: float
    path: Path | None = None


@dataclass
class Row:
    page: str
    engine: str
    size: int
    cache: str
    rps: float
    p50_ms: float
    p99_ms: float
    errors: int
    requests: int
    single_p50_ms: float
    loader_cpu: float


def manage(database_url, *args):
    env = {**os.environ, "DATABASE_URL": database_url, "MEDIA_ROOT": str(OUT / "media")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def seconds_taken(output):
    found = re.search(r"in ([0-9.]+) s\.\s*$", output)
    return float(found.group(1)) if found else float("nan")


def build_sqlite(size):
    path = OUT / f"archive-{size}.sqlite3"
    for stale in path.parent.glob(f"{path.name}*"):
        stale.unlink()
    url = f"sqlite:///{path}"
    manage(url, "migrate", "--noinput", "-v", "0")
    output = manage(url, "generate_archive", f"--videos={size}", f"--seed={SEED}")
    print(f"  SQLite {size:>7,}: {output.strip().splitlines()[-1]}", flush=True)
    return Archive("SQLite", size, url, seconds_taken(output), path)


def build_postgres(size):
    name = f"goodreason_bench_{size}"
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    url = f"{POSTGRES}/{name}"
    manage(url, "migrate", "--noinput", "-v", "0")
    output = manage(url, "generate_archive", f"--videos={size}", f"--seed={SEED}")
    # Autovacuum would analyse the fresh tables within a minute; do it now.
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    print(f"  PostgreSQL {size:>7,}: {output.strip().splitlines()[-1]}", flush=True)
    return Archive("PostgreSQL", size, url, seconds_taken(output))


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def wait_until_up(base, process, path, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited ({process.returncode})")
        try:
            with urllib.request.urlopen(base + path, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{base}{path} did not answer in {timeout} s")


@contextmanager
def serving(command, env, ready_path, log_name):
    """Run a server on a free port until the block ends; yields its base URL."""
    port = free_port()
    command = [str(part).format(port=port) for part in command]
    with open(OUT / "logs" / log_name, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log)
        try:
            base = f"http://{HOST}:{port}"
            wait_until_up(base, process, ready_path)
            yield base
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def gunicorn(archive, cached, cache_backend):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DEBUG": "0",
        "SECRET_KEY": f"bench-only-{uuid.uuid4()}",
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": archive.database_url,
        "MEDIA_ROOT": str(OUT / "media"),
        "LOG_LEVEL": "WARNING",
        # A fresh prefix per server: no run reads another run's cached pages.
        "CACHE_KEY_PREFIX": f"goodreason-bench-{uuid.uuid4().hex[:12]}",
    }
    for name in ["REDIS_URL", "DJANGO_ENV", *CACHE_OFF]:
        env.pop(name, None)
    if cache_backend == "redis":
        env["REDIS_URL"] = REDIS_URL
    if not cached:
        env.update(CACHE_OFF)
    command = [
        BIN / "gunicorn", "archive.wsgi:application", "--workers", "2",
        "--worker-class", "sync", "--bind", f"{HOST}:{{port}}", "--timeout", "120",
    ]  # fmt: skip
    label = "cached" if cached else "uncached"
    log = f"gunicorn-{archive.engine.lower()}-{archive.size}-{label}.log"
    return serving(command, env, FLOOR, log)


def datasette(archive):
    settings = [
        arg for item in DATASETTE_SETTINGS.items() for arg in ("--setting", *item)
    ]
    command = [
        BIN / "datasette", "serve", "-i", archive.path, "--host", HOST,
        "--port", "{port}", *settings,
    ]  # fmt: skip
    return serving(command, os.environ.copy(), "/-/versions.json", "datasette.log")


def page_problem(base, path):
    """Why `path` is not worth loading (an error, no synthetic video), or None."""
    try:
        with urllib.request.urlopen(base + path, timeout=300) as response:
            body = response.read().decode()
    except OSError as error:  # HTTPError included
        return f"{path} answered {error}"
    return None if "(synthetic " in body else f"{path} showed no synthetic video"


def measure(base, path, page, archive_label, size, cache):
    busy = load(base + path, connections=16, seconds=SECONDS, warmup=WARMUP)
    single = load(
        base + path, connections=1, seconds=LATENCY_SECONDS, warmup=1, min_requests=3
    )
    row = Row(
        page=page,
        engine=archive_label,
        size=size,
        cache=cache,
        rps=busy.rps,
        p50_ms=busy.p50_ms,
        p99_ms=busy.p99_ms,
        errors=busy.errors + single.errors,
        requests=busy.requests,
        single_p50_ms=single.p50_ms,
        loader_cpu=busy.loader_cpu,
    )
    print(
        f"  {archive_label:<10} {size:>7,} {cache:<8} {page:<38} {row.rps:8.1f} req/s "
        f"p50 {row.p50_ms:7.1f} p99 {row.p99_ms:7.1f} 1-conn p50 "
        f"{row.single_p50_ms:7.1f} errors {row.errors}",
        flush=True,
    )
    return row


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
        "gunicorn": version("gunicorn"),
        "Datasette": version("datasette"),
    }


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
        "| errors | requests | p50 ms (1 conn) | floor ÷ page | Datasette ÷ page |",
        "|---|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for r in rows:
        lines.append(
            f"| {r.page} | {r.engine} | {r.size or '–'} | {r.cache} | {r.rps:.1f} "
            f"| {r.p50_ms:.1f} | {r.p99_ms:.1f} | {r.errors} | {r.requests} "
            f"| {r.single_p50_ms:.1f} | {ratio(floor, r.rps)} "
            f"| {ratio(datasette, r.rps)} |"
        )
    return "\n".join(lines)


def report(rows, archives, facts, notes):
    generation = "\n".join(
        f"| {a.engine} | {a.size:,} | {a.generate_seconds:.1f} |" for a in archives
    )
    return "\n".join(
        [
            f"Run: `BENCH_SIZES={','.join(map(str, SIZES))} BENCH_SECONDS={SECONDS:g} "
            f"make bench`, {facts['date']}.",
            "",
            "Machine: "
            + "; ".join(f"{k} {v}" for k, v in facts.items() if k != "date"),
            "",
            table(rows),
            "",
            "floor ÷ page and Datasette ÷ page: how many times more requests per second "
            "the trivial view and Datasette's facet page serve than the page.",
            "",
            "| generated into | videos | `generate_archive` seconds |",
            "|---|--:|--:|",
            generation,
            "",
            *[f"- {note}" for note in notes],
        ]
    )


def write_results(text):
    begin, end = "<!-- bench:begin -->", "<!-- bench:end -->"
    block = f"{begin}\n{text}\n{end}"
    current = RESULTS.read_text() if RESULTS.exists() else ""
    if begin in current and end in current:
        before, rest = current.split(begin, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = f"# Benchmarks\n\n{block}\n{current}"
    RESULTS.write_text(text)


def main():
    started = time.monotonic()
    (OUT / "logs").mkdir(parents=True, exist_ok=True)
    cache_backend = "redis" if redis_available() else "locmem"
    settings = cache_settings()
    print(f"Building archives of {SIZES} videos (seed {SEED})…", flush=True)
    archives = []
    for size in SIZES:
        archives += [build_sqlite(size), build_postgres(size)]
    print(f"Loading: {SECONDS:g} s windows after {WARMUP:g} s warm-up…", flush=True)
    rows, problems = [], []
    for index, archive in enumerate(archives):
        bench_archive(archive, cache_backend, rows, index == 0, problems)
    largest = max((a for a in archives if a.path), key=lambda a: a.size)
    bench_datasette(largest, rows)
    notes = [f"Problem: {problem}" for problem in problems]
    notes += run_notes(settings, cache_backend, largest)
    notes.append(f"Whole run: {(time.monotonic() - started) / 60:.1f} minutes.")
    text = report(rows, archives, machine(), notes)
    print("\n" + text)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    (OUT / f"results-{stamp}.json").write_text(
        json.dumps([asdict(r) for r in rows], indent=1)
    )
    write_results(text)


def run_notes(settings, cache_backend, largest):
    notes = []
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
        "gunicorn: 2 sync workers (they close the connection after each response, so "
        "every request reconnects); DEBUG=0; CONN_MAX_AGE=60 (the default).",
        f"Datasette: one process, `-i` (immutable) on {largest.path.name}, settings "
        + ", ".join(f"{k}={v}" for k, v in DATASETTE_SETTINGS.items())
        + "; it keeps connections alive.",
        "The load generator (bench/load.py, Python threads) runs on the same 2 cores as "
        "the servers; the floor row is partly limited by it.",
        "PostgreSQL tables are VACUUM ANALYZEd after generation (autovacuum would do "
        "the same); SQLite gets no ANALYZE, as Django never runs one.",
    ]
    return notes


if __name__ == "__main__":
    main()
