"""The pure retry policy: delays, server waits, the budget, and URL rotation."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from octogen import (
    ClientConfig,
    OctogenConnectionError,
    OctogenRateLimitError,
    OctogenTimeoutError,
    RateLimit,
)
from octogen._core.retry import RetryBudget, is_retryable, retry_delay, server_requested_wait
from octogen._core.rotation import Rotator
from octogen._errors import OctogenNotFoundError, OctogenServerError

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)

configs = st.builds(
    ClientConfig,
    retry_interval=st.floats(0, 5),
    backoff_factor=st.floats(1, 4),
    max_retry_delay=st.floats(0, 30),
)


def limited(retry_after: float | None = None, remaining: int = 5) -> OctogenRateLimitError:
    rate_limit = RateLimit(limit=60, remaining=remaining, reset_at=NOW + timedelta(seconds=12))
    return OctogenRateLimitError(
        status_code=429, detail="x", retry_after=retry_after, rate_limit=rate_limit
    )


@given(configs, st.integers(0, 200), st.integers(0, 2**32))
def test_backoff_is_never_negative_and_never_above_the_cap(
    config: ClientConfig, n: int, seed: int
) -> None:
    delay, requested = retry_delay(
        OctogenServerError(status_code=503, detail="x"), n, config, random.Random(seed)
    )
    assert requested is None
    assert 0 <= delay <= config.max_retry_delay


@given(configs, st.integers(0, 10), st.floats(0, 120), st.integers(0, 2**32))
def test_retry_after_is_a_floor_plus_a_small_positive_jitter(
    config: ClientConfig, n: int, seconds: float, seed: int
) -> None:
    delay, requested = retry_delay(
        limited(retry_after=seconds), n, config, random.Random(seed), NOW
    )
    assert requested == seconds
    assert delay >= seconds
    assert delay <= max(config.max_retry_delay, seconds + 1.0)


def test_an_empty_bucket_without_retry_after_waits_for_the_reset() -> None:
    assert server_requested_wait(limited(remaining=0), NOW) == 12
    assert server_requested_wait(limited(remaining=3), NOW) is None


def test_what_is_retried() -> None:
    assert is_retryable(OctogenServerError(status_code=503, detail="x"))
    assert not is_retryable(OctogenNotFoundError(status_code=404, detail="x"))
    assert is_retryable(OctogenConnectionError("refused"))
    pool = OctogenTimeoutError("pool", request_sent=False, pool_exhausted=True)
    assert not is_retryable(pool)
    assert not is_retryable(ValueError("not ours"))


def test_the_budget_spends_more_on_timeouts_and_refills_on_success() -> None:
    budget = RetryBudget()
    assert budget.try_spend(OctogenConnectionError("x"))
    assert budget.tokens == RetryBudget.CAPACITY - 5
    assert budget.try_spend(OctogenTimeoutError("x"))
    assert budget.tokens == RetryBudget.CAPACITY - 15
    budget.refund()
    assert budget.tokens == RetryBudget.CAPACITY - 14
    while budget.try_spend(OctogenConnectionError("x")):
        pass
    assert budget.tokens < RetryBudget.RETRY_COST


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_rotation_is_round_robin_over_healthy_urls() -> None:
    rotator = Rotator(("a", "b", "c"), failure_cooldown=10, clock=Clock())
    assert [rotator.plan()[0] for _ in range(4)] == ["a", "b", "c", "a"]


def test_a_failed_url_is_skipped_until_its_cooldown_ends() -> None:
    clock = Clock()
    rotator = Rotator(("a", "b"), failure_cooldown=10, clock=clock)
    rotator.record_failure("a", failing_over=True)
    assert rotator.plan() == ["b"] and rotator.plan() == ["b"]
    clock.now = 10.5
    assert sorted(rotator.plan()) == ["a", "b"]


def test_with_every_url_failed_the_soonest_back_is_tried() -> None:
    clock = Clock()
    rotator = Rotator(("a", "b"), failure_cooldown=10, clock=clock)
    rotator.record_failure("a", failing_over=False)
    clock.now = 3
    rotator.record_failure("b", failing_over=False)
    assert rotator.plan() == ["a"]
    rotator.record_success("a")
    assert rotator.stats()["a"]["healthy"] is True
