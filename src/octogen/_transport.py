"""`SyncTransport`: the only place `Client` touches the network.

It sends an `ApiCall` through an `httpx.Client` and leaves everything else to the core:
`_core.exchange` builds the request, reads the response and names the errors. Bodies
are read with a size cap so a runaway response cannot exhaust memory.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from typing import TypeVar

import attrs
import httpx

from ._config import ClientConfig
from ._core import exchange
from ._core.calls import ApiCall
from ._errors import ConfigurationError, OctogenError
from ._headers import RateLimit
from ._response import APIResponse

T = TypeVar("T")


@attrs.define
class PoolState:
    """What a client and the clients derived from it by `with_options` share."""

    closed: bool = False
    rate_limit: RateLimit | None = None
    # The headers the pool's http client sends by default (empty for your own client).
    client_headers: dict[str, str] = attrs.field(factory=dict)


class _CappedStream(httpx.SyncByteStream):
    """Passes a response stream through, raising past `MAX_RESPONSE_BYTES`."""

    def __init__(self, stream: httpx.SyncByteStream) -> None:
        self._stream = stream

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        for chunk in self._stream:
            received += len(chunk)
            if received > exchange.MAX_RESPONSE_BYTES:
                raise exchange.ResponseTooLargeError
            yield chunk

    def close(self) -> None:
        self._stream.close()


def read_capped_body(response: httpx.Response, headers: dict[str, str]) -> bytes:
    """Read the whole body (decoded), refusing one larger than `MAX_RESPONSE_BYTES`."""
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > exchange.MAX_RESPONSE_BYTES:
        raise exchange.ResponseTooLargeError
    stream = response.stream
    assert isinstance(stream, httpx.SyncByteStream)  # a sync client's response
    response.stream = _CappedStream(stream)
    return response.read()


class SyncTransport:
    """Sends `ApiCall`s for a `Client` over one `httpx.Client` and its connection pool."""

    _http: httpx.Client
    _owns_http: bool
    pool: PoolState

    def __init__(
        self,
        config: ClientConfig,
        api_key: str,
        *,
        shared_from: SyncTransport | None = None,
    ) -> None:
        self.config = config
        self._api_key = api_key
        self._closed = False
        headers = exchange.build_static_headers(config, api_key)
        if shared_from is not None:
            self._http, self._owns_http = shared_from._http, False
            self.pool = shared_from.pool
        else:
            self._http, self._owns_http = _open_http_client(config, headers)
            self.pool = PoolState(client_headers=headers if self._owns_http else {})
        # Sent with each request only when the http client does not send them already.
        self._headers = {} if self.pool.client_headers == headers else headers
        self._caller_request_id = exchange.caller_request_id(headers)
        self._timeout = config.httpx_timeout()
        self._logger = (
            config.logger
            if isinstance(config.logger, logging.Logger)
            else logging.getLogger(config.logger)
        )

    def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call` once and return its typed response.

        Raises:
            OctogenAPIError: The API answered with a non-2xx status.
            OctogenConnectionError: The request could not be sent or answered.
            OctogenResponseError: The body could not be read.
        """
        if self._closed or self.pool.closed:
            raise OctogenError("this client is closed; create a new octogen.Client")
        request_id = self._caller_request_id or exchange.new_request_id()
        base_url = self.config.urls[0]
        started = time.monotonic()
        request = exchange.build_request(
            self._http, call, base_url, self._headers, request_id, self._timeout
        )
        try:
            response = self._http.send(request, stream=True)
            try:
                headers = exchange.read_headers(response)
                body = read_capped_body(response, headers)
            finally:
                response.close()
        except (httpx.HTTPError, exchange.ResponseTooLargeError) as exc:
            raise exchange.translate_transport_error(exc, request, request_id, self.config) from exc
        elapsed = time.monotonic() - started
        rate_limit = exchange.read_rate_limit(headers)
        if rate_limit is not None:
            self.pool.rate_limit = rate_limit
        if self._logger.isEnabledFor(logging.DEBUG):
            self._logger.debug(
                "%s %s -> %s in %.1f ms (request id %s)",
                call.method,
                request.url,
                response.status_code,
                elapsed * 1000,
                request_id,
            )
        return exchange.read_response(
            call,
            response,
            body,
            headers=headers,
            sent_request_id=request_id,
            rate_limit=rate_limit,
            base_url=base_url,
            attempts=1,
            elapsed=elapsed,
            api_key=self._api_key,
        )

    def close(self) -> None:
        """Close the pool (when this transport opened it); idempotent."""
        self._closed = True
        if self._owns_http:
            self.pool.closed = True
            self._http.close()


def _open_http_client(config: ClientConfig, headers: dict[str, str]) -> tuple[httpx.Client, bool]:
    """The `httpx.Client` to send through, and whether this transport must close it."""
    if config.http_client is not None:
        if not isinstance(config.http_client, httpx.Client):
            raise ConfigurationError(
                "`http_client` must be an httpx.Client for octogen.Client "
                "(an httpx.AsyncClient goes with octogen.AsyncClient)",
                option="http_client",
            )
        return config.http_client, False
    if config.transport is not None and not isinstance(config.transport, httpx.BaseTransport):
        raise ConfigurationError(
            "`transport` must be a sync httpx transport (httpx.BaseTransport) for octogen.Client",
            option="transport",
        )
    client = httpx.Client(
        headers=headers,
        transport=config.transport,
        timeout=config.httpx_timeout(),
        limits=config.httpx_limits(),
        verify=config.httpx_verify(),
        follow_redirects=False,
    )
    return client, True
