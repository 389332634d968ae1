"""The fake's route table: each operation declared once, as (method, path template) and
the handler that answers it.

To add an operation, write its handler (`(ApiRequest) -> Reply`, see `_request.py`) in a
module of its own and add one line to `ROUTES`. Path parameters are written `{name}`
and reach the handler, decoded, in `request.params["name"]`. A known path asked with
another method answers 405 with `Allow`; an unknown path answers 404. `error_details`
gives the `detail` the operation's own errors carry, which status scenarios
(`fake.queue("503")`) answer with on its path.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import unquote

import attrs

from ._catalogs import list_catalogs
from ._coverage import (
    COVERAGE_ERROR_DETAILS,
    URL_EDIT_ERROR_DETAILS,
    URL_LIST_ERROR_DETAILS,
    add_url_list_urls,
    check_url_list_urls,
    create_url_list,
    delete_url_list,
    get_url_list,
    list_url_list_urls,
    list_url_lists,
    remove_url_list_urls,
)
from ._lookup import LOOKUP_ERROR_DETAILS, lookup_product
from ._refresh import REFRESH_ERROR_DETAILS, refresh_products
from ._request import Handler
from ._resolve_html import RESOLVE_ERROR_DETAILS, resolve_product_from_html
from ._search import SEARCH_ERROR_DETAILS, search_products
from ._similar import SIMILAR_ERROR_DETAILS, more_like_this_products
from ._voyages import (
    VOYAGE_ERROR_DETAILS,
    VOYAGE_TASK_ERROR_DETAILS,
    get_voyage,
    list_voyages,
    start_voyage,
)

_PARAMETER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@attrs.frozen
class Route:
    """One operation: `method` on paths matching `template` goes to `handler`; status
    scenarios on those paths answer with `error_details` (status -> `detail`)."""

    method: str
    template: str
    handler: Handler
    error_details: Mapping[int, str] = attrs.field(factory=dict, kw_only=True)
    pattern: re.Pattern[str] = attrs.field(init=False, repr=False, eq=False)

    @pattern.default
    def _compile(self) -> re.Pattern[str]:
        pieces = _PARAMETER.split(self.template)
        # split() alternates literal text and parameter names: "a/", "id", "/b".
        regex = "".join(
            re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>[^/]+)"
            for index, piece in enumerate(pieces)
        )
        return re.compile(regex)


@attrs.frozen
class RouteMatch:
    """Where a request goes: its `route` and `params`, or, with no route, the methods
    the path allows (empty for an unknown path: 404; else 405)."""

    route: Route | None
    params: dict[str, str] = attrs.field(factory=dict)
    allowed: tuple[str, ...] = ()


def match_route(routes: Sequence[Route], method: str, path: str) -> RouteMatch:
    """The route for `method` on `path` (the API path, without `/v1`)."""
    allowed: list[str] = []
    for route in routes:
        found = route.pattern.fullmatch(path)
        if found is None:
            continue
        if route.method == method:
            params = {name: unquote(value) for name, value in found.groupdict().items()}
            return RouteMatch(route, params)
        allowed.append(route.method)
    return RouteMatch(None, allowed=tuple(dict.fromkeys(allowed)))


def error_details(routes: Sequence[Route], path: str) -> Mapping[int, str]:
    """The `error_details` of the operation(s) on `path`; empty for an unknown path."""
    details: dict[int, str] = {}
    for route in reversed(routes):  # the first route declared wins
        if route.pattern.fullmatch(path):
            details.update(route.error_details)
    return details


_LISTS = "/coverage/url-lists"
_LIST = "/coverage/url-lists/{urlListId}"
_URLS = _LIST + "/urls"

_SIMILAR = "/products/more-like-this"
_RESOLVE = "/products/resolve-from-html"

ROUTES: tuple[Route, ...] = (
    Route("GET", "/catalogs", list_catalogs),
    Route("POST", "/products/search", search_products, error_details=SEARCH_ERROR_DETAILS),
    Route("POST", "/products/lookup", lookup_product, error_details=LOOKUP_ERROR_DETAILS),
    # Voyages and coverage URL lists (CONTRACT-LIVE.md §4, §5)
    Route("POST", "/voyage", start_voyage, error_details=VOYAGE_ERROR_DETAILS),
    Route("GET", "/voyage", list_voyages, error_details=VOYAGE_ERROR_DETAILS),
    Route("GET", "/voyage/{task_id}", get_voyage, error_details=VOYAGE_TASK_ERROR_DETAILS),
    Route("POST", _LISTS, create_url_list, error_details=COVERAGE_ERROR_DETAILS),
    Route("GET", _LISTS, list_url_lists, error_details=COVERAGE_ERROR_DETAILS),
    Route("GET", _LIST, get_url_list, error_details=URL_LIST_ERROR_DETAILS),
    Route("DELETE", _LIST, delete_url_list, error_details=URL_LIST_ERROR_DETAILS),
    Route("POST", _URLS, add_url_list_urls, error_details=URL_EDIT_ERROR_DETAILS),
    Route("GET", _URLS, list_url_list_urls, error_details=URL_LIST_ERROR_DETAILS),
    Route("POST", _URLS + "/remove", remove_url_list_urls, error_details=URL_EDIT_ERROR_DETAILS),
    Route("POST", _URLS + "/contains", check_url_list_urls, error_details=URL_LIST_ERROR_DETAILS),
    # The live product API (CONTRACT-LIVE.md §3)
    Route("POST", _SIMILAR, more_like_this_products, error_details=SIMILAR_ERROR_DETAILS),
    Route("POST", "/products/refresh", refresh_products, error_details=REFRESH_ERROR_DETAILS),
    Route("POST", _RESOLVE, resolve_product_from_html, error_details=RESOLVE_ERROR_DETAILS),
)  # fmt: skip
