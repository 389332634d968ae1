"""`TransportBase`: what the sync and async transports share that is not I/O, sleeping
or awaiting a hook: the pool and its shared state, the rotator, the retry policy, pacing,
the bookkeeping of each attempt and of closing."""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs
import httpx

from ._config import ClientConfig
from ._core import exchange, retry
from ._core.calls import ApiCall
from ._core.hooks import RequestContext, RetryContext
from ._core.rotation import Rotator, describe_transport
from ._errors import OctogenConnectionError, OctogenError
from ._headers import redact_headers
from ._http import HttpClient, OpenedClient, PoolState
from ._logs import setup_from_environment
from ._response import APIResponse
from ._types import JSONValue

if TYPE_CHECKING:  # tenacity is imported when a call first retries (see _transport)
    import tenacity

T = TypeVar("T")


class TransportBase(Generic[HttpClient]):
    """What both transports share that is not I/O, sleeping or awaiting a hook: the
    pool and its shared state, the rotator, the retry policy, and the bookkeeping of
    each attempt. `SyncTransport` and `AsyncTransport` only send, read, sleep and call
    hooks.
    """

    _http: HttpClient
    _owns_http: bool
    # The transport requests are handed to directly (see `OpenedClient.direct`), or None.
    _direct: httpx.BaseTransport | httpx.AsyncBaseTransport | None
    pool: PoolState
    rotator: Rotator
    _client_name = "Client"

    def __init__(
        self, config: ClientConfig, api_key: str, shared_from: TransportBase[HttpClient] | None
    ) -> None:
        self.config = config
        self._api_key = api_key
        self._closed = False
        headers = exchange.build_static_headers(config, api_key)
        if shared_from is not None:
            self._http, self._owns_http = shared_from._http, False
            direct = shared_from._direct
            self.pool = shared_from.pool
            same_urls = shared_from.config.urls == config.urls
            self.rotator = shared_from.rotator if same_urls else self._new_rotator()
        else:
            opened = self._open_http_client(config, headers)
            self._http, self._owns_http, direct = opened.http, opened.owned, opened.direct
            self.pool = PoolState(client_headers=headers if self._owns_http else {})
            self.rotator = self._new_rotator()
        # Sent with each request only when the http client does not send them already.
        self._headers = {} if self.pool.client_headers == headers else headers
        self._direct = direct
        self._direct_requests = (
            None if direct is None else exchange.DirectRequests(self._http.headers, self._headers)
        )
        self._redacted_headers = redact_headers(headers)
        self._caller_request_id = exchange.caller_request_id(headers)
        self._timeout = config.httpx_timeout()
        self._timeout_dict = self._timeout.as_dict()
        self._logger = (
            config.logger
            if isinstance(config.logger, logging.Logger)
            else logging.getLogger(config.logger)
        )
        self.policy = retry.RetryPolicy(config, self.pool.budget, self._logger)
        setup_from_environment()
        for url in exchange.plain_http_urls(config.urls):
            self._logger.warning(
                "base URL %s is plain http:// and not loopback: the API key travels unencrypted",
                url,
            )

    def _open_http_client(
        self, config: ClientConfig, headers: dict[str, str]
    ) -> OpenedClient[HttpClient]:
        raise NotImplementedError

    def _new_rotator(self) -> Rotator:
        return Rotator(self.config.urls, self.config.failure_cooldown)

    @property
    def is_closed(self) -> bool:
        """True once this transport, or the pool it shares, has been closed."""
        return self._closed or self.pool.closed

    # --- the steps of one call ------------------------------------------------------

    def _begin(self, call: ApiCall[T]) -> exchange.CallState[T]:
        """Start a call: refused on a closed client, else counted as in flight."""
        with self.pool.lock:  # the close takes the same lock: a call is in, or refused
            if self.is_closed:
                raise OctogenError(
                    f"this client is closed; create a new octogen.{self._client_name}"
                )
            self.pool.in_flight += 1
        return exchange.CallState(call, self._caller_request_id or exchange.new_request_id())

    def _end(self) -> bool:
        """End a call; True when it was the last of a pool closed meanwhile, which the
        caller must now close."""
        with self.pool.lock:
            self.pool.in_flight -= 1
            last = self.pool.close_when_idle and self.pool.in_flight == 0
            if last:
                self.pool.close_when_idle = False
        return last

    def _check_open(self, state: exchange.CallState[Any]) -> None:
        """After a wait (to retry, or for the rate-limit bucket): a client closed while
        the call waited must not send. A call that had begun before the close makes its
        first attempt: the pool stays open for it."""
        if self.is_closed:
            raise OctogenError(
                f"this client was closed while the call was waiting to retry; create a new "
                f"octogen.{self._client_name} (request id {state.request_id})"
            )

    def _deadline(self, state: exchange.CallState[Any]) -> float | None:
        """When `call_timeout` runs out for this call (`time.monotonic()`), or None."""
        if self.config.call_timeout is None:
            return None
        return state.started + self.config.call_timeout

    def _succeeded(self) -> None:
        if self.config.retry_budget:
            self.pool.budget.refund()

    def _fail_over(
        self,
        state: exchange.CallState[Any],
        plan: list[str],
        index: int,
        error: OctogenConnectionError,
    ) -> None:
        """Mark the URL that failed; raise `error` unless the plan holds another URL and
        the call may be sent again."""
        if not retry.is_connection_failure(error):
            raise error
        failing_over = index + 1 < len(plan) and retry.may_resend(state.call, error)
        self.rotator.record_failure(plan[index], failing_over=failing_over)
        if not failing_over:
            raise exchange.naming_every_url(error, plan[: index + 1]) from error.__cause__
        self._logger.info(
            "%s %s%s failed (%s); failing over to %s (request id %s)",
            state.call.method,
            plan[index],
            state.call.path,
            type(error.__cause__).__name__,
            plan[index + 1],
            state.request_id,
        )

    def _reserve(self, state: exchange.CallState[Any]) -> float | None:
        """The wait the shared `rate_limiter` reserved for this request's token; None
        without a limiter, or when it cannot answer now (in-process pacing stands in)."""
        limiter = self.config.rate_limiter
        if limiter is None:
            return None
        longest = self.config.max_retry_after
        if self.config.call_timeout is not None:
            longest = min(longest, self.config.call_timeout - state.elapsed)
        return limiter.acquire(max(0.0, longest))

    def _pace_delay(self, state: exchange.CallState[Any], reserved: float | None = None) -> float:
        """How long to hold this request (0: none): the wait `reserved` by the rate
        limiter, else while the in-process rate-limit bucket is empty."""
        if reserved is not None:
            wait = reserved
        elif self.config.pace or self.config.rate_limiter is not None:
            wait = self.pool.pacer.reserve(time.time())
        else:
            return 0.0
        if wait <= 0:
            return 0.0
        if wait > self.config.max_retry_after:
            raise exchange.paced_past_max_retry_after(wait, self.config.max_retry_after)
        deadline = self.config.call_timeout
        if deadline is not None and state.elapsed + wait > deadline:
            raise exchange.paced_past_deadline(wait, deadline)
        if reserved is None:
            self._logger.info("pacing: the rate-limit bucket is empty; waiting %.2f s", wait)
        else:  # the usual case under a shared limiter: not worth a line each time
            self._logger.debug("rate limiter: waiting %.3f s for a token", wait)
        return wait

    def _paced(self) -> None:
        self.pool.pacer.reserve(time.time())

    def _request_context(self, state: exchange.CallState[Any]) -> RequestContext:
        return state.context(self._redacted_headers)

    def _build_request(self, state: exchange.CallState[Any]) -> httpx.Request:
        timeout = self._attempt_timeout(state)
        if self._direct_requests is not None:
            as_dict = self._timeout_dict if timeout is self._timeout else timeout.as_dict()
            request = self._direct_requests.build(state, as_dict)
        else:
            request = exchange.build_request(self._http, state, self._headers, timeout)
        self.pool.requests += 1
        self.rotator.record_request(state.base_url)
        return request

    def _received(self, request: httpx.Request, response: httpx.Response, started: float) -> None:
        """Leave on a response sent past the http client (`_direct`) what httpx's client
        leaves on the ones it sends: its request and, once closed, its elapsed time."""
        if self._direct is not None:
            response.request = request
            response.elapsed = timedelta(seconds=time.perf_counter() - started)

    def _translate(
        self, exc: Exception, request: httpx.Request, state: exchange.CallState[Any]
    ) -> OctogenError:
        if isinstance(exc, httpx.RequestError):  # as httpx's client does, for `.request`
            exc.request = request
        if isinstance(exc, RuntimeError):  # httpx: the client was closed under the call
            return OctogenError(
                f"this client was closed while the call was sending; create a new "
                f"octogen.{self._client_name} (request id {state.request_id})"
            )
        deadline = self._deadline(state)
        cut_short = deadline is not None and (
            time.monotonic() >= deadline or exchange.was_cut_short(request, self._timeout)
        )
        return exchange.translate_transport_error(
            exc, request, state.request_id, self.config, cut_by_call_timeout=cut_short
        )

    def _read(
        self,
        state: exchange.CallState[T],
        request: httpx.Request,
        response: httpx.Response,
        headers: dict[str, str],
        body: bytes,
    ) -> APIResponse[T]:
        """Record the answer (URL health, rate limit, log) and read it as `APIResponse`."""
        self.rotator.record_success(state.base_url)
        rate_limit = exchange.read_rate_limit(headers)
        if rate_limit is not None:
            self.pool.rate_limit = rate_limit
            self.pool.pacer.observe(rate_limit)
        if self.config.rate_limiter is not None:
            self.config.rate_limiter.observe(rate_limit)
        if self._logger.isEnabledFor(logging.DEBUG):
            self._logger.debug(
                "%s %s -> %s in %.1f ms (attempt %d, request id %s)",
                state.call.method,
                request.url,
                response.status_code,
                state.elapsed * 1000,
                state.attempts,
                state.request_id,
            )
        return exchange.read_response(state, response, body, headers, rate_limit, self._api_key)

    def _attempt_timeout(self, state: exchange.CallState[Any]) -> httpx.Timeout:
        """The per-attempt timeouts: the call's read floor first, then shortened to what
        `call_timeout` leaves (which no floor outlasts)."""
        timeout = exchange.with_read_floor(self._timeout, state.call.read_timeout_floor)
        if self.config.call_timeout is None:
            return timeout
        left = max(0.001, self.config.call_timeout - state.elapsed)
        return exchange.timeout_within(timeout, left)

    def _retrying_settings(self, state: exchange.CallState[Any]) -> dict[str, Any]:
        """The tenacity settings that retry `state` (without `sleep`/`before_sleep`)."""
        return self.policy.settings_for(state)

    def _note_retry(
        self, state: exchange.CallState[Any], retry_state: tenacity.RetryCallState
    ) -> RetryContext | None:
        """Count and log a retry; the `on_retry` hook's context, when there is a hook."""
        error = retry.failure_of(retry_state)
        delay = retry_state.upcoming_sleep
        self.pool.retries += 1
        self.policy.log_retry(state, error, delay)
        if self.config.on_retry is None:
            return None
        return RetryContext(
            **attrs.asdict(self._request_context(state), recurse=False),
            error=error,
            delay=delay,
            server_wait=retry.server_requested_wait(error),
        )

    # --- the rest -------------------------------------------------------------------

    def stats(self) -> dict[str, JSONValue]:
        """What `transport_stats()` returns."""
        return describe_transport(
            self.config,
            self.rotator,
            requests=self.pool.requests,
            retries=self.pool.retries,
            budget_tokens=self.pool.budget.tokens,
        )

    def _mark_closed(self) -> bool:
        """Mark this transport closed and wake the calls waiting to retry; True when it
        owns the pool and must close it now. With calls still sending, the pool is closed
        by the last of them instead (see `_end`), so that they finish."""
        self._closed = True
        if not self._owns_http:
            return False
        with self.pool.lock:
            self.pool.closed = True
            self.pool.closing.set()
            if self.pool.async_closing is not None:
                self.pool.async_closing.set()
            if self.pool.in_flight:
                self.pool.close_when_idle = True
                return False
        return True
