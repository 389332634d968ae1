"""`client.products`: search across catalogs, and look a product up by its page URL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Never

import attrs

from .._core import params
from .._core.calls import (
    CachePolicy,
    ResolutionMode,
    SearchPager,
    build_lookup_call,
    build_search_call,
)
from .._core.params import FacetsArgument
from .._models.lookup import LookupResult
from .._models.product import ProductSummary
from .._models.search import ProductPage
from .._response import APIResponse
from .sender import Sender

_SEARCH_ARGUMENTS = ("q", "catalog", "facets", "price_min", "price_max", "cursor", "limit")
_ITER_SEARCH_ARGUMENTS = (
    "q", "catalog", "facets", "price_min", "price_max", "page_size", "max_items",
)  # fmt: skip
_LOOKUP_ARGUMENTS = ("url", "resolution_mode", "cache_policy")


class ProductsWithResponse:
    """`client.products.with_response`: the same methods, returning `APIResponse[T]`
    (for `iter_search`, one `APIResponse[ProductPage]` per page)."""

    def __init__(self, transport: Sender) -> None:
        self._transport = transport

    def search(
        self,
        q: str | None = None,
        *,
        catalog: str | None = None,
        facets: FacetsArgument | None = None,
        price_min: float | None = None,
        price_max: float | None = None,
        cursor: str | None = None,
        limit: int = 50,
        **unexpected: Never,
    ) -> APIResponse[ProductPage]:
        """Like `client.products.search(...)`, with the HTTP exchange around the page."""
        params.check_no_unexpected(unexpected, _SEARCH_ARGUMENTS)
        call = build_search_call(
            q,
            catalog=catalog,
            facets=facets,
            price_min=price_min,
            price_max=price_max,
            cursor=cursor,
            limit=limit,
        )
        return self._transport.send(call)

    def iter_search(
        self,
        q: str | None = None,
        *,
        catalog: str | None = None,
        facets: FacetsArgument | None = None,
        price_min: float | None = None,
        price_max: float | None = None,
        page_size: int = 100,
        max_items: int | None = None,
        **unexpected: Never,
    ) -> Iterator[APIResponse[ProductPage]]:
        """Like `client.products.iter_search(...)`, but yields each page's response (the
        last page's items cut to `max_items`). Arguments are checked at the call."""
        params.check_no_unexpected(unexpected, _ITER_SEARCH_ARGUMENTS)
        first = build_search_call(
            q,
            catalog=catalog,
            facets=facets,
            price_min=price_min,
            price_max=price_max,
            cursor=None,
            limit=page_size,
            limit_name="page_size",
        )
        return self._iter_pages(SearchPager(first, params.check_max_items(max_items)))

    def _iter_pages(self, pager: SearchPager) -> Iterator[APIResponse[ProductPage]]:
        while (call := pager.next_call()) is not None:
            response = self._transport.send(call)
            items = pager.take(response.data)
            if len(items) < len(response.data.items):
                response = attrs.evolve(response, data=attrs.evolve(response.data, items=items))
            yield response

    def lookup(
        self,
        url: str,
        *,
        resolution_mode: ResolutionMode | None = None,
        cache_policy: CachePolicy | None = None,
        **unexpected: Never,
    ) -> APIResponse[LookupResult]:
        """Like `client.products.lookup(...)`, with the HTTP exchange around the result."""
        params.check_no_unexpected(unexpected, _LOOKUP_ARGUMENTS)
        call = build_lookup_call(url, resolution_mode=resolution_mode, cache_policy=cache_policy)
        return self._transport.send(call)


class Products:
    """`client.products`: search across catalogs and look products up by URL."""

    def __init__(self, transport: Sender) -> None:
        self.with_response = ProductsWithResponse(transport)

    def search(
        self,
        q: str | None = None,
        *,
        catalog: str | None = None,
        facets: FacetsArgument | None = None,
        price_min: float | None = None,
        price_max: float | None = None,
        cursor: str | None = None,
        limit: int = 50,
        **unexpected: Never,
    ) -> ProductPage:
        """Search products (`POST /products/search`); one page of results.

        Args:
            q: Free-text query. None searches without one (filters only).
            catalog: A catalog key from `client.catalogs.list()`. None searches every
                catalog available to your key.
            facets: Filters, ANDed across names and ORed within values. Any of:
                `[Facet(name="gender", values=["female"])]`,
                `[{"name": "gender", "values": ["female"]}]`, or
                `{"gender": "female", "color_family": ["Blue", "Green"]}`.
                Names are `FacetName` members or dynamic attribute names.
            price_min: Lowest `current_price`, inclusive.
            price_max: Highest `current_price`, inclusive.
            cursor: `page.next_cursor` of the previous page; send the same filters.
            limit: Products per page, 1-100 (default 50).

        Returns:
            The page: `items`, and `next_cursor` (None on the last page).

        Raises:
            InvalidRequestError: An argument is invalid (nothing was sent).
            OctogenNotFoundError: `catalog` does not exist.
            OctogenAPIError: Any other error status.
        """
        return self.with_response.search(
            q,
            catalog=catalog,
            facets=facets,
            price_min=price_min,
            price_max=price_max,
            cursor=cursor,
            limit=limit,
            **unexpected,
        ).data

    def iter_search(
        self,
        q: str | None = None,
        *,
        catalog: str | None = None,
        facets: FacetsArgument | None = None,
        price_min: float | None = None,
        price_max: float | None = None,
        page_size: int = 100,
        max_items: int | None = None,
        **unexpected: Never,
    ) -> Iterator[ProductSummary]:
        """Every product matching a search, following cursors lazily.

        Holds one page in memory at a time and fetches the next page only when the
        current one is used up. Arguments are checked here, before the first page.

        Args:
            q, catalog, facets, price_min, price_max: As for `search`.
            page_size: Products per request, 1-100 (default 100).
            max_items: Stop after this many products (default: all of them).

        Raises:
            InvalidRequestError: An argument is invalid (raised by this call itself).
            OctogenAPIError: A page failed; iteration stops there, nothing is skipped.
        """
        pages = self.with_response.iter_search(
            q,
            catalog=catalog,
            facets=facets,
            price_min=price_min,
            price_max=price_max,
            page_size=page_size,
            max_items=max_items,
            **unexpected,
        )
        return (item for response in pages for item in response.data.items)

    def lookup(
        self,
        url: str,
        *,
        resolution_mode: ResolutionMode | None = None,
        cache_policy: CachePolicy | None = None,
        **unexpected: Never,
    ) -> LookupResult:
        """Find a product by its page URL (`POST /products/lookup`).

        Args:
            url: The product page's absolute http(s) URL.
            resolution_mode: `"auto"` (the API's default: the index, then the page
                itself on a miss), `"index_only"` or `"on_demand_only"`.
            cache_policy: `"prefer_cache"` (the API's default) or `"refresh"` to read
                the page again; not with `"index_only"`.

        Returns:
            The result: `source` (`"indexed"` or `"on_demand"`), `product`, and how
            the URL was resolved.

        Raises:
            InvalidRequestError: An argument is invalid (nothing was sent).
            OctogenNotFoundError: No product at that URL (`product_not_found`).
            OctogenValidationError: The API refused the URL (`invalid_product_url`,
                `unsafe_url`).
            OctogenAPIError: Any other error status.
        """
        return self.with_response.lookup(
            url, resolution_mode=resolution_mode, cache_policy=cache_policy, **unexpected
        ).data
