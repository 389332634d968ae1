"""`AsyncTransport`: the only place an `AsyncClient` touches the network.

The async twin of `_transport.SyncTransport` (whose docstring says how a call's attempts
run): the same core, awaited. In a module of its own so that `import octogen` does not
import asyncio until an `AsyncClient` is made.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

import httpx

from ._config import ClientConfig
from ._core import exchange, retry
from ._core.calls import ApiCall
from ._errors import OctogenConnectionError, OctogenError
from ._http import OpenedClient, cap_body, open_http_client
from ._response import APIResponse
from ._transport_base import TransportBase

if TYPE_CHECKING:
    import tenacity

T = TypeVar("T")


class AsyncTransport(TransportBase[httpx.AsyncClient]):
    """Sends `ApiCall`s for an `AsyncClient` over one `httpx.AsyncClient`.

    Hooks may be plain functions or coroutine functions. Cancellation is never caught,
    wrapped or retried: a cancelled call raises `CancelledError` and its connection is
    closed by httpx, leaving the pool usable.
    """

    _client_name = "AsyncClient"

    def __init__(
        self,
        config: ClientConfig,
        api_key: str,
        *,
        shared_from: AsyncTransport | None = None,
    ) -> None:
        super().__init__(config, api_key, shared_from)

    def _open_http_client(
        self, config: ClientConfig, headers: dict[str, str]
    ) -> OpenedClient[httpx.AsyncClient]:
        return open_http_client(config, headers, httpx.AsyncClient, httpx.AsyncBaseTransport)

    async def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`, retrying and failing over as the config and its operation allow
        (see `SyncTransport.send`)."""
        state = self._begin(call)
        try:
            try:
                response = await self._attempt(state)
            except OctogenError as error:
                if not retry.may_resend(call, error):
                    raise
                response = await self._retry(state, error)
        finally:
            if self._end():
                await self._http.aclose()
        self._succeeded()
        await _call_hook(self.config.on_response, response)
        return response

    async def _retry(self, state: exchange.CallState[T], error: OctogenError) -> APIResponse[T]:
        async def before_sleep(retry_state: tenacity.RetryCallState) -> None:
            await _call_hook(self.config.on_retry, self._note_retry(state, retry_state))

        import tenacity  # here: most calls never retry, and `import octogen` stays lighter

        retrying = tenacity.AsyncRetrying(
            **self._retrying_settings(state), sleep=self._sleep, before_sleep=before_sleep
        )
        response: APIResponse[T] = await retrying(retry.replaying(error, self._attempt), state)
        return response

    async def _attempt(self, state: exchange.CallState[T]) -> APIResponse[T]:
        if state.attempts:
            self._check_open(state)
        state.attempts += 1
        plan = self.rotator.plan()
        for index, base_url in enumerate(plan):
            state.base_url = base_url
            try:
                return await self._exchange(state)
            except OctogenConnectionError as error:
                self._fail_over(state, plan, index, error)
        raise AssertionError("a plan always holds a URL")  # pragma: no cover

    async def _exchange(self, state: exchange.CallState[T]) -> APIResponse[T]:
        reserved = None
        if self.config.rate_limiter is not None:  # it may talk to Redis: not on the loop
            reserved = await asyncio.to_thread(self._reserve, state)
        pace = self._pace_delay(state, reserved)
        if pace:
            await self._sleep(pace)
            self._check_open(state)
            if reserved is None:
                self._paced()
        if self.config.on_request is not None:
            await _call_hook(self.config.on_request, self._request_context(state))
        request = self._build_request(state)
        deadline = self._deadline(state)
        try:
            # asyncio's own deadline bounds the whole exchange, however slowly it trickles.
            async with asyncio.timeout_at(_loop_time_of(deadline)):
                started = time.perf_counter()
                if isinstance(self._direct, httpx.AsyncBaseTransport):
                    response = await self._direct.handle_async_request(request)
                else:
                    response = await self._http.send(request, stream=True)
                try:
                    headers = exchange.read_headers(response)
                    cap_body(response, headers)
                    body = await response.aread()
                finally:
                    await response.aclose()
                self._received(request, response, started)
        except TimeoutError as exc:
            ran_out = httpx.ReadTimeout("call_timeout ran out", request=request)
            raise self._translate(ran_out, request, state) from exc
        except (httpx.HTTPError, exchange.ResponseTooLargeError, RuntimeError) as exc:
            if isinstance(exc, RuntimeError) and not self.is_closed:
                raise
            raise self._translate(exc, request, state) from exc
        return self._read(state, request, response, headers, body)

    async def _sleep(self, seconds: float) -> None:
        """Sleep `seconds`, or less when the client closes meanwhile."""
        if self.pool.async_closing is None:
            self.pool.async_closing = asyncio.Event()
            if self.pool.closed:
                self.pool.async_closing.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.pool.async_closing.wait(), seconds)

    async def aclose(self) -> None:
        """Close the pool (when this transport opened it); idempotent."""
        if self._mark_closed():
            await self._http.aclose()


async def _call_hook(hook: Callable[[Any], object] | None, argument: object) -> None:
    """Call `hook` (a function or a coroutine function) when there is one."""
    if hook is None or argument is None:
        return
    result = hook(argument)
    if inspect.isawaitable(result):
        await result


def _loop_time_of(deadline: float | None) -> float | None:
    """A `time.monotonic()` deadline on the running loop's clock (asyncio.timeout_at)."""
    if deadline is None:
        return None
    return asyncio.get_running_loop().time() + (deadline - time.monotonic())
