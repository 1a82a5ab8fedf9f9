"""The *editing* scenario (issue 14): is the site still fast while an editor works?

gunicorn with 4 workers on the PostgreSQL archive, the product's page cache on, 16
connections of mixed public traffic: half a long tail of filtered timelines that each miss
the page cache, half video pages, JSON and searches that repeat. First a window without
edits, then one while an editor saves in the admin every 5 s (publishing a draft, or
taking one back to draft), each save checked for when the timeline first shows it.
Both windows become rows of the one table; the ratios and the delays go in its notes.
"""

import http.client
import itertools
import json
import os
import random
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode, urlsplit

import psycopg

from bench.editor_load import DRAFT_TAG, EDITOR, Browser
from bench.load import percentile
from bench.serving import ROOT, Row, cpu_seconds, cpu_used, gunicorn, manage

SAVE_EVERY = 5.0
CONNECTIONS = 16
VISIBLE_WITHIN = 10.0  # seconds a check waits for a save to show before calling it lost


def windows(quick):
    """(seconds without edits, seconds with them)."""
    return (8.0, 16.0) if quick else (30.0, 60.0)


def prepare(archive):
    """The editor's account and drafts (bench/prepare_load.py); [(pk, slug)]."""
    env = {**os.environ, "DATABASE_URL": archive.database_url}
    env["DJANGO_SETTINGS_MODULE"] = "archive.settings"
    output = subprocess.run(
        [sys.executable, "-m", "bench.prepare_load"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [tuple(item.split(":", 1)) for item in output.strip().split(",")]


def vocabulary(archive):
    """Technique slugs and some synthetic video slugs, for the traffic's addresses."""
    with psycopg.connect(archive.database_url) as connection:
        techniques = [
            row[0] for row in connection.execute("SELECT slug FROM videos_technique")
        ]
        videos = [
            row[0]
            for row in connection.execute(
                "SELECT slug FROM videos_video WHERE status = 'published' "
                "AND slug LIKE 'synthetic-%%' ORDER BY id LIMIT 20"
            )
        ]
    return techniques, videos


def long_tail(rng, techniques):
    """A filtered timeline nobody asked for yet: it misses the page cache."""
    params = [("technique", rng.choice(techniques))]
    if rng.random() < 0.3:
        params.append(("technique", rng.choice(techniques)))
    params.append(("year_from", rng.randint(1975, 2000)))
    params.append(("year_to", rng.randint(2001, 2025)))
    if rng.random() < 0.5:
        params.append(("verdict", rng.choice(["justified", "gimmick", "contested"])))
    return "/?" + urlencode(params)


def repeated(videos):
    return [f"/videos/{slug}/" for slug in videos] + [
        "/timeline.json?decade=2010",
        "/timeline.json?technique=cgi",
        "/?q=synthetic+love",
        "/?q=neon+city",
        "/?q=mirror",
    ]


def visitor(base, seed, techniques, favourites, stop_at, samples, lock):
    parts = urlsplit(base)
    rng = random.Random(seed)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60)
    number = 0
    while time.perf_counter() < stop_at:
        number += 1
        if number % 2:
            kind, path = "long tail", long_tail(rng, techniques)
        else:
            kind, path = "repeated", rng.choice(favourites)
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            ok = response.status == 200
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException):
            ok = False
            connection.close()
        with lock:
            samples.append((started, time.perf_counter(), ok, kind))


def log_in(base):
    parts = urlsplit(base)
    editor = Browser(parts.hostname, parts.port)
    editor.request("GET", "/admin/login/")
    status, _ = editor.request(
        "POST",
        "/admin/login/?next=/admin/",
        {
            "username": EDITOR[0],
            "password": EDITOR[1],
            "csrfmiddlewaretoken": editor.csrf(),
        },
    )
    if status != 302:
        raise RuntimeError(f"the editor's login answered {status}")
    return editor


def on_timeline(browser):
    status, text = browser.request("GET", f"/timeline.json?tag={DRAFT_TAG}")
    return (
        {row["slug"] for row in json.loads(text)["results"]} if status == 200 else None
    )


def editor_saves(base, drafts, start_at, stop_at, delays, problems):
    """Every SAVE_EVERY seconds a save; then the timeline is read until it shows it.
    `delays`: (seconds from the save's response to a read that shows it, reads)."""
    parts = urlsplit(base)
    editor, reader = log_in(base), Browser(parts.hostname, parts.port)
    published = []
    time.sleep(max(0.0, start_at - time.perf_counter()))
    for number in range(int((stop_at - start_at) / SAVE_EVERY)):
        due = start_at + number * SAVE_EVERY
        time.sleep(max(0.0, due - time.perf_counter()))
        if number % 3 == 2 and published:
            action, (pk, slug) = "unpublish", published.pop(0)
        elif drafts:
            action, (pk, slug) = "publish", drafts.pop(0)
            published.append((pk, slug))
        else:
            break
        form = {"action": action, "_selected_action": [pk]}
        status, _ = editor.request(
            "POST",
            "/admin/videos/video/",
            {**form, "csrfmiddlewaretoken": editor.csrf()},
        )
        saved = time.perf_counter()
        if status != 302:
            problems.append(f"{action} {slug} answered {status}")
            continue
        for reads in range(1, 1000):
            shown = on_timeline(reader)
            if shown is not None and (slug in shown) == (action == "publish"):
                delays.append((time.perf_counter() - saved, reads))
                break
            if time.perf_counter() - saved > VISIBLE_WITHIN:
                problems.append(f"{action} {slug} not visible after {VISIBLE_WITHIN} s")
                break


