"""The operation table: every API operation declared once.

A declaration says everything the SDK needs to speak one operation: the HTTP method, the
path template and its path parameters, which arguments go to the query string and which
to the JSON body under which wire names (and how each is checked), the success statuses,
how to read the answer, how it pages, and how it may be retried. Both clients, their
`with_response` views, the iterators, the CLI and the playground read these rows;
`Operation.call(arguments)` turns a method's arguments into a checked `ApiCall`.

Adding an operation is a row here, a model, a method in `_resources/` and tests.
"""

from __future__ import annotations

import base64
import enum
from collections.abc import Callable, Iterable, Mapping
from typing import Generic, Literal, TypeVar
from urllib.parse import quote

import attrs

from .. import _wire
from .._errors import InvalidRequestError
from .._models.catalog import Catalog
from .._models.lookup import LookupResult
from .._models.refresh import RefreshResult
from .._models.search import ProductPage
from .._models.similar import SimilarProductsPage
from .._types import JSONObject, JSONValue
from . import params
from .calls import ApiCall

T = TypeVar("T")

Location = Literal["path", "query", "body"]


class RetryClass(enum.Enum):
    """How an operation may be retried (CONTRACT-LIVE.md §1.7 and §7, "Retry-safe?").

    Attributes:
        READ: Changes nothing (POST reads included): every transient failure is retried.
        IDEMPOTENT_CHANGE: A change that is harmless to repeat (a set-add, a delete):
            retried like a read.
        CREATE: Creates something, and a second copy is refused (`409`): retried only
            when the request certainly did not take effect (429, 503, or a failure to
            connect), never after a failure once it may have reached the server.
        SCHEDULE: Schedules work, where a duplicate only schedules it again: retried on
            503 and on connection failures, not on other statuses.
    """

    READ = "read"
    IDEMPOTENT_CHANGE = "idempotent change"
    CREATE = "create"
    SCHEDULE = "schedule"


Check = Callable[[object, str], JSONValue]


@attrs.frozen
class Param:
    """One argument of an operation: where it travels and how it is checked.

    Attributes:
        name: The Python argument, as the user writes it.
        location: `"path"`, `"query"` or `"body"`.
        check: `check(value, name)` returns the wire value (None: leave it out) or
            raises `InvalidRequestError` naming the argument.
        wire: The name on the wire (default: `name`).
    """

    name: str
    location: Location
    check: Check
    wire: str | None = None

    @property
    def wire_name(self) -> str:
        """The key in the body or query string, or the placeholder in the path."""
        return self.wire or self.name


@attrs.frozen
class Paging:
    """How an operation pages: where the cursor goes and where the next one comes from.

    Attributes:
        cursor_in: `"body"` (search, more-like-this) or `"query"` (voyages, URL lists).
        cursor: The cursor's wire name in requests.
        size: The Python argument that sets the page size (`limit`).
    """

    cursor_in: Literal["body", "query"]
    cursor: str = "cursor"
    size: str = "limit"


