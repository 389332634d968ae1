"""CONTRACT.md "The API moves: read tolerantly" — and what must still fail loudly."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from octogen import Catalog, LookupResult, OctogenResponseError, ProductPage, ProductSummary, _wire
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
    payload["items"][0]["primaryImage"] = {"url": "https://x/y.jpg"}
    with pytest.raises(
        OctogenResponseError, match=r"\$\.items\[0\]\.primaryImage: expected a known"
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
        (lambda p: p.pop("items"), "$.items", "is missing"),
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


def test_malformed_json_is_a_response_error() -> None:
    with pytest.raises(OctogenResponseError, match="not valid JSON"):
        _wire.loads(b'{"items": [')


def test_the_stdlib_decoder_gives_the_same_results(monkeypatch: pytest.MonkeyPatch) -> None:
    body = (
        b'{"items": [{"uuid": "u", "productUrl": "https://x/p", "title": "Caf\xc3\xa9"}],'
        b' "nextCursor": null}'
    )
    with_accelerator = _wire.build(ProductPage, _wire.loads(body))
    monkeypatch.setattr(_wire, "orjson", None)
    assert _wire.build(ProductPage, _wire.loads(body)) == with_accelerator
    with pytest.raises(OctogenResponseError, match="not valid JSON"):
        _wire.loads(b"<html>")
    assert _wire.dumps({"q": "café"}) == '{"q":"café"}'.encode()
