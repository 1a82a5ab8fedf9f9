"""Mixed public load while an editor publishes: the check behind bench/load.sh.

64 threads request a rotating mix of timeline pages (with filters), video pages, technique
pages and JSON for a fixed window, on 127.0.0.1 only. Meanwhile an editor logs in to the
admin and publishes one draft at a time with the changelist's "publish" action. At the
end every published draft must be on the public timeline (tag `load-test`).

    python -m bench.editor_load http://127.0.0.1:8000 --seconds 60 --connections 64
"""

import argparse
import http.client
import re
import sys
import threading
import time
from collections import Counter, defaultdict
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit

from bench.load import ALLOWED_HOST, percentile

DRAFT_TAG = "load-test"
EDITOR = ("load-editor", "load-editor-password-1")
PUBLIC_PATHS = [
    ("timeline", "/"),
    ("filtered", "/?technique=deepfake&decade=2020"),
    ("filtered", "/?decade=1990&verdict=justified"),
    ("filtered", "/?technique=cgi&technique=rotoscoping&year_from=1980&year_to=1999"),
    ("search", "/?q=faces"),
    ("video", "/videos/cry/"),
    ("video", "/videos/the-heart-part-5/"),
    ("video", "/videos/money-for-nothing/"),
    ("technique", "/techniques/digital-morphing/"),
    ("json", "/timeline.json?decade=2010"),
    ("json", "/videos/the-hardest-part.json"),
    ("tag", f"/tags/{DRAFT_TAG}/"),
]


class Browser:
    """A keep-alive connection with a cookie jar: enough to drive the admin."""

    def __init__(self, host, port):
        self.connection = http.client.HTTPConnection(host, port, timeout=60)
        self.cookies = SimpleCookie()

    def request(self, method, path, form=None):
        headers = {
            "Cookie": "; ".join(f"{k}={v.value}" for k, v in self.cookies.items())
        }
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://{ALLOWED_HOST}{path}"
        self.connection.request(method, path, body=body, headers=headers)
        response = self.connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        if response.will_close:
            self.connection.close()
        return response.status, text

    def csrf(self):
        return self.cookies["csrftoken"].value


def public_load(host, port, paths, window_end, record):
    connection = http.client.HTTPConnection(host, port, timeout=60)
    index = 0
    while time.perf_counter() < window_end:
        kind, path = paths[index % len(paths)]
        index += 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
            if response.will_close:
                connection.close()
        except (OSError, http.client.HTTPException):
            status = "socket error"
            connection.close()
        record(kind, status, time.perf_counter() - started)


def publish_drafts(host, port, drafts, window_end, published, problems):
    """Log in, then publish one draft at a time, spread over the window."""
    editor = Browser(host, port)
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
        problems.append(f"editor login answered {status}")
        return
    interval = max(1.0, (window_end - time.perf_counter() - 5) / max(1, len(drafts)))
    for pk, slug in drafts:
        status, _ = editor.request(
            "POST",
            "/admin/videos/video/",
            {
                "action": "publish",
                "_selected_action": [pk],
                "csrfmiddlewaretoken": editor.csrf(),
            },
        )
        if status == 302:
            published.append(slug)
        else:
            problems.append(f"publishing {slug} answered {status}")
        time.sleep(interval)


def visible_on_timeline(host, port, slugs):
    browser = Browser(host, port)
    status, html = browser.request("GET", f"/?tag={DRAFT_TAG}")
    shown = set(re.findall(r'href="/videos/([^/"]+)/"', html))
    return status, [slug for slug in slugs if slug not in shown]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--drafts", required=True, help="pk:slug,pk:slug,…")
    args = parser.parse_args()
    parts = urlsplit(args.base)
    if parts.hostname != ALLOWED_HOST:
        sys.exit(f"Only http://{ALLOWED_HOST} is loaded, not {args.base!r}.")
    host, port = parts.hostname, parts.port
    drafts = [tuple(item.split(":", 1)) for item in args.drafts.split(",")]

    statuses, latencies, lock = Counter(), defaultdict(list), threading.Lock()

    def record(kind, status, seconds):
        with lock:
            statuses[status] += 1
            if status == 200:
                latencies[kind].append(seconds * 1000)

    window_end = time.perf_counter() + args.seconds
    published, problems = [], []
    threads = [
        threading.Thread(
            target=public_load,
            args=(
                host,
                port,
                PUBLIC_PATHS[i % len(PUBLIC_PATHS) :] + PUBLIC_PATHS,
                window_end,
                record,
            ),
        )
        for i in range(args.connections)
    ]
    threads.append(
        threading.Thread(
            target=publish_drafts,
            args=(host, port, drafts, window_end, published, problems),
        )
    )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    status, missing = visible_on_timeline(host, port, published)
    total = sum(statuses.values())
    server_errors = sum(
        n for s, n in statuses.items() if isinstance(s, int) and s >= 500
    )
    socket_errors = statuses["socket error"]
    lines = [
        f"{total:,} requests in {args.seconds:.0f} s over {args.connections} connections "
        f"({total / args.seconds:,.0f} req/s); statuses: "
        + ", ".join(f"{s}: {n:,}" for s, n in sorted(statuses.items(), key=str)),
        f"5xx: {server_errors}; socket errors: {socket_errors}",
        f"published by the editor during the load: {len(published)} of {len(drafts)}; "
        f"on the timeline at the end: {len(published) - len(missing)}",
        "",
        "| pages | requests | p50 ms | p99 ms |",
        "|---|---:|---:|---:|",
    ]
    for kind in sorted(latencies):
        values = sorted(latencies[kind])
        lines.append(
            f"| {kind} | {len(values):,} | {percentile(values, 0.5):.0f} | "
            f"{percentile(values, 0.99):.0f} |"
        )
    print("\n".join(lines))
    failed = server_errors or socket_errors or missing or problems or status != 200
    for problem in problems + [f"not on the timeline: {slug}" for slug in missing]:
        print("FAIL:", problem)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
