"""The catalogs and products operations (CONTRACT.md; CONTRACT-LIVE.md §2 and §3)."""

from __future__ import annotations

import base64
import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from ... import _wire
from ..._errors import InvalidRequestError
from ..._models.search import ProductPage
from ..._types import JSONValue
from .. import params
from .declaration import (
    Operation,
    Paging,
    Param,
    RetryClass,
    optional_text,
    page_size,
    reads,
    reads_later,
    required_path_id,
)
from .limits import (
    CACHE_POLICIES,
    EMBEDDING_COLUMNS,
    MAX_HTML_BODY_BYTES,
    MAX_HTML_BYTES,
    MAX_IMAGE_BYTES,
    MAX_MLT_CATALOGS,
    MAX_REFRESH_BATCH,
    PRICE_PREFERENCES,
    RESOLUTION_MODES,
    SOURCE_ARGUMENTS,
)

if TYPE_CHECKING:
    from ..._models.catalog import Catalog
    from ..._models.lookup import LookupResult
    from ..._models.refresh import RefreshResult
    from ..._models.similar import SimilarProductsPage

# --- the models of the answers -----------------------------------------------------------
#
# Besides the search page, each loads with its operation's first answer, not with these
# declarations: a search never creates the classes of a product's full view.


def _lookup_result() -> type[LookupResult]:
    from ..._models.lookup import LookupResult

    return LookupResult


def _refresh_result() -> type[RefreshResult]:
    from ..._models.refresh import RefreshResult

    return RefreshResult


@functools.cache
def _similar_products_page() -> type[SimilarProductsPage]:
    from ..._models.similar import SimilarProductsPage

    return SimilarProductsPage


# --- catalogs and products (CONTRACT.md) -------------------------------------------------


def _parse_catalogs(data: JSONValue) -> list[Catalog]:
    from ..._models.catalog import Catalog

    return _wire.build_list(Catalog, data)


def _check_price_range(checked: Mapping[str, JSONValue]) -> None:
    params.check_price_range(checked.get("price_min"), checked.get("price_max"))


def _check_lookup_options(checked: Mapping[str, JSONValue]) -> None:
    if checked.get("resolution_mode") == "index_only" and checked.get("cache_policy") == "refresh":
        raise InvalidRequestError(
            "`cache_policy` 'refresh' does not apply to `resolution_mode` 'index_only' "
            "(an index-only lookup never fetches the page)",
            argument="cache_policy",
        )


LIST_CATALOGS: Operation[list[Catalog]] = Operation(
    name="listCatalogs",
    method="GET",
    path="/catalogs",
    params=(),
    parse=_parse_catalogs,
    # CONTRACT-LIVE.md §2.1: listing is retired for Developer organizations.
    error_hints=dict.fromkeys(
        (404, 410),
        "catalog listing is not available to this key; search without `catalog` "
        "covers every catalog",
    ),
)

SEARCH_PRODUCTS: Operation[ProductPage] = Operation(
    name="searchProducts",
    method="POST",
    path="/products/search",
    params=(
        Param("q", "body", lambda value, name: params.check_query(value)),
        Param("catalog", "body", optional_text),
        Param("facets", "body", lambda value, name: params.build_facets(value)),
        Param("price_min", "body", params.check_price),
        Param("price_max", "body", params.check_price),
        Param("cursor", "body", optional_text),
        Param("limit", "body", page_size),
    ),
    parse=reads(ProductPage),
    paging=Paging(cursor_in="body"),
    validate=_check_price_range,
)

LOOKUP_PRODUCT: Operation[LookupResult] = Operation(
    name="lookupProduct",
    method="POST",
    path="/products/lookup",
    params=(
        Param("url", "body", params.check_url),
        Param(
            "resolution_mode",
            "body",
            lambda value, name: params.check_choice(value, name, RESOLUTION_MODES),
            wire="resolutionMode",
        ),
        Param(
            "cache_policy",
            "body",
            lambda value, name: params.check_choice(value, name, CACHE_POLICIES),
            wire="onDemandCachePolicy",
        ),
    ),
    parse=reads_later(_lookup_result),
    validate=_check_lookup_options,
)


# --- the live product API (CONTRACT-LIVE.md §3) ------------------------------------------


