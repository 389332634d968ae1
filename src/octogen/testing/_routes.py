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

import importlib
import re
from collections.abc import Mapping, Sequence
from typing import Any, cast
from urllib.parse import unquote

from ._request import Handler

_PARAMETER = r"\{([A-Za-z_][A-Za-z0-9_]*)\}"  # compiled by `re` when a template has one


class Route:
    """One operation: `method` on paths matching `template` goes to `handler`; status
    scenarios on those paths answer with `error_details` (status -> `detail`).

    The handler may be named, `"_module:function"` (a module of this package), and then
    `error_details` by the name of a mapping in that module: both are imported when first
    needed, so that a fake imports only the handlers of the routes it is asked.
    """

    # A plain class, not attrs, and a template's regex compiled only when a request first
    # reaches it: `octogen --mock` builds the whole table at every start, to ask one route.
    __slots__ = ("_error_details", "_handler", "_pattern", "method", "template")

    def __init__(
        self,
        method: str,
        template: str,
        handler: Handler | str,
        error_details: Mapping[int, str] | str | None = None,
    ) -> None:
        self.method = method
        self.template = template
        self._handler = handler
        self._error_details: Mapping[int, str] | str = (
            {} if error_details is None else error_details
        )
        self._pattern: re.Pattern[str] | None = None

    def __repr__(self) -> str:
        return f"Route({self.method!r}, {self.template!r}, {self._handler!r})"

    @property
    def handler(self) -> Handler:
        """The function that answers the operation."""
        if isinstance(self._handler, str):
            return cast(Handler, _named(self._handler))
        return self._handler

    @property
    def error_details(self) -> Mapping[int, str]:
        """The `detail` of the operation's own errors, by status."""
        if isinstance(self._error_details, str):
            assert isinstance(self._handler, str), "named details need a named handler"
            module = self._handler.partition(":")[0]
            return cast(Mapping[int, str], _named(f"{module}:{self._error_details}"))
        return self._error_details

    def match(self, path: str) -> dict[str, str] | None:
        """The path parameters, decoded, when `path` matches the template; else None."""
        if "{" not in self.template:
            return {} if path == self.template else None
        if self._pattern is None:
            self._pattern = self._compile()
        found = self._pattern.fullmatch(path)
        if found is None:
            return None
        return {name: unquote(value) for name, value in found.groupdict().items()}

    def _compile(self) -> re.Pattern[str]:
        pieces = re.split(_PARAMETER, self.template)
        # split() alternates literal text and parameter names: "a/", "id", "/b".
        regex = "".join(
            re.escape(piece) if index % 2 == 0 else f"(?P<{piece}>[^/]+)"
            for index, piece in enumerate(pieces)
        )
        return re.compile(regex)


class RouteMatch:
    """Where a request goes: its `route` and `params`, or, with no route, the methods
    the path allows (empty for an unknown path: 404; else 405)."""

    __slots__ = ("allowed", "params", "route")

    def __init__(
        self,
        route: Route | None,
        params: dict[str, str] | None = None,
        allowed: tuple[str, ...] = (),
    ) -> None:
        self.route = route
        self.params: dict[str, str] = {} if params is None else params
        self.allowed = allowed


def _named(reference: str) -> Any:
    """`"_module:name"` → that name of `octogen.testing._module`, imported now if needed."""
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(f"{__package__}.{module}"), name)


def match_route(routes: Sequence[Route], method: str, path: str) -> RouteMatch:
    """The route for `method` on `path` (the API path, without `/v1`)."""
    allowed: list[str] = []
    for route in routes:
        params = route.match(path)
        if params is None:
            continue
        if route.method == method:
            return RouteMatch(route, params)
        allowed.append(route.method)
    return RouteMatch(None, allowed=tuple(dict.fromkeys(allowed)))


def error_details(routes: Sequence[Route], path: str) -> Mapping[int, str]:
    """The `error_details` of the operation(s) on `path`; empty for an unknown path."""
    details: dict[int, str] = {}
    for route in reversed(routes):  # the first route declared wins
        if route.match(path) is not None:
            details.update(route.error_details)
    return details


_LISTS = "/coverage/url-lists"
_LIST = "/coverage/url-lists/{urlListId}"
_URLS = _LIST + "/urls"

_SIMILAR = "/products/more-like-this"
_RESOLVE = "/products/resolve-from-html"

# Handlers are named, not imported: a fake imports a handler's module on its first request.
ROUTES: tuple[Route, ...] = (
    Route("GET", "/catalogs", "_catalogs:list_catalogs"),
    Route("POST", "/products/search", "_search:search_products", "SEARCH_ERROR_DETAILS"),
    Route("POST", "/products/lookup", "_lookup:lookup_product", "LOOKUP_ERROR_DETAILS"),
    # Voyages and coverage URL lists (CONTRACT-LIVE.md §4, §5)
    Route("POST", "/voyage", "_voyages:start_voyage", "VOYAGE_ERROR_DETAILS"),
    Route("GET", "/voyage", "_voyages:list_voyages", "VOYAGE_ERROR_DETAILS"),
    Route("GET", "/voyage/{task_id}", "_voyages:get_voyage", "VOYAGE_TASK_ERROR_DETAILS"),
    Route("POST", _LISTS, "_coverage:create_url_list", "COVERAGE_ERROR_DETAILS"),
    Route("GET", _LISTS, "_coverage:list_url_lists", "COVERAGE_ERROR_DETAILS"),
    Route("GET", _LIST, "_coverage:get_url_list", "URL_LIST_ERROR_DETAILS"),
    Route("DELETE", _LIST, "_coverage:delete_url_list", "URL_LIST_ERROR_DETAILS"),
    Route("POST", _URLS, "_coverage:add_url_list_urls", "URL_EDIT_ERROR_DETAILS"),
    Route("GET", _URLS, "_coverage:list_url_list_urls", "URL_LIST_ERROR_DETAILS"),
    Route("POST", _URLS + "/remove", "_coverage:remove_url_list_urls", "URL_EDIT_ERROR_DETAILS"),
    Route("POST", _URLS + "/contains", "_coverage:check_url_list_urls", "URL_LIST_ERROR_DETAILS"),
    # The live product API (CONTRACT-LIVE.md §3)
    Route("POST", _SIMILAR, "_similar:more_like_this_products", "SIMILAR_ERROR_DETAILS"),
    Route("POST", "/products/refresh", "_refresh:refresh_products", "REFRESH_ERROR_DETAILS"),
    Route("POST", _RESOLVE, "_resolve_html:resolve_product_from_html", "RESOLVE_ERROR_DETAILS"),
)  # fmt: skip
