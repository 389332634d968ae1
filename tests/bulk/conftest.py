"""Fixtures for bulk work: the fake's product URLs, and a server that measures how many
requests it is answering at once."""

from __future__ import annotations

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
