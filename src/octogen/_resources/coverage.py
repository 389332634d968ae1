"""`client.coverage.url_lists` (sync and async): named lists of product URLs whose
coverage Octogen exports daily to BigQuery (CONTRACT-LIVE.md §5).

Each operation is a builder made into the four kinds of method, as in `products.py`.
`add_urls`, `remove_urls` and `check_urls` take any iterable of URLs and return a
`Batched` call: batches of at most 1,000 URLs, made one at a time from the iterable
(a generator over a huge file is never read ahead by more than a batch), sent in order
and merged in input order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

import attrs

from .._core import operations
from .._core.calls import ApiCall, Batched, Pager
from .._core.operations import URL_BATCH_SIZE, check_list_url, required_path_id
from .._core.params import check_max_items, check_page_size
from .._errors import InvalidRequestError
from .._models.coverage import (
    UrlChangeResult,
    UrlList,
    UrlListEntry,
    UrlListPage,
    UrlListUrlsPage,
    UrlMembership,
)
from .._response import APIResponse
from .methods import (
    Resource,
    async_iterates_items,
    async_iterates_pages,
    awaits_batches,
    awaits_batches_with_response,
    awaits_data,
    awaits_response,
    iterates_items,
    iterates_pages,
    returns_data,
    returns_response,
    sends_batches,
    sends_batches_with_response,
)

__all__ = [
    "AsyncCoverage",
    "AsyncUrlLists",
    "AsyncUrlListsWithResponse",
    "Coverage",
    "UrlLists",
    "UrlListsWithResponse",
]

T = TypeVar("T")


# --- batching ----------------------------------------------------------------------------


def url_batches(
    operation: operations.Operation[T], url_list_id: object, urls: object
) -> Iterator[ApiCall[T]]:
    """The calls of `operation` for `urls`, at most 1,000 URLs each, made lazily.

    The list id, the iterable and the first batch are checked here, before anything is
    sent; each later batch is checked as it is made, before it is sent. A URL is named
    by its position in the input: `urls[41999]`.

    Raises:
        InvalidRequestError: `url_list_id` is empty, `urls` is a string or not iterable,
            holds no URL, or a URL is not a string of 1 to 2,048 characters.
    """
    list_id = required_path_id(url_list_id, "url_list_id")
    if isinstance(urls, str | bytes) or not isinstance(urls, Iterable):
        raise InvalidRequestError(
            f"`urls` must be an iterable of URL strings (a list, a set, a generator, an "
            f"open file, ...); got {type(urls).__name__}",
            argument="urls",
        )
    source = iter(urls)

    def batch(offset: int) -> list[str]:
        chunk = list(islice(source, URL_BATCH_SIZE))
        return [check_list_url(url, f"urls[{offset + i}]") for i, url in enumerate(chunk)]

    first = batch(0)
    if not first:
        raise InvalidRequestError("`urls` holds no URL; give at least one", argument="urls")
    first_call = operation.call({"url_list_id": list_id, "urls": first})

    def calls() -> Iterator[ApiCall[T]]:
        yield first_call
        offset = len(first)
        while chunk := batch(offset):
            yield operation.call({"url_list_id": list_id, "urls": chunk})
            offset += len(chunk)

    return calls()


def _merge_changes(
    so_far: UrlChangeResult | None, response: APIResponse[UrlChangeResult]
) -> UrlChangeResult:
    batch = response.data
    if so_far is None:
        # Fresh lists, extended in place by later batches (no copying per batch).
        return attrs.evolve(batch, accepted=list(batch.accepted), rejected=list(batch.rejected))
    so_far.accepted.extend(batch.accepted)
    so_far.rejected.extend(batch.rejected)
    return attrs.evolve(
        so_far, url_count=batch.url_count, request_id=batch.request_id, raw=batch.raw
    )


def _merge_memberships(
    so_far: list[UrlMembership] | None, response: APIResponse[list[UrlMembership]]
) -> list[UrlMembership]:
    if so_far is None:
        return list(response.data)
    so_far.extend(response.data)
    return so_far


# --- the operations ----------------------------------------------------------------------


def create(name: str) -> ApiCall[UrlList]:
    """Create a URL list (`POST /coverage/url-lists`).

    The list starts `provisioning` (BigQuery being set up, usually under a minute);
    URLs can be added at once. An organization has at most 5 live lists.

    Not sent twice after an ambiguous failure (a reset or read timeout once the
    request may have arrived): that raises, and the list may exist; find it by name
    with `iter()`. Retried on 429, 503 and failures to connect.

    Args:
        name: 1-80 characters, unique among the organization's live lists.

    Raises:
        InvalidRequestError: `name` is empty or longer than 80 characters.
        OctogenAPIError: 409 `url_list_name_conflict` (the name is taken) or
            `url_list_limit_exceeded` (5 live lists already); any other error status.
    """
    return operations.CREATE_URL_LIST.call(locals())


def list_url_lists(*, cursor: str | None = None, limit: int = 50) -> ApiCall[UrlListPage]:
    """One page of the organization's URL lists, newest first
    (`GET /coverage/url-lists`).

    Args:
        cursor: `page.next_cursor` of the previous page.
        limit: Lists per page, 1-100 (default 50).

    Raises:
        InvalidRequestError: An argument is invalid (nothing was sent).
        OctogenBadRequestError: `invalid_cursor`: the cursor is malformed or stale;
            start again without one.
        OctogenAPIError: Any other error status.
    """
    return operations.LIST_URL_LISTS.call(locals())


def iter_url_lists(
    *, page_size: int = 100, max_items: int | None = None
) -> Pager[UrlListPage, UrlList]:
    """Every URL list of the organization, newest first, following cursors lazily.

    Args:
        page_size: Lists per request, 1-100 (default 100).
        max_items: Stop after this many lists (default: all of them).

    Raises:
        InvalidRequestError: An argument is invalid (raised by this call itself).
        OctogenAPIError: A page failed; iteration stops there.
    """
    first = operations.LIST_URL_LISTS.call({"limit": check_page_size(page_size, "page_size")})
    return Pager(first, check_max_items(max_items))


def get(url_list_id: str) -> ApiCall[UrlList]:
    """One URL list (`GET /coverage/url-lists/{urlListId}`).

    Args:
        url_list_id: The list's `url_list_id`.

    Raises:
        InvalidRequestError: `url_list_id` is empty (nothing was sent).
        OctogenNotFoundError: `url_list_not_found`: no such list in your organization.
        OctogenAPIError: Any other error status.
    """
    return operations.GET_URL_LIST.call(locals())


def delete(url_list_id: str) -> ApiCall[UrlList]:
    """Delete a URL list (`DELETE /coverage/url-lists/{urlListId}`): permanent, no undo.

    The list turns `delete_pending` while its BigQuery listing and URLs are removed,
    then vanishes; its name and its slot among the 5 are free at once. Repeating it
    while teardown runs answers the same list.

    Args:
        url_list_id: The list's `url_list_id`.

    Returns:
        The list, in status `delete_pending`.

    Raises:
        InvalidRequestError: `url_list_id` is empty (nothing was sent).
        OctogenNotFoundError: `url_list_not_found` (also once teardown has finished).
        OctogenAPIError: Any other error status.
    """
    return operations.DELETE_URL_LIST.call(locals())


def add_urls(url_list_id: str, urls: Iterable[str]) -> Batched[UrlChangeResult, UrlChangeResult]:
    """Add URLs to a list (`POST .../urls`, in batches of at most 1,000).

    URLs are normalized (scheme and host lower-cased; fragment, trailing slash and
    tracking parameters dropped), so variants of one page are one member; adding a
    member again is accepted and changes nothing. A URL the API cannot normalize lands
    in `rejected` (`invalid_url`); the rest still go in.

    Args:
        url_list_id: The list's `url_list_id`.
        urls: Any iterable of URL strings: a list, a set, a generator, an open file
            (strip the newlines). It is read one batch at a time.

    Returns:
        Every batch merged in input order; `url_count` is the list's size after the
        last batch.

    Raises:
        InvalidRequestError: `urls` is empty or not strings, or a URL is longer than
            2,048 characters. The first batch is checked before anything is sent, each
            later one before it is sent.
        OctogenAPIError: A batch failed (`url_list_not_found`, 409 `url_list_deleting`,
            `list_url_capacity_exceeded`: over 100,000 members, ...). The batches before
            it stand, the rest were not sent; the call is safe to run again whole.
    """
    return Batched(url_batches(operations.ADD_URL_LIST_URLS, url_list_id, urls), _merge_changes)


def remove_urls(url_list_id: str, urls: Iterable[str]) -> Batched[UrlChangeResult, UrlChangeResult]:
    """Remove URLs from a list (`POST .../urls/remove`, in batches of at most 1,000).

    Any variant that normalizes to a member removes it; removing a non-member is
    accepted and changes nothing.

    Args:
        url_list_id: The list's `url_list_id`.
        urls: Any iterable of URL strings, read one batch at a time.

    Returns:
        Every batch merged in input order; `url_count` is the size after the last one.

    Raises:
        InvalidRequestError: As for `add_urls`.
        OctogenAPIError: A batch failed (`url_list_not_found`, `url_list_deleting`, ...);
            the batches before it stand.
    """
    return Batched(url_batches(operations.REMOVE_URL_LIST_URLS, url_list_id, urls), _merge_changes)


def check_urls(
    url_list_id: str, urls: Iterable[str]
) -> Batched[list[UrlMembership], list[UrlMembership]]:
    """Whether each URL is a member of the list (`POST .../urls/contains`, in batches
    of at most 1,000). Membership only: whether Octogen covers a URL is in BigQuery.

    Args:
        url_list_id: The list's `url_list_id`.
        urls: Any iterable of URL strings, read one batch at a time.

    Returns:
        One `UrlMembership` per URL, in input order.

    Raises:
        InvalidRequestError: As for `add_urls`.
        OctogenAPIError: A batch failed; nothing is returned.
    """
    return Batched(
        url_batches(operations.CHECK_URL_LIST_URLS, url_list_id, urls), _merge_memberships
    )


def list_urls(
    url_list_id: str, *, cursor: str | None = None, limit: int = 50
) -> ApiCall[UrlListUrlsPage]:
    """One page of a list's members, in the order they were added
    (`GET .../urls`).

    Args:
        url_list_id: The list's `url_list_id`.
        cursor: `page.next_cursor` of the previous page (send the same `limit`).
        limit: Members per page, 1-100 (default 50).

    Raises:
        InvalidRequestError: An argument is invalid (nothing was sent).
        OctogenBadRequestError: `invalid_cursor`: start again without a cursor.
        OctogenNotFoundError: `url_list_not_found`.
        OctogenAPIError: Any other error status.
    """
    return operations.LIST_URL_LIST_URLS.call(locals())


def iter_urls(
    url_list_id: str, *, page_size: int = 100, max_items: int | None = None
) -> Pager[UrlListUrlsPage, UrlListEntry]:
    """Every member of a list, in the order they were added, following cursors lazily.

    Args:
        url_list_id: The list's `url_list_id`.
        page_size: Members per request, 1-100 (default 100).
        max_items: Stop after this many members (default: all of them).

    Raises:
        InvalidRequestError: An argument is invalid (raised by this call itself).
        OctogenAPIError: A page failed; iteration stops there.
    """
    arguments: dict[str, Any] = {
        "url_list_id": url_list_id,
        "limit": check_page_size(page_size, "page_size"),
    }
    return Pager(operations.LIST_URL_LIST_URLS.call(arguments), check_max_items(max_items))


# --- the classes -------------------------------------------------------------------------


class UrlListsWithResponse(Resource):
    """`client.coverage.url_lists.with_response`: the same methods, returning
    `APIResponse[T]` (a batched call's merged result in its last batch's response)."""

    create = returns_response(create)
    list = returns_response(list_url_lists)
    iter = iterates_pages(iter_url_lists)
    get = returns_response(get)
    delete = returns_response(delete)
    add_urls = sends_batches_with_response(add_urls)
    remove_urls = sends_batches_with_response(remove_urls)
    check_urls = sends_batches_with_response(check_urls)
    list_urls = returns_response(list_urls)
    iter_urls = iterates_pages(iter_urls)


class UrlLists(Resource):
    """`client.coverage.url_lists`: create URL lists and keep their members.

    ```python
    url_list = client.coverage.url_lists.create("q3-campaign")
    with open("urls.txt") as lines:
        client.coverage.url_lists.add_urls(url_list.url_list_id, (l.strip() for l in lines))
    ```
    """

    create = returns_data(create)
    list = returns_data(list_url_lists)
    iter = iterates_items(iter_url_lists)
    get = returns_data(get)
    delete = returns_data(delete)
    add_urls = sends_batches(add_urls)
    remove_urls = sends_batches(remove_urls)
    check_urls = sends_batches(check_urls)
    list_urls = returns_data(list_urls)
    iter_urls = iterates_items(iter_urls)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = UrlListsWithResponse(transport)


class AsyncUrlListsWithResponse(Resource):
    """`aclient.coverage.url_lists.with_response`: the same methods, returning
    `APIResponse[T]`."""

    create = awaits_response(create)
    list = awaits_response(list_url_lists)
    iter = async_iterates_pages(iter_url_lists)
    get = awaits_response(get)
    delete = awaits_response(delete)
    add_urls = awaits_batches_with_response(add_urls)
    remove_urls = awaits_batches_with_response(remove_urls)
    check_urls = awaits_batches_with_response(check_urls)
    list_urls = awaits_response(list_urls)
    iter_urls = async_iterates_pages(iter_urls)


class AsyncUrlLists(Resource):
    """`aclient.coverage.url_lists`: create URL lists and keep their members, awaited
    (`async for` for `iter` and `iter_urls`); arguments, results and errors as
    `UrlLists`."""

    create = awaits_data(create)
    list = awaits_data(list_url_lists)
    iter = async_iterates_items(iter_url_lists)
    get = awaits_data(get)
    delete = awaits_data(delete)
    add_urls = awaits_batches(add_urls)
    remove_urls = awaits_batches(remove_urls)
    check_urls = awaits_batches(check_urls)
    list_urls = awaits_data(list_urls)
    iter_urls = async_iterates_items(iter_urls)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = AsyncUrlListsWithResponse(transport)


class Coverage:
    """`client.coverage`: what Octogen covers of your URLs. Holds `url_lists`."""

    def __init__(self, transport: object) -> None:
        self.url_lists = UrlLists(transport)
        """Named lists of product URLs, exported daily to BigQuery with their coverage."""


class AsyncCoverage:
    """`aclient.coverage`: what Octogen covers of your URLs. Holds `url_lists`."""

    def __init__(self, transport: object) -> None:
        self.url_lists = AsyncUrlLists(transport)
        """Named lists of product URLs, exported daily to BigQuery with their coverage."""
