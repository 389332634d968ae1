"""Retries, Retry-After, failover, the retry budget, call_timeout, pacing and hooks,
over real loopback sockets. Delays are small and every loop is bounded."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import octogen
from octogen._core.retry import RetryBudget
from octogen.testing import FakeOctogen, FakeServer, Scenario
from tests.support import API_KEY, make_client
from tests.transport.support import answer, dead_base_url, one_catalog_fake

FAST = {"retry_interval": 0.01, "max_retry_delay": 0.05}


@contextmanager
def serve(
    *queued: Scenario | str, always: Scenario | None = None, **options: Any
) -> Iterator[tuple[FakeOctogen, FakeServer, octogen.Client]]:
    """The one-catalog fake on a socket, answering `queued` first, then `always` (or
    normally), and a client of it; both closed on exit."""
    fake = one_catalog_fake()
    fake.queue(*queued)
    fake.set_scenario(always)
    with (
        fake.start_server() as server,
        make_client(api_key=API_KEY, base_url=server.base_url, **{**FAST, **options}) as client,
    ):
        yield fake, server, client


def request_ids(fake: FakeOctogen) -> list[str]:
    return [request.headers["x-request-id"] for request in fake.requests]


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_a_transient_status_is_retried_with_the_same_request_id(status: int) -> None:
    with serve(answer(status), answer(status), max_retries=2) as (fake, _, client):
        response = client.catalogs.with_response.list()
    assert response.attempts == 3
    assert len(fake.requests) == 3
    assert len(set(request_ids(fake))) == 1


def test_post_is_retried_too() -> None:
    with serve(answer(502)) as (fake, _, client):
        client.products.search("x")
    assert [request.method for request in fake.requests] == ["POST", "POST"]


@pytest.mark.parametrize("status", [400, 401, 403, 404, 422])
def test_a_status_that_needs_a_change_is_not_retried(status: int) -> None:
    with (
        serve(always=answer(status), max_retries=3) as (fake, _, client),
        pytest.raises(octogen.OctogenAPIError) as caught,
    ):
        client.catalogs.list()
    assert caught.value.status_code == status
    assert len(fake.requests) == 1


@pytest.mark.parametrize("max_retries", [0, 1, 3])
def test_max_retries_counts_retries_not_attempts(max_retries: int) -> None:
    with (
        serve(always=answer(503), max_retries=max_retries) as (fake, _, client),
        pytest.raises(octogen.OctogenServerError),
    ):
        client.catalogs.list()
    assert len(fake.requests) == max_retries + 1


def test_a_connection_dropped_mid_body_is_retried() -> None:
    with serve("truncated-body") as (_, server, client):
        assert client.catalogs.with_response.list().attempts == 2
    assert server.connections_opened == 2


def test_search_waits_at_least_retry_after() -> None:
    with serve(answer(429, {"Retry-After": "0.3"})) as (_, _, client):
        started = time.monotonic()
        client.catalogs.list()
        assert time.monotonic() - started >= 0.3


def test_a_retry_after_above_the_cap_is_raised_at_once() -> None:
    limited = answer(429, {"Retry-After": "30"})
    with serve(always=limited, max_retry_after=5) as (fake, _, client):
        started = time.monotonic()
        with pytest.raises(octogen.OctogenRateLimitError) as caught:
            client.catalogs.list()
        assert time.monotonic() - started < 1
    assert caught.value.retry_after == 30
    assert len(fake.requests) == 1


def empty_bucket(reset_in: float) -> Scenario:
    """A 429 without Retry-After whose headers say the bucket refills in `reset_in` s
    from now (make it just before the request)."""
    headers = {
        "X-RateLimit-Limit": "60",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": f"{time.time() + reset_in:.3f}",
    }
    return Scenario.raw(429, headers=headers, json={"detail": "rate_limit_exceeded"})


def test_a_429_without_retry_after_waits_for_the_bucket_reset() -> None:
    with serve() as (fake, _, client):
        fake.queue(empty_bucket(0.4))
        started = time.monotonic()
        client.catalogs.list()
        assert time.monotonic() - started >= 0.35


def test_a_reset_beyond_the_cap_is_raised_with_the_wait_it_would_take() -> None:
    with (
        serve(always=empty_bucket(40), max_retry_after=5) as (_, _, client),
        pytest.raises(octogen.OctogenRateLimitError) as caught,
    ):
        client.catalogs.list()
    assert caught.value.retry_after is not None and 35 < caught.value.retry_after <= 40
    assert "retry after" in str(caught.value)


def test_failover_moves_to_the_next_url_within_one_attempt() -> None:
    dead = dead_base_url()
    with (
        one_catalog_fake().start_server() as live,
        make_client(
            api_key=API_KEY, base_urls=[dead, live.base_url], max_retries=0, failure_cooldown=30
        ) as client,
    ):
        response = client.catalogs.with_response.list()
        assert response.attempts == 1  # no retry spent
        assert response.base_url == live.base_url
        client.catalogs.list()
        client.catalogs.list()
        stats = client.transport_stats()
    assert stats["failovers"] == 1
    assert stats["base_urls"][dead]["healthy"] is False
    assert stats["base_urls"][dead]["failures"] == 1  # avoided while cooling down
    assert stats["base_urls"][live.base_url]["requests"] == 3


def test_a_dead_url_is_tried_again_after_its_cooldown_and_cleared_by_success() -> None:
    dead = dead_base_url()
    port = int(dead.rsplit(":", 1)[1].split("/")[0])
    with (
        one_catalog_fake().start_server() as live,
        make_client(
            api_key=API_KEY, base_urls=[dead, live.base_url], failure_cooldown=0.3, **FAST
        ) as client,
    ):
        for _ in range(4):
            client.catalogs.list()
        assert client.transport_stats()["base_urls"][dead]["failures"] == 1
        revived = one_catalog_fake()
        with revived.start_server(port=port):
            time.sleep(0.35)  # the cooldown ends
            for _ in range(4):
                client.catalogs.list()
            assert len(revived.requests) == 2  # back in the round-robin
            assert client.transport_stats()["base_urls"][dead]["healthy"] is True


def test_when_every_url_is_dead_each_attempt_tries_the_soonest_back() -> None:
    urls = [dead_base_url(), dead_base_url()]
    with make_client(api_key=API_KEY, base_urls=urls, max_retries=2, **FAST) as client:
        with pytest.raises(octogen.OctogenConnectionError):
            client.catalogs.list()
        stats = client.transport_stats()
    assert stats["requests"] == 4  # attempt 1 tries both, then one per retry
    assert stats["retries"] == 2


def test_the_retry_budget_stops_retries_in_an_outage_and_refills(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(RetryBudget, "CAPACITY", 20)
    down = one_catalog_fake()
    down.set_scenario(answer(503))
    with (
        down.start_server() as server,
        make_client(api_key=API_KEY, base_url=server.base_url, max_retries=3, **FAST) as client,
    ):
        for _ in range(10):  # bounded: the budget (20 tokens, 5 a retry) lasts 4 retries
            with pytest.raises(octogen.OctogenServerError):
                client.catalogs.list()
        assert len(down.requests) == 10 + 4  # then each call fails on its first error
        assert client.transport_stats()["retry_budget"] < RetryBudget.RETRY_COST
        down.set_scenario(None)
        for _ in range(10):
            client.catalogs.list()
        down.queue(answer(503))
        assert client.catalogs.with_response.list().attempts == 2  # retrying again


def test_call_timeout_bounds_the_whole_call_including_waits() -> None:
    unavailable = answer(503, {"Retry-After": "1"})
    with serve(always=unavailable, call_timeout=0.5, max_retries=5) as (fake, _, client):
        started = time.monotonic()
        with pytest.raises(octogen.OctogenServerError):
            client.catalogs.list()
        assert time.monotonic() - started < 0.5
    assert len(fake.requests) == 1


def test_call_timeout_shortens_an_attempt_that_would_outlast_it() -> None:
    with serve(always=Scenario.slow(2.0), call_timeout=0.3, read_timeout=30) as (_, _, client):
        started = time.monotonic()
        with pytest.raises(octogen.OctogenTimeoutError):
            client.catalogs.list()
        assert time.monotonic() - started < 1.0


def test_pacing_avoids_429s_that_an_unpaced_loop_collects() -> None:
    # The fake's token bucket: 4 requests per 0.5 s, X-RateLimit-Reset in whole seconds.
    unpaced = FakeOctogen(rate_limit=4, rate_limit_window=0.5)
    with (
        unpaced.serve() as base_url,
        make_client(api_key=API_KEY, base_url=base_url, max_retries=0) as client,
    ):
        refused = 0
        for _ in range(8):
            try:
                client.catalogs.list()
            except octogen.OctogenRateLimitError:
                refused += 1
    assert refused > 0

    paced = FakeOctogen(rate_limit=4, rate_limit_window=0.5)
    with (
        paced.serve() as base_url,
        make_client(api_key=API_KEY, base_url=base_url, max_retries=0, pace=True) as client,
    ):
        for _ in range(8):
            client.catalogs.list()
    assert [request.status for request in paced.requests] == [200] * 8


def test_hooks_see_each_attempt_the_retry_and_the_response() -> None:
    seen: list[tuple[str, Any]] = []
    with serve(
        answer(503),
        on_request=lambda context: seen.append(("request", context)),
        on_retry=lambda context: seen.append(("retry", context)),
        on_response=lambda response: seen.append(("response", response)),
    ) as (_, server, client):
        client.catalogs.list()
    kinds = [kind for kind, _ in seen]
    assert kinds == ["request", "retry", "request", "response"]
    first, retry_context, second, response = (value for _, value in seen)
    assert (first.attempt, second.attempt) == (1, 2)
    assert first.operation == "listCatalogs" and first.method == "GET" and first.path == "/catalogs"
    assert first.base_url == server.base_url
    assert first.request_id == second.request_id == response.request_id
    assert retry_context.error.status_code == 503
    assert retry_context.delay > 0
    assert response.attempts == 2
    assert API_KEY not in repr(first.headers)
    assert first.headers["Authorization"].startswith("Bearer octo_live_…")


def test_a_hook_that_raises_leaves_the_pool_usable() -> None:
    calls = [0]

    def flaky_hook(context: Any) -> None:
        calls[0] += 1
        if calls[0] == 1:
            raise RuntimeError("hook bug")

    with serve(on_request=flaky_hook, max_connections=1, pool_size=1) as (_, _, client):
        with pytest.raises(RuntimeError, match="hook bug"):
            client.catalogs.list()
        assert client.catalogs.list()[0].catalog == "c"


def test_retries_and_failovers_are_logged_at_info_without_the_key(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.INFO, logger="octogen")
    live_fake = one_catalog_fake()
    live_fake.queue(answer(503))
    with (
        live_fake.start_server() as live,
        make_client(api_key=API_KEY, base_urls=[dead_base_url(), live.base_url], **FAST) as client,
    ):
        client.catalogs.list()
    messages = [record.getMessage() for record in caplog.records]
    assert any("failing over" in message for message in messages)
    assert any("retrying in" in message for message in messages)
    assert all(record.levelno == logging.INFO for record in caplog.records)
    assert API_KEY not in caplog.text


@pytest.mark.sync_only
def test_a_pool_timeout_is_not_retried() -> None:
    import threading

    with serve(always=Scenario.slow(0.6), max_connections=1, pool_size=1, pool_timeout=0.05) as (
        _,
        _,
        client,
    ):
        holder = threading.Thread(target=client.catalogs.list)
        holder.start()
        time.sleep(0.15)
        with pytest.raises(octogen.OctogenTimeoutError, match="pool"):
            client.catalogs.list()
        holder.join(timeout=5)
        assert client.transport_stats()["retries"] == 0


def test_transport_stats_describe_the_pool() -> None:
    with serve() as (_, server, client):
        client.catalogs.list()
        stats = client.transport_stats()
    assert stats["mode"] == "persistent"
    assert stats["limits"] == {
        "max_connections": 100,
        "pool_size": 10,
        "keep_alive": True,
        "idle_timeout": 5.0,
    }
    assert stats["requests"] == 1 and stats["retries"] == 0 and stats["failovers"] == 0
    assert stats["base_urls"][server.base_url]["requests"] == 1
