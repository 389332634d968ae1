"""`client.products` (sync and async): search across catalogs, and look a product up by
its page URL.

Each operation is written once below as a builder with the method's signature and
docstring (arguments are checked there, before anything is sent); the four classes at
the end make the plain and `with_response` methods of both clients from it.
"""

from __future__ import annotations

from .._core import operations
from .._core.calls import ApiCall, Pager
from .._core.operations import DEFAULT_LIMIT
from .._core.params import FacetsArgument, check_max_items, check_page_size
from .._models.lookup import LookupResult
from .._models.product import ProductSummary
from .._models.search import ProductPage
from .bulk import AsyncBulkLookups, BulkLookups
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

__all__ = ["AsyncProducts", "AsyncProductsWithResponse", "Products", "ProductsWithResponse"]


def search(
    q: str | None = None,
    *,
    catalog: str | None = None,
    facets: FacetsArgument | None = None,
    price_min: float | None = None,
    price_max: float | None = None,
    cursor: str | None = None,
    limit: int = DEFAULT_LIMIT,
) -> ApiCall[ProductPage]:
    """Search products (`POST /products/search`); one page of results.

    Args:
        q: Free-text query. None searches without one (filters only).
        catalog: A catalog key (`catalog_key` of any result). None searches every
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
    return operations.SEARCH_PRODUCTS.call(locals())


def iter_search(
    q: str | None = None,
    *,
    catalog: str | None = None,
    facets: FacetsArgument | None = None,
    price_min: float | None = None,
    price_max: float | None = None,
    page_size: int = 100,
    max_items: int | None = None,
) -> Pager[ProductPage, ProductSummary]:
    """Every product matching a search, following cursors lazily.

    Holds one page in memory at a time and fetches the next page only when the current
    one is used up; stops at the last page, at an empty page, or at `max_items`.
    Arguments are checked at the call, before the first page is asked for.

    Args:
        q, catalog, facets, price_min, price_max: As for `search`.
        page_size: Products per request, 1-100 (default 100).
        max_items: Stop after this many products (default: all of them).

    Raises:
        InvalidRequestError: An argument is invalid (raised by this call itself).
        OctogenAPIError: A page failed; iteration stops there, nothing is skipped.
    """
    arguments = {**locals(), "limit": check_page_size(page_size, "page_size")}
    first = operations.SEARCH_PRODUCTS.call(arguments)
    return Pager(first, check_max_items(max_items))


def lookup(
    url: str,
    *,
    resolution_mode: operations.ResolutionMode | None = None,
    cache_policy: operations.CachePolicy | None = None,
) -> ApiCall[LookupResult]:
    """Find a product by its page URL (`POST /products/lookup`).

    Args:
        url: The product page's absolute http(s) URL.
        resolution_mode: `"auto"` (the API's default: the index, then the page itself on
            a miss), `"index_only"` or `"on_demand_only"`.
        cache_policy: `"prefer_cache"` (the API's default) or `"refresh"` to read the
            page again; not with `"index_only"`.

    Returns:
        The result: `source` (`"indexed"` or `"on_demand"`), `product`, and how the URL
        was resolved.

    Raises:
        InvalidRequestError: An argument is invalid (nothing was sent).
        OctogenNotFoundError: No product at that URL (`product_not_found`).
        OctogenValidationError: The API refused the URL (`invalid_product_url`,
            `unsafe_url`).
        OctogenAPIError: Any other error status.
    """
    return operations.LOOKUP_PRODUCT.call(locals())


class ProductsWithResponse(Resource):
    """`client.products.with_response`: the same methods, returning `APIResponse[T]`
    (for `iter_search`, one `APIResponse[ProductPage]` per page, the last page's items
    cut to `max_items`)."""

    search = returns_response(search)
    iter_search = iterates_pages(iter_search)
    lookup = returns_response(lookup)


class Products(BulkLookups):
    """`client.products`: search across catalogs and look products up by URL."""

    search = returns_data(search)
    iter_search = iterates_items(iter_search)
    lookup = returns_data(lookup)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = ProductsWithResponse(transport)


class AsyncProductsWithResponse(Resource):
    """`aclient.products.with_response`: the same methods, returning `APIResponse[T]`."""

    search = awaits_response(search)
    iter_search = async_iterates_pages(iter_search)
    lookup = awaits_response(lookup)


class AsyncProducts(AsyncBulkLookups):
    """`aclient.products`: search across catalogs and look products up by URL, awaited
    (`async for` for `iter_search`); arguments, results and errors as `Products`."""

    search = awaits_data(search)
    iter_search = async_iterates_items(iter_search)
    lookup = awaits_data(lookup)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = AsyncProductsWithResponse(transport)
