"""Fixtures for bulk work: the fake's product URLs, and a server that measures how many
requests it is answering at once."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator, Mapping

import pytest

from octogen.testing import FakeOctogen, FakeResponse
from octogen.testing._server import FakeServer


class MeasuringResponder:
    """Answers from a `FakeOctogen`, holding each request `delay(body)` seconds first, and
    counts the requests being answered at once (the concurrency a client really used)."""

    def __init__(self, fake: FakeOctogen, delay: Callable[[bytes], float]) -> None:
        self.fake = fake
        self._delay = delay
        self._lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.answered = 0

    def handle(
        self, method: str, target: str, headers: Mapping[str, str], body: bytes
    ) -> FakeResponse:
        with self._lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            time.sleep(self._delay(body))
            return self.fake.handle(method, target, headers, body)
        finally:
            with self._lock:
                self.active -= 1
                self.answered += 1


@pytest.fixture
def fake() -> FakeOctogen:
    return FakeOctogen()


@pytest.fixture
def product_urls(fake: FakeOctogen) -> list[str]:
    """Every product page URL of the demo catalog (each one is found by a lookup)."""
    return [product.view["productUrl"] for product in fake.dataset.products]


def serve(responder: MeasuringResponder) -> Iterator[FakeServer]:
    server = FakeServer(responder)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def measured(fake: FakeOctogen) -> Iterator[tuple[MeasuringResponder, str]]:
    """A loopback server on the fake holding every request 100 ms; yields it and its URL."""
    responder = MeasuringResponder(fake, lambda body: 0.1)
    for server in serve(responder):
        yield responder, server.base_url


# --- a real redis-server, started by the tests themselves ---------------------------------

REDIS_SERVER = shutil.which("redis-server")
MUST_HAVE_REDIS = os.environ.get("OCTOGEN_REQUIRE_REDIS") == "1"


def free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """`redis-server` on a free loopback port, in memory only, for one test."""

    def __init__(self) -> None:
        assert REDIS_SERVER is not None
        self.port = free_loopback_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert REDIS_SERVER is not None
        self._process = subprocess.Popen(
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--loglevel",
                "warning",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.02)
        self.kill()
        raise RuntimeError(f"redis-server did not answer on port {self.port} within 10 s")

    def kill(self) -> None:
        """Stop it at once (SIGKILL), as a crash would."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=10)


@pytest.fixture
def redis_server() -> Iterator[RedisServer]:
    """A fresh redis-server; skipped (loudly) where Debian's `redis-server` is missing,
    failed instead when OCTOGEN_REQUIRE_REDIS=1 (as .ci/run sets)."""
    if REDIS_SERVER is None:
        message = "redis-server is not installed (apt-get install redis-server)"
        if MUST_HAVE_REDIS:
            pytest.fail(f"{message}, and OCTOGEN_REQUIRE_REDIS=1")
        pytest.skip(f"SKIPPED LOUDLY: {message}; the shared rate limiter is untested here")
    server = RedisServer()
    server.start()
    try:
        yield server
    finally:
        server.kill()
