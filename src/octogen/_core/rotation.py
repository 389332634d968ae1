"""Base-URL rotation and failover, its per-URL counters, and the `transport_stats()` summary.

Round-robin over healthy URLs. A connection failure marks a URL failed for
`failure_cooldown` seconds and the same attempt moves on to the next healthy URL; when
every URL is marked failed, the one whose cooldown ends first is tried rather than giving
up; a success clears the mark. Thread-safe; the clock is injectable for tests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .._config import ClientConfig
from .._types import JSONValue


class _URLState:
    """One base URL's health and counters."""

    __slots__ = ("failed_until", "failures", "requests", "url")

    def __init__(self, url: str) -> None:
        self.url = url
        self.failed_until = 0.0
        self.requests = 0
        self.failures = 0


class Rotator:
    """Chooses the base URLs each attempt tries, in order."""

    def __init__(
        self,
        urls: tuple[str, ...],
        failure_cooldown: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._states = [_URLState(url) for url in urls]
        self._cooldown = failure_cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._next = 0
        self.failovers = 0

    def plan(self) -> list[str]:
        """The URLs one attempt may try, in order: the healthy ones round-robin, or, when
        none is healthy, the one back soonest."""
        if len(self._states) == 1:  # the usual client: always its one URL
            return [self._states[0].url]
        with self._lock:
            now = self._clock()
            count = len(self._states)
            start = self._next
            self._next = (self._next + 1) % count
            ordered = [self._states[(start + offset) % count] for offset in range(count)]
            healthy = [state.url for state in ordered if state.failed_until <= now]
            if healthy:
                return healthy
            return [min(self._states, key=lambda state: state.failed_until).url]

    def record_request(self, url: str) -> None:
        """Count a request sent to `url`."""
        with self._lock:
            self._state(url).requests += 1

    def record_success(self, url: str) -> None:
        """`url` answered: clear its failure mark."""
        with self._lock:
            self._state(url).failed_until = 0.0

    def record_failure(self, url: str, *, failing_over: bool) -> None:
        """`url` could not be reached: avoid it for the cooldown."""
        with self._lock:
            state = self._state(url)
            state.failures += 1
            state.failed_until = self._clock() + self._cooldown
            if failing_over:
                self.failovers += 1

    def stats(self) -> dict[str, dict[str, object]]:
        """Per URL: healthy, cooldown seconds left, requests, failures."""
        with self._lock:
            now = self._clock()
            return {
                state.url: {
                    "healthy": state.failed_until <= now,
                    "cooldown_left": max(0.0, state.failed_until - now),
                    "requests": state.requests,
                    "failures": state.failures,
                }
                for state in self._states
            }

    def _state(self, url: str) -> _URLState:
        for state in self._states:
            if state.url == url:
                return state
        raise KeyError(url)  # pragma: no cover - only URLs from plan() are recorded


def describe_transport(
    config: ClientConfig, rotator: Rotator, *, requests: int, retries: int, budget_tokens: int
) -> dict[str, JSONValue]:
    """The `transport_stats()` mapping: mode, pool limits, per-URL health, totals."""
    # An in-process transport (octogen.testing's FakeTransport) names its own mode.
    mode = getattr(config.transport, "octogen_transport_mode", None)
    if not isinstance(mode, str):
        mode = "persistent" if config.keep_alive else "standard"
    return {
        "mode": mode,
        "limits": {
            "max_connections": config.max_connections,
            "pool_size": config.pool_size,
            "keep_alive": config.keep_alive,
            "idle_timeout": config.idle_timeout,
        },
        "base_urls": rotator.stats(),
        "requests": requests,
        "retries": retries,
        "failovers": rotator.failovers,
        "retry_budget": budget_tokens if config.retry_budget else None,
    }
