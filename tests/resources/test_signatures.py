"""Every public method shows its real parameters to people and tools: `help()`,
`inspect.signature`, `typing.get_type_hints`, IDEs and autodoc."""

from __future__ import annotations

import inspect
import typing
from collections.abc import AsyncIterator, Coroutine, Iterator
from typing import Any

import pytest

import octogen
from octogen import APIResponse, LookupResult, ProductPage, ProductSummary


def resources(client: Any) -> dict[str, Any]:
    return {
        "catalogs": client.catalogs,
        "products": client.products,
        "catalogs.with_response": client.catalogs.with_response,
        "products.with_response": client.products.with_response,
        "voyages": client.voyages,
        "voyages.with_response": client.voyages.with_response,
        "coverage.url_lists": client.coverage.url_lists,
        "coverage.url_lists.with_response": client.coverage.url_lists.with_response,
    }


def public_methods(resource: Any) -> dict[str, Any]:
    return {
        name: getattr(resource, name)
        for name in dir(type(resource))
        if not name.startswith("_") and callable(getattr(resource, name))
    }


@pytest.fixture(params=["sync", "async"])
def any_client(request: pytest.FixtureRequest) -> Any:
    cls = octogen.Client if request.param == "sync" else octogen.AsyncClient
    return cls(api_key="octo_test_signatures")


def test_search_lists_its_parameters_with_types_and_defaults(any_client: Any) -> None:
    signature = inspect.signature(any_client.products.search)
    assert list(signature.parameters) == [
        "q",
        "catalog",
        "facets",
        "price_min",
        "price_max",
        "cursor",
        "limit",
    ]
    assert signature.parameters["limit"].default == 50
    assert signature.parameters["catalog"].kind is inspect.Parameter.KEYWORD_ONLY
    hints = typing.get_type_hints(any_client.products.search)
    assert hints["catalog"] == str | None
    assert hints["limit"] is int


def test_return_types_follow_the_client_and_the_view() -> None:
    sync = octogen.Client(api_key="k")
    aclient = octogen.AsyncClient(api_key="k")
    assert typing.get_type_hints(sync.products.search)["return"] is ProductPage
    assert (
        typing.get_type_hints(sync.products.with_response.lookup)["return"]
        == APIResponse[LookupResult]
    )
    assert typing.get_type_hints(sync.products.iter_search)["return"] == Iterator[ProductSummary]
    assert (
        typing.get_type_hints(aclient.products.search)["return"] == Coroutine[Any, Any, ProductPage]
    )
    assert (
        typing.get_type_hints(aclient.products.iter_search)["return"]
        == AsyncIterator[ProductSummary]
    )


def test_every_public_method_has_hints_a_docstring_and_the_same_parameters_in_both_clients() -> (
    None
):
    sync = resources(octogen.Client(api_key="k"))
    asynchronous = resources(octogen.AsyncClient(api_key="k"))
    for where, resource in sync.items():
        for name, method in public_methods(resource).items():
            twin = getattr(asynchronous[where], name)
            assert inspect.getdoc(method), f"{where}.{name} has no docstring"
            typing.get_type_hints(method)  # raises NameError when a hint cannot resolve
            typing.get_type_hints(twin)
            assert inspect.signature(method).parameters == inspect.signature(twin).parameters
            assert method.__name__ == name


def test_async_methods_are_coroutine_functions_and_iterators_are_not() -> None:
    aclient = octogen.AsyncClient(api_key="k")
    assert inspect.iscoroutinefunction(aclient.products.search)
    assert inspect.iscoroutinefunction(aclient.products.with_response.lookup)
    assert inspect.iscoroutinefunction(aclient.catalogs.list)
    assert not inspect.iscoroutinefunction(aclient.products.iter_search)


def test_methods_read_on_the_class_show_self_for_autodoc() -> None:
    signature = inspect.signature(octogen.Client(api_key="k").products.__class__.search)
    assert list(signature.parameters)[:2] == ["self", "q"]
    assert "Search products" in (
        inspect.getdoc(type(octogen.Client(api_key="k").products).search) or ""
    )


def test_the_live_product_methods_have_the_signatures_of_api_md(any_client: Any) -> None:
    products = any_client.products
    similar = inspect.signature(products.more_like_this).parameters
    assert list(similar) == [
        "url", "uuid", "image_url", "image", "catalogs", "include_facets", "exclude_facets",
        "price_preference", "retrieval_embedding_columns", "ranking_embedding_columns",
        "cursor", "limit", "debug",
    ]  # fmt: skip
    assert similar["url"].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in list(similar.values())[1:])
    assert (similar["limit"].default, similar["debug"].default) == (12, False)
    assert list(inspect.signature(products.iter_more_like_this).parameters) == [
        "url", "uuid", "image_url", "image", "catalogs", "include_facets", "exclude_facets",
        "price_preference", "page_size", "max_items",
    ]  # fmt: skip
    refresh = inspect.signature(products.refresh).parameters
    assert list(refresh) == ["urls", "uuids", "catalog"]
    assert (refresh["urls"].default, refresh["uuids"].default) == ((), ())
    assert list(inspect.signature(products.resolve_from_html).parameters) == ["html", "url"]


def test_batched_methods_return_the_merged_result_in_both_clients() -> None:
    sync = octogen.Client(api_key="k")
    aclient = octogen.AsyncClient(api_key="k")
    assert typing.get_type_hints(sync.products.refresh)["return"] is octogen.RefreshResult
    assert (
        typing.get_type_hints(sync.products.with_response.refresh)["return"]
        == APIResponse[octogen.RefreshResult]
    )
    assert (
        typing.get_type_hints(aclient.products.refresh)["return"]
        == Coroutine[Any, Any, octogen.RefreshResult]
    )
    assert (
        typing.get_type_hints(aclient.products.with_response.refresh)["return"]
        == Coroutine[Any, Any, APIResponse[octogen.RefreshResult]]
    )
    assert inspect.iscoroutinefunction(aclient.products.refresh)
    assert inspect.iscoroutinefunction(aclient.products.with_response.refresh)
    assert not inspect.iscoroutinefunction(sync.products.refresh)
    assert (
        typing.get_type_hints(aclient.products.iter_more_like_this)["return"]
        == AsyncIterator[ProductSummary]
    )
