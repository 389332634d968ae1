"""Products: `ProductSummary` (a search result), `Product` (a full view) and their parts."""

from datetime import datetime

import attrs

from .._types import JSONValue
from .base import WireModel


@attrs.frozen(kw_only=True, slots=False)
class Brand(WireModel):
    """The brand of a product."""

    name: str
    slug: str | None = None
    url: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Rating(WireModel):
    """Aggregate review rating: `average` score and review `count`."""

    average: float | None = None
    count: int | None = None


@attrs.frozen(kw_only=True, slots=False)
class Color(WireModel):
    """A color option: its `label`, `hex_code` (e.g. `#000000`) and swatch image."""

    label: str | None = None
    hex_code: str | None = None
    swatch_url: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Category(WireModel):
    """A merchant category the product belongs to."""

    name: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Breadcrumb(WireModel):
    """One step of the merchant page's breadcrumb trail."""

    name: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Variant(WireModel):
    """A purchasable variant (size/color combination) of a product."""

    sku: str | None = None
    product_url: str | None = None
    color: Color | None = None
    size: str | None = None
    in_stock: bool | None = None
    image_url: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class ProductDetails(WireModel):
    """Materials, fit, dimensions and patterns; empty lists when the page gave none."""

    materials: list[str] = attrs.field(factory=list)
    fit: list[str] = attrs.field(factory=list)
    dimensions: str | None = None
    patterns: list[str] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, slots=False)
class Audience(WireModel):
    """Who the product is for: `genders` and `age_groups`."""

    genders: list[str] = attrs.field(factory=list)
    age_groups: list[str] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, slots=False)
class Identifiers(WireModel):
    """Merchant identifiers: product ID, GTIN, and product group ID."""

    product_id: str | None = None
    gtin: str | None = None
    product_group_id: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Promotion(WireModel):
    """A promotion shown on the product page, with its code if any."""

    description: str | None = None
    code: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Review(WireModel):
    """One customer review."""

    author: str | None = None
    rating: float | None = None
    body: str | None = None
    published_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class Video(WireModel):
    """A product video."""

    url: str | None = None
    thumbnail_url: str | None = None
    name: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class Enrichment(WireModel):
    """Octogen's own classification of a product (snake_case keys on the wire).

    Attributes beyond these (the API adds some over time) are in `.raw`.
    """

    type: str | None = None
    tags: list[str] = attrs.field(factory=list)
    styles: list[str] = attrs.field(factory=list)
    gender: str | None = None
    age_groups: list[str] = attrs.field(factory=list)
    color: str | None = None
    color_family: str | None = None
    category_path: list[str] = attrs.field(factory=list)
    attributes: dict[str, JSONValue] = attrs.field(factory=dict)
    canonical_brand: str | None = None
    summary: str | None = None


@attrs.frozen(kw_only=True, slots=False)
class ProductSummary(WireModel):
    """A product as search results list it (wire name `MerchantProductListItem`).

    Attributes:
        uuid: Octogen's product ID. Always set in search results; None only for a
            product resolved on demand by `lookup`.
        catalog_key: The catalog the product belongs to.
        product_url: The product's page on the merchant's site.
        images: Image URLs (a CDN URL when the API offers one), possibly empty.
        current_price / original_price: Prices as floats; `original_price` is set
            when the product is discounted.
        display_match_score: Relevance 0-100 for a query, when the API gives one.
    """

    uuid: str | None
    product_url: str
    catalog_key: str | None = None
    title: str | None = None
    brand: Brand | None = None
    current_price: float | None = None
    original_price: float | None = None
    currency: str | None = None
    image_url: str | None = None
    images: list[str] = attrs.field(factory=list)
    rating: Rating | None = None
    is_active: bool | None = None
    display_match_score: int | None = None
    updated_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False)
class Product(ProductSummary):
    """The full view of a product, as `lookup` returns it (wire name `MerchantProductView`).

    Everything of `ProductSummary`, plus the page's details. Lists are empty and
    `details`/`identifiers` are empty objects when the page did not give them.
    """

    description: str | None = None
    in_stock: bool | None = None
    categories: list[Category] = attrs.field(factory=list)
    sizes: list[str] = attrs.field(factory=list)
    colors: list[Color] = attrs.field(factory=list)
    tags: list[str] = attrs.field(factory=list)
    variants: list[Variant] = attrs.field(factory=list)
    details: ProductDetails = attrs.field(factory=ProductDetails)
    audience: Audience | None = None
    identifiers: Identifiers = attrs.field(factory=Identifiers)
    breadcrumbs: list[Breadcrumb] = attrs.field(factory=list)
    promotions: list[Promotion] = attrs.field(factory=list)
    reviews: list[Review] = attrs.field(factory=list)
    videos: list[Video] = attrs.field(factory=list)
    enrichment: Enrichment | None = None
