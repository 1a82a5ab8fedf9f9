"""What every benchmark scenario shares: archives built into SQLite and PostgreSQL,
servers on free ports (gunicorn, Datasette), and one page measured as a row of the table.
"""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

from bench.load import run as load

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "RESULTS.md"))
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
POSTGRES = f"postgresql://postgres@{HOST}:5432"
REDIS_URL = f"redis://{HOST}:6379/15"
SEED = 0

FLOOR = "/bench/floor/"
# "Uncached" servers get these; "cached" ones have them unset (the product's defaults).
# The brief names TIMELINE_CACHE_SECONDS; the product's page cache reads PAGE_CACHE_SECONDS.
CACHE_OFF = {"TIMELINE_CACHE_SECONDS": "0", "PAGE_CACHE_SECONDS": "0"}
SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "1000,10000,100000").split(",")]
# A quick run (sizes under 100k) checks the bench itself in under five minutes: 2-second
# windows, short warm-ups and single-connection runs, and the editing and million
# scenarios at its largest size with shorter windows. Its figures are rough.
QUICK = max(SIZES) < 100_000
SECONDS = float(os.environ.get("BENCH_SECONDS", "2" if QUICK else "10"))
# Reuse archives an earlier run generated (a million videos take many minutes).
REUSE = os.environ.get("BENCH_REUSE") == "1"
WARMUP = float(os.environ.get("BENCH_WARMUP", "0.25" if QUICK else "2"))
LATENCY_SECONDS = min(SECONDS, 1.0 if QUICK else 5.0)  # the single-connection runs


@dataclass
class Archive:
    engine: str
    size: int
    database_url: str
    generate_seconds: float
    path: Path | None = None
    megabytes: float = float("nan")


@dataclass
class Row:
    page: str
    engine: str
    size: int
    cache: str
    rps: float
    p50_ms: float
    p99_ms: float
    p999_ms: float
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


def reused(engine, size, url, path=None):
    """The archive a previous run generated (BENCH_REUSE=1), with its recorded
    generation time, or None."""
    record = OUT / f"generated-{engine}-{size}.json"
    if not (REUSE and record.exists()):
        return None
    facts = json.loads(record.read_text())
    print(f"  {engine} {size:>7,}: reusing the archive generated {facts['date']}")
    return Archive(engine, size, url, facts["seconds"], path, facts["megabytes"])


def generated(archive, output):
    """Record how long generating `archive` took, and how big it is."""
    print(f"  {archive.engine} {archive.size:>7,}: {output.strip().splitlines()[-1]}")
    archive.generate_seconds = seconds_taken(output)
    if archive.path:
        archive.megabytes = archive.path.stat().st_size / 1e6
    else:
        with psycopg.connect(archive.database_url) as connection:
            size = connection.execute("SELECT pg_database_size(current_database())")
            archive.megabytes = size.fetchone()[0] / 1e6
    facts = {
        "seconds": archive.generate_seconds,
        "megabytes": archive.megabytes,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    record = OUT / f"generated-{archive.engine}-{archive.size}.json"
    record.write_text(json.dumps(facts))
    return archive


def build_sqlite(size):
    path = OUT / f"archive-{size}.sqlite3"
    url = f"sqlite:///{path}"
    if archive := reused("SQLite", size, url, path):
        return archive
    for stale in path.parent.glob(f"{path.name}*"):
        stale.unlink()
    manage(url, "migrate", "--noinput", "-v", "0")
    output = manage(url, "generate_archive", f"--videos={size}", f"--seed={SEED}")
    return generated(Archive("SQLite", size, url, 0.0, path), output)


def build_postgres(size):
    name = f"goodreason_bench_{size}"
    url = f"{POSTGRES}/{name}"
    if archive := reused("PostgreSQL", size, url):
        return archive
    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    manage(url, "migrate", "--noinput", "-v", "0")
    output = manage(url, "generate_archive", f"--videos={size}", f"--seed={SEED}")
    # Autovacuum would analyse the fresh tables within a minute; do it now.
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return generated(Archive("PostgreSQL", size, url, 0.0), output)


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


def gunicorn(archive, cached, cache_backend, workers=2, label=None):
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
        BIN / "gunicorn", "archive.wsgi:application", "--workers", str(workers),
        "--worker-class", "sync", "--bind", f"{HOST}:{{port}}", "--timeout", "120",
    ]  # fmt: skip
    label = label or ("cached" if cached else "uncached")
    log = f"gunicorn-{archive.engine.lower()}-{archive.size}-{label}.log"
    return serving(command, env, FLOOR, log)


def worker_pids(base):
    """The process ids of the gunicorn workers serving `base`, from /proc."""
    port = base.rsplit(":", 1)[1]
    pids = []
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            if (
                b"gunicorn" not in b" ".join(command)
                or f"{HOST}:{port}".encode() not in command
            ):
                continue
            pids += (proc / "task" / proc.name / "children").read_text().split()
        except OSError:
            continue
    return pids


def resident_mb(base):
    """The resident memory (MB) of each gunicorn worker serving `base`."""
    sizes = []
    for pid in worker_pids(base):
        status = (Path("/proc") / pid / "status").read_text()
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        sizes.append(round(int(rss.split()[1]) / 1024))
    return sorted(sizes)


def cpu_seconds(base):
    """CPU seconds used so far by the workers serving `base` ("gunicorn") and by
    PostgreSQL ("postgres"), from /proc. PostgreSQL's includes the backends that have
    exited (their parent's children's time): connections are recycled every minute."""
    tick = os.sysconf("SC_CLK_TCK")
    used = {"gunicorn": 0.0, "postgres": 0.0}
    workers = set(worker_pids(base))
    for proc in Path("/proc").iterdir():
        try:
            kind = "gunicorn" if proc.name in workers else None
            if kind is None and (proc / "comm").read_text().strip() == "postgres":
                kind = "postgres"
            if kind:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                # utime, stime, and the time of children waited for (cutime, cstime)
                used[kind] += sum(int(field) for field in fields[11:15]) / tick
        except OSError:
            continue
    return used


def cpu_used(before, after):
    """CPU seconds each kind used between two `cpu_seconds` samples."""
    return {kind: after[kind] - before[kind] for kind in before}


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
        base + path,
        connections=1,
        seconds=LATENCY_SECONDS,
        warmup=min(WARMUP, 1),
        min_requests=3,
    )
    row = Row(
        page=page,
        engine=archive_label,
        size=size,
        cache=cache,
        rps=busy.rps,
        p50_ms=busy.p50_ms,
        p99_ms=busy.p99_ms,
        p999_ms=busy.p999_ms,
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
