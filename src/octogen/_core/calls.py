"""Calls ready to send: one `ApiCall` per logical call, and the `Pager` that follows cursors.

An `ApiCall` is built by `Operation.call` (`operations.py`) from checked arguments;
nothing is sent when it is built, which is why argument errors always come before any
I/O. Both clients hand calls to their transport.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypedDict, TypeVar, cast

import attrs

from .._errors import OctogenResponseError
from .._response import APIResponse
from .._types import JSONObject, JSONValue

if TYPE_CHECKING:  # names for the type checker only: `import octogen` stays lighter
    from .operations import Operation
    from .params import FacetsArgument

T = TypeVar("T")
Item = TypeVar("Item")
Item_co = TypeVar("Item_co", covariant=True)


class SearchFilters(TypedDict, total=False):
    """What narrows a search, for `products.search` and `products.iter_search` alike."""

    catalog: str | None
    facets: FacetsArgument | None
    price_min: float | None
    price_max: float | None


class SearchOptions(SearchFilters, total=False):
    """The keyword arguments of `products.search` besides `q` (documented there)."""

    cursor: str | None
    limit: int


class IterSearchOptions(SearchFilters, total=False):
    """The keyword arguments of `products.iter_search` besides `q` (documented there)."""

    page_size: int
    max_items: int | None


class ApiCall(NamedTuple, Generic[T]):
    """One logical API call, ready to send (a named tuple: one is made per call).

    Attributes:
        operation: The declaration of the operation (method, retry class, parsing, …).
        path: The path under the base URL, path parameters filled in and encoded.
        query: The query parameters, or None.
        body: The JSON request body, or None.
        read_timeout_floor: A read timeout this call needs at least, whatever the
            client's (image sources of more-like-this take seconds), or None.
    """

    operation: Operation[T]
    path: str
    query: Mapping[str, str] | None = None
    body: JSONObject | None = None
    read_timeout_floor: float | None = None

    @property
    def name(self) -> str:
        """The contract's operation name (`searchProducts`), for logs and hooks."""
        return self.operation.name

    @property
    def method(self) -> str:
        """The HTTP method."""
        return self.operation.method

    @property
    def parse(self) -> Callable[[JSONValue], T]:
        """Reads the decoded JSON of a 2xx response into the typed result."""
        return self.operation.parse

    def with_cursor(self, cursor: str) -> ApiCall[T]:
        """The same call asking for the page after `cursor` (where the operation pages)."""
        paging = self.operation.paging
        assert paging is not None, f"{self.name} does not page"
        if paging.cursor_in == "body":
            return self._replace(body={**(self.body or {}), paging.cursor: cursor})
        return self._replace(query={**(self.query or {}), paging.cursor: cursor})


class Page(Protocol[Item_co]):
    """What a `Pager` reads from a page: its items and the cursor of the next one."""

    @property
    def items(self) -> Sequence[Item_co]: ...  # pragma: no cover - a protocol

    @property
    def next_cursor(self) -> str | None: ...  # pragma: no cover - a protocol


PageT = TypeVar("PageT", bound=Page[Any])


class Pager(Generic[PageT, Item]):
    """Follows cursors for the `iter_*` methods, for both clients.

    Asks for one page at a time (`next_call`), hands back the items to yield (`take`),
    stops at `max_items`, at the last page and at an empty page (a server that hands out
    fresh cursors for empty pages would otherwise be followed forever), and refuses a
    cursor seen before rather than repeat pages.
    """

    def __init__(self, first_call: ApiCall[PageT], max_items: int | None) -> None:
        self._next: ApiCall[PageT] | None = first_call
        self._remaining = max_items
        self._seen_cursors: set[str] = set()
        if max_items == 0:
            self._next = None

    def next_call(self) -> ApiCall[PageT] | None:
        """The call for the next page, or None when iteration is over."""
        return self._next

    def take(self, page: PageT) -> list[Item]:
        """The items of `page` to yield; prepares the call for the page after it."""
        items = list(page.items)
        if self._remaining is not None:
            items = items[: self._remaining]
            self._remaining -= len(items)
        cursor = page.next_cursor
        if cursor is None or not page.items or self._remaining == 0 or self._next is None:
            self._next = None
        elif cursor in self._seen_cursors:
            raise OctogenResponseError(
                f"the API returned cursor {cursor[:40]!r} a second time; stopping "
                "iteration rather than repeating pages"
            )
        else:
            self._seen_cursors.add(cursor)
            self._next = self._next.with_cursor(cursor)
        return items

    def take_response(self, response: APIResponse[PageT]) -> APIResponse[PageT]:
        """`take` for a page's response: the same response, its items cut to `max_items`."""
        page = response.data
        items = self.take(page)
        if len(items) < len(page.items):
            shorter: PageT = attrs.evolve(cast(Any, page), items=items)
            response = attrs.evolve(response, data=shorter)
        return response


Result = TypeVar("Result")


class Batched(Generic[T, Result]):
    """A call too large for one request, sent as a series of batches, one at a time.

    `calls` yields the batch calls lazily (so no more than one batch of request data is
    held at once, even for a generator over a huge file); it must yield at least one
    call (a builder refuses empty input with `InvalidRequestError` before any I/O).
    `merge(so_far, response)` folds each batch's response into the result (`so_far` is
    None for the first). A batch that fails raises: the batches before it stand, the
    ones after it are not sent.
    """

    def __init__(
        self,
        calls: Iterator[ApiCall[T]],
        merge: Callable[[Result | None, APIResponse[T]], Result],
    ) -> None:
        self.calls = calls
        self._merge = merge
        self._merged: Result | None = None
        self._last: APIResponse[T] | None = None

    def take(self, response: APIResponse[T]) -> None:
        """Merge one batch's response into the result."""
        self._last = response
        self._merged = self._merge(self._merged, response)

    def finish(self) -> APIResponse[Result]:
        """The merged result inside the last batch's `APIResponse` (its status, headers,
        request id and rate limit)."""
        assert self._last is not None and self._merged is not None, "no batch was sent"
        merged: APIResponse[Result] = attrs.evolve(cast(Any, self._last), data=self._merged)
        return merged
