"""`SyncTransport`: the only place `Client` touches the network.

One logical call is a tenacity loop of attempts; one attempt tries the base URLs the
rotator plans, moving to the next at once when one cannot be reached. Everything that is
not I/O or sleeping comes from the core: `exchange` builds requests and reads responses,
`retry` decides what to retry and how long to wait, `rotation` picks URLs, `pacing` holds
requests while the rate-limit bucket is empty.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

import attrs
import httpx
import tenacity

from ._config import ClientConfig
from ._core import exchange, retry
from ._core.calls import ApiCall
from ._core.hooks import RequestContext, RetryContext
from ._core.pacing import Pacer
from ._core.rotation import Rotator, describe_transport
from ._errors import ConfigurationError, OctogenConnectionError, OctogenError
from ._headers import RateLimit, redact_headers
from ._response import APIResponse
from ._types import JSONValue

T = TypeVar("T")


@attrs.define
class PoolState:
    """What a client and the clients derived from it by `with_options` share."""

    closed: bool = False
    rate_limit: RateLimit | None = None
    # The headers the pool's http client sends by default (empty for your own client).
    client_headers: dict[str, str] = attrs.field(factory=dict)
    budget: retry.RetryBudget = attrs.field(factory=retry.RetryBudget)
    pacer: Pacer = attrs.field(factory=Pacer)
    requests: int = 0
    retries: int = 0


@attrs.define
class _Call(Generic[T]):
    """One logical call in flight: what the retry strategies and hooks need to know."""

    call: ApiCall[T]
    request_id: str
    started: float
    attempts: int = 0
    base_url: str = ""

    def context(self, headers: dict[str, str]) -> RequestContext:
        return RequestContext(
            operation=self.call.operation,
            method=self.call.method,
            path=self.call.path,
            base_url=self.base_url,
            attempt=self.attempts,
            request_id=self.request_id,
            headers={**headers, "X-Request-ID": self.request_id},
            elapsed=time.monotonic() - self.started,
        )


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
    rotator: Rotator

    def __init__(
        self,
        config: ClientConfig,
        api_key: str,
        *,
        shared_from: SyncTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.config = config
        self._api_key = api_key
        self._closed = False
        headers = exchange.build_static_headers(config, api_key)
        if shared_from is not None:
            self._http, self._owns_http = shared_from._http, False
            self.pool = shared_from.pool
            same_urls = shared_from.config.urls == config.urls
            self.rotator = shared_from.rotator if same_urls else self._new_rotator()
        else:
            self._http, self._owns_http = _open_http_client(config, headers)
            self.pool = PoolState(client_headers=headers if self._owns_http else {})
            self.rotator = self._new_rotator()
        # Sent with each request only when the http client does not send them already.
        self._headers = {} if self.pool.client_headers == headers else headers
        self._redacted_headers = redact_headers(headers)
        self._caller_request_id = exchange.caller_request_id(headers)
        self._timeout = config.httpx_timeout()
        self._sleep = sleep
        self._random = random.Random()
        self._logger = (
            config.logger
            if isinstance(config.logger, logging.Logger)
            else logging.getLogger(config.logger)
        )
        self._retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception(retry.is_retryable),
            wait=self._wait,
            stop=self._stop,
            before_sleep=self._before_sleep,
            sleep=sleep,
            reraise=True,
        )

    def _new_rotator(self) -> Rotator:
        return Rotator(self.config.urls, self.config.failure_cooldown)

    # --- one logical call -----------------------------------------------------------

    def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`, retrying and failing over as the config says.

        Raises:
            OctogenAPIError: The API answered with a non-2xx status (after retries).
            OctogenConnectionError: No base URL could be reached (after retries).
            OctogenResponseError: A body could not be read.
        """
        if self._closed or self.pool.closed:
            raise OctogenError("this client is closed; create a new octogen.Client")
        request_id = self._caller_request_id or exchange.new_request_id()
        response: APIResponse[T] = self._retrying(
            self._attempt, _Call(call, request_id, time.monotonic())
        )
        if self.config.retry_budget:
            self.pool.budget.refund()
        if self.config.on_response is not None:
            self.config.on_response(response)
        return response

    def _attempt(self, state: _Call[T]) -> APIResponse[T]:
        """One attempt: the planned base URLs in turn, until one answers."""
        state.attempts += 1
        plan = self.rotator.plan()
        for index, base_url in enumerate(plan):
            state.base_url = base_url
            try:
                return self._exchange(state)
            except OctogenConnectionError as error:
                if not retry.is_connection_failure(error):
                    raise
                failing_over = index + 1 < len(plan)
                self.rotator.record_failure(base_url, failing_over=failing_over)
                if not failing_over:
                    raise
                self._logger.warning(
                    "%s %s%s failed (%s); failing over to %s (request id %s)",
                    state.call.method,
                    base_url,
                    state.call.path,
                    type(error.__cause__).__name__,
                    plan[index + 1],
                    state.request_id,
                )
        raise AssertionError("a plan always holds a URL")  # pragma: no cover

    def _exchange(self, state: _Call[T]) -> APIResponse[T]:
        """Send one request to `state.base_url` and read its answer."""
        call, base_url, request_id = state.call, state.base_url, state.request_id
        self._wait_for_pace(state.started)
        timeout = self._attempt_timeout(state.started)
        if self.config.on_request is not None:
            self.config.on_request(state.context(self._redacted_headers))
        request = exchange.build_request(
            self._http, call, base_url, self._headers, request_id, timeout
        )
        self.pool.requests += 1
        self.rotator.record_request(base_url)
        try:
            response = self._http.send(request, stream=True)
            try:
                headers = exchange.read_headers(response)
                body = read_capped_body(response, headers)
            finally:
                response.close()
        except (httpx.HTTPError, exchange.ResponseTooLargeError) as exc:
            raise exchange.translate_transport_error(exc, request, request_id, self.config) from exc
        self.rotator.record_success(base_url)
        rate_limit = exchange.read_rate_limit(headers)
        if rate_limit is not None:
            self.pool.rate_limit = rate_limit
            self.pool.pacer.observe(rate_limit)
        elapsed = time.monotonic() - state.started
        if self._logger.isEnabledFor(logging.DEBUG):
            self._logger.debug(
                "%s %s -> %s in %.1f ms (attempt %d, request id %s)",
                call.method,
                request.url,
                response.status_code,
                elapsed * 1000,
                state.attempts,
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
            attempts=state.attempts,
            elapsed=elapsed,
            api_key=self._api_key,
        )

    def _attempt_timeout(self, started: float) -> httpx.Timeout:
        """The per-attempt timeouts, shortened to what `call_timeout` leaves."""
        if self.config.call_timeout is None:
            return self._timeout
        left = max(0.001, self.config.call_timeout - (time.monotonic() - started))
        return exchange.timeout_within(self._timeout, left)

    def _wait_for_pace(self, started: float) -> None:
        if not self.config.pace:
            return
        wait = self.pool.pacer.reserve(time.time())
        if wait <= 0:
            return
        deadline = self.config.call_timeout
        if deadline is not None and time.monotonic() - started + wait > deadline:
            raise exchange.paced_past_deadline(wait, deadline)
        self._logger.info("pacing: the rate-limit bucket is empty; waiting %.2f s", wait)
        self._sleep(wait)
        self.pool.pacer.reserve(time.time())

    # --- tenacity strategies --------------------------------------------------------

    def _wait(self, state: tenacity.RetryCallState) -> float:
        error = _failure(state)
        delay, _ = retry.retry_delay(error, state.attempt_number - 1, self.config, self._random)
        return delay

    def _stop(self, state: tenacity.RetryCallState) -> bool:
        return retry.should_stop(
            _failure(state),
            attempts=state.attempt_number,
            elapsed=time.monotonic() - state.start_time,
            upcoming_delay=state.upcoming_sleep,
            config=self.config,
            budget=self.pool.budget,
        )

    def _before_sleep(self, state: tenacity.RetryCallState) -> None:
        error = _failure(state)
        call: _Call[Any] = state.args[0]
        self.pool.retries += 1
        self._logger.warning(
            "%s %s%s attempt %d failed (%s); retrying in %.2f s",
            call.call.method,
            call.base_url,
            call.call.path,
            call.attempts,
            error,
            state.upcoming_sleep,
        )
        if self.config.on_retry is not None:
            context = call.context(self._redacted_headers)
            self.config.on_retry(
                RetryContext(
                    **attrs.asdict(context, recurse=False),
                    error=error,
                    delay=state.upcoming_sleep,
                    server_wait=retry.server_requested_wait(error),
                )
            )

    # --- the rest -------------------------------------------------------------------

    def stats(self) -> dict[str, JSONValue]:
        """What `Client.transport_stats()` returns."""
        return describe_transport(
            self.config,
            self.rotator,
            requests=self.pool.requests,
            retries=self.pool.retries,
            budget_tokens=self.pool.budget.tokens,
        )

    def close(self) -> None:
        """Close the pool (when this transport opened it); idempotent."""
        self._closed = True
        if self._owns_http:
            self.pool.closed = True
            self._http.close()


def _failure(state: tenacity.RetryCallState) -> BaseException:
    assert state.outcome is not None and state.outcome.failed
    error = state.outcome.exception()
    assert error is not None
    return error


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
