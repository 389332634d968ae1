"""`RedisRateLimiter`: clients with a limiter on one Redis and key draw from one bucket,
wait for their token instead of drawing 429s, and go on pacing in-process without Redis."""

from __future__ import annotations

import asyncio
import logging
import pickle
import threading
import time
from datetime import UTC, datetime

import pytest
import redis

import octogen
from octogen import ConfigurationError, RateLimit, RedisRateLimiter
from octogen.testing import FakeOctogen
from tests.bulk.conftest import RedisServer, free_loopback_port
from tests.support import API_KEY, open_client

LIMIT, WINDOW = 10, 0.25  # a bucket of 10 refilled at 40 requests a second


def limited_fake() -> FakeOctogen:
    return FakeOctogen(rate_limit=LIMIT, rate_limit_window=WINDOW)


def statuses(fake: FakeOctogen) -> list[int | None]:
    return [request.status for request in fake.requests]


def test_clients_sharing_a_limiter_never_draw_a_429_and_keep_to_the_rate(
    redis_server: RedisServer, product_urls: list[str]
) -> None:
    fake = limited_fake()
    limiter = RedisRateLimiter(redis_server.url, key="octogen:test", window=WINDOW)
    per_client, clients = 30, 2
    durations: list[float] = []

    def run() -> None:
        # Each client has its own pool and its own in-process pacer: only Redis is shared.
        with fake.client(rate_limiter=limiter, max_retries=0) as client:
            outcomes = list(client.products.lookup_many(product_urls[:per_client], concurrency=4))
            assert all(outcome.ok for outcome in outcomes), [o.error for o in outcomes]

    started = time.monotonic()
    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    durations.append(time.monotonic() - started)

    assert statuses(fake) == [200] * per_client * clients  # not one 429
    # The API allows its full bucket at once, then LIMIT per WINDOW: no run can be faster,
    # and a limiter keeping to the rate is not much slower (generous slack for a busy box).
    bound = (per_client * clients - LIMIT) / (LIMIT / WINDOW)
    assert bound * 0.9 <= durations[0] <= bound * 1.15 + 1.5


def test_the_bucket_is_sized_from_the_limit_the_api_reports(
    redis_server: RedisServer, product_urls: list[str], client_kind: str
) -> None:
    fake = limited_fake()
    limiter = RedisRateLimiter(redis_server.url, key="octogen:sized", window=WINDOW)
    with open_client(
        client_kind, api_key=API_KEY, transport=fake.transport(), rate_limiter=limiter
    ) as client:
        client.products.lookup(product_urls[0])  # the first request learns the size
        client.products.lookup(product_urls[1])

    bucket = redis.Redis.from_url(redis_server.url).hgetall("octogen:sized")
    assert int(bucket[b"limit"]) == LIMIT
    assert float(bucket[b"tokens"]) <= LIMIT - limiter.headroom - 1


def test_a_response_showing_an_emptier_bucket_makes_the_next_request_wait(
    redis_server: RedisServer,
) -> None:
    limiter = RedisRateLimiter(redis_server.url, key="octogen:corrected", window=60)
    reset = datetime.now(UTC)
    limiter.observe(RateLimit(limit=600, remaining=500, reset_at=reset))
    assert limiter.acquire(max_wait=60) == 0  # plenty of tokens

    limiter.observe(RateLimit(limit=600, remaining=0, reset_at=reset))  # as a 429 says
    wait = limiter.acquire(max_wait=60)

    # Empty, less the headroom: the next token is (1 + headroom) tenths of a second away.
    assert wait is not None
    assert 0.2 <= wait <= 0.31


def test_a_wait_beyond_what_the_call_may_wait_takes_no_token(redis_server: RedisServer) -> None:
    limiter = RedisRateLimiter(redis_server.url, key="octogen:refused", window=60)
    limiter.observe(RateLimit(limit=6, remaining=0, reset_at=datetime.now(UTC)))

    first = limiter.acquire(max_wait=1.0)  # 30 s away: refused, nothing reserved
    second = limiter.acquire(max_wait=1.0)

    assert first is not None and first > 1.0
    assert second == pytest.approx(first, abs=0.1)


def test_the_wait_for_a_token_counts_against_call_timeout(
    redis_server: RedisServer, product_urls: list[str], client_kind: str
) -> None:
    fake = FakeOctogen()
    limiter = RedisRateLimiter(redis_server.url, key="octogen:deadline", window=60)
    limiter.observe(RateLimit(limit=6, remaining=0, reset_at=datetime.now(UTC)))
    with (
        open_client(
            client_kind,
            api_key=API_KEY,
            transport=fake.transport(),
            rate_limiter=limiter,
            call_timeout=2.0,
        ) as client,
        pytest.raises(octogen.OctogenTimeoutError, match="call_timeout"),
    ):
        client.products.lookup(product_urls[0])

    assert fake.requests == []


