"""`products.lookup_many`: look up any number of URLs concurrently, outcomes in input order.

The sync method runs the lookups on a thread pool over the client's own connection pool;
the async one runs them as tasks under a semaphore. Both read the input lazily and keep a
bounded window of lookups started but not yet yielded (`WINDOW_PER_SLOT` per slot of
`concurrency`), so memory depends on `concurrency`, never on how many URLs there are.
Each lookup goes through the transport like any other call: retries, pacing and the
shared rate limiter apply to it.
"""

from __future__ import annotations

import inspect
import threading
from collections import deque
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

import octogen  # the methods' hints name `octogen.LookupOutcome`: it loads when they resolve

from .._core import operations
from .._core.operations import MAX_CONCURRENCY, CachePolicy, ResolutionMode
from .._errors import InvalidRequestError, OctogenError
from .._ratelimiter import LocalRateLimiter
from .._types import JSONValue
from .methods import AsyncSender, Resource, Sender

if TYPE_CHECKING:
    from concurrent.futures import Future

    from .._models.outcome import LookupOutcome

# Lookups started ahead of the one being waited for, per slot: enough that one slow URL
# does not idle the others, few enough that the window stays small.
WINDOW_PER_SLOT = 4


class BulkLookups(Resource):
    """The bulk methods of `client.products` (a base of `Products`)."""

    def lookup_many(
        self,
        urls: Iterable[str],
        *,
        concurrency: int = 8,
        resolution_mode: ResolutionMode | None = None,
        cache_policy: CachePolicy | None = None,
    ) -> Iterator[octogen.LookupOutcome]:
        """Look up many product URLs concurrently; one `LookupOutcome` per URL, in input order.

        ```python
        with open("urls.txt") as lines:
            urls = (line.strip() for line in lines if line.strip())
            for outcome in client.products.lookup_many(urls, concurrency=8):
                print(outcome.url, outcome.result.product.title if outcome.ok else outcome.error)
        ```

        `urls` is read lazily (a generator over a huge file is fine) and memory stays bounded
        by a small window of lookups, never by the input's length. At most `concurrency`
        requests are in flight at once, on this client's connection pool, each retried like
        `lookup`. The run paces itself on the rate-limit headers, waiting for tokens instead
        of drawing 429s (with the client's `rate_limiter` when it has one, shared across
        processes). One URL's failure, an invalid URL included, becomes its outcome's
        `error` and never stops the others. Stopping early (`break`, Ctrl-C) cancels the
        lookups not yet started; the client stays usable.

        Args:
            urls: Product page URLs, any iterable of strings.
            concurrency: Requests in flight at most, 1-100 (default 8).
            resolution_mode: As for `lookup`, for every URL.
            cache_policy: As for `lookup`, for every URL.

        Returns:
            An iterator of `LookupOutcome` (`url`, `result` or `error`, `ok`).

        Raises:
            InvalidRequestError: `urls` is a single string or not iterable, `concurrency` is
                out of range, or an option is invalid (raised by this call, before any I/O).
        """
        source, options = _check(urls, concurrency, resolution_mode, cache_policy)
        return _outcomes(_paced(self._transport), source, concurrency, options)


class AsyncBulkLookups(Resource):
    """The bulk methods of `aclient.products` (a base of `AsyncProducts`)."""

    def lookup_many(
        self,
        urls: Iterable[str],
        *,
        concurrency: int = 8,
        resolution_mode: ResolutionMode | None = None,
        cache_policy: CachePolicy | None = None,
    ) -> AsyncIterator[octogen.LookupOutcome]:
        """Look up many product URLs concurrently: `async for` over one `LookupOutcome` per
        URL, in input order.

        ```python
        async for outcome in aclient.products.lookup_many(urls, concurrency=8):
            ...
        ```

        Everything is as for `Client.products.lookup_many`: lazy input, at most
        `concurrency` requests in flight (tasks under a semaphore), memory bounded by a small
        window, one outcome per URL whatever fails. Cancelling the task that iterates (or
        leaving the loop and closing the iterator, e.g. with `contextlib.aclosing`) cancels
        the lookups in flight; the client stays usable.

        Args:
            urls: Product page URLs, any iterable of strings.
            concurrency: Requests in flight at most, 1-100 (default 8).
            resolution_mode: As for `lookup`, for every URL.
            cache_policy: As for `lookup`, for every URL.

        Returns:
            An async iterator of `LookupOutcome`.

        Raises:
            InvalidRequestError: As for `Client.products.lookup_many` (raised by this call).
        """
        source, options = _check(urls, concurrency, resolution_mode, cache_policy)
        return _async_outcomes(_paced(self._transport), source, concurrency, options)


_LIMITERS_LOCK = threading.Lock()


