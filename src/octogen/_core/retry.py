"""The retry policy: which failures are retried, how long to wait, when to give up, and
the retry budget; and `RetryPolicy`, which hands these decisions to tenacity. Pure
decisions: the transports do the sending and the sleeping.

What is retried depends on the operation's retry class and on the moment of the failure
(CONTRACT-LIVE.md §1.7): reads and idempotent changes are retried on connection errors,
timeouts, 408, 429 and every 5xx (CONTRACT.md "Errors"; POST reads too). A create is
retried only when it certainly did not take effect: 429, 503, or a failure to connect;
never after a reset or a read timeout once the request may have reached the server.
Scheduled work (refresh) is retried on 503 and connection failures only. A pool timeout
is never retried: the pool is exhausted locally and waiting longer will not help.
"""

from __future__ import annotations

import inspect
import logging
import random
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from .._config import ClientConfig
from .._errors import (
    OctogenAPIError,
    OctogenConnectionError,
    OctogenRateLimitError,
    OctogenTimeoutError,
)
from .._headers import parse_retry_after
from .calls import ApiCall
from .exchange import CallState
from .operations import RetryClass

if TYPE_CHECKING:  # tenacity is imported when a call first retries (see _transport)
    import tenacity

# Statuses worth another attempt of a read (every 5xx is, too: `is_retryable_status`).
RETRYABLE_STATUSES = frozenset({408, 429})

# The most a client adds on top of a server-requested wait, so that clients released by
# the same rate-limit reset do not all return in the same instant.
MAX_LOCKSTEP_JITTER = 1.0


def is_retryable_status(status: int) -> bool:
    """408, 429 and every 5xx: statuses worth another attempt of a read."""
    return status in RETRYABLE_STATUSES or 500 <= status <= 599


def is_retryable(error: BaseException) -> bool:
    """True for failures worth another attempt of a read."""
    if isinstance(error, OctogenAPIError):
        return is_retryable_status(error.status_code)
    return is_connection_failure(error)


def is_connection_failure(error: BaseException) -> bool:
    """True when the base URL itself failed (so another URL may do better)."""
    return isinstance(error, OctogenConnectionError) and not error.pool_exhausted


def may_resend(call: ApiCall[Any], error: BaseException) -> bool:
    """Whether `call` may be sent again after `error`, to the same base URL or another.

    Decided by the operation's retry class and by whether the failed request may have
    reached the server (see the module docstring).
    """
    operation = call.operation
    retry_class = operation.retry
    if isinstance(error, OctogenAPIError):
        code = error.code
        if code in operation.final_codes:
            return False
        if code in operation.retried_codes:
            return True
        if retry_class is RetryClass.CREATE:
            return error.status_code in (429, 503)
        if retry_class is RetryClass.SCHEDULE:
            return error.status_code == 503
        return is_retryable_status(error.status_code)
    if not is_connection_failure(error):
        return False
    if retry_class is RetryClass.CREATE:
        assert isinstance(error, OctogenConnectionError)
        return not error.request_sent
    return True


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
    retry."""
    requested = server_requested_wait(error)
    if attempts > config.max_retries:
        return True
    if requested is not None and requested > config.max_retry_after:
        return True
    if config.call_timeout is not None and elapsed + upcoming_delay > config.call_timeout:
        return True
    return config.retry_budget and not budget.try_spend(error)


class RetryPolicy:
    """One client's retry settings as tenacity strategies, for the transports.

    Holds the config, the retry budget and the random source for jitter; gives each
    failing call the tenacity settings that retry it (`settings_for`).
    """

    def __init__(
        self,
        config: ClientConfig,
        budget: RetryBudget,
        logger: logging.Logger,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.budget = budget
        self.logger = logger
        self._random = rng or random.Random()

    def settings_for(self, state: CallState[Any]) -> dict[str, Any]:
        """tenacity's `retry`, `wait` and `stop` for the call `state` (add `sleep` and
        `before_sleep`); the loop re-raises the last error."""
        call = state.call

        def retry(retry_state: tenacity.RetryCallState) -> bool:
            outcome = retry_state.outcome
            return (
                outcome is not None and outcome.failed and may_resend(call, failure_of(retry_state))
            )

        def wait(retry_state: tenacity.RetryCallState) -> float:
            error = failure_of(retry_state)
            delay, _ = retry_delay(error, retry_state.attempt_number - 1, self.config, self._random)
            return delay

        def stop(retry_state: tenacity.RetryCallState) -> bool:
            return should_stop(
                failure_of(retry_state),
                attempts=retry_state.attempt_number,
                elapsed=state.elapsed,
                upcoming_delay=retry_state.upcoming_sleep,
                config=self.config,
                budget=self.budget,
            )

        return {"retry": retry, "wait": wait, "stop": stop, "reraise": True}

    def log_retry(self, state: CallState[Any], error: BaseException, delay: float) -> None:
        """Log a retry at INFO, naming the URL really used."""
        self.logger.info(
            "%s %s%s attempt %d failed (%s); retrying in %.2f s",
            state.call.method,
            state.base_url,
            state.call.path,
            state.attempts,
            error,
            delay,
        )


def failure_of(retry_state: tenacity.RetryCallState) -> BaseException:
    """The error of the attempt tenacity just ran."""
    assert retry_state.outcome is not None and retry_state.outcome.failed
    error = retry_state.outcome.exception()
    assert error is not None
    return error


def replaying(
    first_error: BaseException, attempt: Callable[[CallState[Any]], Any]
) -> Callable[[CallState[Any]], Any]:
    """`attempt`, except that its first run raises `first_error` again instead.

    The transports make a call's first attempt outside tenacity's loop (the loop costs
    tens of microseconds per call, and most calls succeed at once); when that attempt
    fails with something worth retrying, the loop starts from its error. A coroutine
    function stays one, so that tenacity's `AsyncRetrying` awaits it.
    """
    pending = [first_error]

    if inspect.iscoroutinefunction(attempt):

        async def run_async(state: CallState[Any]) -> Any:
            if pending:
                raise pending.pop()
            return await attempt(state)

        return run_async

    def run(state: CallState[Any]) -> Any:
        if pending:
            raise pending.pop()
        return attempt(state)

    return run
