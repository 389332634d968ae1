"""The JSON examples of CONTRACT.md, read field by field (strictly: no unknown keys),
decoded with orjson and with the stdlib decoder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import octogen
from octogen import (
    Audience,
    Brand,
    Catalog,
    Color,
    Enrichment,
    Identifiers,
    LookupResult,
    ProductDetails,
    ProductPage,
    Rating,
    Resolution,
    _wire,
)
from octogen._models.product_view import CanonicalBrand

Fixture = Callable[[str], Any]

INDEXED_AT = datetime(2026, 5, 19, 18, 4, 10, tzinfo=UTC)


def test_catalog_summary_reads_every_field(wire_fixture: Fixture) -> None:
    (catalog,) = _wire.build_list(Catalog, wire_fixture("catalogs.json"), strict=True)
    assert catalog.catalog == "warrenlotas"
    assert catalog.display_name == "Warren Lotas"
    assert catalog.source_base_url == "https://warrenlotas.com"
    assert catalog.product_count == 1248
    assert catalog.last_indexed_at == INDEXED_AT
    assert catalog.last_indexed_at.tzinfo is not None


def test_search_page_reads_every_field(wire_fixture: Fixture) -> None:
    page = _wire.build(ProductPage, wire_fixture("search_page.json"), strict=True)
    assert page.next_cursor == "eyJzZWFyY2hBZnRlciI6Wy4uLl19"
    assert page.has_next_page
    (item,) = page.items
    assert item.uuid == "prod_01HX..."
    assert item.catalog_key == "warrenlotas"
    assert item.title == "Black Hoodie"
    assert item.product_url == "https://warrenlotas.com/products/black-hoodie"
    assert item.image_url == "https://cdn.example.com/black-hoodie.jpg"
    assert item.images == ["https://cdn.example.com/black-hoodie.jpg"]
    assert item.brand == Brand(name="Warren Lotas", slug="warren-lotas", url=None)
    assert item.current_price == 180.0
    assert type(item.current_price) is float  # arrives as the integer 180
    assert item.original_price is None
    assert item.rating is None
    assert item.is_active is True
    assert item.updated_at == INDEXED_AT
    assert item.display_match_score is None
    assert item.currency is None


def test_last_page_has_no_next_page() -> None:
    page = _wire.build(ProductPage, {"items": [], "nextCursor": None})
    assert page.items == []
    assert not page.has_next_page


def test_indexed_lookup_reads_every_product_view_field(wire_fixture: Fixture) -> None:
    result = _wire.build(LookupResult, wire_fixture("lookup_indexed.json"), strict=True)
    assert result.source == "indexed"
    assert result.catalog_key == "warrenlotas"
    assert result.catalog_display_name == "Warren Lotas"
    assert result.source_base_url == "https://warrenlotas.com"
    assert result.request_id == "req_lookup_1"
    assert result.requested_url == "https://www.warrenlotas.com/products/black-hoodie?utm_source=x"
    assert result.resolved_url == result.normalized_url == result.canonical_url
    assert result.resolution is None
    assert result.cache_status is None
    assert result.warnings == []
    product = result.product
    assert product.uuid == "prod_01HX..."
    assert product.description == "Heavyweight fleece hoodie."
    assert product.in_stock is True
    assert product.current_price == 144.5
    assert product.original_price == 180.0
    assert product.currency == "USD"
    assert product.rating == Rating(average=4.6, count=212)
    assert product.display_match_score == 97
    assert product.brand is not None and product.brand.description == "Los Angeles streetwear"
    assert [c.name for c in product.categories] == ["Hoodies"]
    assert product.sizes == ["S", "M", "L"]
    assert product.colors == [
        Color(
            label="Black", hex_code="#000000", swatch_url="https://cdn.example.com/swatch-black.png"
        )
    ]
    assert product.tags == ["fleece", "streetwear"]
    (variant,) = product.variants
    assert variant.sku == "WL-HOOD-BLK-M"
    assert variant.color == Color(label="Black", hex_code="#000000", swatch_url=None)
    assert variant.size == "M"
    assert variant.in_stock is False
    assert variant.product_url is not None and variant.product_url.endswith("variant=2")
    assert product.details == ProductDetails(
        materials=["100% cotton"], fit=["relaxed"], dimensions="Chest 60 cm", patterns=["solid"]
    )
    assert product.audience == Audience(genders=["unisex"], age_groups=["adult"])
    assert product.identifiers == Identifiers(
        product_id="8812", gtin="00812345678901", product_group_id="WL-HOOD"
    )
    assert [(b.name, b.url) for b in product.breadcrumbs] == [("Home", "https://warrenlotas.com/")]
    assert [(p.description, p.code) for p in product.promotions] == [("20% off fleece", "FLEECE20")]
    (review,) = product.reviews
    assert (review.author, review.rating, review.body) == ("Sam", 5.0, "Warm.")
    assert review.published_at == datetime(2026, 4, 2, 9, 30, tzinfo=UTC)
    (video,) = product.videos
    assert video.thumbnail_url == "https://cdn.example.com/hoodie.jpg"
    assert video.name == "On model"
    assert product.enrichment == Enrichment(
        type="hoodie",
        tags=["cozy"],
        styles=["streetwear"],
        gender="unisex",
        age_groups=["adult"],
        color=["black"],  # CONTRACT.md's older form, one string: a one-item list
        color_family=["Black"],
        category_path=["Apparel", "Tops", "Hoodies"],
        attributes={"fit": ["relaxed"]},
        canonical_brand=CanonicalBrand(brand_name="Warren Lotas"),  # was a bare name
        summary="A heavyweight black hoodie.",
    )


def test_on_demand_lookup_allows_null_ids_and_defaults_absent_parts(wire_fixture: Fixture) -> None:
    result = _wire.build(LookupResult, wire_fixture("lookup_on_demand.json"), strict=True)
    assert result.source == "on_demand"
    assert result.catalog_key is None
    assert result.cache_status == "miss"
    assert result.warnings == ["price_currency_guessed"]
    assert result.resolution == Resolution(
        completeness="partial",
        method="open_graph",
        rendered=True,
        missing_fields=["sizes", "reviews"],
    )
    product = result.product
    assert product.uuid is None
    assert product.is_active is None
    assert product.current_price == 120.0
    # Arrays and objects may be absent: empty lists and empty default objects.
    assert product.images == product.sizes == product.variants == product.reviews == []
    assert product.details == ProductDetails()
    assert product.identifiers == Identifiers()
    assert product.audience is None
    assert product.enrichment is None


# --- CONTRACT-LIVE.md §3 -----------------------------------------------------------------


def test_a_more_like_this_page_reads_its_source_and_items(wire_fixture: Fixture) -> None:
    page = _wire.build(
        octogen.SimilarProductsPage, wire_fixture("more_like_this_page.json"), strict=True
    )
    assert page.source == octogen.SourceProduct(
        catalog_key="warrenlotas",
        uuid="prod_01HX4Q...",
        product_url="https://warrenlotas.com/products/black-hoodie",
        title="Black Hoodie",
    )
    (item,) = page.items
    assert (item.title, item.current_price, item.is_active) == ("Washed Black Hoodie", 150.0, True)
    assert page.next_cursor == "eyJzZWFyY2hBZnRlciI6Wy4uLl19"
    assert page.source_image_hash is None and page.resolution is None
    assert page.effective_query is None


def test_an_image_more_like_this_page_reads_its_hash_and_query(wire_fixture: Fixture) -> None:
    page = octogen.SimilarProductsPage.from_dict(wire_fixture("more_like_this_image.json"))
    assert page.source is None
    assert page.source_image_hash == "3f9a0c7e51b2"
    assert page.resolution == "cached_image_query"
    assert page.effective_query is not None
    assert page.effective_query["text"] == "cropped tweed jacket"
    assert page.effective_query["degradedToTextFallback"] is False
    assert [item.title for item in page.items] == ["Kumi Cropped Jacket"]
    assert page.to_dict()["sourceImage"] == {"hash": "3f9a0c7e51b2"}


def test_a_refresh_result_reads_every_field(wire_fixture: Fixture) -> None:
    result = _wire.build(octogen.RefreshResult, wire_fixture("refresh_result.json"), strict=True)
    assert result.request_id == "0b6f5a8e-2d41-4c3e-9a57-7e1c2f9d4b10"
    assert result.submitted == 3
    assert result.workflow_id == "a7d3c2e1-5f64-4b8a-9c0d-2e3f4a5b6c7d"
    assert result.workflow_error is None
    assert result.accepted[1] == octogen.RefreshTarget(
        catalog="warrenlotas", url="https://warrenlotas.com/products/new-drop"
    )
    (rejection,) = result.rejected
    assert rejection.target == octogen.RefreshTarget(url="https://shared.example/products/1")
    assert rejection.code == "ambiguous_url"
    assert rejection.message == "Several active crawled catalogs hold this URL; add catalog."
    assert octogen.RefreshResult.from_dict(result.to_dict()) == result
