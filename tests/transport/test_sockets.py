"""The sync transport over real loopback sockets: pools, timeouts, broken connections."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest

import octogen
from octogen.testing import FakeOctogen, FakeServer, Scenario
from tests.support import API_KEY, make_client
from tests.transport.support import dead_base_url, one_catalog_fake


@contextmanager
def serve(
    always: Scenario | str | None = None, **options: Any
) -> Iterator[tuple[FakeOctogen, FakeServer, octogen.Client]]:
    """The one-catalog fake on a socket, answering with `always` (or normally), and a
    client of it; both closed on exit."""
    fake = one_catalog_fake()
    fake.set_scenario(always)
    with (
        fake.start_server() as server,
        make_client(api_key=API_KEY, base_url=server.base_url, **options) as client,
    ):
        yield fake, server, client


def test_keep_alive_reuses_one_connection_for_sequential_calls() -> None:
    with serve() as (fake, server, client):
        for _ in range(20):
            assert client.catalogs.list()[0].catalog == "c"
    assert len(fake.requests) == 20
    assert server.connections_opened == 1


def test_keep_alive_off_opens_a_connection_per_call_and_says_close() -> None:
    with serve(keep_alive=False) as (fake, server, client):
        for _ in range(20):
            client.catalogs.list()
    assert server.connections_opened == 20
    assert all(request.headers.get("connection") == "close" for request in fake.requests)


def test_a_refused_connection_is_a_connection_error() -> None:
    url = dead_base_url()
    with (
        make_client(api_key=API_KEY, base_url=url, max_retries=0) as client,
        pytest.raises(octogen.OctogenConnectionError) as caught,
    ):
        client.catalogs.list()
    error = caught.value
    assert not isinstance(error, octogen.OctogenTimeoutError)
    assert error.method == "GET"
    assert error.url == f"{url}/catalogs"
    assert error.request_id and error.request_id in str(error)
    assert API_KEY not in str(error)


def test_a_slow_answer_is_a_timeout_error_naming_the_read_timeout() -> None:
    with serve(Scenario.slow(1.0), read_timeout=0.2, max_retries=0) as (_, _, client):
        started = time.monotonic()
        with pytest.raises(octogen.OctogenTimeoutError, match="read_timeout"):
            client.catalogs.list()
        assert time.monotonic() - started < 0.9


def test_a_connection_dropped_mid_body_is_a_connection_error() -> None:
    with (
        serve("truncated-body", max_retries=0) as (_, _, client),
        pytest.raises(octogen.OctogenConnectionError) as caught,
    ):
        client.products.search("x")
    assert not isinstance(caught.value, octogen.OctogenTimeoutError)


@pytest.mark.sync_only
def test_an_exhausted_pool_is_a_timeout_error_stating_the_limits() -> None:
    fake = one_catalog_fake()
    fake.set_scenario(Scenario.slow(0.8))
    with (
        fake.start_server() as server,
        make_client(
            api_key=API_KEY,
            base_url=server.base_url,
            max_connections=1,
            pool_size=1,
            pool_timeout=0.1,
        ) as client,
    ):
        holder = threading.Thread(target=client.catalogs.list)
        holder.start()
        time.sleep(0.2)  # the one connection is now busy
        with pytest.raises(octogen.OctogenTimeoutError, match="max_connections=1"):
            client.catalogs.list()
        holder.join(timeout=5)


def test_with_options_shares_the_pool_and_overrides_timeouts() -> None:
    with serve(Scenario.slow(0.3)) as (_, server, client):
        client.catalogs.list()
        impatient = client.with_options(read_timeout=0.05, max_retries=0)
        with pytest.raises(octogen.OctogenTimeoutError):
            impatient.catalogs.list()
        client.catalogs.list()
        assert impatient.config.read_timeout == 0.05
        assert client.config.read_timeout == 30.0
    # One connection for the patient calls, one discarded by the timeout: same pool.
    assert server.connections_opened == 2


def test_with_options_refuses_pool_settings() -> None:
    with (
        make_client(api_key=API_KEY) as client,
        pytest.raises(octogen.ConfigurationError, match="`pool_size` cannot change"),
    ):
        client.with_options(pool_size=3)


@pytest.mark.sync_only
def test_closing_the_client_closes_derived_clients_too() -> None:
    with one_catalog_fake().start_server() as server:
        client = octogen.Client(api_key=API_KEY, base_url=server.base_url)
        derived = client.with_options(max_retries=0)
        derived.close()  # a view on the shared pool: closing it leaves the pool open
        client.catalogs.list()
        client.close()
        fresh = client.with_options(max_retries=1)
        with pytest.raises(octogen.OctogenError, match="closed"):
            fresh.catalogs.list()


@pytest.mark.sync_only
def test_your_own_http_client_is_used_and_left_open() -> None:
    import httpx

    with one_catalog_fake().start_server() as server, httpx.Client() as own:
        with serve(http_client=own) as (_, _, client):
            client.catalogs.list()
        assert not own.is_closed
        authorized = {"Authorization": f"Bearer {API_KEY}"}
        assert own.get(f"{server.base_url}/catalogs", headers=authorized).status_code == 200
