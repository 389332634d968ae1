"""`POST /products/resolve-from-html` on the fake: a real extraction of JSON-LD, then Open
Graph, then meta tags, with the contract's resolution, warnings and limits."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen, Scenario

CANONICAL = "https://example.com/products/blue-linen-dress"
CAPTURED = CANONICAL + "?size=M"


def json_ld(node: dict[str, Any]) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


DRESS = {
    "@context": "https://schema.org",
    "@type": "Product",
    "name": "Blue Linen Dress",
    "brand": {"@type": "Brand", "name": "Example Brand"},
    "image": "/media/dress.jpg",
    "offers": {
        "@type": "Offer",
        "price": "148.00",
        "priceCurrency": "USD",
        "availability": "https://schema.org/InStock",
    },
}
CONTRACT_PAGE = (
    f'<!doctype html><html><head><link rel="canonical" href="{CANONICAL}">'
    f"{json_ld(DRESS)}</head><body>…</body></html>"
)
OPEN_GRAPH_PAGE = """<html><head>
<meta property="og:type" content="product">
<meta property="og:title" content="Waxed Field Jacket">
<meta property="og:url" content="https://shop.example/products/field-jacket">
<meta property="og:image" content="https://cdn.shop.example/jacket-1.jpg">
<meta property="og:image" content="/jacket-2.jpg">
<meta property="product:price:amount" content="289.50">
<meta property="product:price:currency" content="EUR">
</head><body><h1>Waxed Field Jacket</h1></body></html>"""
META_PAGE = """<html><head><title> Canvas Tote </title>
<meta name="description" content="A sturdy tote.">
<meta itemprop="price" content="35">
<meta itemprop="priceCurrency" content="GBP">
<link rel="canonical" href="https://tote.example/p/canvas-tote">
</head></html>"""


def test_the_contract_example_resolves_from_json_ld(sdk: octogen.Client) -> None:
    result = sdk.products.resolve_from_html(CONTRACT_PAGE, url=CAPTURED)
    assert result.source == "client_html"
    assert (result.requested_url, result.canonical_url) == (CAPTURED, CANONICAL)
    assert result.resolved_url is None and result.cache_status is None
    product = result.product
    assert product.uuid is None and product.catalog_key is None and product.is_active is None
    assert product.image_url is None
    assert (product.title, product.current_price, product.currency) == (
        "Blue Linen Dress",
        148.0,
        "USD",
    )
    assert product.brand is not None and product.brand.name == "Example Brand"
    assert product.in_stock is True
    assert product.images == ["https://example.com/media/dress.jpg"]  # relative, resolved
    assert product.raw["primaryImage"] == {"url": "https://example.com/media/dress.jpg"}
    assert result.resolution is not None
    assert (result.resolution.method, result.resolution.completeness) == ("json_ld", "complete")
    assert result.resolution.rendered is False and result.resolution.missing_fields == []
    assert result.warnings == []


def test_open_graph_is_read_when_there_is_no_json_ld(sdk: octogen.Client) -> None:
    result = sdk.products.resolve_from_html(OPEN_GRAPH_PAGE.encode(), url="https://shop.example/x")
    assert result.resolution is not None and result.resolution.method == "open_graph"
    assert result.canonical_url == "https://shop.example/products/field-jacket"
    assert result.product.title == "Waxed Field Jacket" and result.product.current_price == 289.5
    assert result.product.images == [
        "https://cdn.shop.example/jacket-1.jpg",
        "https://shop.example/jacket-2.jpg",
    ]
    assert result.resolution.completeness == "partial"
    assert result.resolution.missing_fields == ["brand"]


def test_plain_meta_tags_are_the_last_resort(sdk: octogen.Client) -> None:
    result = sdk.products.resolve_from_html(META_PAGE)
    assert result.resolution is not None and result.resolution.method == "html_meta"
    assert (result.product.title, result.product.current_price) == ("Canvas Tote", 35.0)
    assert result.canonical_url == "https://tote.example/p/canvas-tote"
    assert result.requested_url is None
    assert result.warnings == ["source_url_missing"]
    assert set(result.resolution.missing_fields) == {"brand", "images"}


def test_without_a_url_relative_images_are_dropped_and_a_warning_added(
    sdk: octogen.Client,
) -> None:
    result = sdk.products.resolve_from_html(CONTRACT_PAGE)
    assert result.canonical_url == CANONICAL and result.requested_url is None
    assert result.product.images == []
    assert result.warnings == ["source_url_missing"]
    assert result.resolution is not None and "images" in result.resolution.missing_fields


def test_the_right_product_is_picked_on_a_multi_product_page(sdk: octogen.Client) -> None:
    other = {**DRESS, "name": "Red Dress", "url": "https://example.com/products/red-dress"}
    mine = {**DRESS, "url": CANONICAL}
    page = f"<html><head>{json_ld({'@graph': [other, mine]})}</head></html>"
    assert sdk.products.resolve_from_html(page, url=CAPTURED).product.title == "Blue Linen Dress"


def test_long_descriptions_and_many_images_are_clamped_with_a_warning(
    sdk: octogen.Client,
) -> None:
    node = {
        **DRESS,
        "description": "linen " * 3000,
        "image": [f"https://cdn.example/{n}.jpg" for n in range(60)],
    }
    result = sdk.products.resolve_from_html(f"<html>{json_ld(node)}</html>", url=CAPTURED)
    assert len(result.product.images) == 50
    assert len(result.product.description or "") == 10_000
    assert result.warnings == ["product_fields_clamped"]


@pytest.mark.parametrize(
    ("html", "url"),
    [
        ("<html><head><title>About us</title></head></html>", CAPTURED),
        (f"<html>{json_ld(DRESS)}</html>", None),  # no canonical anywhere, no url
        ('<html><script type="application/ld+json">{not json</script></html>', CAPTURED),
    ],
    ids=["no product", "no canonical", "broken json-ld"],
)
def test_a_page_without_a_believable_product_is_404(
    sdk: octogen.Client, html: str, url: str | None
) -> None:
    with pytest.raises(octogen.OctogenNotFoundError) as caught:
        sdk.products.resolve_from_html(html, url=url)
    assert caught.value.code == "product_not_found"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "html"),
        ({"html": ""}, "html"),
        ({"html": "a" * (5 * 1024 * 1024 + 1)}, "html"),
        ({"html": CONTRACT_PAGE, "url": "not a url"}, "url"),
    ],
    ids=["missing", "empty", "over 5 MiB", "bad url"],
)
def test_validation_names_the_field_and_never_echoes_the_document(
    raw: httpx.Client, body: dict[str, Any], field: str
) -> None:
    response = raw.post("/products/resolve-from-html", json=body)
    assert response.status_code == 422
    [issue] = response.json()["detail"]
    assert issue["loc"] == ["body", field]
    assert field == "url" or "input" not in issue


def test_a_body_over_8_mib_is_413(raw: httpx.Client) -> None:
    body = json.dumps({"html": '"' * (4 * 1024 * 1024 + 10)})  # escaping doubles it
    response = raw.post(
        "/products/resolve-from-html",
        content=body,
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": "request_body_too_large"}


@pytest.mark.parametrize(
    ("scenario", "error_class", "code"),
    [
        ("404", octogen.OctogenNotFoundError, "product_not_found"),
        ("413", octogen.OctogenPayloadTooLargeError, "request_body_too_large"),
        ("429", octogen.OctogenRateLimitError, "product_resolution_rate_limited"),
        ("503", octogen.OctogenServerError, "product_resolution_unavailable"),
        ("504", octogen.OctogenServerError, "product_resolution_timed_out"),
    ],
)
def test_scenarios_fail_resolve_from_html_with_its_details(
    fake: FakeOctogen,
    sdk: octogen.Client,
    scenario: str,
    error_class: type[octogen.OctogenAPIError],
    code: str,
) -> None:
    fake.queue(Scenario.parse(scenario), path="/products/resolve-from-html")
    with pytest.raises(error_class) as caught:
        sdk.products.resolve_from_html(CONTRACT_PAGE, url=CAPTURED)
    assert caught.value.code == code
    if scenario == "429":
        assert isinstance(caught.value, octogen.OctogenRateLimitError)
        assert caught.value.retry_after is not None
