"""`POST /products/more-like-this` on the fake: a real similarity over the demo data,
stable paging, image sources, and the contract's refusals."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen, Scenario

SOURCE = FakeOctogen().dataset.products[3].view
URL = SOURCE["productUrl"]


def enrichment(view: dict[str, Any]) -> dict[str, Any]:
    return view.get("enrichment") or {}


def test_similar_products_share_the_source_category_and_never_include_it(
    fake: FakeOctogen, sdk: octogen.Client
) -> None:
    page = sdk.products.more_like_this(URL, limit=10)
    assert page.source is not None
    assert (page.source.uuid, page.source.product_url) == (SOURCE["uuid"], URL)
    assert page.source.catalog_key == SOURCE["catalogKey"] and page.source.title
    assert len(page.items) == 10
    views = {product.view["uuid"]: product.view for product in fake.dataset.products}
    for item in page.items:
        assert item.uuid != SOURCE["uuid"]
        view = views[item.uuid]
        assert enrichment(view)["category_path"][0] == enrichment(SOURCE)["category_path"][0]
    # The best match shares the product type too.
    assert enrichment(views[page.items[0].uuid])["type"] == enrichment(SOURCE)["type"]


def test_paging_is_stable_and_never_repeats_a_product(sdk: octogen.Client) -> None:
    everything = list(sdk.products.iter_more_like_this(uuid=SOURCE["uuid"], page_size=7))
    uuids = [item.uuid for item in everything]
    assert len(uuids) == len(set(uuids)) > 7
    again = list(sdk.products.iter_more_like_this(uuid=SOURCE["uuid"], page_size=100))
    assert [item.uuid for item in again] == uuids


def test_catalogs_restrict_the_results_and_unknown_keys_match_nothing(
    sdk: octogen.Client,
) -> None:
    others = {"northwind", "atlasstreet", "meridian", "littleforest"} - {SOURCE["catalogKey"]}
    other = sorted(others)[0]
    page = sdk.products.more_like_this(URL, catalogs=[other], limit=50)
    assert page.items and {item.catalog_key for item in page.items} == {other}
    assert sdk.products.more_like_this(URL, catalogs=["no-such-catalog"]).items == []


def test_price_preference_and_facets_narrow_the_results(sdk: octogen.Client) -> None:
    price = SOURCE["currentPrice"]
    lower = sdk.products.more_like_this(URL, price_preference="lower", limit=100).items
    higher = sdk.products.more_like_this(URL, price_preference="higher", limit=100).items
    assert lower and all(item.current_price < price for item in lower)  # type: ignore[operator]
    assert higher and all(item.current_price > price for item in higher)  # type: ignore[operator]
    brand = SOURCE["brand"]["name"]
    without = sdk.products.more_like_this(URL, exclude_facets={"brand_name": brand}, limit=100)
    assert all(item.brand is None or item.brand.name != brand for item in without.items)
    only = sdk.products.more_like_this(URL, include_facets={"brand_name": brand}, limit=100)
    assert only.items and all(item.brand and item.brand.name == brand for item in only.items)


def test_debug_adds_the_effective_query(sdk: octogen.Client) -> None:
    page = sdk.products.more_like_this(URL, catalogs=["northwind"], debug=True, limit=3)
    assert page.effective_query is not None
    assert page.effective_query["text"] == SOURCE["title"]
    assert page.effective_query["catalogs"] == ["northwind"]
    assert page.effective_query["limit"] == 3
    assert sdk.products.more_like_this(URL).effective_query is None


def test_an_image_is_answered_deterministically_and_cached_the_second_time(
    sdk: octogen.Client,
) -> None:
    first = sdk.products.more_like_this(image=b"\x89PNG a coat", limit=4, debug=True)
    second = sdk.products.more_like_this(image=b"\x89PNG a coat", limit=4)
    assert first.source is None and first.source_image_hash
    assert first.resolution == "image_query_generation"
    assert second.resolution == "cached_image_query"
    assert second.source_image_hash == first.source_image_hash
    assert [i.uuid for i in first.items] == [i.uuid for i in second.items] and first.items
    assert first.effective_query is not None
    assert first.effective_query["degradedToTextFallback"] is False
    by_url = sdk.products.more_like_this(image_url="https://images.example/coat.jpg")
    assert by_url.source_image_hash and by_url.source_image_hash != first.source_image_hash


def test_a_source_the_key_cannot_see_is_404(sdk: octogen.Client) -> None:
    with pytest.raises(octogen.OctogenNotFoundError):
        sdk.products.more_like_this("https://nowhere.example/products/x")
    with pytest.raises(octogen.OctogenNotFoundError):
        sdk.products.more_like_this(uuid="prod_no_such_product")


def test_a_source_in_a_catalog_not_granted_is_404() -> None:
    fake = FakeOctogen(grants={"k": ["meridian"]})
    source = next(p.view for p in fake.dataset.products if p.view["catalogKey"] != "meridian")
    with fake.client(api_key="k") as client, pytest.raises(octogen.OctogenNotFoundError):
        client.products.more_like_this(source["productUrl"])


@pytest.mark.parametrize(
    ("body", "status", "where"),
    [
        ({"source": {"url": URL}, "catalog": "northwind"}, 422, ["body", "catalog"]),
        ({}, 422, ["body", "source"]),
        ({"source": {"url": URL, "uuid": "u"}}, 422, ["body", "source"]),
        ({"source": {"image": {"url": "http://i.example/c.jpg"}}}, 422, None),
        ({"source": {"url": URL}, "limit": 0}, 422, ["body", "limit"]),
        ({"source": {"url": URL}, "catalogs": []}, 422, ["body", "catalogs"]),
        ({"source": {"url": URL}, "price_preference": "cheap"}, 422, None),
        ({"source": {"url": URL}, "ranking_embedding_columns": ["x"]}, 422, None),
        ({"source": {"image": {"b64": "eA=="}}, "price_preference": "lower"}, 400, None),
    ],
)
def test_the_fake_refuses_what_the_api_refuses(
    raw: httpx.Client, body: dict[str, Any], status: int, where: list[str] | None
) -> None:
    response = raw.post("/products/more-like-this", json=body)
    assert response.status_code == status
    if where is not None:
        assert where in [issue["loc"] for issue in response.json()["detail"]]


def test_an_image_over_8_mb_is_413(raw: httpx.Client) -> None:
    encoded = base64.b64encode(b"\0" * 8_000_001).decode()
    response = raw.post("/products/more-like-this", json={"source": {"image": {"b64": encoded}}})
    assert response.status_code == 413


@pytest.mark.parametrize(
    ("scenario", "error_class", "code"),
    [
        ("404", octogen.OctogenNotFoundError, "product_not_found"),
        ("413", octogen.OctogenPayloadTooLargeError, "image_too_large"),
        ("503", octogen.OctogenServerError, "service_unavailable"),
    ],
)
def test_scenarios_fail_more_like_this_with_its_details(
    fake: FakeOctogen,
    sdk: octogen.Client,
    scenario: str,
    error_class: type[octogen.OctogenAPIError],
    code: str,
) -> None:
    fake.queue(Scenario.parse(scenario), path="/products/more-like-this")
    with pytest.raises(error_class) as caught:
        sdk.products.more_like_this(URL)
    assert caught.value.code == code
