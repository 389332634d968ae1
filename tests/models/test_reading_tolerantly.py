"""CONTRACT.md "The API moves: read tolerantly" — and what must still fail loudly."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octogen import (
    Brand,
    Catalog,
    Color,
    Image,
    LookupResult,
    OctogenResponseError,
    Product,
    ProductPage,
    ProductSummary,
    _wire,
)
from octogen._models.product_view import CanonicalBrand
from tests.support import load_fixture


def newer_page() -> Any:
    return load_fixture("search_page_newer.json")


def test_image_objects_read_as_urls_preferring_the_cdn_url() -> None:
    (item,) = _wire.build(ProductPage, newer_page()).items
    assert item.images == [
        "https://cdn.octogen.ai/grey-tee.webp",
        "https://warrenlotas.com/grey-tee-back.jpg",
    ]


def test_raw_keeps_image_objects_and_unknown_fields() -> None:
    payload = newer_page()
    (item,) = _wire.build(ProductPage, payload).items
    assert item.raw["images"][0]["mimeType"] == "image/webp"
    assert item.raw["primaryImage"]["cdnUrl"] == "https://cdn.octogen.ai/grey-tee.webp"
    assert item.raw["rawScore"] == 12.75
    assert item.brand is not None and item.brand.raw["logoUrl"] == "https://cdn.octogen.ai/wl.png"


def test_unknown_fields_are_ignored_at_every_level() -> None:
    page = _wire.build(ProductPage, newer_page())
    assert page.raw["totalEstimate"] == 1
    assert not hasattr(page.items[0], "availability")


def test_strict_mode_names_an_unknown_field() -> None:
    payload = load_fixture("search_page.json")
    payload["items"][0]["primaryImages"] = {"url": "https://x/y.jpg"}
    with pytest.raises(
        OctogenResponseError, match=r"\$\.items\[0\]\.primaryImages: expected a known"
    ):
        _wire.build(ProductPage, payload, strict=True)


def test_new_enum_values_are_kept_as_strings() -> None:
    payload = load_fixture("lookup_on_demand.json")
    payload["source"] = "client_html"
    payload["cacheStatus"] = "stale_while_revalidate"
    result = _wire.build(LookupResult, payload)
    assert result.source == "client_html"
    assert result.cache_status == "stale_while_revalidate"


def test_datetimes_with_offsets_and_fractions_are_aware() -> None:
    (item,) = _wire.build(ProductPage, newer_page()).items
    assert item.updated_at == datetime(2026, 11, 1, 8, 0, 0, 123456, tzinfo=UTC)


def test_a_naive_datetime_is_taken_as_utc() -> None:
    catalog = Catalog.from_dict(
        {
            "catalog": "c",
            "displayName": "C",
            "productCount": 1,
            "lastIndexedAt": "2026-05-19T18:04:10",
        }
    )
    assert catalog.last_indexed_at == datetime(2026, 5, 19, 18, 4, 10, tzinfo=UTC)


def test_an_integral_float_count_reads_as_an_integer() -> None:
    catalog = Catalog.from_dict({"catalog": "c", "displayName": "C", "productCount": 12.0})
    assert catalog.product_count == 12
    assert type(catalog.product_count) is int


def test_null_arrays_read_as_empty_lists() -> None:
    item = ProductSummary.from_dict({"uuid": "u", "productUrl": "https://x/p", "images": None})
    assert item.images == []


@pytest.mark.parametrize(
    ("mutate", "path", "expected"),
    [
        (lambda p: p["items"][0].pop("productUrl"), "$.items[0].productUrl", "is missing"),
        (lambda p: p["items"][0].pop("uuid"), "$.items[0].uuid", "is missing"),
        (lambda p: p["items"][0].update(brand=["Warren"]), "$.items[0].brand", "got an array"),
        (lambda p: p["items"][0]["brand"].pop("name"), "$.items[0].brand.name", "is missing"),
        (lambda p: p["items"][0].update(currentPrice="180"), "$.items[0].currentPrice", "a number"),
        (lambda p: p["items"][0].update(currentPrice=True), "$.items[0].currentPrice", "boolean"),
        (lambda p: p["items"][0].update(isActive="yes"), "$.items[0].isActive", "a boolean"),
        (lambda p: p["items"][0].update(images=[1]), "$.items[0].images[0]", "image URL"),
        (lambda p: p["items"][0].update(updatedAt="yesterday"), "$.items[0].updatedAt", "ISO 8601"),
        (lambda p: p.update(items={"a": 1}), "$.items", "an array"),
        (lambda p: p["items"].append("x"), "$.items[1]", "an object"),
    ],
)
def test_an_unreadable_shape_names_its_path(mutate: Any, path: str, expected: str) -> None:
    payload = copy.deepcopy(load_fixture("search_page.json"))
    mutate(payload)
    with pytest.raises(OctogenResponseError, match=expected) as caught:
        _wire.build(ProductPage, payload)
    assert caught.value.path == path
    assert path in str(caught.value)


def test_a_list_where_the_document_should_be_an_object_is_an_error() -> None:
    with pytest.raises(OctogenResponseError, match=r"\$: expected an object, got an array"):
        _wire.build(ProductPage, [])


def test_a_non_array_catalog_listing_is_an_error() -> None:
    with pytest.raises(OctogenResponseError, match=r"expected an array, got an object"):
        _wire.build_list(Catalog, {"catalogs": []})


# --- lossless readings (docs/responses.md "Values of another type") ------------------

ITEM = {"uuid": "u", "productUrl": "https://x/p"}


def view_with_enrichment(enrichment: dict[str, Any]) -> dict[str, Any]:
    return {"source": "indexed", "product": {**ITEM, "enrichment": enrichment}}


def test_the_older_enrichment_reads_in_the_live_form() -> None:
    older = {
        "color": "black",
        "color_family": "Black",
        "attributes": {"fit": "relaxed", "neckline": ["hooded"]},
        "canonical_brand": "Warren Lotas",
    }
    enrichment = _wire.build(LookupResult, view_with_enrichment(older)).product.enrichment
    assert enrichment is not None
    assert enrichment.color == ["black"]
    assert enrichment.color_family == ["Black"]
    assert enrichment.attributes == {"fit": ["relaxed"], "neckline": ["hooded"]}
    assert enrichment.canonical_brand == CanonicalBrand(brand_name="Warren Lotas")
    assert enrichment.canonical_brand.brand_uuid is None
    assert enrichment.raw["canonical_brand"] == "Warren Lotas"  # `.raw` keeps what came


@pytest.mark.parametrize(
    ("field", "key"),
    [
        (lambda r: r.product.sizes, "sizes"),
        (lambda r: r.product.tags, "tags"),
        (lambda r: r.product.category_path, "categoryPath"),
        (lambda r: r.product.images, "images"),
        (lambda r: r.warnings, "warnings"),
        (lambda r: r.product.enrichment.styles, "enrichment.styles"),
        (lambda r: r.product.enrichment.type_synonyms, "enrichment.type_synonyms"),
        (lambda r: r.product.details.materials, "details.materials"),
        (lambda r: r.resolution.missing_fields, "resolution.missingFields"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
@given(value=st.text(max_size=20))
def test_a_string_where_strings_belong_is_a_one_item_list(
    field: Callable[[LookupResult], list[str]], key: str, value: str
) -> None:
    payload: dict[str, Any] = {
        "source": "indexed",
        "resolution": {"completeness": "complete", "method": "json_ld"},
        "product": {**ITEM, "enrichment": {}, "details": {}},
    }
    *parents, name = key.split(".")
    target = payload if key == "warnings" or key.startswith("resolution") else payload["product"]
    for parent in parents:
        target = target[parent]
    target[name] = value
    assert field(_wire.build(LookupResult, payload)) == [value]
    target[name] = [value]
    assert field(_wire.build(LookupResult, payload)) == [value]


@given(name=st.text(max_size=20))
def test_a_string_where_a_named_object_belongs_is_that_object_with_its_name(name: str) -> None:
    product = Product.from_dict(
        {
            **ITEM,
            "brand": name,
            "colors": [name],
            "primaryImage": name,
            "variants": [{"color": name}],
        }
    )
    assert product.brand == Brand(name=name)
    assert product.colors == [Color(label=name)]
    assert product.primary_image == Image(url=name)
    assert product.variants[0].color == Color(label=name)


IN = "$.product.enrichment."


@pytest.mark.parametrize(
    ("enrichment", "path", "expected"),
    [
        ({"color": 7}, IN + "color", "an array of strings"),
        ({"color": ["black", 7]}, IN + "color[1]", "a string"),
        ({"color": {"name": "black"}}, IN + "color", "got an object"),
        ({"attributes": ["fit"]}, IN + "attributes", "an object of string"),
        ({"attributes": {"fit": 1}}, IN + "attributes.fit", "array of strings"),
        ({"attributes": {"fit": [None]}}, IN + "attributes.fit[0]", "a string"),
        ({"canonical_brand": ["Acme"]}, IN + "canonical_brand", "an object"),
        ({"canonical_brand": {"brand_uuid": "b"}}, IN + "canonical_brand.brand_name", "missing"),
        ({"is_activewear": "yes"}, IN + "is_activewear", "a boolean"),
        ({"gender": ["female"]}, IN + "gender", "a string"),
    ],
)  # fmt: skip
def test_a_value_with_no_lossless_reading_still_names_its_path(
    enrichment: dict[str, Any], path: str, expected: str
) -> None:
    with pytest.raises(OctogenResponseError, match=expected) as caught:
        _wire.build(LookupResult, view_with_enrichment(enrichment))
    assert caught.value.path == path


def test_numbers_and_booleans_are_never_read_as_strings() -> None:
    for value in (7, 7.5, True):
        with pytest.raises(OctogenResponseError, match=r"\$\.items\[0\]\.sizes"):
            _wire.build(ProductPage, {"items": [{**ITEM, "sizes": value}]})
        with pytest.raises(OctogenResponseError, match=r"\$\.items\[0\]\.brand"):
            _wire.build(ProductPage, {"items": [{**ITEM, "brand": value}]})
