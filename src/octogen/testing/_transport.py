"""`FakeTransport`: the fake, in-process, as an httpx transport (sync and async)."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Iterator
from typing import ClassVar

import httpx

from ._response import FakeResponse, Responder


class _TruncatedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Half of a body, then the error httpx raises when the peer hangs up mid-body."""

    def __init__(self, body: bytes) -> None:
        self._body = body

    def _fail(self) -> httpx.RemoteProtocolError:
        return httpx.RemoteProtocolError(
            "peer closed connection without sending complete message body "
            f"(received {len(self._body) // 2} bytes, expected {len(self._body)})"
        )

    def __iter__(self) -> Iterator[bytes]:
        yield self._body[: len(self._body) // 2]
        raise self._fail()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self._body[: len(self._body) // 2]
        raise self._fail()


class FakeTransport(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """Answers httpx requests from a `FakeOctogen`, with no sockets (sync and async).

    Misbehaviours play out as they would on the wire, within the request's own read
    timeout: a `slow` or `timeout` answer longer than it raises `httpx.ReadTimeout` after
    waiting that long; a dropped connection raises `httpx.RemoteProtocolError`.

    Attributes:
        fake: The `FakeOctogen` answering.
        octogen_transport_mode: `"mock"`: what `Client.transport_stats()["mode"]` reports
            for a client on this transport.
    """

    octogen_transport_mode: ClassVar[str] = "mock"

    def __init__(self, fake: Responder) -> None:
        self.fake = fake

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer `request` (sleeping in this thread for slow scenarios)."""
        response = self._ask(request, request.read())
        wait, timed_out = _waiting(request, response)
        if wait:
            time.sleep(wait)
        return _deliver(request, response, timed_out)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Answer `request` (awaiting `asyncio.sleep` for slow scenarios)."""
        import asyncio  # loaded already: this runs on its loop (a sync client never does)

        response = self._ask(request, await request.aread())
        wait, timed_out = _waiting(request, response)
        if wait:
            await asyncio.sleep(wait)
        return _deliver(request, response, timed_out)

    def _ask(self, request: httpx.Request, body: bytes) -> FakeResponse:
        target = request.url.raw_path.decode("ascii")
        return self.fake.handle(request.method, target, request.headers, body)


class _TrickleStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A body that arrives one byte every `seconds`."""

    def __init__(self, body: bytes, seconds: float) -> None:
        self._body = body
        self._seconds = seconds

    def __iter__(self) -> Iterator[bytes]:
        for index in range(len(self._body)):
            time.sleep(self._seconds)
            yield self._body[index : index + 1]

    async def __aiter__(self) -> AsyncIterator[bytes]:
        import asyncio  # loaded already: this runs on its loop

        for index in range(len(self._body)):
            await asyncio.sleep(self._seconds)
            yield self._body[index : index + 1]


def _waiting(request: httpx.Request, response: FakeResponse) -> tuple[float, bool]:
    """How long the answer takes, and whether the client's read timeout ends it first."""
    if response.fault == "trickle":
        return 0.0, False
    wait = response.hang_seconds if response.fault == "hang" else response.delay
    read_timeout = request.extensions.get("timeout", {}).get("read")
    if read_timeout is not None and wait >= read_timeout:
        return read_timeout, True
    return wait, False


def _deliver(request: httpx.Request, response: FakeResponse, timed_out: bool) -> httpx.Response:
    if timed_out:
        raise httpx.ReadTimeout("timed out", request=request)
    if response.fault in ("hang", "drop"):
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response.", request=request
        )
    headers = [*response.headers, ("Content-Length", str(len(response.body)))]
    if response.fault == "trickle":
        trickle = _TrickleStream(response.body, response.delay)
        return httpx.Response(response.status, headers=headers, stream=trickle, request=request)
    if response.fault == "truncate":
        stream = _TruncatedStream(response.body)
        return httpx.Response(response.status, headers=headers, stream=stream, request=request)
    return httpx.Response(response.status, headers=headers, content=response.body, request=request)
