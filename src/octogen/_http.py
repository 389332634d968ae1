"""The httpx side of a transport: the http client it sends through, the state a pool's
clients share, and the cap on response bodies."""

from __future__ import annotations

import threading
import urllib.request
from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING, Generic, NamedTuple, TypeVar

import httpx

from ._config import ClientConfig
from ._core import exchange, retry
from ._core.pacing import Pacer
from ._deadline import http_transport
from ._errors import ConfigurationError
from ._headers import RateLimit

if TYPE_CHECKING:  # an AsyncClient's transport imports asyncio; `import octogen` does not
    import asyncio

HttpClient = TypeVar("HttpClient", httpx.Client, httpx.AsyncClient)


class PoolState:
    """What a client and the clients derived from it by `with_options` share."""

    __slots__ = (
        "async_closing",
        "budget",
        "client_headers",
        "close_when_idle",
        "closed",
        "closing",
        "in_flight",
        "lock",
        "pacer",
        "rate_limit",
        "requests",
        "retries",
    )

    def __init__(self, client_headers: dict[str, str] | None = None) -> None:
        self.closed = False
        self.rate_limit: RateLimit | None = None
        # The headers the pool's http client sends by default (empty for your own client).
        self.client_headers = {} if client_headers is None else client_headers
        self.budget = retry.RetryBudget()
        self.pacer = Pacer()
        self.requests = 0
        self.retries = 0
        # Calls between their start and their end, so that a pool closed while some are
        # still sending is closed by the last of them (`Client.close()`); and the events
        # that wake the calls waiting to retry when it closes.
        self.in_flight = 0
        self.close_when_idle = False
        self.lock = threading.Lock()
        self.closing = threading.Event()
        self.async_closing: asyncio.Event | None = None


class CappedStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """Passes a response stream through, raising past `MAX_RESPONSE_BYTES`."""

    def __init__(self, stream: httpx.SyncByteStream | httpx.AsyncByteStream) -> None:
        self._stream = stream
        self._received = 0

    def _count(self, chunk: bytes) -> bytes:
        self._received += len(chunk)
        if self._received > exchange.MAX_RESPONSE_BYTES:
            raise exchange.ResponseTooLargeError
        return chunk

    def __iter__(self) -> Iterator[bytes]:
        assert isinstance(self._stream, httpx.SyncByteStream)  # a sync client's response
        return map(self._count, self._stream)

    async def __aiter__(self) -> AsyncIterator[bytes]:
        assert isinstance(self._stream, httpx.AsyncByteStream)  # an async client's response
        async for chunk in self._stream:
            yield self._count(chunk)

    def close(self) -> None:
        assert isinstance(self._stream, httpx.SyncByteStream)
        self._stream.close()

    async def aclose(self) -> None:
        assert isinstance(self._stream, httpx.AsyncByteStream)
        await self._stream.aclose()


def cap_body(response: httpx.Response, headers: dict[str, str]) -> None:
    """Make reading `response` refuse a body larger than `MAX_RESPONSE_BYTES`."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > exchange.MAX_RESPONSE_BYTES:
        raise exchange.ResponseTooLargeError
    stream = response.stream
    assert isinstance(stream, httpx.SyncByteStream | httpx.AsyncByteStream)
    response.stream = CappedStream(stream)


class OpenedClient(NamedTuple, Generic[HttpClient]):
    """The httpx client a transport sends through, and how.

    Attributes:
        http: The httpx client.
        owned: True when the SDK opened it (and must close it).
        direct: The transport that requests may be handed to directly, skipping the
            client's per-request work (merging URLs, headers and cookies, auth and event
            hooks), or None to send through `http.send`: always for your own
            `http_client`, and when proxies from the environment are mounted on it.
    """

    http: HttpClient
    owned: bool
    direct: httpx.BaseTransport | httpx.AsyncBaseTransport | None


def open_http_client(
    config: ClientConfig,
    headers: dict[str, str],
    client_class: type[HttpClient],
    transport_class: type[httpx.BaseTransport] | type[httpx.AsyncBaseTransport],
) -> OpenedClient[HttpClient]:
    """The httpx client to send through (see `OpenedClient`)."""
    name = "octogen.AsyncClient" if client_class is httpx.AsyncClient else "octogen.Client"
    if config.http_client is not None:
        if not isinstance(config.http_client, client_class):
            raise ConfigurationError(
                f"`http_client` must be an httpx.{client_class.__name__} for {name}",
                option="http_client",
            )
        return OpenedClient(config.http_client, False, None)
    if config.transport is not None and not isinstance(config.transport, transport_class):
        raise ConfigurationError(
            f"`transport` must be an httpx.{transport_class.__name__} for {name}",
            option="transport",
        )
    transport = config.transport
    if transport is None and not _environment_proxies():
        # With proxies in the environment, httpx mounts its own transports for them.
        if client_class is httpx.Client:
            # The SDK's own sync pool honours call_timeout on every socket read.
            transport = http_transport(verify=config.httpx_verify(), limits=config.httpx_limits())
        else:
            transport = httpx.AsyncHTTPTransport(
                verify=config.httpx_verify(), limits=config.httpx_limits()
            )
    client = client_class(
        headers=headers,
        transport=transport,  # type: ignore[arg-type]  # checked just above
        timeout=config.httpx_timeout(),
        limits=config.httpx_limits(),
        verify=config.httpx_verify(),
        follow_redirects=False,
    )
    return OpenedClient(client, True, transport)


def _environment_proxies() -> bool:
    """True when `HTTP(S)_PROXY`/`ALL_PROXY` are set (httpx then routes through them)."""
    found = urllib.request.getproxies()
    return any(found.get(scheme) for scheme in ("http", "https", "all"))