def _check_source(value: object, name: str) -> JSONValue:
    """The four source arguments (a mapping built by the builder) → the wire `source`."""
    assert isinstance(value, Mapping)
    given = [argument for argument in SOURCE_ARGUMENTS if value.get(argument) is not None]
    if len(given) != 1:
        named = ", ".join(f"`{argument}`" for argument in SOURCE_ARGUMENTS)
        problem = "none was given" if not given else f"got {', '.join(given)}"
        raise InvalidRequestError(
            f"give exactly one source among {named}; {problem}",
            argument=given[-1] if given else "url",
        )
    [argument] = given
    source = value[argument]
    if argument == "url":
        return {"url": params.check_url(source, "url")}
    if argument == "uuid":
        return {"uuid": required_path_id(source, "uuid")}
    if argument == "image_url":
        url = params.check_url(source, "image_url")
        if not url.lower().startswith("https://"):
            raise InvalidRequestError(
                f"`image_url` must be an https URL (the API fetches only those); got {source!r}",
                argument="image_url",
            )
        return {"image": {"url": url}}
    return {"image": {"b64": _image_base64(source)}}


def _image_base64(image: object) -> str:
    if not isinstance(image, bytes | bytearray | memoryview):
        raise InvalidRequestError(
            f"`image` must be the image's bytes (read the file in binary mode); "
            f"got {type(image).__name__}",
            argument="image",
        )
    data = bytes(image)
    if not data:
        raise InvalidRequestError("`image` is empty", argument="image")
    if len(data) > MAX_IMAGE_BYTES:
        raise InvalidRequestError(
            f"`image` is {len(data):,} bytes; the API takes at most {MAX_IMAGE_BYTES:,} "
            "(downscale it, to about 1024 px JPEG)",
            argument="image",
        )
    return base64.b64encode(data).decode("ascii")


def _check_catalogs(value: object, name: str) -> JSONValue:
    """None or 1-100 catalog keys."""
    if value is None:
        return None
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidRequestError(
            f"`{name}` must be a list of catalog keys (e.g. ['warrenlotas']); got {value!r}",
            argument=name,
        )
    keys = list(value)
    if not 1 <= len(keys) <= MAX_MLT_CATALOGS:
        raise InvalidRequestError(
            f"`{name}` takes 1 to {MAX_MLT_CATALOGS} catalog keys (None for every "
            f"catalog); got {len(keys)}",
            argument=name,
        )
    for key in keys:
        if not isinstance(key, str) or not key.strip():
            raise InvalidRequestError(
                f"`{name}` must hold non-empty strings; got {key!r}", argument=name
            )
        params.check_encodable(key, name)
    return list(keys)


def _check_facets(value: object, name: str) -> JSONValue:
    """Facets in the three forms search takes, the error naming this argument."""
    try:
        return params.build_facets(value)
    except InvalidRequestError as exc:
        message = str(exc).replace("`facets`", f"`{name}`", 1)
        raise InvalidRequestError(message, argument=name) from None


def _check_columns(value: object, name: str) -> JSONValue:
    """None or a non-empty list of embedding column names."""
    if value is None:
        return None
    columns = [value] if isinstance(value, str) else value
    if not isinstance(columns, Iterable):
        raise InvalidRequestError(
            f"`{name}` must be a list of embedding columns; got {value!r}", argument=name
        )
    checked = [params.check_choice(column, name, EMBEDDING_COLUMNS) for column in columns]
    if not checked:
        raise InvalidRequestError(
            f"`{name}` needs at least one embedding column (None for the API's choice)",
            argument=name,
        )
    return checked


def _check_flag(value: object, name: str) -> JSONValue:
    """A bool, sent only when True (None: not sent)."""
    if value is None:
        return None
    if not isinstance(value, bool):
        raise InvalidRequestError(f"`{name}` must be True or False; got {value!r}", argument=name)
    return True if value else None


def _check_mlt(checked: Mapping[str, JSONValue]) -> None:
    source = checked.get("source")
    preference = checked.get("price_preference")
    if isinstance(source, dict) and "image" in source and preference not in (None, "any"):
        raise InvalidRequestError(
            f"`price_preference` {preference!r} needs a product source (`url` or `uuid`); "
            "an image has no price to compare with, so it takes only 'any'",
            argument="price_preference",
        )