@attrs.frozen
class Operation(Generic[T]):
    """One API operation, as the contract describes it.

    Attributes:
        name: The contract's operationId (`searchProducts`), for logs and hooks.
        method: The HTTP method.
        path: The path template under the base URL, `{placeholders}` for path parameters.
        params: The arguments, in signature order.
        parse: Reads the decoded JSON of a success into the typed result.
        success: The documented success statuses (every 2xx is read as a success).
        retry: How failures may be retried.
        paging: How it pages, or None.
        validate: Cross-argument checks, given the checked values by argument name.
        error_hints: Words added to the error message for some statuses.
        retried_codes: Error codes retried although their status is not (`409
            url_list_migrating`).
        final_codes: Error codes never retried although their status is (`429
            voyage_quota_exceeded`: a quota, not a rate).
        result_statuses: Error statuses whose body is read as the result when it parses
            as one (refresh's `400` when no target was accepted); otherwise the error.
    """

    name: str
    method: str
    path: str
    params: tuple[Param, ...]
    parse: Callable[[JSONValue], T] = attrs.field(repr=False)
    success: frozenset[int] = frozenset({200})
    retry: RetryClass = RetryClass.READ
    paging: Paging | None = None
    validate: Callable[[Mapping[str, JSONValue]], None] | None = attrs.field(
        default=None, repr=False
    )
    error_hints: Mapping[int, str] = attrs.field(factory=dict, repr=False)
    retried_codes: frozenset[str] = frozenset()
    final_codes: frozenset[str] = frozenset()
    result_statuses: frozenset[int] = frozenset()

    def param(self, name: str) -> Param:
        """The declared argument `name`."""
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def call(self, arguments: Mapping[str, object]) -> ApiCall[T]:
        """The checked `ApiCall` for `arguments` (Python names; unknown ones ignored).

        Raises:
            InvalidRequestError: An argument is invalid (nothing has been sent).
        """
        checked: dict[str, JSONValue] = {
            param.name: param.check(arguments.get(param.name), param.name) for param in self.params
        }
        if self.validate is not None:
            self.validate(checked)
        path = self.path
        query: dict[str, str] = {}
        body: JSONObject = {}
        for param in self.params:
            value = checked[param.name]
            if value is None:
                continue
            if param.location == "path":
                path = path.replace("{" + param.wire_name + "}", quote(str(value), safe=""))
            elif param.location == "query":
                query[param.wire_name] = _query_value(value)
            else:
                body[param.wire_name] = value
        return ApiCall(
            operation=self,
            path=path,
            query=query or None,
            body=body if self.method in _METHODS_WITH_BODY else None,
        )


_METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def _query_value(value: JSONValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- checks that several operations share ----------------------------------------------


def required_path_id(value: object, name: str) -> str:
    """A non-empty id for a path segment (sent percent-encoded as one segment)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a non-empty string; got {value!r}", argument=name
        )
    return value


def optional_text(value: object, name: str) -> str | None:
    """None or a non-empty string (`catalog`, `cursor`)."""
    return params.check_text(value, name)


def page_size(value: object, name: str) -> int:
    """An integer from 1 to 100 (`limit`, `page_size`)."""
    return params.check_page_size(value, name)


# --- catalogs and products (CONTRACT.md) -------------------------------------------------

ResolutionMode = Literal["auto", "index_only", "on_demand_only"]
CachePolicy = Literal["prefer_cache", "refresh"]
RESOLUTION_MODES: tuple[str, ...] = ("auto", "index_only", "on_demand_only")
CACHE_POLICIES: tuple[str, ...] = ("prefer_cache", "refresh")
DEFAULT_LIMIT = 50  # products per `search` page when the caller gives no `limit`


def _parse_catalogs(data: JSONValue) -> list[Catalog]:
    return _wire.build_list(Catalog, data)


def _parse_page(data: JSONValue) -> ProductPage:
    return _wire.build(ProductPage, data)


def _parse_lookup(data: JSONValue) -> LookupResult:
    return _wire.build(LookupResult, data)


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
    parse=_parse_page,
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
    parse=_parse_lookup,
    validate=_check_lookup_options,
)


# --- voyages and coverage URL lists (CONTRACT-LIVE.md §4, §5) ------------------------------

from .._models.coverage import (  # noqa: E402  # kept with the rows that use them
    UrlChangeResult,
    UrlList,
    UrlListPage,
    UrlListUrlsPage,
    UrlMembership,
    UrlMembershipResults,
)
from .._models.voyage import VOYAGE_STATUSES, Voyage, VoyagePage  # noqa: E402

MAX_DOMAIN_LENGTH = 2048
MAX_URL_LIST_NAME = 80
MAX_LIST_URL_LENGTH = 2048
URL_BATCH_SIZE = 1000  # URLs per add/remove/check request (the API's maximum)


def _check_domain(value: object, name: str) -> str:
    """A domain or any public URL, as a non-empty string (the API normalizes it)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a domain such as 'example.com' (or a URL on it); got {value!r}",
            argument=name,
        )
    domain = params.check_encodable(value.strip(), name)
    if len(domain) > MAX_DOMAIN_LENGTH or any(character.isspace() for character in domain):
        raise InvalidRequestError(
            f"`{name}` must be one domain or URL without spaces; got {value[:80]!r}",
            argument=name,
        )
    return domain


def _check_voyage_status(value: object, name: str) -> str | None:
    return params.check_choice(value, name, VOYAGE_STATUSES)


