"""`pace=True`: hold requests while the organization's rate-limit bucket is known to be
empty, instead of sending them to be refused with 429. Shared by every thread of a client.

The pacer counts requests down from the last `X-RateLimit-Remaining` it saw; at zero it
asks callers to wait until `X-RateLimit-Reset`, when the bucket is full again.
"""

from __future__ import annotations

import threading

from .._headers import RateLimit


class Pacer:
    """Tells each request how long to wait before it may be sent."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._remaining: int | None = None
        self._reset_at = 0.0

    def observe(self, rate_limit: RateLimit) -> None:
        """Take the bucket as a response described it."""
        with self._lock:
            self._remaining = rate_limit.remaining
            self._reset_at = rate_limit.reset_at.timestamp()

    def reserve(self, now: float) -> float:
        """Seconds to wait before sending one request (0 when it may go now); `now` is
        the Unix time. Counts the request against the bucket."""
        with self._lock:
            if self._remaining is None:
                return 0.0
            if self._remaining > 0:
                self._remaining -= 1
                return 0.0
            wait = self._reset_at - now
            if wait <= 0:
                self._remaining = None  # full again; the next response says how full
                return 0.0
            return wait
