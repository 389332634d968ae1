"""`SyncTransport`: the only place a `Client` touches the network (`AsyncTransport`, its
async twin, is in `_async_transport`).

A call's first attempt is made directly; when it fails with something its operation
may retry, a tenacity loop takes over from that failure. One attempt tries the base URLs
the rotator plans, moving to the next at once when one cannot be reached (and the call
may be sent again). Everything that is
not I/O or sleeping comes from the core: `exchange` builds requests and reads responses,
`retry` decides what to retry and how long to wait, `rotation` picks URLs, `pacing` holds
requests while the rate-limit bucket is empty.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

import httpx

from ._config import ClientConfig
from ._core import exchange, retry
from ._core.calls import ApiCall
from ._deadline import call_deadline
from ._errors import ConfigurationError, OctogenConnectionError, OctogenError
from ._http import OpenedClient, cap_body, open_http_client
from ._response import APIResponse
from ._transport_base import TransportBase

if TYPE_CHECKING:
    import tenacity

T = TypeVar("T")


class SyncTransport(TransportBase[httpx.Client]):
    """Sends `ApiCall`s for a `Client` over one `httpx.Client` and its connection pool."""

    def __init__(
        self,
        config: ClientConfig,
        api_key: str,
        *,
        shared_from: SyncTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        for hook in (config.on_request, config.on_response, config.on_retry):
            if inspect.iscoroutinefunction(hook):
                raise ConfigurationError(
                    "octogen.Client cannot await a coroutine hook; pass a plain function, "
                    "or use octogen.AsyncClient",
                    option="on_request/on_response/on_retry",
                )
        super().__init__(config, api_key, shared_from)
        # Waiting (to retry, or for the rate-limit bucket) ends early when the client
        # closes; the next attempt then raises.
        self._sleep = sleep if sleep is not time.sleep else self._sleep_unless_closed

    def _sleep_unless_closed(self, seconds: float) -> None:
        """Sleep `seconds`, or less when the client closes meanwhile."""
        self.pool.closing.wait(seconds)

    def _open_http_client(
        self, config: ClientConfig, headers: dict[str, str]
    ) -> OpenedClient[httpx.Client]:
        return open_http_client(config, headers, httpx.Client, httpx.BaseTransport)

    def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`, retrying and failing over as the config and its operation allow.

        Raises:
            OctogenAPIError: The API answered with a non-2xx status (after retries).
            OctogenConnectionError: No base URL could be reached (after retries).
            OctogenResponseError: A body could not be read.
        """
        state = self._begin(call)
        try:
            try:
                response = self._attempt(state)
            except OctogenError as error:
                if not retry.may_resend(call, error):
                    raise
                response = self._retry(state, error)
        finally:
            if self._end():
                self._http.close()
        self._succeeded()
        if self.config.on_response is not None:
            self.config.on_response(response)
        return response

    def _retry(self, state: exchange.CallState[T], error: OctogenError) -> APIResponse[T]:
        def before_sleep(retry_state: tenacity.RetryCallState) -> None:
            context = self._note_retry(state, retry_state)
            if context is not None and self.config.on_retry is not None:
                self.config.on_retry(context)

        import tenacity  # here: most calls never retry, and `import octogen` stays lighter

        retrying = tenacity.Retrying(
            **self._retrying_settings(state), sleep=self._sleep, before_sleep=before_sleep
        )
        response: APIResponse[T] = retrying(retry.replaying(error, self._attempt), state)
        return response

    def _attempt(self, state: exchange.CallState[T]) -> APIResponse[T]:
        """One attempt: the planned base URLs in turn, until one answers."""
        if state.attempts:
            self._check_open(state)
        state.attempts += 1
        plan = self.rotator.plan()
        for index, base_url in enumerate(plan):
            state.base_url = base_url
            try:
                return self._exchange(state)
            except OctogenConnectionError as error:
                self._fail_over(state, plan, index, error)
        raise AssertionError("a plan always holds a URL")  # pragma: no cover

    def _exchange(self, state: exchange.CallState[T]) -> APIResponse[T]:
        """Send one request to `state.base_url` and read its answer."""
        reserved = self._reserve(state)
        pace = self._pace_delay(state, reserved)
        if pace:
            self._sleep(pace)
            self._check_open(state)
            if reserved is None:
                self._paced()
        if self.config.on_request is not None:
            self.config.on_request(self._request_context(state))
        request = self._build_request(state)
        try:
            with call_deadline(self._deadline(state)):
                started = time.perf_counter()
                if isinstance(self._direct, httpx.BaseTransport):
                    response = self._direct.handle_request(request)
                else:
                    response = self._http.send(request, stream=True)
                try:
                    headers = exchange.read_headers(response)
                    cap_body(response, headers)
                    body = response.read()
                finally:
                    response.close()
                self._received(request, response, started)
        except (httpx.HTTPError, exchange.ResponseTooLargeError, RuntimeError) as exc:
            if isinstance(exc, RuntimeError) and not self.is_closed:
                raise
            raise self._translate(exc, request, state) from exc
        return self._read(state, request, response, headers, body)

    def close(self) -> None:
        """Close the pool (when this transport opened it); idempotent."""
        if self._mark_closed():
            self._http.close()
