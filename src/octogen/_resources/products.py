"""`client.products` (sync and async): search across catalogs, look a product up by its
page URL, find similar products, schedule refreshes, and read a product out of HTML.

Each operation is written once below as a builder with the method's signature and
docstring (arguments are checked there, before anything is sent); the four classes at
the end make the plain and `with_response` methods of both clients from it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator

import attrs

import octogen  # hints name the answers as `octogen.LookupResult`, ...: they load with first use

from .._core import operations
from .._core.calls import ApiCall, Batched, Pager
from .._core.operations import (
    DEFAULT_LIMIT,
    IMAGE_READ_TIMEOUT,
    MAX_REFRESH_BATCH,
    MLT_DEFAULT_LIMIT,
    EmbeddingColumn,
    PricePreference,
)
from .._core.params import FacetsArgument, check_max_items, check_page_size, check_url
from .._errors import InvalidRequestError
from .._models.product import ProductSummary
from .._models.search import ProductPage
from .._response import APIResponse
from .._types import JSONObject
from .bulk import AsyncBulkLookups, BulkLookups
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
) -> ApiCall[octogen.LookupResult]:
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


def more_like_this(
    url: str | None = None,
    *,
    uuid: str | None = None,
    image_url: str | None = None,
    image: bytes | None = None,
    catalogs: Iterable[str] | None = None,
    include_facets: FacetsArgument | None = None,
    exclude_facets: FacetsArgument | None = None,
    price_preference: PricePreference | None = None,
    retrieval_embedding_columns: Iterable[EmbeddingColumn] | None = None,
    ranking_embedding_columns: Iterable[EmbeddingColumn] | None = None,
    cursor: str | None = None,
    limit: int = MLT_DEFAULT_LIMIT,
    debug: bool = False,
) -> ApiCall[octogen.SimilarProductsPage]:
    """Products similar to a product or an image (`POST /products/more-like-this`); one
    page. The source itself is never among the results.

    Give exactly one source: `url`, `uuid`, `image_url` or `image`. An image the API has
    not seen in the last 24 hours takes up to ~11 s, so image calls wait at least 15 s
    for the answer whatever the client's `read_timeout`.

    Args:
        url: The source product's page URL.
        uuid: The source product's Octogen UUID.
        image_url: An https URL of an image, fetched by the API (redirects not followed).
        image: The image's bytes, at most 8 MB (about 1024 px JPEG is plenty).
        catalogs: Look for results in these catalogs only (1-100 keys; the source may
            be elsewhere). None: every catalog your key can search.
        include_facets: Filters the results must match, in the forms `search` takes.
        exclude_facets: Filters the results must not match.
        price_preference: `"lower"`, `"any"` (the API's default) or `"higher"` than the
            source's price; image sources take only `"any"`.
        retrieval_embedding_columns: Which embeddings find candidates: any of
            `"embedding"`, `"style_embedding"`, `"tags_embedding"`,
            `"attributes_embedding"` (default: the API's choice).
        ranking_embedding_columns: Which embeddings rank them (default `"embedding"`).
        cursor: `page.next_cursor` of the previous page; send the same other arguments.
        limit: Products per page, 1-100 (default 12).
        debug: Ask for `effective_query`, the search the API ran.

    Returns:
        The page: `items`, `next_cursor`, and `source` (for URL and UUID sources) or
        `source_image_hash` and `resolution` (for image sources).

    Raises:
        InvalidRequestError: An argument is invalid (nothing was sent).
        OctogenNotFoundError: The source product is not visible to your key.
        OctogenPayloadTooLargeError: The image is larger than the API takes.
        OctogenAPIError: Any other error status.
    """
    arguments = _with_source(locals())
    call = operations.MORE_LIKE_THIS_PRODUCTS.call(arguments)
    return _with_image_timeout(call)


def iter_more_like_this(
    url: str | None = None,
    *,
    uuid: str | None = None,
    image_url: str | None = None,
    image: bytes | None = None,
    catalogs: Iterable[str] | None = None,
    include_facets: FacetsArgument | None = None,
    exclude_facets: FacetsArgument | None = None,
    price_preference: PricePreference | None = None,
    page_size: int = 100,
    max_items: int | None = None,
) -> Pager[octogen.SimilarProductsPage, ProductSummary]:
    """Every product similar to a source, following cursors lazily.

    Holds one page in memory at a time; stops at the last page, at an empty page, or at
    `max_items`. Arguments are checked at the call, before the first page is asked for.

    Args:
        url, uuid, image_url, image, catalogs, include_facets, exclude_facets,
            price_preference: As for `more_like_this`.
        page_size: Products per request, 1-100 (default 100).
        max_items: Stop after this many products (default: all of them).

    Raises:
        InvalidRequestError: An argument is invalid (raised by this call itself).
        OctogenAPIError: A page failed; iteration stops there, nothing is skipped.
    """
    arguments = _with_source(locals())
    arguments["limit"] = check_page_size(page_size, "page_size")
    first = _with_image_timeout(operations.MORE_LIKE_THIS_PRODUCTS.call(arguments))
    return Pager(first, check_max_items(max_items))


def _with_source(arguments: dict[str, object]) -> dict[str, object]:
    """The arguments with the four source arguments gathered under `source`."""
    source = {name: arguments.get(name) for name in operations.SOURCE_ARGUMENTS}
    return {**arguments, "source": source}


def _with_image_timeout(
    call: ApiCall[octogen.SimilarProductsPage],
) -> ApiCall[octogen.SimilarProductsPage]:
    source = call.body.get("source") if call.body is not None else None
    if isinstance(source, dict) and "image" in source:
        return call._replace(read_timeout_floor=IMAGE_READ_TIMEOUT)
    return call


def refresh(
    urls: Iterable[str] = (),
    *,
    uuids: Iterable[str] = (),
    catalog: str | None = None,
) -> Batched[octogen.RefreshResult, octogen.RefreshResult]:
    """Ask Octogen to re-read products ahead of schedule (`POST /products/refresh`).

    Changes (prices, stock, `is_active`) show up within a few hours. Any number of
    targets: they are sent in batches of at most 500, one batch at a time, and read
    lazily, so a generator over a large file is never held in memory whole. The URLs come
    first, then the UUIDs, and the result lists keep that order.

    A batch the API schedules nothing from (it answers 400 with the usual result) is not
    an error: its targets are in `rejected`, each with its `code`.

    Args:
        urls: Product page URLs. A URL held by several catalogs is rejected with
            `ambiguous_url` unless `catalog` is given.
        uuids: Octogen product UUIDs.
        catalog: Pin every target to this catalog key.

    Returns:
        The merged result: `accepted` and `rejected` targets, and `submitted`.

    Raises:
        InvalidRequestError: No target was given, or a target or `catalog` is invalid.
            Each batch is checked before it is sent: an invalid target in a later batch
            raises after the batches before it were sent (they stand).
        OctogenForbiddenError: Your key may not use `catalog` (`catalog_not_granted`).
        OctogenAPIError: Any other error status (the batches before it stand).
    """
    pinned = operations.optional_text(catalog, "catalog")
    targets = _refresh_targets(_iterable(urls, "urls"), _iterable(uuids, "uuids"), pinned)
    batches = _batches(targets, MAX_REFRESH_BATCH)
    first = next(batches, None)  # checked now, before anything is sent
    if first is None:
        raise InvalidRequestError(
            "give at least one product to refresh in `urls` or `uuids`", argument="urls"
        )
    calls = (
        operations.REFRESH_PRODUCTS.call({"targets": batch})
        for batch in itertools.chain([first], batches)
    )
    return Batched(calls, _merge_refresh)


def _iterable(value: object, name: str) -> Iterator[object]:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidRequestError(
            f"`{name}` must be a list (or any iterable) of strings, not "
            f"{type(value).__name__}; wrap a single one in a list",
            argument=name,
        )
    return iter(value)


def _refresh_targets(
    urls: Iterator[object], uuids: Iterator[object], catalog: str | None
) -> Iterator[JSONObject]:
    pin: JSONObject = {} if catalog is None else {"catalog": catalog}
    for url in urls:
        yield {**pin, "url": check_url(url, "urls")}
    for uuid in uuids:
        yield {**pin, "uuid": operations.required_path_id(uuid, "uuids")}


def _batches(targets: Iterator[JSONObject], size: int) -> Iterator[list[JSONObject]]:
    while batch := list(itertools.islice(targets, size)):
        yield batch


def _merge_refresh(
    so_far: octogen.RefreshResult | None, response: APIResponse[octogen.RefreshResult]
) -> octogen.RefreshResult:
    batch = response.data
    if so_far is None:
        return batch
    merged = octogen.RefreshResult(
        request_id=batch.request_id,
        submitted=so_far.submitted + batch.submitted,
        workflow_id=batch.workflow_id or so_far.workflow_id,
        workflow_error=so_far.workflow_error or batch.workflow_error,
        accepted=[*so_far.accepted, *batch.accepted],
        rejected=[*so_far.rejected, *batch.rejected],
    )
    return attrs.evolve(merged, raw=merged.to_dict())


def resolve_from_html(
    html: str | bytes, *, url: str | None = None
) -> ApiCall[octogen.LookupResult]:
    """Read a product out of a page's HTML you already have (`POST
    /products/resolve-from-html`): JSON-LD `Product` first, then Open Graph, then meta
    tags; no JavaScript runs and nothing is fetched or stored.

    Call it from your server, never a browser: the key must not ship to users.

    Args:
        html: The page's HTML (str, or UTF-8 bytes), non-empty, at most 5 MiB; the JSON
            request body must stay within 8 MiB. Both are checked before sending.
        url: The page's address when it was captured (recommended): it resolves
            relative image URLs, picks the right product on multi-product pages, and
            comes back as `requested_url`.

    Returns:
        The lookup envelope with `source == "client_html"`; `resolution` says which
        evidence was used and which fields were missing, `warnings` what was trimmed.

    Raises:
        InvalidRequestError: `html` is empty or too large, or `url` is invalid (nothing
            was sent).
        OctogenNotFoundError: No believable product markup, or no canonical URL when
            `url` was not given (`product_not_found`).
        OctogenRateLimitError: This endpoint's own limit (`product_resolution_rate_limited`;
            retried after `Retry-After`).
        OctogenServerError: `product_resolution_unavailable` (503) or
            `product_resolution_timed_out` (504), still after the retries.
        OctogenAPIError: Any other error status.
    """
    return operations.RESOLVE_FROM_HTML.call(locals())


class ProductsWithResponse(Resource):
    """`client.products.with_response`: the same methods, returning `APIResponse[T]`
    (for `iter_search`, one `APIResponse[ProductPage]` per page, the last page's items
    cut to `max_items`)."""

    search = returns_response(search)
    iter_search = iterates_pages(iter_search)
    lookup = returns_response(lookup)
    more_like_this = returns_response(more_like_this)
    iter_more_like_this = iterates_pages(iter_more_like_this)
    refresh = sends_batches_with_response(refresh)
    resolve_from_html = returns_response(resolve_from_html)


class Products(BulkLookups):
    """`client.products`: search across catalogs, look products up by URL, find similar
    products, schedule refreshes, and read products out of HTML."""

    search = returns_data(search)
    iter_search = iterates_items(iter_search)
    lookup = returns_data(lookup)
    more_like_this = returns_data(more_like_this)
    iter_more_like_this = iterates_items(iter_more_like_this)
    refresh = sends_batches(refresh)
    resolve_from_html = returns_data(resolve_from_html)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = ProductsWithResponse(transport)


class AsyncProductsWithResponse(Resource):
    """`aclient.products.with_response`: the same methods, returning `APIResponse[T]`."""

    search = awaits_response(search)
    iter_search = async_iterates_pages(iter_search)
    lookup = awaits_response(lookup)
    more_like_this = awaits_response(more_like_this)
    iter_more_like_this = async_iterates_pages(iter_more_like_this)
    refresh = awaits_batches_with_response(refresh)
    resolve_from_html = awaits_response(resolve_from_html)


class AsyncProducts(AsyncBulkLookups):
    """`aclient.products`: the methods of `Products`, awaited (`async for` for the
    `iter_*` methods); arguments, results and errors as `Products`."""

    search = awaits_data(search)
    iter_search = async_iterates_items(iter_search)
    lookup = awaits_data(lookup)
    more_like_this = awaits_data(more_like_this)
    iter_more_like_this = async_iterates_items(iter_more_like_this)
    refresh = awaits_batches(refresh)
    resolve_from_html = awaits_data(resolve_from_html)

    def __init__(self, transport: object) -> None:
        super().__init__(transport)
        self.with_response = AsyncProductsWithResponse(transport)