def _parse_similar(data: JSONValue) -> SimilarProductsPage:
    return _similar_products_page().from_dict(data)


def _check_targets(value: object, name: str) -> JSONValue:
    """The refresh targets the builder made (checked there, one batch at a time)."""
    assert isinstance(value, list) and 1 <= len(value) <= MAX_REFRESH_BATCH
    return value


def _check_html(value: object, name: str) -> JSONValue:
    """Non-empty HTML, as str or bytes (UTF-8), at most 5 MiB once encoded."""
    if isinstance(value, bytes | bytearray | memoryview):
        try:
            text = bytes(value).decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidRequestError(
                f"`{name}` bytes are not UTF-8 (byte {exc.start}); decode the page with its "
                "own charset and pass the text",
                argument=name,
            ) from None
    elif isinstance(value, str):
        text = params.check_encodable(value, name)
    else:
        raise InvalidRequestError(
            f"`{name}` must be the page's HTML as str or bytes; got {type(value).__name__}",
            argument=name,
        )
    if not text.strip():
        raise InvalidRequestError(f"`{name}` is empty", argument=name)
    size = len(text.encode("utf-8"))
    if size > MAX_HTML_BYTES:
        raise InvalidRequestError(
            f"`{name}` is {size:,} bytes of UTF-8; the API takes at most {MAX_HTML_BYTES:,} "
            "(5 MiB): send the page's <head> and main product markup",
            argument=name,
        )
    return text


def _check_optional_url(value: object, name: str) -> JSONValue:
    return None if value is None else params.check_url(value, name)


def _check_html_body(checked: Mapping[str, JSONValue]) -> None:
    body = {key: value for key, value in checked.items() if value is not None}
    size = len(_wire.dumps(body))
    if size > MAX_HTML_BODY_BYTES:
        raise InvalidRequestError(
            f"the request body would be {size:,} bytes once JSON-encoded (escaping inflates "
            f"`html`); the API takes at most {MAX_HTML_BODY_BYTES:,} (8 MiB)",
            argument="html",
        )


MORE_LIKE_THIS_PRODUCTS: Operation[SimilarProductsPage] = Operation(
    name="moreLikeThisProducts",
    method="POST",
    path="/products/more-like-this",
    params=(
        Param("source", "body", _check_source),
        Param("catalogs", "body", _check_catalogs),
        Param("include_facets", "body", _check_facets),
        Param("exclude_facets", "body", _check_facets),
        Param(
            "price_preference",
            "body",
            lambda value, name: params.check_choice(value, name, PRICE_PREFERENCES),
        ),
        Param("retrieval_embedding_columns", "body", _check_columns),
        Param("ranking_embedding_columns", "body", _check_columns),
        Param("cursor", "body", optional_text),
        Param("limit", "body", page_size),
        Param("debug", "body", _check_flag),
    ),
    parse=_parse_similar,
    paging=Paging(cursor_in="body"),
    validate=_check_mlt,
    error_hints={
        404: "the source product is not visible to this key",
        413: f"the image exceeds the API's {MAX_IMAGE_BYTES // 1_000_000} MB",
    },
)

REFRESH_PRODUCTS: Operation[RefreshResult] = Operation(
    name="refreshProducts",
    method="POST",
    path="/products/refresh",
    params=(Param("targets", "body", _check_targets),),
    parse=reads_later(_refresh_result),
    success=frozenset({200, 202}),
    # A retry after an ambiguous failure only schedules the same refresh again.
    retry=RetryClass.SCHEDULE,
    # 400 with the refresh body: nothing was accepted; its `rejected` says why.
    result_statuses=frozenset({400}),
)

RESOLVE_FROM_HTML: Operation[LookupResult] = Operation(
    name="resolveProductFromHtml",  # no operationId is published (CONTRACT-LIVE.md C9)
    method="POST",
    path="/products/resolve-from-html",
    params=(
        Param("html", "body", _check_html),
        Param("url", "body", _check_optional_url),
    ),
    parse=reads_later(_lookup_result),
    validate=_check_html_body,
)
