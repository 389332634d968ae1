"""The per-organization token bucket behind `X-RateLimit-*` headers and 429s."""

from __future__ import annotations

import math
from collections.abc import Callable


class BucketReading:
    """What one request finds in the bucket.

    A plain class, not attrs: the fake's internal classes are built at every `octogen
    --mock` start, and a plain one costs next to nothing to define.
    """

    __slots__ = ("allowed", "limit", "remaining", "reset", "retry_after")

    def __init__(
        self, *, allowed: bool, limit: int, remaining: int, reset: int, retry_after: int
    ) -> None:
        self.allowed = allowed
        self.limit = limit
        self.remaining = remaining
        self.reset = reset  # Unix epoch seconds when the bucket is full again
        self.retry_after = retry_after  # whole seconds until a token is back (0 when allowed)

    def headers(self) -> list[tuple[str, str]]:
        """The `X-RateLimit-*` headers (and `Retry-After` when refused)."""
        headers = [
            ("X-RateLimit-Limit", str(self.limit)),
            ("X-RateLimit-Remaining", str(self.remaining)),
            ("X-RateLimit-Reset", str(self.reset)),
        ]
        if not self.allowed:
            headers.append(("Retry-After", str(self.retry_after)))
        return headers


class TokenBucket:
    """A bucket holding `limit` tokens, refilled evenly over `window` seconds (one minute on
    the real API). When `enforce` is False it still counts and reports, but never refuses.
    """

    def __init__(
        self, *, limit: int, window: float, enforce: bool, clock: Callable[[], float]
    ) -> None:
        self._limit = limit
        self._rate = limit / window  # tokens per second
        self._enforce = enforce
        self._clock = clock
        self._tokens = float(limit)
        self._updated = clock()

    def take(self) -> BucketReading:
        """Spend one token if there is one; report the bucket either way."""
        now = self._clock()
        self._tokens = min(self._limit, self._tokens + (now - self._updated) * self._rate)
        self._updated = now
        allowed = self._tokens >= 1 or not self._enforce
        if self._tokens >= 1:
            self._tokens -= 1
        retry_after = 0 if allowed else max(1, math.ceil((1 - self._tokens) / self._rate))
        return BucketReading(
            allowed=allowed,
            limit=self._limit,
            remaining=math.floor(self._tokens),
            reset=math.ceil(now + (self._limit - self._tokens) / self._rate),
            retry_after=retry_after,
        )
