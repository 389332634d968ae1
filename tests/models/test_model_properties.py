"""Properties of every model: frozen, equal by value, round-trip through the wire form."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import octogen
from octogen import LookupResult, Product, ProductPage, _wire
from tests.support import load_fixture

text = st.text(max_size=12)
maybe_text = st.none() | text
moments = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
)
numbers = st.none() | st.floats(allow_nan=False, allow_infinity=False, min_value=0, max_value=1e7)


def wire_brands() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries({"name": text}, optional={"slug": maybe_text, "url": maybe_text})


def wire_images() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"url": text},
        optional={"cdnUrl": maybe_text, "width": st.none() | st.integers(0, 5000)},
    )


def wire_items() -> st.SearchStrategy[dict[str, Any]]:
    return st.fixed_dictionaries(
        {"uuid": maybe_text, "productUrl": text},
        optional={
            "catalogKey": maybe_text,
            "title": maybe_text,
            "brand": st.none() | wire_brands(),
            "currentPrice": numbers | st.integers(min_value=0, max_value=10**6),
            "originalPrice": numbers,
            "currency": maybe_text,
            "images": st.lists(text | wire_images(), max_size=3),
            "primaryImage": st.none() | wire_images(),
            "inStock": st.none() | st.booleans(),
            "colors": st.lists(text, max_size=2),
            "gender": maybe_text,
            "categoryPath": st.lists(text, max_size=3),
            "catalogDisplayName": maybe_text,
            "rawScore": numbers,
            "rating": st.none()
            | st.fixed_dictionaries({"average": numbers, "count": st.none() | st.integers(0, 999)}),
            "isActive": st.none() | st.booleans(),
            "displayMatchScore": st.none() | st.integers(0, 100),
            "updatedAt": st.none() | moments.map(lambda m: m.isoformat().replace("+00:00", "Z")),
            "sizes": st.lists(text, max_size=3),
            "details": st.fixed_dictionaries(
                {}, optional={"materials": st.lists(text, max_size=2)}
            ),
        },
    )


@given(
    st.fixed_dictionaries({"items": st.lists(wire_items(), max_size=4), "nextCursor": maybe_text})
)
def test_any_valid_page_reads_and_round_trips(payload: dict[str, Any]) -> None:
    page = _wire.build(ProductPage, payload)
    assert len(page.items) == len(payload["items"])
    for item, source in zip(page.items, payload["items"], strict=True):
        assert item.raw is source
        if isinstance(source.get("currentPrice"), int):
            assert type(item.current_price) is float
    assert _wire.build(ProductPage, page.to_dict()) == page


@given(wire_items())
def test_a_product_view_reads_any_list_item(payload: dict[str, Any]) -> None:
    product = Product.from_dict(payload)
    assert Product.from_dict(product.to_dict()) == product


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | text,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
        max_leaves=8,
    )
)
def test_any_json_value_either_reads_or_raises_a_response_error(value: Any) -> None:
    try:
        _wire.build(ProductPage, value)
    except octogen.OctogenResponseError as exc:
        assert exc.path is not None and exc.path.startswith("$")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)
ENRICHMENT_KEYS = [field.name for field in attrs.fields(octogen.Enrichment) if field.name != "raw"]


@given(st.dictionaries(st.sampled_from(ENRICHMENT_KEYS), json_values, max_size=6))
def test_any_enrichment_either_reads_or_names_the_field_it_cannot_read(
    enrichment: dict[str, Any],
) -> None:
    """The tolerance rule on the part that changes most: every value reads losslessly
    into the live form, or the error names a path inside `enrichment`."""
    payload = {"source": "indexed", "product": {"uuid": "u", "productUrl": "p"}}
    payload["product"]["enrichment"] = enrichment
    try:
        read = _wire.build(LookupResult, payload).product.enrichment
    except octogen.OctogenResponseError as exc:
        assert exc.path is not None and exc.path.startswith("$.product.enrichment.")
        return
    assert read is not None
    for name, value in enrichment.items():
        if isinstance(value, str) and isinstance(getattr(read, name), list):
            assert getattr(read, name) == [value]  # a string where strings belong
    assert _wire.build(octogen.Enrichment, read.to_dict()) == read


def test_to_dict_keeps_fields_the_model_does_not_know() -> None:
    payload = load_fixture("search_page_newer.json")
    page = ProductPage.from_dict(payload)
    wire = page.to_dict()
    assert wire["totalEstimate"] == 1
    assert wire["items"][0]["rawScore"] == 12.75
    assert wire["items"][0]["images"] == page.items[0].images


def test_models_are_frozen() -> None:
    result = LookupResult.from_dict(load_fixture("lookup_indexed.json"))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.product.title = "changed"  # type: ignore[misc]


def test_equality_ignores_raw_and_repr_hides_it() -> None:
    left = ProductPage.from_dict({"items": [], "nextCursor": None, "extra": 1})
    right = ProductPage(items=[])
    assert left == right
    assert "raw" not in repr(left)


def test_evolved_models_serialize_their_new_values() -> None:
    page = ProductPage.from_dict(load_fixture("search_page.json"))
    changed = attrs.evolve(page.items[0], title="Grey Hoodie")
    assert changed.to_dict()["title"] == "Grey Hoodie"


MODEL_NAMES = [
    "Catalog", "ProductSummary", "Product", "ProductPage", "LookupResult", "Brand", "Rating",
    "Color", "Category", "Variant", "ProductDetails", "Audience", "Identifiers", "Breadcrumb",
    "Promotion", "Review", "Video", "Resolution", "Enrichment", "Image",
]  # fmt: skip


@pytest.mark.parametrize("name", MODEL_NAMES)
def test_every_response_model_is_a_frozen_attrs_class_with_raw(name: str) -> None:
    model = getattr(octogen, name)
    assert attrs.has(model)
    assert model.__attrs_attrs__.raw.eq is False
    for field in attrs.fields(model):
        assert field.kw_only
        assert not field.name.startswith("_")
