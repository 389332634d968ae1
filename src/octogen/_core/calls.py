"""The operation table: one `ApiCall` per endpoint, built from checked arguments.

An `ApiCall` is a complete description of one logical call (method, path, body, how to
read the answer). Nothing is sent when it is built: both clients hand it to their
transport, which is why argument errors always come before any I/O.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Generic, Literal, TypedDict, TypeVar

import attrs

from .. import _wire
from .._errors import InvalidRequestError, OctogenResponseError
from .._models.catalog import Catalog
from .._models.lookup import LookupResult
from .._models.product import ProductSummary
from .._models.search import ProductPage
from .._response import APIResponse
from .._types import JSONObject, JSONValue
from . import params
from .params import FacetsArgument

T = TypeVar("T")

ResolutionMode = Literal["auto", "index_only", "on_demand_only"]
CachePolicy = Literal["prefer_cache", "refresh"]
RESOLUTION_MODES: tuple[str, ...] = ("auto", "index_only", "on_demand_only")
CACHE_POLICIES: tuple[str, ...] = ("prefer_cache", "refresh")
DEFAULT_LIMIT = 50  # products per `search` page when the caller gives no `limit`


class SearchFilters(TypedDict, total=False):
    """What narrows a search, for `products.search` and `products.iter_search` alike."""

    catalog: str | None
    facets: FacetsArgument | None
    price_min: float | None
    price_max: float | None


class SearchOptions(SearchFilters, total=False):
    """The keyword arguments of `products.search` (documented there)."""

    cursor: str | None
    limit: int


class IterSearchOptions(SearchFilters, total=False):
    """The keyword arguments of `products.iter_search` (documented there)."""

    page_size: int
    max_items: int | None


class LookupOptions(TypedDict, total=False):
    """The keyword arguments of `products.lookup` (documented there)."""

    resolution_mode: ResolutionMode | None
    cache_policy: CachePolicy | None


def _check_option_names(options: Mapping[str, object], accepted: type) -> None:
    """Refuse a keyword the method does not take, suggesting the nearest one."""
    names = accepted.__annotations__
    params.check_no_unexpected(
        {name: value for name, value in options.items() if name not in names}, names
    )


@attrs.frozen(kw_only=True)
class ApiCall(Generic[T]):
    """One logical API call, ready to send.

    Attributes:
        operation: The contract's operation name (`searchProducts`), for logs and hooks.
        method: The HTTP method.
        path: The path under the base URL, e.g. `/products/search`.
        body: The JSON request body, or None.
        parse: Turns the decoded JSON of a 2xx response into the typed result.
        error_hints: Words added to the error message for some statuses.
    """

    operation: str
    method: str
    path: str
    body: JSONObject | None
    parse: Callable[[JSONValue], T] = attrs.field(repr=False)
    error_hints: dict[int, str] = attrs.field(factory=dict, repr=False)


def _parse_catalogs(data: JSONValue) -> list[Catalog]:
    return _wire.build_list(Catalog, data)


def _parse_page(data: JSONValue) -> ProductPage:
    return _wire.build(ProductPage, data)


def _parse_lookup(data: JSONValue) -> LookupResult:
    return _wire.build(LookupResult, data)


def build_list_catalogs_call() -> ApiCall[list[Catalog]]:
    """`GET /catalogs`."""
    return ApiCall(
        operation="listCatalogs",
        method="GET",
        path="/catalogs",
        body=None,
        parse=_parse_catalogs,
        # CONTRACT.md "The API moves": listing is retired for some organizations.
        error_hints=dict.fromkeys((404, 410), "catalog listing is not available to this key"),
    )


def build_search_call(
    q: object,
    *,
    catalog: object,
    facets: object,
    price_min: object,
    price_max: object,
    cursor: object,
    limit: object,
    limit_name: str = "limit",
) -> ApiCall[ProductPage]:
    """`POST /products/search`, with unset fields left out of the body (never null)."""
    low, high = params.check_price_range(price_min, price_max)
    body: dict[str, Any] = {
        "catalog": params.check_text(catalog, "catalog"),
        "q": params.check_query(q),
        "facets": params.build_facets(facets),
        "price_min": low,
        "price_max": high,
        "cursor": params.check_text(cursor, "cursor"),
        "limit": params.check_page_size(limit, limit_name),
    }
    return ApiCall(
        operation="searchProducts",
        method="POST",
        path="/products/search",
        body={key: value for key, value in body.items() if value is not None},
        parse=_parse_page,
    )


def _search_with_filters(
    q: object, options: Mapping[str, object], *, cursor: object, limit: object, limit_name: str
) -> ApiCall[ProductPage]:
    """`build_search_call` with the filters `search` and `iter_search` share, from `options`."""
    return build_search_call(
        q,
        catalog=options.get("catalog"),
        facets=options.get("facets"),
        price_min=options.get("price_min"),
        price_max=options.get("price_max"),
        cursor=cursor,
        limit=limit,
        limit_name=limit_name,
    )


def search_call(q: object, options: Mapping[str, object]) -> ApiCall[ProductPage]:
    """The call of `products.search(q, **options)`, every argument checked."""
    _check_option_names(options, SearchOptions)
    return _search_with_filters(
        q,
        options,
        cursor=options.get("cursor"),
        limit=options.get("limit", DEFAULT_LIMIT),
        limit_name="limit",
    )


def search_pager(q: object, options: Mapping[str, object]) -> SearchPager:
    """The pager of `products.iter_search(q, **options)`, every argument checked."""
    _check_option_names(options, IterSearchOptions)
    first = _search_with_filters(
        q, options, cursor=None, limit=options.get("page_size", 100), limit_name="page_size"
    )
    return SearchPager(first, params.check_max_items(options.get("max_items")))


def lookup_call(url: object, options: Mapping[str, object]) -> ApiCall[LookupResult]:
    """The call of `products.lookup(url, **options)`, every argument checked."""
    _check_option_names(options, LookupOptions)
    return build_lookup_call(
        url,
        resolution_mode=options.get("resolution_mode"),
        cache_policy=options.get("cache_policy"),
    )


def build_lookup_call(
    url: object, *, resolution_mode: object, cache_policy: object
) -> ApiCall[LookupResult]:
    """`POST /products/lookup`; the two options are sent only when given."""
    checked_url = params.check_url(url)
    mode = params.check_choice(resolution_mode, "resolution_mode", RESOLUTION_MODES)
    policy = params.check_choice(cache_policy, "cache_policy", CACHE_POLICIES)
    if mode == "index_only" and policy == "refresh":
        raise InvalidRequestError(
            "`cache_policy` 'refresh' does not apply to `resolution_mode` 'index_only' "
            "(an index-only lookup never fetches the page)",
            argument="cache_policy",
        )
    body: JSONObject = {"url": checked_url}
    if mode is not None:
        body["resolutionMode"] = mode
    if policy is not None:
        body["onDemandCachePolicy"] = policy
    return ApiCall(
        operation="lookupProduct",
        method="POST",
        path="/products/lookup",
        body=body,
        parse=_parse_lookup,
    )


class SearchPager:
    """Follows search cursors for `iter_search`, for both clients.

    Asks for one page at a time (`next_call`), hands back the items to yield (`take`),
    stops at `max_items`, and refuses a cursor seen before rather than loop forever.
    """

    def __init__(self, first_call: ApiCall[ProductPage], max_items: int | None) -> None:
        self._next: ApiCall[ProductPage] | None = first_call
        self._remaining = max_items
        self._seen_cursors: set[str] = set()
        if max_items == 0:
            self._next = None

    def next_call(self) -> ApiCall[ProductPage] | None:
        """The call for the next page, or None when iteration is over."""
        return self._next

    def take(self, page: ProductPage) -> list[ProductSummary]:
        """The items of `page` to yield; prepares the call for the page after it."""
        items = page.items
        if self._remaining is not None:
            items = items[: self._remaining]
            self._remaining -= len(items)
        cursor = page.next_cursor
        if cursor is None or self._remaining == 0 or self._next is None:
            self._next = None
        elif cursor in self._seen_cursors:
            raise OctogenResponseError(
                f"the API returned cursor {cursor[:40]!r} a second time; stopping "
                "iteration rather than repeating pages"
            )
        else:
            self._seen_cursors.add(cursor)
            body = dict(self._next.body or {})
            body["cursor"] = cursor
            self._next = attrs.evolve(self._next, body=body)
        return items

    def take_response(self, response: APIResponse[ProductPage]) -> APIResponse[ProductPage]:
        """`take` for a page's response: the same response, its items cut to `max_items`."""
        items = self.take(response.data)
        if len(items) < len(response.data.items):
            response = attrs.evolve(response, data=attrs.evolve(response.data, items=items))
        return response
