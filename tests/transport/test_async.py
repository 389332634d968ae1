"""What only an `AsyncClient` has: concurrency on one loop, cancellation, coroutine hooks.

The behaviour both clients share is tested once, for both, by the other modules here.
"""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen, Scenario
from tests.support import API_KEY
from tests.transport.support import one_catalog_fake

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(autouse=True)
def each_client() -> None:
    """Overrides the package's sync/async parametrization: these tests are async only."""


async def test_200_concurrent_searches_share_the_pool_within_its_limits() -> None:
    fake = FakeOctogen()
    server = fake.start_server()
    try:
        async with octogen.AsyncClient(
            api_key=API_KEY, base_url=server.base_url, max_connections=8, pool_size=8
        ) as client:
            pages = await asyncio.gather(
                *(client.products.search("hoodie", limit=5) for _ in range(200))
            )
    finally:
        server.stop()
    assert all(len(page.items) == 5 for page in pages)
    assert len(fake.requests) == 200
    assert 1 < server.connections_opened <= 8
    assert server.peak_connections <= 8


async def test_an_exhausted_pool_is_a_timeout_error_and_is_not_retried() -> None:
    fake = one_catalog_fake()
    fake.set_scenario(Scenario.slow(0.6))
    with fake.start_server() as server:
        async with octogen.AsyncClient(
            api_key=API_KEY,
            base_url=server.base_url,
            max_connections=1,
            pool_size=1,
            pool_timeout=0.05,
        ) as client:
            holder = asyncio.create_task(client.catalogs.list())
            await asyncio.sleep(0.15)
            with pytest.raises(octogen.OctogenTimeoutError, match="max_connections=1"):
                await client.catalogs.list()
            assert (await holder)[0].catalog == "c"
            assert client.transport_stats()["retries"] == 0


async def test_cancelling_mid_request_raises_cancelled_and_leaves_the_pool_usable() -> None:
    fake = FakeOctogen()
    fake.queue("slow:5")
    with fake.serve() as base_url:
        async with octogen.AsyncClient(
            api_key=API_KEY, base_url=base_url, max_connections=1, pool_size=1
        ) as client:
            task = asyncio.create_task(client.catalogs.list())
            await asyncio.sleep(0.2)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            assert len(await client.catalogs.list()) == 4  # the one connection is free again


async def test_cancelling_mid_backoff_raises_cancelled_without_another_attempt() -> None:
    fake = FakeOctogen()
    fake.queue(Scenario.status_code(503))
    async with octogen.AsyncClient(
        api_key=API_KEY, transport=fake.transport(), retry_interval=5, max_retry_delay=5
    ) as client:
        task = asyncio.create_task(client.catalogs.list())
        await asyncio.sleep(0.2)  # the 503 came back; the client is sleeping before retrying
        started = time.monotonic()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert time.monotonic() - started < 1
        assert len(fake.requests) == 1
        assert len(await client.catalogs.list()) == 4


async def test_hooks_may_be_coroutines_or_plain_functions() -> None:
    seen: list[str] = []

    async def on_request(context: octogen.RequestContext) -> None:
        await asyncio.sleep(0)
        seen.append(f"request {context.attempt}")

    async def on_retry(context: octogen.RetryContext) -> None:
        seen.append(f"retry after {type(context.error).__name__}")

    fake = FakeOctogen()
    fake.queue("503")
    async with octogen.AsyncClient(
        api_key=API_KEY,
        transport=fake.transport(),
        retry_interval=0.01,
        on_request=on_request,
        on_retry=on_retry,
        on_response=lambda response: seen.append(f"response {response.status_code}"),
    ) as client:
        await client.catalogs.list()
    assert seen == [
        "request 1",
        "retry after OctogenServerError",
        "request 2",
        "response 200",
    ]


def test_the_sync_client_refuses_a_coroutine_hook() -> None:
    async def on_request(context: octogen.RequestContext) -> None:
        pass

    with pytest.raises(octogen.ConfigurationError, match="AsyncClient"):
        octogen.Client(api_key=API_KEY, on_request=on_request)


async def test_a_closed_client_says_so() -> None:
    client = octogen.AsyncClient(api_key=API_KEY, transport=FakeOctogen().transport())
    await client.aclose()
    await client.aclose()  # idempotent
    with pytest.raises(octogen.OctogenError, match=r"closed; create a new octogen\.AsyncClient"):
        await client.catalogs.list()


async def test_your_own_async_http_client_is_used_and_left_open() -> None:
    with one_catalog_fake().start_server() as server:
        async with httpx.AsyncClient() as own:
            async with octogen.AsyncClient(
                api_key=API_KEY, base_url=server.base_url, http_client=own
            ) as client:
                await client.catalogs.list()
            assert not own.is_closed


@pytest.mark.parametrize(
    ("option", "value"),
    [("http_client", httpx.Client()), ("transport", httpx.HTTPTransport())],
)
def test_an_async_client_refuses_sync_httpx_objects(option: str, value: Any) -> None:
    try:
        with pytest.raises(octogen.ConfigurationError, match=option):
            octogen.AsyncClient(api_key=API_KEY, **{option: value})
    finally:
        value.close()


async def test_iter_search_follows_every_page_with_async_for() -> None:
    fake = FakeOctogen()
    async with octogen.AsyncClient(api_key=API_KEY, transport=fake.transport()) as client:
        uuids = [item.uuid async for item in client.products.iter_search(page_size=30)]
        limited = [item async for item in client.products.iter_search("hoodie", max_items=7)]
    assert len(uuids) == len(set(uuids)) == 320
    assert len(limited) == 7


async def test_iter_search_checks_its_arguments_at_the_call() -> None:
    async with octogen.AsyncClient(api_key=API_KEY, transport=FakeOctogen().transport()) as client:
        with pytest.raises(octogen.InvalidRequestError, match="page_size"):
            client.products.iter_search("x", page_size=0)