def test_without_redis_calls_go_on_paced_in_process_with_one_warning(
    product_urls: list[str], client_kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake = limited_fake()
    nowhere = f"redis://:hunter2@127.0.0.1:{free_loopback_port()}/0"  # nothing listens
    limiter = RedisRateLimiter(nowhere, window=WINDOW, timeout=0.5)
    with open_client(
        client_kind, api_key=API_KEY, transport=fake.transport(), rate_limiter=limiter
    ) as client:
        outcomes = list(client.products.lookup_many(product_urls[:15], concurrency=1))

    assert all(outcome.ok for outcome in outcomes)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len([w for w in warnings if "cannot be reached" in w]) == 1
    assert "hunter2" not in caplog.text
    # In-process pacing, as with pace=True: waits at the empty bucket, no 429.
    assert 429 not in statuses(fake)


def test_when_redis_comes_back_the_shared_bucket_is_used_again(
    product_urls: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    server = RedisServer()
    limiter = RedisRateLimiter(server.url, key="octogen:back", retry_interval=0, timeout=0.5)
    with FakeOctogen().client(rate_limiter=limiter) as client:
        client.products.lookup(product_urls[0])  # Redis is not there yet
        server.start()
        try:
            client.products.lookup(product_urls[1])
            client.products.lookup(product_urls[2])
            bucket = redis.Redis.from_url(server.url).hgetall("octogen:back")
        finally:
            server.kill()

    assert int(bucket[b"limit"]) == 6000  # the fake's unenforced bucket
    assert "is back" in caplog.text


def test_async_clients_wait_for_the_limiter_off_the_event_loop(product_urls: list[str]) -> None:
    class SlowLimiter:
        """A limiter whose every answer takes 0.2 s (Redis far away)."""

        def acquire(self, max_wait: float) -> float | None:
            time.sleep(0.2)
            return 0.0

        def observe(self, rate_limit: RateLimit | None) -> None:
            pass

    async def run() -> int:
        ticks = 0
        done = asyncio.Event()

        async def tick() -> None:
            nonlocal ticks
            while not done.is_set():
                ticks += 1
                await asyncio.sleep(0.01)

        async with octogen.AsyncClient(
            api_key=API_KEY, transport=FakeOctogen().transport(), rate_limiter=SlowLimiter()
        ) as client:
            ticker = asyncio.create_task(tick())
            await client.products.lookup(product_urls[0])
            done.set()
            await ticker
        return ticks

    assert asyncio.run(run()) >= 5  # the loop went on while the limiter answered


def test_a_limiter_is_one_option_like_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_REDIS_URL", "redis://cache.test:6379/2")
    with octogen.Client(api_key=API_KEY) as client:
        assert client.config.rate_limiter == RedisRateLimiter("redis://cache.test:6379/2")

    with pytest.raises(ConfigurationError, match="rate_limiter") as raised:
        octogen.ClientConfig(rate_limiter="redis://cache.test")  # type: ignore[arg-type]
    assert raised.value.option == "rate_limiter"


def test_a_limiter_names_what_is_wrong_and_never_shows_the_redis_password() -> None:
    with pytest.raises(ConfigurationError, match="redis://"):
        RedisRateLimiter("http://cache.test:6379")
    with pytest.raises(ConfigurationError, match="window"):
        RedisRateLimiter(window=0)
    limiter = RedisRateLimiter("redis://:s3cret@cache.test:6379/0", key="octogen:acme")

    assert "s3cret" not in repr(limiter)
    assert repr(limiter) == "RedisRateLimiter('redis://:***@cache.test:6379/0', key='octogen:acme')"
    assert pickle.loads(pickle.dumps(limiter)) == limiter


def test_in_process_the_first_answer_sizes_the_bucket_the_others_waited_for() -> None:
    from octogen._ratelimiter import LocalRateLimiter

    limiter = LocalRateLimiter(window=60)
    assert limiter.acquire(max_wait=5) == 0  # the first request goes to find out
    waits: list[float | None] = []
    second = threading.Thread(target=lambda: waits.append(limiter.acquire(max_wait=5)))
    second.start()
    second.join(timeout=0.2)
    assert second.is_alive()  # held back until an answer says how big the bucket is

    limiter.observe(RateLimit(limit=60, remaining=0, reset_at=datetime.now(UTC)))
    second.join(timeout=5)

    # Empty, a token a second, two tokens of headroom: the next token is 3 s away.
    assert waits == [pytest.approx(3.0, abs=0.1)]


def test_in_process_an_answer_without_headers_lets_the_next_request_ask() -> None:
    from octogen._ratelimiter import LocalRateLimiter

    limiter = LocalRateLimiter(window=60)
    assert limiter.acquire(max_wait=5) == 0
    limiter.observe(None)  # a 503 without X-RateLimit-* headers

    assert limiter.acquire(max_wait=0.5) == 0  # not held for the rest of the lease
