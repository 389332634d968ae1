"""The public attrs classes compare, hash and show themselves exactly as attrs would.

Their `__eq__`, `__hash__` and `__repr__` come from `FieldMethods` (read from the fields)
rather than being generated per class; each test holds an instance against a twin whose
methods attrs generated, with the same fields and values.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import attrs
import httpx
import pytest

import octogen
import octogen.testing
from octogen import (
    APIResponse,
    ClientConfig,
    Facet,
    LookupResult,
    Product,
    ProductPage,
    ProductSummary,
    RateLimit,
    RequestContext,
    RetryContext,
)
from octogen._field_methods import FieldMethods
from tests.support import load_fixture


def attrs_twin(instance: Any) -> Any:
    """The values of `instance` in a frozen class of the same name whose methods attrs
    generated from the same fields."""
    fields = attrs.fields(type(instance))
    twin = attrs.make_class(
        type(instance).__name__,
        {
            field.name: attrs.field(eq=field.eq_key or field.eq, hash=field.hash, repr=field.repr)
            for field in fields
        },
        frozen=True,
        kw_only=True,
    )
    return twin(**{field.name: getattr(instance, field.name) for field in fields})


class Unequal:
    """A value equal to nothing, itself included."""

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


def instances() -> list[Any]:
    page = ProductPage.from_dict(load_fixture("search_page_live.json"))
    product = LookupResult.from_dict(load_fixture("lookup_live.json")).product
    assert product is not None
    context = RequestContext(
        operation="searchProducts",
        method="POST",
        path="/catalog/search",
        base_url="https://api.octogen.ai/v1",
        attempt=1,
        request_id="r1",
        headers={"Authorization": "[redacted]"},
        elapsed=0.1,
    )
    retry = RetryContext(
        **attrs.asdict(context, recurse=False),
        error=octogen.OctogenConnectionError("connection refused"),
        delay=0.5,
        server_wait=None,
    )
    limit = RateLimit(limit=600, remaining=12, reset_at=datetime(2026, 11, 29, tzinfo=UTC))
    response = APIResponse(
        data=page,
        status_code=200,
        headers=httpx.Headers({"X-Request-ID": "r1"}),
        request_id="r1",
        rate_limit=limit,
        elapsed=0.2,
        attempts=1,
        base_url="https://api.octogen.ai/v1",
        http_response=httpx.Response(200),
    )
    return [
        page,
        page.items[0],
        page.items[0].primary_image,
        product,
        product.brand,
        ClientConfig(api_key="sk-secret-key-1234", base_url="https://eu.example.com/v1"),
        context,
        retry,
        limit,
        response,
        Facet(name="brand_name", values=["Acme"]),
    ]


@pytest.mark.parametrize("instance", instances(), ids=lambda value: type(value).__name__)
def test_repr_is_the_one_attrs_writes(instance: Any) -> None:
    assert isinstance(instance, FieldMethods)
    assert repr(instance) == repr(attrs_twin(instance))


@pytest.mark.parametrize("instance", instances(), ids=lambda value: type(value).__name__)
def test_equal_values_are_equal_and_hash_alike_and_any_field_tells_them_apart(
    instance: Any,
) -> None:
    same = attrs.evolve(instance)
    assert same == instance
    assert not same != instance  # noqa: SIM202  # `!=` is its own operator
    twin = attrs_twin(instance)
    try:
        hash(twin)
    except TypeError:  # a list among the values: unhashable, as attrs has it
        with pytest.raises(TypeError, match="unhashable"):
            hash(instance)
    else:
        assert hash(same) == hash(instance)
    for field in attrs.fields(type(instance)):
        # One field set to a value equal to nothing else (past validators, as on a copy).
        changed, twin_changed = copy.copy(instance), copy.copy(twin)
        object.__setattr__(changed, field.name, Unequal())
        object.__setattr__(twin_changed, field.name, getattr(changed, field.name))
        assert (changed == instance) is (twin_changed == twin), field.name
        assert (changed != instance) is (twin_changed != twin), field.name


def test_another_class_with_the_same_values_is_not_equal() -> None:
    summary = ProductSummary(uuid="p1", product_url="https://shop.example.com/p/1")
    product = Product(uuid="p1", product_url="https://shop.example.com/p/1")
    assert summary != product and product != summary
    assert summary.__eq__(product) is NotImplemented
    assert summary != ("p1", "https://shop.example.com/p/1")


def test_equality_ignores_raw_and_the_hash_follows() -> None:
    left = ProductPage.from_dict({"items": [], "nextCursor": None, "extra": 1})
    right = ProductPage(items=[])
    assert left == right
    assert {attrs.evolve(left, items=()): 1}[attrs.evolve(right, items=())] == 1


def test_the_api_key_stays_hidden_in_the_config_repr() -> None:
    config = ClientConfig(api_key="sk-secret-key-1234")
    assert "sk-secret-key-1234" not in repr(config)
    assert repr(config).startswith("ClientConfig(api_key=")


def test_a_cycle_is_shown_as_an_ellipsis() -> None:
    loop: list[Any] = []
    facet = Facet(name="brand_name", values=loop)
    loop.append(facet)
    assert repr(facet) == "Facet(name='brand_name', values=[...])"


def test_eq_key_and_hash_false_fields_are_honoured() -> None:
    @attrs.frozen(eq=False, repr=False)
    class Named(FieldMethods):
        name: str = attrs.field(eq=str.lower)
        note: str = attrs.field(default="", hash=False)

    assert Named("Acme") == Named("ACME") and hash(Named("Acme")) == hash(Named("ACME"))
    assert Named("a", "x") != Named("a", "y")
    assert hash(Named("a", "x")) == hash(Named("a", "y"))


PUBLIC = [(octogen, name) for name in sorted(octogen.__all__)] + [
    (octogen.testing, name) for name in sorted(octogen.testing.__all__)
]


@pytest.mark.parametrize(
    ("module", "name"), PUBLIC, ids=lambda value: getattr(value, "__name__", value)
)
def test_every_public_frozen_attrs_class_uses_field_methods(module: Any, name: str) -> None:
    value = getattr(module, name)
    if not (isinstance(value, type) and attrs.has(value)):
        return
    assert issubclass(value, FieldMethods), f"{name}: declare it eq=False, repr=False"
    for method in ("__eq__", "__hash__", "__repr__"):
        assert getattr(value, method) is getattr(FieldMethods, method), (name, method)
