"""A bounded load generator for 127.0.0.1 only.

N threads, each with its own keep-alive `http.client` connection (it reconnects when the
server closes, as gunicorn's sync workers do after every response), request one URL in a
loop for a warm-up and then a fixed measured window, recording each request's latency.

    python -m bench.load http://127.0.0.1:8000/ --connections 16 --seconds 10
"""

import argparse
import http.client
import json
import threading
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

ALLOWED_HOST = "127.0.0.1"
REQUEST_TIMEOUT = 300  # seconds, queueing included; a slower response is an error
OVERTIME = 60  # seconds a run may go past its window to collect `min_requests`


@dataclass
class Result:
    url: str
    connections: int
    seconds: float
    requests: int
    errors: int
    rps: float
    p50_ms: float
    p99_ms: float
    p999_ms: float
    loader_cpu: float  # the load generator's own CPU use, in cores (it shares the box)


def percentile(sorted_values, fraction):
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def _worker(host, port, path, window, min_requests, samples, lock):
    """Request `path` until the window closes and, within OVERTIME, `min_requests`
    requests have started inside it (a page taking seconds still gets a p50)."""
    window_start, window_end = window
    connection = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT)
    while True:
        started = time.perf_counter()
        if started >= window_end:
            with lock:
                in_window = sum(1 for s in samples if s[0] >= window_start)
            if in_window >= min_requests or started >= window_end + OVERTIME:
                break
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
            samples.append((started, time.perf_counter(), ok))
    connection.close()


def run(url, connections=16, seconds=10.0, warmup=2.0, min_requests=1):
    """Load `url` for `warmup` + `seconds`.

    Throughput counts the responses that arrived in the window; latencies and errors are
    those of the requests started in it.
    """
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname != ALLOWED_HOST:
        raise ValueError(f"Only http://{ALLOWED_HOST} is loaded, not {url!r}.")
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    samples, lock = [], threading.Lock()
    cpu_before, begin = time.process_time(), time.perf_counter()
    window_start = begin + warmup
    window_end = window_start + seconds
    threads = [
        threading.Thread(
            target=_worker,
            args=(
                parts.hostname,
                parts.port,
                path,
                (window_start, window_end),
                min_requests,
                samples,
                lock,
            ),
        )
        for _ in range(connections)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    cpu = (time.process_time() - cpu_before) / (time.perf_counter() - begin)
    measured = [s for s in samples if s[0] >= window_start]
    done_in_window = sum(
        1 for _, end, ok in samples if ok and window_start <= end <= window_end
    )
    latencies = sorted((end - start) * 1000 for start, end, ok in measured if ok)
    return Result(
        url=url,
        connections=connections,
        seconds=seconds,
        requests=len(measured),
        errors=sum(1 for *_, ok in measured if not ok),
        rps=done_in_window / seconds,
        p50_ms=percentile(latencies, 0.50),
        p99_ms=percentile(latencies, 0.99),
        p999_ms=percentile(latencies, 0.999),
        loader_cpu=cpu,
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=2.0)
    args = parser.parse_args()
    result = run(args.url, args.connections, args.seconds, args.warmup)
    print(json.dumps(asdict(result), indent=1))


if __name__ == "__main__":
    main()