def summarise(label, samples, begin, end, archive):
    measured = [s for s in samples if begin <= s[0] < end]
    done = sum(1 for _, finished, ok, _ in measured if ok and finished <= end)
    latencies = sorted((s[1] - s[0]) * 1000 for s in measured if s[2])
    return Row(
        page=label,
        engine=archive.engine,
        size=archive.size,
        cache="mixed",
        rps=done / (end - begin),
        p50_ms=percentile(latencies, 0.5),
        p99_ms=percentile(latencies, 0.99),
        p999_ms=percentile(latencies, 0.999),
        errors=sum(1 for s in measured if not s[2]),
        requests=len(measured),
        single_p50_ms=float("nan"),
        loader_cpu=float("nan"),
    )


def run(archive, cache_backend, quick, resident):
    """([Row without edits, Row with them], notes). `resident(base)` reads the
    workers' memory."""
    manage(archive.database_url, "migrate", "--noinput", "-v", "0")
    drafts = prepare(archive)
    techniques, videos = vocabulary(archive)
    quiet, editing = windows(quick)
    warmup = 2.0 if quick else 5.0
    samples, lock, delays, problems = [], threading.Lock(), [], []
    with gunicorn(archive, True, cache_backend, workers=4, label="editing") as base:
        begin = time.perf_counter() + warmup
        edits_at, stop_at = begin + quiet, begin + quiet + editing
        threads = [
            threading.Thread(
                target=visitor,
                args=(base, n, techniques, repeated(videos), stop_at, samples, lock),
            )
            for n in range(CONNECTIONS)
        ]
        threads.append(
            threading.Thread(
                target=editor_saves,
                args=(base, drafts, edits_at, stop_at, delays, problems),
            )
        )
        cpu = []  # samples at the windows' edges
        threads.append(
            threading.Thread(
                target=sample_cpu, args=(base, [begin, edits_at, stop_at], cpu)
            )
        )
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        memory = resident(base)
    rows = [
        summarise(
            "editing: mixed traffic, no saves", samples, begin, edits_at, archive
        ),
        summarise(
            f"editing: same traffic, a save every {SAVE_EVERY:g} s",
            samples,
            edits_at,
            stop_at,
            archive,
        ),
    ]
    for row in rows:
        print(
            f"  {row.page:<44} {row.rps:8.1f} req/s p50 {row.p50_ms:7.1f} p99 "
            f"{row.p99_ms:7.1f} p99.9 {row.p999_ms:7.1f} errors {row.errors}",
            flush=True,
        )
    notes = notes_for(rows, delays, problems, memory, quiet, editing)
    notes.append(by_kind(samples, begin, edits_at, stop_at))
    notes.append(cpu_note(cpu, rows, len(delays)))
    print("\n".join(f"  {note}" for note in notes), flush=True)
    return rows, notes


def sample_cpu(base, moments, cpu):
    for moment in moments:
        time.sleep(max(0.0, moment - time.perf_counter()))
        cpu.append(cpu_seconds(base))


def cpu_note(cpu, rows, saves):
    """CPU per request in each window, the servers' and the database's: what the saves
    cost beyond the traffic."""
    parts = []
    for (before, after), row in zip(itertools.pairwise(cpu), rows, strict=True):
        used = cpu_used(before, after)
        requests = max(1, row.requests)
        parts.append(
            f"workers {used['gunicorn'] * 1000 / requests:.1f} ms and PostgreSQL "
            f"{used['postgres'] * 1000 / requests:.1f} ms of CPU a request "
            f"({used['gunicorn']:.1f} + {used['postgres']:.1f} CPU-s)"
        )
    return f"Editing, CPU: without saves {parts[0]}; with {saves} saves {parts[1]}."


def by_kind(samples, begin, edits_at, stop_at):
    """Where the throughput went: each kind of traffic's rate and median, both windows."""
    parts = []
    for kind in ("long tail", "repeated"):
        figures = []
        for start, end in ((begin, edits_at), (edits_at, stop_at)):
            done = [s for s in samples if s[3] == kind and start <= s[0] < end and s[2]]
            latencies = sorted((s[1] - s[0]) * 1000 for s in done)
            figures.append(
                f"{len(done) / (end - start):.1f} req/s, p50 "
                f"{percentile(latencies, 0.5):.0f} ms"
            )
        parts.append(f"{kind}: {figures[0]} without saves, {figures[1]} with them")
    return "Editing, by kind of traffic: " + "; ".join(parts) + "."


def notes_for(rows, delays, problems, memory, quiet, editing):
    still, busy = rows
    seen = sorted(delay for delay, _reads in delays)
    first_read = sum(1 for _delay, reads in delays if reads == 1)
    return [
        f"Editing ({quiet:g} s, then {editing:g} s with saves): with saves ÷ without: "
        f"throughput {busy.rps / still.rps:.2f}× (target ≥ 0.8×), p99 "
        f"{busy.p99_ms / still.p99_ms:.2f}× (target ≤ 1.5×), p99.9 "
        f"{busy.p999_ms / still.p999_ms:.2f}×; errors {still.errors} and "
        f"{busy.errors}.",
        f"Editing: {len(delays)} saves; each shown by the timeline "
        f"{', '.join(f'{delay * 1000:.0f}' for delay in seen)} ms after the save's "
        f"response (max {max(seen, default=float('nan')) * 1000:.0f} ms; target ≤ "
        f"1,000 ms); {first_read} of {len(delays)} on the first read after it.",
        f"Editing: resident memory of the 4 workers at the end: {memory} MB.",
        *(f"Editing problem: {problem}" for problem in problems),
    ]