def _paced(transport: Any) -> Any:
    """The transport a run sends through: the client's own when it has a `rate_limiter`;
    else one on the same pool, paced by an in-process token bucket that every run of
    this client shares (a bulk run is a burst: it waits for tokens, not for 429s)."""
    if transport.config.rate_limiter is not None:
        return transport
    with _LIMITERS_LOCK:
        limiter = getattr(transport, "_bulk_limiter", None)
        if limiter is None:
            limiter = transport._bulk_limiter = LocalRateLimiter()
    config = transport.config.evolve(rate_limiter=limiter)
    # A sync transport built with an injected sleep (tests) hands it on.
    takes_sleep = "sleep" in inspect.signature(type(transport)).parameters
    extra = {"sleep": transport._sleep} if takes_sleep else {}
    return type(transport)(config, transport._api_key, shared_from=transport, **extra)


def _check(
    urls: object, concurrency: object, resolution_mode: object, cache_policy: object
) -> tuple[Iterator[Any], dict[str, JSONValue]]:
    """The input as an iterator and the checked options, or `InvalidRequestError`."""
    if isinstance(urls, str | bytes):
        raise InvalidRequestError(
            "`urls` must be an iterable of URLs, not a single string (use `lookup` for one "
            "URL, or wrap it in a list)",
            argument="urls",
        )
    try:
        source = iter(urls)  # type: ignore[call-overload]  # checked at run time
    except TypeError:
        raise InvalidRequestError(
            f"`urls` must be an iterable of URLs; got {type(urls).__name__}", argument="urls"
        ) from None
    if (
        isinstance(concurrency, bool)
        or not isinstance(concurrency, int)
        or not 1 <= concurrency <= MAX_CONCURRENCY
    ):
        raise InvalidRequestError(
            f"`concurrency` must be an integer from 1 to {MAX_CONCURRENCY}; got {concurrency!r}",
            argument="concurrency",
        )
    options = {"resolution_mode": resolution_mode, "cache_policy": cache_policy}
    checked = {
        name: operations.LOOKUP_PRODUCT.param(name).check(value, name)
        for name, value in options.items()
    }
    if operations.LOOKUP_PRODUCT.validate is not None:
        operations.LOOKUP_PRODUCT.validate(checked)
    return source, options


def _outcome_url(url: object) -> str:
    return url if isinstance(url, str) else repr(url)


def _lookup_one(transport: Sender, url: object, options: Mapping[str, Any]) -> LookupOutcome:
    from .._models.outcome import LookupOutcome  # loaded by the first bulk lookup

    try:
        call = operations.LOOKUP_PRODUCT.call({"url": url, **options})
        return LookupOutcome(url=_outcome_url(url), result=transport.send(call).data)
    except OctogenError as error:
        return LookupOutcome(url=_outcome_url(url), error=error)


async def _async_lookup_one(
    transport: AsyncSender, url: object, options: Mapping[str, Any]
) -> LookupOutcome:
    from .._models.outcome import LookupOutcome  # loaded by the first bulk lookup

    try:
        call = operations.LOOKUP_PRODUCT.call({"url": url, **options})
        return LookupOutcome(url=_outcome_url(url), result=(await transport.send(call)).data)
    except OctogenError as error:
        return LookupOutcome(url=_outcome_url(url), error=error)


def _outcomes(
    transport: Sender, source: Iterator[Any], concurrency: int, options: Mapping[str, Any]
) -> Iterator[LookupOutcome]:
    from concurrent.futures import ThreadPoolExecutor  # its module loads with the first use

    window = concurrency * WINDOW_PER_SLOT
    # The executor's threads bound the requests in flight; the deque bounds the window.
    executor = ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="octogen-lookup")
    pending: deque[Future[LookupOutcome]] = deque()
    try:
        for url in source:  # read here, in the caller's thread: generators are not shared
            pending.append(executor.submit(_lookup_one, transport, url, options))
            if len(pending) >= window:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # Stopped early (break, Ctrl-C, an error): drop what has not started; the
        # lookups running finish on their own, bounded by the client's timeouts.
        executor.shutdown(wait=False, cancel_futures=True)


async def _async_outcomes(
    transport: AsyncSender, source: Iterator[Any], concurrency: int, options: Mapping[str, Any]
) -> AsyncIterator[LookupOutcome]:
    import asyncio  # loaded already: this runs on its loop (a sync client never does)

    window = concurrency * WINDOW_PER_SLOT
    slots = asyncio.Semaphore(concurrency)

    async def one(url: object) -> LookupOutcome:
        async with slots:
            return await _async_lookup_one(transport, url, options)

    pending: deque[asyncio.Task[LookupOutcome]] = deque()
    try:
        for url in source:
            pending.append(asyncio.ensure_future(one(url)))
            if len(pending) >= window:
                yield await pending.popleft()
        while pending:
            yield await pending.popleft()
    finally:
        for task in pending:
            task.cancel()
        if pending:
            await asyncio.gather(*pending, return_exceptions=True)
