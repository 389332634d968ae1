"""`client.voyages` (sync and async): add an ecommerce domain to Octogen's index, follow
its progress, and read the organization's voyages and quotas (CONTRACT-LIVE.md §4).

`start`, `get`, `list` and `iter` are builders made into the four kinds of method, as in
`products.py`; `wait` is a polling loop written once per client (it sleeps between
calls, with `time.sleep` or `asyncio.sleep`).
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Awaitable, Callable

from .._core import operations
from .._core.calls import ApiCall, Pager
from .._core.operations import DEFAULT_POLL_INTERVAL
from .._core.params import check_max_items, check_page_size
from .._errors import InvalidRequestError, OctogenTimeoutError
from .._models.voyage import Voyage, VoyagePage
from .methods import (
    Resource,
    async_iterates_items,
    async_iterates_pages,
    awaits_data,
    awaits_response,
    iterates_items,
    iterates_pages,
    returns_data,
    returns_response,
)

__all__ = ["AsyncVoyages", "AsyncVoyagesWithResponse", "Voyages", "VoyagesWithResponse"]


def start(domain: str) -> ApiCall[Voyage]:
    """Ask Octogen to add a domain to its index (`POST /voyage`).

    There is one voyage per domain: asking for a domain that already has one (running
    or finished, whoever asked) joins it instead of starting another, and uses no quota.
    `with_response.start(...)` shows which: `status_code` 202 for a new voyage, 200
    for a joined one. Safe to retry (the API keeps one voyage per normalized domain).

    Args:
        domain: A registrable domain (`"example.com"`) or any public URL on it; the API
            lower-cases the host and strips the scheme, path, port and a leading `www.`.

    Returns:
        The voyage; follow it with `get` or `wait`.

    Raises:
        InvalidRequestError: `domain` is not a non-empty string (nothing was sent).
        OctogenRateLimitError: `voyage_quota_exceeded` (`.detail` is the API's object;
            never retried: a quota does not clear in seconds; see `list().quotas`), or
            the organization's request rate.
        OctogenValidationError: `voyage_invalid_domain`: not a public registrable domain.
        OctogenConflictError: `voyage_domain_blocked`: Octogen will not cover it.
        OctogenForbiddenError: `voyage_org_type_forbidden`: not a Developer organization.
        OctogenAPIError: Any other error status.
    """
    return operations.START_VOYAGE.call(locals())


def get(task_id: str) -> ApiCall[Voyage]:
    """One voyage's status and progress (`GET /voyage/{task_id}`).

    Read progress at most once every 5 minutes; `wait` does that for you.

    Args:
        task_id: The voyage's `task_id`.

    Raises:
        InvalidRequestError: `task_id` is empty (nothing was sent).
        OctogenNotFoundError: `voyage_not_found`: no such voyage, or one your
            organization never asked for (the API does not tell them apart).
        OctogenAPIError: Any other error status.
    """
    return operations.GET_VOYAGE.call(locals())


def list_voyages(
    *,
    status: str | None = None,
    cursor: str | None = None,
    limit: int = 50,
) -> ApiCall[VoyagePage]:
    """One page of the organization's voyages, newest first, with its quotas
    (`GET /voyage`).

    Args:
        status: Only voyages in this status: `"queued"`, `"running"`, `"in_review"`,
            `"completed"`, `"failed"` or `"cancelled"`.
        cursor: `page.next_cursor` of the previous page; send the same `status`.
        limit: Voyages per page, 1-100 (default 50).

    Returns:
        The page: `items`, `next_cursor` (None on the last page) and `quotas`.

    Raises:
        InvalidRequestError: An argument is invalid (nothing was sent).
        OctogenAPIError: Any error status.
    """
    return operations.LIST_VOYAGES.call(locals())


def iter_voyages(
    *,
    status: str | None = None,
    page_size: int = 100,
    max_items: int | None = None,
) -> Pager[VoyagePage, Voyage]:
    """Every voyage of the organization, newest first, following cursors lazily.

    Args:
        status: As for `list`.
        page_size: Voyages per request, 1-100 (default 100).
        max_items: Stop after this many voyages (default: all of them).

    Raises:
        InvalidRequestError: An argument is invalid (raised by this call itself).
        OctogenAPIError: A page failed; iteration stops there.
    """
    arguments = {"status": status, "limit": check_page_size(page_size, "page_size")}
    return Pager(operations.LIST_VOYAGES.call(arguments), check_max_items(max_items))


def _check_wait(poll_interval: object, timeout: object) -> tuple[float, float | None]:
    """`poll_interval` > 0 and `timeout` None or >= 0, as floats."""

    def number(value: object) -> float | None:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value) if math.isfinite(value) else None

    interval = number(poll_interval)
    if interval is None or interval <= 0:
        raise InvalidRequestError(
            f"`poll_interval` must be a positive number of seconds; got {poll_interval!r}",
            argument="poll_interval",
        )
    if timeout is None:
        return interval, None
    limit = number(timeout)
    if limit is None or limit < 0:
        raise InvalidRequestError(
            f"`timeout` must be None or a number of seconds >= 0; got {timeout!r}",
            argument="timeout",
        )
    return interval, limit


class _Waiting:
    """What `wait` decides between two reads, for both clients (no I/O, no sleeping):
    the call to repeat, and after each read how long to pause, or None when done."""

    def __init__(
        self, task_id: str, poll_interval: object, timeout: object, clock: Callable[[], float]
    ) -> None:
        self.call = operations.GET_VOYAGE.call({"task_id": task_id})
        self._task_id = task_id
        self._interval, self._limit = _check_wait(poll_interval, timeout)
        self._clock = clock
        self._deadline = None if self._limit is None else clock() + self._limit

    def pause_after(self, voyage: Voyage) -> float | None:
        """None when `voyage` is terminal, else the seconds to wait before the next read.

        Raises:
            OctogenTimeoutError: `timeout` has run out.
        """
        if voyage.is_terminal:
            return None
        if self._deadline is None or self._limit is None:
            return self._interval
        left = self._deadline - self._clock()
        if left <= 0:
            raise OctogenTimeoutError(
                f"voyage {self._task_id!r} is still {voyage.status!r} "
                f"({voyage.progress_percent}%, {voyage.phase_label or voyage.phase}) after "
                f"{self._limit:g} s; call wait() again to keep waiting",
                request_sent=True,
            )
        return min(self._interval, left)


class VoyagesWithResponse(Resource):
    """`client.voyages.with_response`: the same methods, returning `APIResponse[T]`
    (`start`'s `status_code` tells a new voyage, 202, from a joined one, 200)."""

    start = returns_response(start)
    get = returns_response(get)
    list = returns_response(list_voyages)
    iter = iterates_pages(iter_voyages)


class Voyages(Resource):
    """`client.voyages`: add ecommerce domains to Octogen's index and follow them.

    ```python
    voyage = client.voyages.start("example.com")
    voyage = client.voyages.wait(voyage.task_id)      # polls every 5 minutes
    if voyage.result is not None:
        client.products.search("dress", catalog=voyage.result.catalog)
    ```
    """

    start = returns_data(start)
    get = returns_data(get)
    list = returns_data(list_voyages)
    iter = iterates_items(iter_voyages)

    def __init__(
        self,
        transport: object,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(transport)
        self.with_response = VoyagesWithResponse(transport)
        self._sleep = sleep
        self._clock = clock

    def wait(
        self,
        task_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
    ) -> Voyage:
        """Poll `get` until the voyage reaches a terminal status.

        A voyage takes hours: the default reads its progress every 5 minutes, as the API
        asks. Each read is an ordinary call, retried as `get` is.

        Args:
            task_id: The voyage's `task_id`.
            poll_interval: Seconds between reads (default 300).
            timeout: Give up after this many seconds (default: wait as long as it takes).

        Returns:
            The voyage in its terminal status: `completed` (`result` set), `failed`
            (`error` set) or `cancelled`. Check `status`: a failed voyage is returned,
            not raised.

        Raises:
            InvalidRequestError: An argument is invalid (nothing was sent).
            OctogenTimeoutError: Still not finished after `timeout` seconds (the voyage
                goes on; call `wait` again to keep waiting).
            OctogenAPIError: A read failed (`voyage_not_found`, ...).
        """
        waiting = _Waiting(task_id, poll_interval, timeout, self._clock)
        while True:
            voyage: Voyage = self._transport.send(waiting.call).data
            pause = waiting.pause_after(voyage)
            if pause is None:
                return voyage
            self._sleep(pause)


class AsyncVoyagesWithResponse(Resource):
    """`aclient.voyages.with_response`: the same methods, returning `APIResponse[T]`."""

    start = awaits_response(start)
    get = awaits_response(get)
    list = awaits_response(list_voyages)
    iter = async_iterates_pages(iter_voyages)


class AsyncVoyages(Resource):
    """`aclient.voyages`: add ecommerce domains to Octogen's index and follow them,
    awaited (`async for` for `iter`); arguments, results and errors as `Voyages`."""

    start = awaits_data(start)
    get = awaits_data(get)
    list = awaits_data(list_voyages)
    iter = async_iterates_items(iter_voyages)

    def __init__(
        self,
        transport: object,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(transport)
        self.with_response = AsyncVoyagesWithResponse(transport)
        self._sleep = sleep
        self._clock = clock

    async def wait(
        self,
        task_id: str,
        *,
        poll_interval: float = DEFAULT_POLL_INTERVAL,
        timeout: float | None = None,
    ) -> Voyage:
        """Poll `get` until the voyage reaches a terminal status, sleeping with
        `asyncio.sleep` in between (see `Voyages.wait`).

        Raises:
            InvalidRequestError: An argument is invalid (nothing was sent).
            OctogenTimeoutError: Still not finished after `timeout` seconds.
            OctogenAPIError: A read failed.
        """
        waiting = _Waiting(task_id, poll_interval, timeout, self._clock)
        while True:
            voyage: Voyage = (await self._transport.send(waiting.call)).data
            pause = waiting.pause_after(voyage)
            if pause is None:
                return voyage
            await self._sleep(pause)
