"""Whether a failed call is sent again depends on its operation's retry class and on the
moment of the failure: before the request could reach the server, or after.

Each row declares a test-only operation of one class and fails its first attempt in one
way; the later issues' operations only pick a class (CONTRACT-LIVE.md §7).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

import octogen
from octogen._async_transport import AsyncTransport
from octogen._config import ClientConfig
from octogen._core.operations import Operation, Param, RetryClass, optional_text
from octogen._transport import SyncTransport
from tests.support import API_KEY, BASE_URL

OTHER_BASE_URL = "https://other.test/v1"

Failure = Callable[[httpx.Request], httpx.Response]


def raising(error: type[httpx.TransportError]) -> Failure:
    def fail(request: httpx.Request) -> httpx.Response:
        raise error("simulated", request=request)

    return fail


def answering(status: int, detail: object = "x") -> Failure:
    return lambda request: httpx.Response(status, json={"detail": detail})


FAILURES: dict[str, Failure] = {
    # Nothing left this machine: resending cannot repeat the request.
    "refused": raising(httpx.ConnectError),
    "connect timeout": raising(httpx.ConnectTimeout),
    # The request may have reached the server and taken effect.
    "reset after sending": raising(httpx.RemoteProtocolError),
    "read timeout": raising(httpx.ReadTimeout),
    "408": answering(408),
    "429": answering(429),
    "500": answering(500),
    "502": answering(502),
    "503": answering(503),
    "520": answering(520),
    "409": answering(409, "url_list_name_conflict"),
}

RETRIED: dict[RetryClass, set[str]] = {
    RetryClass.READ: set(FAILURES) - {"409"},
    RetryClass.IDEMPOTENT_CHANGE: set(FAILURES) - {"409"},
    RetryClass.CREATE: {"refused", "connect timeout", "429", "503"},
    RetryClass.SCHEDULE: {
        "refused",
        "connect timeout",
        "reset after sending",
        "read timeout",
        "503",
    },
}


def declare(retry: RetryClass, **options: Any) -> Operation[Any]:
    return Operation(
        name="testOperation",
        method="POST",
        path="/test/{thing_id}",
        params=(Param("thing_id", "path", optional_text), Param("name", "body", optional_text)),
        parse=lambda data: data,
        retry=retry,
        **options,
    )


def send(kind: str, operation: Operation[Any], **config: Any) -> Any:
    """Send one call of `operation` through a real transport of the `kind` client."""
    settings = ClientConfig(
        api_key=API_KEY,
        base_url=BASE_URL,
        max_retries=2,
        retry_interval=0.001,
        max_retry_delay=0.002,
        **config,
    )
    call = operation.call({"thing_id": "a/b", "name": "n"})
    if kind == "sync":
        with_sleep = SyncTransport(settings, API_KEY, sleep=lambda seconds: None)
        try:
            return with_sleep.send(call).data
        finally:
            with_sleep.close()

    async def run() -> Any:
        transport = AsyncTransport(settings, API_KEY)
        try:
            return (await transport.send(call)).data
        finally:
            await transport.aclose()

    return asyncio.run(run())


@pytest.mark.parametrize("retry_class", list(RetryClass), ids=lambda c: c.value)
@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failure_is_retried_only_where_its_class_allows(
    client_kind: str, retry_class: RetryClass, failure: str
) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/test/a%2Fb")
        route.side_effect = [FAILURES[failure], httpx.Response(200, json={"ok": True})]
        if failure in RETRIED[retry_class]:
            assert send(client_kind, declare(retry_class)) == {"ok": True}
            assert route.call_count == 2
        else:
            with pytest.raises(octogen.OctogenError):
                send(client_kind, declare(retry_class))
            assert route.call_count == 1


def test_a_create_is_never_resent_to_another_base_url_once_it_may_have_arrived(
    client_kind: str,
) -> None:
    with respx.mock(assert_all_called=False) as api:
        first = api.post(f"{BASE_URL}/test/a%2Fb").mock(side_effect=httpx.ReadTimeout("slow"))
        second = api.post(f"{OTHER_BASE_URL}/test/a%2Fb").respond(json={"ok": True})
        with pytest.raises(octogen.OctogenTimeoutError):
            send(client_kind, declare(RetryClass.CREATE), base_urls=[BASE_URL, OTHER_BASE_URL])
        assert (first.call_count, second.call_count) == (1, 0)


def test_a_create_that_could_not_connect_fails_over_at_once(client_kind: str) -> None:
    with respx.mock() as api:
        first = api.post(f"{BASE_URL}/test/a%2Fb").mock(side_effect=httpx.ConnectError("no"))
        second = api.post(f"{OTHER_BASE_URL}/test/a%2Fb").respond(json={"ok": True})
        result = send(client_kind, declare(RetryClass.CREATE), base_urls=[BASE_URL, OTHER_BASE_URL])
        assert result == {"ok": True}
        assert (first.call_count, second.call_count) == (1, 1)


def test_an_error_code_can_make_a_status_retried(client_kind: str) -> None:
    operation = declare(RetryClass.IDEMPOTENT_CHANGE, retried_codes=frozenset({"migrating"}))
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/test/a%2Fb")
        route.side_effect = [answering(409, "migrating"), httpx.Response(200, json={"ok": 1})]
        assert send(client_kind, operation) == {"ok": 1}
        assert route.call_count == 2


def test_an_object_detail_code_can_make_a_status_final(client_kind: str) -> None:
    operation = declare(RetryClass.CREATE, final_codes=frozenset({"quota_exceeded"}))
    quota = {"code": "quota_exceeded", "limit": 5}
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/test/a%2Fb")
        route.side_effect = [answering(429, quota), httpx.Response(200, json={"ok": 1})]
        with pytest.raises(octogen.OctogenRateLimitError) as caught:
            send(client_kind, operation)
        assert caught.value.detail == quota
        assert route.call_count == 1


def test_path_parameters_are_sent_as_one_encoded_segment(client_kind: str) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/test/a%2Fb").respond(json={"ok": True})
        send(client_kind, declare(RetryClass.READ))
        assert route.calls.last.request.url.raw_path == b"/v1/test/a%2Fb"
