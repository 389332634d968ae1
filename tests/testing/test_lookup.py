"""`POST /products/lookup` on the fake: URL normalization, the index, on-demand resolution."""

from __future__ import annotations

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen

PRODUCT = FakeOctogen().dataset.products[5].view
URL = PRODUCT["productUrl"]  # https://northwind-outfitters.example/products/...
OFF_INDEX = "https://shop.example.com/p/" + URL.rsplit("/", 1)[1]  # no such page


@pytest.mark.parametrize(
    "variant",
    [
        URL,
        URL + "/",
        URL.replace("https://", "http://"),
        URL.replace("https://", "https://www."),
        URL.replace("https://", "HTTPS://WWW.").replace(".example", ".EXAMPLE"),
        URL + "?utm_source=newsletter&utm_medium=email&gclid=abc",
        URL + "#reviews",
    ],
)
def test_a_product_page_is_found_however_its_url_is_dressed(
    sdk: octogen.Client, variant: str
) -> None:
    result = sdk.products.lookup(variant)
    assert result.source == "indexed"
    assert result.product.uuid == PRODUCT["uuid"]
    assert result.normalized_url == URL and result.requested_url == variant
    assert result.catalog_key == "northwind" and result.catalog_display_name


def test_an_indexed_result_is_the_full_view(sdk: octogen.Client) -> None:
    product = sdk.products.lookup(URL).product
    assert product.variants and product.sizes and product.enrichment is not None
    assert product.details.materials and product.identifiers.gtin


def test_a_query_parameter_that_selects_something_is_kept(raw: httpx.Client) -> None:
    response = raw.post("/products/lookup", json={"url": URL + "?variant=2"})
    assert response.status_code == 404 and response.json() == {"detail": "product_not_found"}


def test_an_unknown_page_is_product_not_found(sdk: octogen.Client) -> None:
    with pytest.raises(octogen.OctogenNotFoundError) as caught:
        sdk.products.lookup("https://nowhere.example/p/1")
    assert caught.value.detail == "product_not_found"


def test_a_page_in_no_catalog_resolves_on_demand_then_hits_the_cache(fake: FakeOctogen) -> None:
    page_url = fake.dataset.off_index_pages[0]["productUrl"]
    with fake.client() as client:
        first = client.products.lookup(page_url)
        second = client.products.lookup(page_url)
        refreshed = client.products.lookup(page_url, cache_policy="refresh")
    assert first.source == "on_demand" and first.cache_status == "miss"
    assert (second.cache_status, refreshed.cache_status) == ("hit", "refresh")
    product = first.product
    assert (product.uuid, product.catalog_key, product.is_active) == (None, None, None)
    assert first.catalog_key is None and first.resolution is not None
    with pytest.raises(octogen.OctogenNotFoundError):
        client_index_only(fake, page_url)


def client_index_only(fake: FakeOctogen, url: str) -> None:
    with fake.client() as client:
        client.products.lookup(url, resolution_mode="index_only")


def test_on_demand_only_resolves_even_an_indexed_page(sdk: octogen.Client) -> None:
    result = sdk.products.lookup(URL, resolution_mode="on_demand_only")
    assert result.source == "on_demand" and result.product.uuid is None
    assert result.product.title == PRODUCT["title"]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("ftp://shop.example/p/1", "invalid_product_url"),
        ("not a url", "invalid_product_url"),
        ("http://127.0.0.1:8000/admin", "unsafe_url"),
        ("http://localhost/p", "unsafe_url"),
        ("http://169.254.169.254/latest/meta-data", "unsafe_url"),
        ("http://10.0.0.5/p", "unsafe_url"),
    ],
)
def test_a_url_that_is_not_a_public_page_is_refused(
    raw: httpx.Client, url: str, detail: str
) -> None:
    response = raw.post("/products/lookup", json={"url": url})
    assert (response.status_code, response.json()) == (422, {"detail": detail})


def test_the_lookup_carries_the_request_id(raw: httpx.Client) -> None:
    response = raw.post("/products/lookup", json={"url": URL}, headers={"X-Request-ID": "req_7"})
    assert response.headers["X-Request-ID"] == "req_7"
    assert response.json()["requestId"] == "req_7"
