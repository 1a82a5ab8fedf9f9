"""Real services the fault tests start, break and bring back: a private redis-server, the
app under gunicorn, and a gate on a TCP address that can go dark and come back."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port, seconds=15):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listened on port {port} within {seconds} s")


def require_program(name):
    """The program's path; skipped when it is missing, except under CI, which fails."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not on PATH, and CI must run the fault tests")
        pytest.skip(f"{name} is not on PATH")
    return path


class PrivateRedis:
    """A redis-server of this test's own on a free port, which it may stop, freeze and
    start again on the same port."""

    def __init__(self):
        self.program = require_program("redis-server")
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        options = ["--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                   "--appendonly", "no"]  # fmt: skip
        version = subprocess.run(
            [self.program, "--version"], capture_output=True, text=True
        ).stdout
        if "v=6." not in version:  # Redis 7 refuses DEBUG unless allowed
            options += ["--enable-debug-command", "local"]
        self.process = subprocess.Popen(
            [self.program, *options], stdout=subprocess.DEVNULL
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)  # a frozen server can't exit
            self.process.terminate()
            self.process.wait(10)
            self.process = None

    def freeze(self):
        """The process stops answering, its socket still open: a hung server."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def sleep(self, seconds):
        """`DEBUG SLEEP`: the server itself busy, as under a long blocking command."""
        return subprocess.Popen(
            ["redis-cli", "-p", str(self.port), "DEBUG", "SLEEP", str(seconds)],
            stdout=subprocess.DEVNULL,
        )


class Gate:
    """A TCP address in front of a real server: open, it forwards every byte both ways;
    closed, it drops every connection through it and refuses new ones, as a server that
    went away does. Opening it again brings the server back at the same address."""

    def __init__(self, host, port):
        self.target = (host, port)
        self.port = free_port()
        self.listener = None
        self.sockets = set()
        self.lock = threading.Lock()

    def open(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(
            target=self._accept, args=(self.listener,), daemon=True
        ).start()

    def close(self):
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes the thread in accept()
        self.listener.close()
        with self.lock:
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()
            self.sockets.clear()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # closed
            server = socket.create_connection(self.target)
            with self.lock:
                self.sockets |= {client, server}
            for source, sink in ((client, server), (server, client)):
                threading.Thread(
                    target=self._pipe, args=(source, sink), daemon=True
                ).start()

    @staticmethod
    def _pipe(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


class App:
    """The archive under gunicorn (one worker, as in production but smaller), with the
    environment given; `get` answers (status, headers, body, seconds)."""

    def __init__(self, environment, log):
        self.port = free_port()
        self.environment = {**os.environ, **environment}
        self.environment.pop("REDIS_URL", None)
        self.log = log
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "archive.wsgi", "--workers", "1",
             "--bind", f"127.0.0.1:{self.port}", "--timeout", "30"],
            cwd=ROOT, env=self.environment,
            stdout=subprocess.DEVNULL, stderr=self.log.open("a"),
        )  # fmt: skip
        wait_for_port(self.port, seconds=30)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(20)
            self.process = None

    def get(self, path):
        import http.client

        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        started = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        body = response.read()
        seconds = time.perf_counter() - started
        connection.close()
        return response.status, dict(response.getheaders()), body, seconds
