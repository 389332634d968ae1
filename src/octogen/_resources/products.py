"""`client.products` (sync and async): search across catalogs, and look a product up by
its page URL.

Arguments are checked by the core (`_core.calls`) when a method is called, before
anything is sent; the classes here only hand the call to their transport.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import TYPE_CHECKING

from .._core.calls import SearchPager, lookup_call, search_call, search_pager
from .._models.lookup import LookupResult
from .._models.product import ProductSummary
from .._models.search import ProductPage
from .._response import APIResponse
from .sender import AsyncSender, Sender

if TYPE_CHECKING:
    from typing import Unpack

    from .._core.calls import IterSearchOptions, LookupOptions, SearchOptions


class ProductsWithResponse:
    """`client.products.with_response`: the same methods, returning `APIResponse[T]`
    (for `iter_search`, one `APIResponse[ProductPage]` per page)."""

    def __init__(self, transport: Sender) -> None:
        self._transport = transport

    def search(
        self, q: str | None = None, **options: Unpack[SearchOptions]
    ) -> APIResponse[ProductPage]:
        """Like `client.products.search(...)`, with the HTTP exchange around the page."""
        return self._transport.send(search_call(q, options))

    def iter_search(
        self, q: str | None = None, **options: Unpack[IterSearchOptions]
    ) -> Iterator[APIResponse[ProductPage]]:
        """Like `client.products.iter_search(...)`, but yields each page's response (the
        last page's items cut to `max_items`). Arguments are checked at the call."""
        return self._iter_pages(search_pager(q, options))

    def _iter_pages(self, pager: SearchPager) -> Iterator[APIResponse[ProductPage]]:
        while (call := pager.next_call()) is not None:
            yield pager.take_response(self._transport.send(call))

    def lookup(self, url: str, **options: Unpack[LookupOptions]) -> APIResponse[LookupResult]:
        """Like `client.products.lookup(...)`, with the HTTP exchange around the result."""
        return self._transport.send(lookup_call(url, options))


class Products:
    """`client.products`: search across catalogs and look products up by URL."""

    def __init__(self, transport: Sender) -> None:
        self.with_response = ProductsWithResponse(transport)

    def search(self, q: str | None = None, **options: Unpack[SearchOptions]) -> ProductPage:
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
            InvalidRequestError: An argument is invalid or unknown (nothing was sent).
            OctogenNotFoundError: `catalog` does not exist.
            OctogenAPIError: Any other error status.
        """
        return self.with_response.search(q, **options).data

    def iter_search(
        self, q: str | None = None, **options: Unpack[IterSearchOptions]
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
        pages = self.with_response.iter_search(q, **options)
        return (item for response in pages for item in response.data.items)

    def lookup(self, url: str, **options: Unpack[LookupOptions]) -> LookupResult:
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
        return self.with_response.lookup(url, **options).data


class AsyncProductsWithResponse:
    """`aclient.products.with_response`: the same methods, returning `APIResponse[T]`."""

    def __init__(self, transport: AsyncSender) -> None:
        self._transport = transport

    async def search(
        self, q: str | None = None, **options: Unpack[SearchOptions]
    ) -> APIResponse[ProductPage]:
        """Like `await aclient.products.search(...)`, with the HTTP exchange around it."""
        return await self._transport.send(search_call(q, options))

    def iter_search(
        self, q: str | None = None, **options: Unpack[IterSearchOptions]
    ) -> AsyncIterator[APIResponse[ProductPage]]:
        """Like `aclient.products.iter_search(...)`, but yields each page's response.
        Arguments are checked at the call, before the first `async for` step."""
        return self._iter_pages(search_pager(q, options))

    async def _iter_pages(self, pager: SearchPager) -> AsyncIterator[APIResponse[ProductPage]]:
        while (call := pager.next_call()) is not None:
            yield pager.take_response(await self._transport.send(call))

    async def lookup(self, url: str, **options: Unpack[LookupOptions]) -> APIResponse[LookupResult]:
        """Like `await aclient.products.lookup(...)`, with the HTTP exchange around it."""
        return await self._transport.send(lookup_call(url, options))


class AsyncProducts:
    """`aclient.products`: search across catalogs and look products up by URL, awaited.

    The arguments, results and errors are those of the sync `Products` methods.
    """

    def __init__(self, transport: AsyncSender) -> None:
        self.with_response = AsyncProductsWithResponse(transport)

    async def search(self, q: str | None = None, **options: Unpack[SearchOptions]) -> ProductPage:
        """Search products (`POST /products/search`); one page of results.

        Arguments (`catalog`, `facets`, `price_min`, `price_max`, `cursor`, `limit`),
        result and errors as for `Client.products.search`.
        """
        return (await self.with_response.search(q, **options)).data

    def iter_search(
        self, q: str | None = None, **options: Unpack[IterSearchOptions]
    ) -> AsyncIterator[ProductSummary]:
        """Every product matching a search, following cursors lazily: `async for`.

        Arguments (`page_size`, `max_items`, and the filters of `search`) are checked at
        the call; a page that fails raises where iteration reached it.
        """
        return self._items(self.with_response.iter_search(q, **options))

    @staticmethod
    async def _items(
        pages: AsyncIterator[APIResponse[ProductPage]],
    ) -> AsyncIterator[ProductSummary]:
        async for response in pages:
            for item in response.data.items:
                yield item

    async def lookup(self, url: str, **options: Unpack[LookupOptions]) -> LookupResult:
        """Find a product by its page URL (`POST /products/lookup`).

        Arguments (`resolution_mode`, `cache_policy`), result and errors as for
        `Client.products.lookup`.
        """
        return (await self.with_response.lookup(url, **options)).data
