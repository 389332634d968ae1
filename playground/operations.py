"""The SDK calls the diagnostics page can run, each with its arguments as a JSON object.

Add an operation when the SDK gains one: a name (the attribute path on the client), the
call (with `with_response`, so the page shows status, attempts and request id), its
required arguments and an example payload.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from typing import Any

import attrs

import octogen

from .errors import invalid


@attrs.frozen(kw_only=True)
class Operation:
    """One SDK call by name."""

    name: str
    call: Callable[[octogen.Client, dict[str, Any]], octogen.APIResponse[Any]]
    required: tuple[str, ...] = ()
    example: str = "{}"

    def run(self, client: octogen.Client, payload: dict[str, Any]) -> octogen.APIResponse[Any]:
        """Call the SDK with `payload` as keyword arguments.

        Raises:
            octogen.InvalidRequestError: A required argument is missing (or the SDK's own).
            octogen.OctogenError: Whatever the call raised.
        """
        for name in self.required:
            if name not in payload:
                raise invalid(f"`{name}` is required by {self.name}; the payload has none", name)
        return self.call(client, payload)


def _catalogs_list(client: octogen.Client, payload: dict[str, Any]) -> octogen.APIResponse[Any]:
    if payload:
        name = next(iter(payload))
        raise invalid(f"unexpected argument `{name}`: catalogs.list takes none", name)
    return client.catalogs.with_response.list()


def _check_keywords(method: Callable[..., Any], payload: dict[str, Any], name: str) -> None:
    """Refuse a key the SDK method does not take, naming the nearest one (read from the
    method's own signature), before anything is sent."""
    accepted = list(inspect.signature(method).parameters)
    for key in payload:
        if key not in accepted:
            close = difflib.get_close_matches(key, accepted, n=1)
            hint = f"; did you mean `{close[0]}`?" if close else ""
            raise invalid(f"unexpected argument `{key}` for {name}{hint}", key)


def _search(client: octogen.Client, payload: dict[str, Any]) -> octogen.APIResponse[Any]:
    method = client.products.with_response.search
    _check_keywords(method, payload, "products.search")
    return method(**payload)


def _lookup(client: octogen.Client, payload: dict[str, Any]) -> octogen.APIResponse[Any]:
    method = client.products.with_response.lookup
    _check_keywords(method, payload, "products.lookup")
    arguments = dict(payload)
    return method(arguments.pop("url"), **arguments)


OPERATIONS: dict[str, Operation] = {
    operation.name: operation
    for operation in (
        Operation(name="catalogs.list", call=_catalogs_list),
        Operation(
            name="products.search",
            call=_search,
            example='{"q": "linen dress", "facets": {"gender": "female"}, "limit": 5}',
        ),
        Operation(
            name="products.lookup",
            call=_lookup,
            required=("url",),
            example='{"url": "https://maisonlune.example/products/relaxed-charcoal-linen-dress-5",'
            ' "resolution_mode": "index_only"}',
        ),
    )
}
