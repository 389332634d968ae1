"""The SDK calls the diagnostics page can run, each with its arguments as a JSON object.

Add an operation when the SDK gains one: usually a line of `_SDK_CALLS` (the attribute
path on the client, whose `with_response` twin is called so the page shows status,
attempts and request id; its required arguments; an example payload).
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable
from typing import Any, cast

import attrs

import octogen

from .errors import invalid


@attrs.frozen(kw_only=True)
class Operation:
    """One SDK call by name."""

    name: str
    call: Callable[[octogen.Client, dict[str, Any]], Any]
    required: tuple[str, ...] = ()
    example: str = "{}"

    def run(self, client: octogen.Client, payload: dict[str, Any]) -> Any:
        """Call the SDK with `payload` as keyword arguments: an `APIResponse`, or
        `Outcomes` for a call that yields items.

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


def _sdk_method(name: str) -> Callable[[octogen.Client, dict[str, Any]], Any]:
    """The call of `client.<resource>.with_response.<method>` for `name`
    (`"coverage.url_lists.create"`), with the payload as keyword arguments."""
    *resource_path, method_name = name.split(".")

    def call(client: octogen.Client, payload: dict[str, Any]) -> octogen.APIResponse[Any]:
        resource: Any = client
        for part in resource_path:
            resource = getattr(resource, part)
        method = getattr(resource.with_response, method_name)
        _check_keywords(method, payload, name)
        return cast("octogen.APIResponse[Any]", method(**payload))

    return call


@attrs.frozen
class Outcomes:
    """The result of a call that yields items rather than one response (`lookup_many`):
    `data` is the list, with no status line to show."""

    data: list[Any]


def _lookup_many(client: octogen.Client, payload: dict[str, Any]) -> Outcomes:
    method = client.products.lookup_many
    _check_keywords(method, payload, "products.lookup_many")
    return Outcomes(list(method(**payload)))


_PRODUCT = "https://maisonlune.example/products/relaxed-charcoal-linen-dress-5"
_LIST_ID = "cul_00000000000000000000000001"  # the fake's first list in a session
# name, required arguments, example payload (the order of the diagnostics select).
_SDK_CALLS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "products.search",
        (),
        '{"q": "linen dress", "facets": {"gender": "female"}, "limit": 5}',
    ),
    ("products.lookup", ("url",), f'{{"url": "{_PRODUCT}", "resolution_mode": "index_only"}}'),
    (
        "products.more_like_this",
        (),
        f'{{"url": "{_PRODUCT}", "price_preference": "lower", "limit": 4}}',
    ),
    ("products.refresh", (), f'{{"urls": ["{_PRODUCT}"], "catalog": "maisonlune"}}'),
    (
        "products.resolve_from_html",
        ("html",),
        '{"html": "<html><head><script type=\\"application/ld+json\\">{\\"@type\\": '
        '\\"Product\\", \\"name\\": \\"Blue linen dress\\", \\"offers\\": '
        '{\\"price\\": \\"89.00\\", \\"priceCurrency\\": \\"EUR\\"}}</script></head></html>", '
        '"url": "https://example.com/products/blue-linen-dress"}',
    ),
    ("voyages.start", ("domain",), '{"domain": "example.com"}'),
    ("voyages.list", (), '{"limit": 10}'),
    ("voyages.get", ("task_id",), '{"task_id": "(the task_id voyages.start returned)"}'),
    ("coverage.url_lists.create", ("name",), '{"name": "q3-campaign"}'),
    ("coverage.url_lists.list", (), '{"limit": 10}'),
    ("coverage.url_lists.get", ("url_list_id",), f'{{"url_list_id": "{_LIST_ID}"}}'),
    (
        "coverage.url_lists.add_urls",
        ("url_list_id", "urls"),
        f'{{"url_list_id": "{_LIST_ID}", "urls": ["https://shop.example/p/1", '
        '"https://shop.example/p/2"]}',
    ),
    (
        "coverage.url_lists.remove_urls",
        ("url_list_id", "urls"),
        f'{{"url_list_id": "{_LIST_ID}", "urls": ["https://shop.example/p/2"]}}',
    ),
    (
        "coverage.url_lists.check_urls",
        ("url_list_id", "urls"),
        f'{{"url_list_id": "{_LIST_ID}", "urls": ["https://shop.example/p/1", '
        '"https://shop.example/p/3"]}',
    ),
    ("coverage.url_lists.list_urls", ("url_list_id",), f'{{"url_list_id": "{_LIST_ID}"}}'),
    ("coverage.url_lists.delete", ("url_list_id",), f'{{"url_list_id": "{_LIST_ID}"}}'),
)

OPERATIONS: dict[str, Operation] = {
    operation.name: operation
    for operation in (
        Operation(name="catalogs.list", call=_catalogs_list),
        *(
            Operation(name=name, call=_sdk_method(name), required=required, example=example)
            for name, required, example in _SDK_CALLS
        ),
        Operation(
            name="products.lookup_many",
            call=_lookup_many,
            required=("urls",),
            example=f'{{"urls": ["{_PRODUCT}", "https://northwind.example/products/nope"], '
            '"concurrency": 2}',
        ),
    )
}
