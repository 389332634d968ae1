"""The live shapes of CONTRACT-LIVE.md §1.6b, read field by field (strictly: no unknown
keys), decoded with orjson and with the stdlib decoder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from octogen import Color, Image, LookupResult, Product, ProductPage, ProductSummary, _wire
from octogen._models.product_view import (
    CanonicalBrand,
    CanonicalBrandEnrichment,
    StructuredAttribute,
    StructuredAttributeValue,
)
from octogen.testing import Dataset, FakeOctogen

Fixture = Callable[[str], Any]

PRIMARY = Image(
    url="https://warrenlotas.com/black-hoodie.jpg",
    cdn_url="https://cdn.octogen.ai/black-hoodie.webp",
    width=1200,
    height=1600,
    size_bytes=80123,
    mime_type="image/webp",
)


def test_a_live_search_page_reads_every_field(wire_fixture: Fixture) -> None:
    page = _wire.build(ProductPage, wire_fixture("search_page_live.json"), strict=True)
    assert page.request_id == "req_search_live_1"
    assert page.effective_query is not None
    assert page.effective_query["text"] == "black hoodie"
    assert page.effective_query["relaxation"] == {"rounds": 0, "declinedRounds": 0}
    assert not page.has_next_page
    (item,) = page.items
    assert item.primary_image == PRIMARY
    # `images` stays a list of URLs, the hosted copy first; `.raw` keeps the objects.
    assert item.images == [
        "https://cdn.octogen.ai/black-hoodie.webp",
        "https://warrenlotas.com/black-hoodie-back.jpg",
    ]
    assert item.raw["images"][1] == {"url": "https://warrenlotas.com/black-hoodie-back.jpg"}
    assert item.image_url == "https://cdn.octogen.ai/black-hoodie.webp"
    assert item.catalog_display_name == "Warren Lotas"
    assert item.currency == "USD"
    assert item.in_stock is True
    assert item.colors == ["Black", "Washed Black"]
    assert item.sizes == ["S", "M", "L"]
    assert item.gender == "unisex"
    assert item.category_path == ["Apparel", "Tops", "Hoodies"]
    assert item.raw_score == 12.75
    assert item.display_match_score == 97
    assert item.is_active is True  # absent on a list item: the API's default
    assert item.brand is not None and item.brand.slug == "warren-lotas"


def test_a_live_lookup_reads_the_enrichment_in_its_live_form(wire_fixture: Fixture) -> None:
    result = _wire.build(LookupResult, wire_fixture("lookup_live.json"), strict=True)
    assert result.matched_via == "learned_alias:wl-utm"
    assert result.request_id is None
    assert result.normalized_url == "https://warrenlotas.com/products/black-hoodie"
    assert result.resolved_url is None and result.canonical_url is None
    product = result.product
    assert product.primary_image == PRIMARY
    assert product.images == ["https://cdn.octogen.ai/black-hoodie.webp"]
    assert product.brand is not None and product.brand.name == "Warren Lotas"
    assert [color.label for color in product.colors] == ["Black"]
    enrichment = product.enrichment
    assert enrichment is not None
    assert enrichment.type == "hoodie"
    assert enrichment.type_synonyms == ["hooded sweatshirt"]
    assert enrichment.image_with_single_product is True
    assert enrichment.is_activewear is False
    assert enrichment.color == ["black", "darkgray"]
    assert enrichment.color_family == ["Black", "Gray"]
    assert enrichment.attributes == {"Fit": ["Relaxed"], "Neckline": ["Hooded"]}
    assert enrichment.attribute_handles == {"fit": ["relaxed"], "neckline": ["hooded"]}
    assert enrichment.structured_attributes == [
        StructuredAttribute(
            handle="fit",
            name="Fit",
            values=[StructuredAttributeValue(name="Relaxed", handle="relaxed")],
        )
    ]
    assert enrichment.brand_id == "brand_123"
    assert enrichment.canonical_brand == CanonicalBrand(
        brand_uuid="b-0001",
        brand_name="Warren Lotas",
        brand_slug="warren-lotas",
        brand_synonyms=["WL"],
        brand_enrichment=CanonicalBrandEnrichment(
            facet_origin_country="US",
            facet_style_identity=["streetwear", "gothic"],
            brand_quality_score=4.0,
            founded_year=2017,
            domain="warrenlotas.com",
        ),
    )
    assert type(enrichment.canonical_brand.brand_enrichment.brand_quality_score) is float  # type: ignore[union-attr]


def test_the_live_forms_write_back_as_they_came(wire_fixture: Fixture) -> None:
    payload = wire_fixture("lookup_live.json")
    wire = _wire.build(LookupResult, payload).to_dict()
    enrichment = wire["product"]["enrichment"]
    assert enrichment["canonical_brand"]["brand_enrichment"]["founded_year"] == 2017
    assert enrichment["structured_attributes"][0]["values"] == [
        {"name": "Relaxed", "handle": "relaxed"}
    ]
    assert wire["product"]["primaryImage"]["cdnUrl"] == PRIMARY.cdn_url
    assert wire["matchedVia"] == "learned_alias:wl-utm"


def test_is_active_defaults_to_true_on_a_list_item_and_to_none_on_a_view() -> None:
    item = {"uuid": "u", "productUrl": "https://x/p"}
    assert _wire.build(ProductPage, {"items": [item]}).items[0].is_active is True
    assert (
        _wire.build(ProductPage, {"items": [{**item, "isActive": None}]}).items[0].is_active is None
    )
    assert (
        _wire.build(ProductPage, {"items": [{**item, "isActive": False}]}).items[0].is_active
        is False
    )
    assert Product.from_dict(item).is_active is None
    assert Product.from_dict({**item, "isActive": True}).is_active is True


def test_a_page_without_items_is_an_empty_page() -> None:
    # The published models default `items` to an empty list and allow null.
    assert _wire.build(ProductPage, {"requestId": "r"}).items == []
    assert _wire.build(ProductPage, {"items": None}).items == []


def test_every_datetime_writes_back_even_at_the_edge_of_the_calendar() -> None:
    item = Product.from_dict(
        {"uuid": None, "productUrl": "https://x/p", "updatedAt": "9999-12-31T23:59:59-05:00"}
    )
    wire = item.to_dict()
    assert wire["updatedAt"] == "9999-12-31T23:59:59-05:00"  # no UTC form before year 10000
    assert Product.from_dict(wire).updated_at == item.updated_at
    early = Product.from_dict(
        {"uuid": None, "productUrl": "https://x/p", "updatedAt": "0001-01-01T00:00:00+05:00"}
    )
    assert Product.from_dict(early.to_dict()).updated_at == early.updated_at
    ordinary = Product(uuid=None, product_url="https://x/p", updated_at=datetime(2026, 1, 2))
    assert ordinary.to_dict()["updatedAt"] == "2026-01-02T00:00:00Z"  # naive is UTC
    assert datetime(2026, 1, 2, tzinfo=UTC) == Product.from_dict(ordinary.to_dict()).updated_at


def test_the_fake_lists_search_results_in_the_live_shape() -> None:
    for product in Dataset.demo(products_per_catalog=10).products:
        item = _wire.build(ProductSummary, product.list_item, strict=True)
        assert item.primary_image is not None and item.primary_image.cdn_url == item.image_url
        assert item.images[0] == item.image_url
        assert item.catalog_display_name and item.gender and item.category_path
        assert item.colors and all(isinstance(color, str) for color in item.colors)
        assert item.sizes and item.in_stock is not None and item.is_active is True


def test_the_fake_sends_product_views_with_the_live_enrichment() -> None:
    fake = FakeOctogen()
    url = fake.dataset.products[0].view["productUrl"]
    with fake.client() as client:
        product = client.products.lookup(url).product
        (item,) = client.products.search(limit=1).items
    assert product.raw["images"][0]["cdnUrl"] == product.images[0]
    assert product.primary_image is not None and product.primary_image.width == 1200
    assert all(isinstance(color, Color) for color in product.colors)
    enrichment = product.enrichment
    assert enrichment is not None
    assert isinstance(enrichment.raw["color"], list) and enrichment.color
    assert enrichment.raw["attributes"]["fit"] == enrichment.attributes["fit"]
    assert enrichment.canonical_brand is not None
    assert enrichment.canonical_brand.brand_uuid and enrichment.canonical_brand.brand_enrichment
    assert enrichment.structured_attributes[0].values[0].handle
    assert item.primary_image is not None and item.colors == [item.raw["colors"][0]]


def test_the_fake_lists_products_given_in_the_older_shapes_in_the_live_shape() -> None:
    dataset = Dataset(
        catalogs=[{"catalog": "mine", "displayName": "My Shop"}],
        products=[
            {
                "catalogKey": "mine",
                "productUrl": "https://my.shop/p/1",
                "images": ["https://my.shop/1.jpg"],
                "colors": [{"label": "Red", "hexCode": "#FF0000"}],
                "audience": {"genders": ["female"]},
            }
        ],
    )
    (product,) = dataset.products
    item = _wire.build(ProductSummary, product.list_item, strict=True)
    assert item.primary_image == Image(url="https://my.shop/1.jpg")
    assert item.colors == ["Red"]
    assert item.gender == "female"
    assert item.catalog_display_name == "My Shop"
    assert item.is_active is True
