"""The SDK's own pool: requests handed straight to its httpx transport.

A client that opened its own httpx client skips `httpx.Client.build_request` and `send`
(see `exchange.DirectRequests`): these tests hold that what goes on the wire is what
httpx would have built, and that the response and errors look as httpx's client leaves
them.
"""

from __future__ import annotations

import asyncio
import datetime
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen
from tests.support import API_KEY, BASE_URL, make_client
from tests.transport.support import one_catalog_fake

# Each call is sent by a client on its own pool and by one on your own httpx client.
CALLS: dict[str, Callable[[Any], object]] = {
    "POST with a JSON body": lambda c: c.products.search("hoodie", limit=5, catalog="acme"),
    "GET without a query": lambda c: c.catalogs.list(),
    "GET with a query": lambda c: c.coverage.url_lists.list(limit=10, cursor="abc"),
    "DELETE of a path id": lambda c: c.coverage.url_lists.delete("list/1 é"),
    "POST without a body": lambda c: c.voyages.get("v1"),
}


def _recording() -> tuple[list[httpx.Request], httpx.MockTransport]:
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(404, json={"detail": "not_found"})

    return sent, httpx.MockTransport(answer)


def _wire_view(request: httpx.Request) -> tuple[object, ...]:
    """What goes on the wire: method, URL, headers in order (request id blanked), body."""
    headers = [
        (name, b"ID" if name.lower() == b"x-request-id" else value)
        for name, value in request.headers.raw
    ]
    return request.method, str(request.url), headers, request.content


def _send_both(kind: str, call: Callable[[Any], object]) -> tuple[httpx.Request, httpx.Request]:
    """`call` once through the client's own pool, once through your own httpx client."""
    direct_sent, direct_transport = _recording()
    httpx_sent, httpx_transport = _recording()
    options: dict[str, Any] = {"api_key": API_KEY, "base_url": BASE_URL, "max_retries": 0}
    if kind == "sync":
        with (
            octogen.Client(transport=direct_transport, **options) as direct,
            httpx.Client(transport=httpx_transport) as own,
            octogen.Client(http_client=own, **options) as through_httpx,
        ):
            for client in (direct, through_httpx):
                with pytest.raises(octogen.OctogenAPIError):
                    call(client)
    else:

        async def both() -> None:
            async with (
                octogen.AsyncClient(transport=direct_transport, **options) as direct,
                httpx.AsyncClient(transport=httpx_transport) as own,
                octogen.AsyncClient(http_client=own, **options) as through_httpx,
            ):
                for client in (direct, through_httpx):
                    with pytest.raises(octogen.OctogenAPIError):
                        await call(client)  # type: ignore[misc]  # an awaitable here

        asyncio.run(both())
    (direct_request,) = direct_sent
    (httpx_request,) = httpx_sent
    return direct_request, httpx_request


@pytest.mark.parametrize("kind", ["sync", "async"])
@pytest.mark.parametrize("name", list(CALLS))
def test_the_own_pool_sends_exactly_what_httpx_would_build(kind: str, name: str) -> None:
    direct, through_httpx = _send_both(kind, CALLS[name])
    assert _wire_view(direct) == _wire_view(through_httpx)
    assert direct.extensions["timeout"] == through_httpx.extensions["timeout"]
    assert direct.headers["host"] == "api.test"
    assert direct.headers["authorization"] == f"Bearer {API_KEY}"


def test_default_headers_and_a_derived_clients_headers_reach_the_wire() -> None:
    sent, transport = _recording()
    with octogen.Client(
        api_key=API_KEY,
        base_url=BASE_URL,
        transport=transport,
        max_retries=0,
        default_headers={"X-Team": "search", "X-Request-ID": "mine"},
    ) as client:
        derived = client.with_options(read_timeout=5, default_headers={"X-Team": "ads"})
        for each in (client, derived):
            with pytest.raises(octogen.OctogenNotFoundError):
                each.catalogs.list()
    first, second = sent
    assert (first.headers["x-team"], first.headers["x-request-id"]) == ("search", "mine")
    assert second.headers["x-team"] == "ads"
    assert second.extensions["timeout"]["read"] == 5
    assert [name for name, _ in first.headers.raw].count(b"X-Request-ID") == 1


def test_a_response_read_directly_has_its_request_and_elapsed_time() -> None:
    fake = one_catalog_fake()
    with make_client(api_key=API_KEY, base_url=BASE_URL, transport=fake.transport()) as client:
        answer = client.catalogs.with_response.list()
    assert answer.http_response.request.url == httpx.URL(f"{BASE_URL}/catalogs")
    assert isinstance(answer.http_response.elapsed, datetime.timedelta)
    assert answer.http_response.is_closed


def test_a_transport_error_carries_its_request_as_httpx_sets_it() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused")  # no request: as a pool raises it

    with (
        octogen.Client(
            api_key=API_KEY,
            base_url=BASE_URL,
            transport=httpx.MockTransport(refuse),
            max_retries=0,
        ) as client,
        pytest.raises(octogen.OctogenConnectionError) as caught,
    ):
        client.catalogs.list()
    cause = caught.value.__cause__
    assert isinstance(cause, httpx.ConnectError)
    assert cause.request.url == httpx.URL(f"{BASE_URL}/catalogs")


@pytest.mark.parametrize("kind", ["sync", "async"])
def test_proxies_from_the_environment_are_honoured(
    kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The fake's server reads an absolute-form target as a forward proxy receives it.
    fake = FakeOctogen()
    with fake.start_server() as server:
        proxy = server.base_url.removesuffix("/v1")
        monkeypatch.setenv("HTTP_PROXY", proxy)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        options: dict[str, Any] = {"api_key": API_KEY, "base_url": "http://api.octogen.invalid/v1"}
        if kind == "sync":
            with octogen.Client(**options) as client:
                catalogs = client.catalogs.list()
        else:

            async def run() -> list[octogen.Catalog]:
                async with octogen.AsyncClient(**options) as client:
                    return await client.catalogs.list()

            catalogs = asyncio.run(run())
    assert catalogs
    assert [request.path for request in fake.requests] == ["/catalogs"]