def check_url_list_name(value: object, name: str = "name") -> str:
    """A list name of 1 to 80 characters."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a non-empty string of at most {MAX_URL_LIST_NAME} characters; "
            f"got {value!r}",
            argument=name,
        )
    if len(value) > MAX_URL_LIST_NAME:
        raise InvalidRequestError(
            f"`{name}` must be at most {MAX_URL_LIST_NAME} characters; got {len(value)}",
            argument=name,
        )
    return params.check_encodable(value, name)


def check_list_url(value: object, name: str) -> str:
    """One URL for a list: a non-empty string of at most 2,048 characters.

    Only what would make the API refuse the whole request is checked here; a URL the API
    cannot normalize is sent, and comes back in `rejected` (`invalid_url`) on its own.
    """
    if not isinstance(value, str) or not value:
        raise InvalidRequestError(
            f"`{name}` must be a non-empty URL string; got {value!r}", argument=name
        )
    if len(value) > MAX_LIST_URL_LENGTH:
        raise InvalidRequestError(
            f"`{name}` is {len(value)} characters long; a list URL may have at most "
            f"{MAX_LIST_URL_LENGTH}",
            argument=name,
        )
    return params.check_encodable(value, name)


def _check_url_batch(value: object, name: str) -> list[JSONValue]:
    """One batch of 1 to 1,000 URLs, each checked by `check_list_url` already."""
    if not isinstance(value, list) or not 1 <= len(value) <= URL_BATCH_SIZE:
        raise InvalidRequestError(
            f"`{name}` must hold 1 to {URL_BATCH_SIZE} URLs per request", argument=name
        )
    return [check_list_url(url, f"{name}[{index}]") for index, url in enumerate(value)]


def _parse_voyage(data: JSONValue) -> Voyage:
    return _wire.build(Voyage, data)


def _parse_voyage_page(data: JSONValue) -> VoyagePage:
    return _wire.build(VoyagePage, data)


def _parse_url_list(data: JSONValue) -> UrlList:
    return _wire.build(UrlList, data)


def _parse_url_list_page(data: JSONValue) -> UrlListPage:
    return _wire.build(UrlListPage, data)


def _parse_url_change(data: JSONValue) -> UrlChangeResult:
    return _wire.build(UrlChangeResult, data)


def _parse_memberships(data: JSONValue) -> list[UrlMembership]:
    return _wire.build(UrlMembershipResults, data).results


def _parse_url_list_urls(data: JSONValue) -> UrlListUrlsPage:
    return _wire.build(UrlListUrlsPage, data)


_TASK_ID = Param("task_id", "path", required_path_id)
_URL_LIST_ID = Param("url_list_id", "path", required_path_id, wire="urlListId")
_URL_BATCH = Param("urls", "body", _check_url_batch)
_PAGE = (Param("cursor", "query", optional_text), Param("limit", "query", page_size))
# A normalization migration briefly locks a list's membership: try again soon.
_MIGRATING = frozenset({"url_list_migrating"})

START_VOYAGE: Operation[Voyage] = Operation(
    name="startVoyage",
    method="POST",
    path="/voyage",
    params=(Param("domain", "body", _check_domain),),
    parse=_parse_voyage,
    success=frozenset({200, 202}),  # 202: started (uses quota); 200: joined
    retry=RetryClass.IDEMPOTENT_CHANGE,  # one voyage per normalized domain
    final_codes=frozenset({"voyage_quota_exceeded"}),  # a quota, not a rate
)

GET_VOYAGE: Operation[Voyage] = Operation(
    name="getVoyage",
    method="GET",
    path="/voyage/{task_id}",
    params=(_TASK_ID,),
    parse=_parse_voyage,
)

LIST_VOYAGES: Operation[VoyagePage] = Operation(
    name="listVoyages",
    method="GET",
    path="/voyage",
    params=(Param("status", "query", _check_voyage_status), *_PAGE),
    parse=_parse_voyage_page,
    paging=Paging(cursor_in="query"),
)

CREATE_URL_LIST: Operation[UrlList] = Operation(
    name="createUrlList",
    method="POST",
    path="/coverage/url-lists",
    params=(Param("name", "body", lambda value, name: check_url_list_name(value, name)),),
    parse=_parse_url_list,
    success=frozenset({201}),
    retry=RetryClass.CREATE,  # a repeat after success is 409 url_list_name_conflict
)

LIST_URL_LISTS: Operation[UrlListPage] = Operation(
    name="listUrlLists",
    method="GET",
    path="/coverage/url-lists",
    params=_PAGE,
    parse=_parse_url_list_page,
    paging=Paging(cursor_in="query"),
)

GET_URL_LIST: Operation[UrlList] = Operation(
    name="getUrlList",
    method="GET",
    path="/coverage/url-lists/{urlListId}",
    params=(_URL_LIST_ID,),
    parse=_parse_url_list,
)

DELETE_URL_LIST: Operation[UrlList] = Operation(
    name="deleteUrlList",
    method="DELETE",
    path="/coverage/url-lists/{urlListId}",
    params=(_URL_LIST_ID,),
    parse=_parse_url_list,
    success=frozenset({202}),
    retry=RetryClass.IDEMPOTENT_CHANGE,  # a repeat while pending answers the same
)

ADD_URL_LIST_URLS: Operation[UrlChangeResult] = Operation(
    name="addUrlListUrls",
    method="POST",
    path="/coverage/url-lists/{urlListId}/urls",
    params=(_URL_LIST_ID, _URL_BATCH),
    parse=_parse_url_change,
    retry=RetryClass.IDEMPOTENT_CHANGE,  # a set-add
    retried_codes=_MIGRATING,
)

REMOVE_URL_LIST_URLS: Operation[UrlChangeResult] = Operation(
    name="removeUrlListUrls",
    method="POST",
    path="/coverage/url-lists/{urlListId}/urls/remove",
    params=(_URL_LIST_ID, _URL_BATCH),
    parse=_parse_url_change,
    retry=RetryClass.IDEMPOTENT_CHANGE,  # a set-remove
    retried_codes=_MIGRATING,
)

CHECK_URL_LIST_URLS: Operation[list[UrlMembership]] = Operation(
    name="checkUrlListUrls",
    method="POST",
    path="/coverage/url-lists/{urlListId}/urls/contains",
    params=(_URL_LIST_ID, _URL_BATCH),
    parse=_parse_memberships,
)

LIST_URL_LIST_URLS: Operation[UrlListUrlsPage] = Operation(
    name="listUrlListUrls",
    method="GET",
    path="/coverage/url-lists/{urlListId}/urls",
    params=(_URL_LIST_ID, *_PAGE),
    parse=_parse_url_list_urls,
    paging=Paging(cursor_in="query"),
)


# --- the live product API (CONTRACT-LIVE.md §3) ------------------------------------------

PricePreference = Literal["lower", "any", "higher"]
EmbeddingColumn = Literal["embedding", "style_embedding", "tags_embedding", "attributes_embedding"]
PRICE_PREFERENCES: tuple[str, ...] = ("lower", "any", "higher")
EMBEDDING_COLUMNS: tuple[str, ...] = (
    "embedding",
    "style_embedding",
    "tags_embedding",
    "attributes_embedding",
)
MAX_MLT_CATALOGS = 100
# C14: "8 MB" is not said to be 10**6 or 2**20 bytes; the smaller reading is never refused.
MAX_IMAGE_BYTES = 8_000_000
IMAGE_READ_TIMEOUT = 15.0  # image sources take ~11 s the first time (CONTRACT-LIVE.md §3.1)
MLT_DEFAULT_LIMIT = 12
MAX_REFRESH_BATCH = 500
MAX_HTML_BYTES = 5 * 1024 * 1024
MAX_HTML_BODY_BYTES = 8 * 1024 * 1024
SOURCE_ARGUMENTS: tuple[str, ...] = ("url", "uuid", "image_url", "image")


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
    return SimilarProductsPage.from_dict(data)


def _check_targets(value: object, name: str) -> JSONValue:
    """The refresh targets the builder made (checked there, one batch at a time)."""
    assert isinstance(value, list) and 1 <= len(value) <= MAX_REFRESH_BATCH
    return value


def _parse_refresh(data: JSONValue) -> RefreshResult:
    return _wire.build(RefreshResult, data)


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
    parse=_parse_refresh,
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
    parse=_parse_lookup,
    validate=_check_html_body,
)
