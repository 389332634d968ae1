"""The live product operations retry as their class allows (CONTRACT-LIVE.md §7): refresh
only on 503 and connection failures; resolve-from-html and more-like-this like reads."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

import octogen
from tests.support import API_KEY, BASE_URL, make_client

REFRESH_BODY = {"requestId": "r", "submitted": 1, "accepted": [{"uuid": "u1"}], "rejected": []}

Failure = Callable[[httpx.Request], httpx.Response]


def raising(error: type[httpx.TransportError]) -> Failure:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error("simulated", request=request)

    return fail


def answering(status: int, detail: str = "x") -> Failure:
    headers = {"Retry-After": "0"} if status == 429 else {}
    return lambda request: httpx.Response(status, json={"detail": detail}, headers=headers)


FAILURES: dict[str, Failure] = {
    "refused": raising(httpx.ConnectError),
    "reset": raising(httpx.RemoteProtocolError),
    "read timeout": raising(httpx.ReadTimeout),
    "429": answering(429),
    "500": answering(500),
    "502": answering(502),
    "503": answering(503, "product_refresh_unavailable"),
    "504": answering(504),
}
REFRESH_RETRIED = {"refused", "reset", "read timeout", "503"}


def fast_client() -> Any:
    return make_client(
        api_key=API_KEY,
        base_url=BASE_URL,
        max_retries=2,
        retry_interval=0.001,
        max_retry_delay=0.002,
    )


@pytest.mark.parametrize("failure", list(FAILURES))
def test_refresh_is_retried_on_503_and_connection_failures_only(failure: str) -> None:
    with respx.mock(base_url=BASE_URL) as api, fast_client() as client:
        route = api.post("/products/refresh")
        route.side_effect = [FAILURES[failure], httpx.Response(202, json=REFRESH_BODY)]
        if failure in REFRESH_RETRIED:
            assert client.products.refresh(uuids=["u1"]).submitted == 1
            assert route.call_count == 2
        else:
            with pytest.raises(octogen.OctogenError):
                client.products.refresh(uuids=["u1"])
            assert route.call_count == 1


@pytest.mark.parametrize(
    "failure",
    [
        answering(429, "product_resolution_rate_limited"),
        answering(503, "product_resolution_unavailable"),
        answering(504, "product_resolution_timed_out"),
        raising(httpx.ReadTimeout),
    ],
    ids=["429", "503", "504", "read timeout"],
)
def test_resolve_from_html_is_retried_like_a_read(failure: Failure) -> None:
    body = {"source": "client_html", "product": {"uuid": None, "productUrl": "https://e.test/p"}}
    with respx.mock(base_url=BASE_URL) as api, fast_client() as client:
        route = api.post("/products/resolve-from-html")
        route.side_effect = [failure, httpx.Response(200, json=body)]
        assert client.products.resolve_from_html("<html></html>").source == "client_html"
        assert route.call_count == 2


def test_more_like_this_is_retried_like_a_read() -> None:
    with respx.mock(base_url=BASE_URL) as api, fast_client() as client:
        route = api.post("/products/more-like-this")
        route.side_effect = [answering(500), httpx.Response(200, json={"items": []})]
        assert client.products.more_like_this(uuid="u1").items == []
        assert route.call_count == 2


def test_a_refresh_400_with_its_body_is_not_retried() -> None:
    body = {**REFRESH_BODY, "accepted": [], "rejected": []}
    with respx.mock(base_url=BASE_URL) as api, fast_client() as client:
        route = api.post("/products/refresh").respond(400, json=body)
        assert client.products.refresh(uuids=["u1"]).accepted == []
        assert route.call_count == 1
