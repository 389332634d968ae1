"""The retry policy: which failures are retried, how long to wait, when to give up, and
the retry budget. Pure decisions: the transports hand them to tenacity and do the sleeping.

What is retried (CONTRACT.md "Errors"): connection errors and timeouts, and 408, 429,
500, 502, 503 and 504, on all three endpoints (they are reads, so POST is retried too).
A pool timeout is not: the pool is exhausted locally and waiting longer will not help.
"""

from __future__ import annotations

import random
import threading
from datetime import UTC, datetime

import httpx

from .._config import ClientConfig
from .._errors import (
    OctogenAPIError,
    OctogenConnectionError,
    OctogenRateLimitError,
    OctogenTimeoutError,
)
from .._headers import parse_retry_after

RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})

# The most a client adds on top of a server-requested wait, so that clients released by
# the same rate-limit reset do not all return in the same instant.
MAX_LOCKSTEP_JITTER = 1.0


def is_retryable(error: BaseException) -> bool:
    """True for failures worth another attempt."""
    if isinstance(error, OctogenAPIError):
        return error.status_code in RETRYABLE_STATUSES
    return is_connection_failure(error)


def is_connection_failure(error: BaseException) -> bool:
    """True when the base URL itself failed (so another URL may do better)."""
    return isinstance(error, OctogenConnectionError) and not isinstance(
        error.__cause__, httpx.PoolTimeout
    )


def server_requested_wait(error: BaseException, now: datetime | None = None) -> float | None:
    """Seconds the API asked to wait: `Retry-After` (on a 429, or a 503 that sends one),
    or on a 429 without it but with `X-RateLimit-Remaining: 0`, the time until
    `X-RateLimit-Reset`."""
    if isinstance(error, OctogenRateLimitError):
        if error.retry_after is not None:
            return error.retry_after
        if error.rate_limit is not None and error.rate_limit.remaining == 0:
            return error.rate_limit.seconds_until_reset(now or datetime.now(UTC))
        return None
    if isinstance(error, OctogenAPIError) and error.response is not None:
        return parse_retry_after(error.response.headers.get("retry-after"), now)
    return None


def backoff_delay(retry_number: int, config: ClientConfig, rng: random.Random) -> float:
    """`min(max_retry_delay, retry_interval * backoff_factor**n)`, jittered into its upper
    half ("equal jitter"): never above the cap, never below half of it."""
    exponent = min(retry_number, 64)  # keeps the power finite; the cap applies anyway
    ceiling = min(config.max_retry_delay, config.retry_interval * config.backoff_factor**exponent)
    return ceiling * rng.uniform(0.5, 1.0)


def retry_delay(
    error: BaseException,
    retry_number: int,
    config: ClientConfig,
    rng: random.Random,
    now: datetime | None = None,
) -> tuple[float, float | None]:
    """(seconds to wait before retry `retry_number` (0-based), the server's wait or None).

    A server-requested wait is a floor for the backoff, plus a small positive jitter.
    """
    delay = backoff_delay(retry_number, config, rng)
    requested = server_requested_wait(error, now)
    if requested is not None:
        jitter = rng.uniform(0.0, min(MAX_LOCKSTEP_JITTER, 0.1 + 0.1 * requested))
        delay = max(delay, requested + jitter)
    return delay, requested


class RetryBudget:
    """A client's budget of retries, after botocore's "standard" retry mode.

    A token bucket of 500: a retry spends 5 tokens (10 after a timeout), a success earns 1
    back. When an outage empties it, calls fail on their first error instead of
    multiplying the load; it refills as calls succeed again. Thread-safe.
    """

    CAPACITY = 500
    RETRY_COST = 5
    TIMEOUT_RETRY_COST = 10
    SUCCESS_REFUND = 1

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tokens = self.CAPACITY

    @property
    def tokens(self) -> int:
        """Tokens left."""
        return self._tokens

    def try_spend(self, error: BaseException) -> bool:
        """Spend the cost of retrying after `error`; False (nothing spent) when short."""
        timed_out = isinstance(error, OctogenTimeoutError)
        cost = self.TIMEOUT_RETRY_COST if timed_out else self.RETRY_COST
        with self._lock:
            if self._tokens < cost:
                return False
            self._tokens -= cost
            return True

    def refund(self) -> None:
        """Earn tokens back for a successful call."""
        with self._lock:
            self._tokens = min(self.CAPACITY, self._tokens + self.SUCCESS_REFUND)


def record_retry_after(error: BaseException, seconds: float) -> None:
    """Give a rate-limit error the wait the client computed when the API sent no
    `Retry-After` (the time until `X-RateLimit-Reset`), so the caller sees it."""
    if isinstance(error, OctogenRateLimitError) and error.retry_after is None:
        error.retry_after = seconds


def should_stop(
    error: BaseException,
    *,
    attempts: int,
    elapsed: float,
    upcoming_delay: float,
    config: ClientConfig,
    budget: RetryBudget,
) -> bool:
    """True when a retryable failure must not be retried: the retries are used up, the
    server asks for more than `max_retry_after`, the wait would outlast `call_timeout`,
    or the retry budget is spent. Spends the budget only when everything else allows the
    retry, and records on a rate-limit error the wait it would have taken."""
    requested = server_requested_wait(error)
    if requested is not None:
        record_retry_after(error, requested)
    if attempts > config.max_retries:
        return True
    if requested is not None and requested > config.max_retry_after:
        return True
    if config.call_timeout is not None and elapsed + upcoming_delay > config.call_timeout:
        return True
    return config.retry_budget and not budget.try_spend(error)
