"""The full view of a product, as `lookup` returns it: `Product` and its parts (colors,
variants, details, reviews, enrichment, ...). Loaded with the first model that needs it:
a search does not."""

from datetime import datetime
from typing import ClassVar

import attrs

from . import reads_as_octogen
from .base import WireModel
from .product import NAMES_THE_OBJECT, ProductSummary


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Color(WireModel):
    """A color option: its `label`, `hex_code` (e.g. `#000000`) and swatch image.

    A bare string on the wire (`"Black"`, as list items send colors) reads as the label.
    """

    label: str | None = attrs.field(default=None, metadata=NAMES_THE_OBJECT)
    hex_code: str | None = None
    swatch_url: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Category(WireModel):
    """A merchant category the product belongs to."""

    name: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Breadcrumb(WireModel):
    """One step of the merchant page's breadcrumb trail."""

    name: str | None = None
    url: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Variant(WireModel):
    """A purchasable variant (size/color combination) of a product."""

    sku: str | None = None
    product_url: str | None = None
    color: Color | None = None
    size: str | None = None
    in_stock: bool | None = None
    image_url: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class ProductDetails(WireModel):
    """Materials, fit, dimensions and patterns; empty lists when the page gave none."""

    materials: list[str] = attrs.field(factory=list)
    fit: list[str] = attrs.field(factory=list)
    dimensions: str | None = None
    patterns: list[str] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Audience(WireModel):
    """Who the product is for: `genders` and `age_groups`."""

    genders: list[str] = attrs.field(factory=list)
    age_groups: list[str] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Identifiers(WireModel):
    """Merchant identifiers: product ID, GTIN, and product group ID."""

    product_id: str | None = None
    gtin: str | None = None
    product_group_id: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Promotion(WireModel):
    """A promotion shown on the product page, with its code if any."""

    description: str | None = None
    code: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Review(WireModel):
    """One customer review."""

    author: str | None = None
    rating: float | None = None
    body: str | None = None
    published_at: datetime | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Video(WireModel):
    """A product video."""

    url: str | None = None
    thumbnail_url: str | None = None
    name: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class CanonicalBrandEnrichment(WireModel):
    """What Octogen knows about a brand (snake_case keys on the wire); every field
    optional. The `facet_*` lists are the values the brand facets match."""

    _wire_snake_case: ClassVar[bool] = True

    facet_origin_country: str | None = None
    facet_price_tier: str | None = None
    facet_target_audience: str | None = None
    facet_style_identity: list[str] = attrs.field(factory=list)
    facet_sustainability: list[str] = attrs.field(factory=list)
    facet_brand_ethics: list[str] = attrs.field(factory=list)
    facet_brand_inclusivity: list[str] = attrs.field(factory=list)
    facet_brand_cultural_anchors: list[str] = attrs.field(factory=list)
    facet_key_people_names: list[str] = attrs.field(factory=list)
    facet_key_people_nationalities: list[str] = attrs.field(factory=list)
    facet_brand_hype_cycle_stage: list[str] = attrs.field(factory=list)
    brand_quality_score: float | None = None
    domain: str | None = None
    founded_year: int | None = None
    directory_subheading: str | None = None
    brand_description: str | None = None
    brand_positioning: str | None = None
    occasion_fit: str | None = None
    brand_craft_production: str | None = None
    brand_accessibility_index: str | None = None
    brand_community_perception: str | None = None
    brand_popularity_level: str | None = None
    brand_popularity_trend_direction: str | None = None
    brand_quality_justification: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class CanonicalBrand(WireModel):
    """The brand Octogen resolved the product's brand to (snake_case keys on the wire).

    The older form, a bare brand name, reads as a `CanonicalBrand` with only
    `brand_name` set.

    Attributes:
        brand_name: The brand's canonical name.
        brand_uuid: Octogen's ID of the brand (None when only the name was sent).
        brand_slug: The canonical slug, when known.
        brand_synonyms: Other names of the brand.
        brand_enrichment: What Octogen knows about the brand, when sent.
    """

    _wire_snake_case: ClassVar[bool] = True

    brand_name: str = attrs.field(metadata=NAMES_THE_OBJECT)
    brand_uuid: str | None = None
    brand_slug: str | None = None
    brand_synonyms: list[str] = attrs.field(factory=list)
    brand_enrichment: CanonicalBrandEnrichment | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class StructuredAttributeValue(WireModel):
    """One value of a taxonomy attribute: its display `name` and stable `handle`."""

    _wire_snake_case: ClassVar[bool] = True

    name: str = attrs.field(metadata=NAMES_THE_OBJECT)
    handle: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class StructuredAttribute(WireModel):
    """A taxonomy attribute with its values, e.g. handle `fit`, name `Fit`."""

    _wire_snake_case: ClassVar[bool] = True

    handle: str
    name: str
    values: list[StructuredAttributeValue] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Enrichment(WireModel):
    """Octogen's own classification of a product (snake_case keys on the wire).

    Every field is optional. Older responses sent `color` and `color_family` as one
    string, `attributes` values as strings and `canonical_brand` as a name: they read
    as one-item lists and as a `CanonicalBrand` with only `brand_name`. Attributes
    beyond these (the API adds some over time) are in `.raw`.

    Attributes:
        type: The product type, e.g. `"hoodie"`; `type_synonyms` lists other names.
        color / color_family: The product's colors and their families (`"Black"`,
            `"Blue"`, ...), index by index.
        attributes: Taxonomy attributes by name, each with its values
            (`{"Fit": ["Relaxed"]}`); `attribute_handles` the same by handle.
        structured_attributes: The same attributes with names and handles together.
        canonical_brand: The brand Octogen resolved the product's brand to.
        image_with_single_product: Whether the image shows the product alone.
    """

    _wire_snake_case: ClassVar[bool] = True

    type: str | None = None
    type_synonyms: list[str] = attrs.field(factory=list)
    tags: list[str] = attrs.field(factory=list)
    styles: list[str] = attrs.field(factory=list)
    image_with_single_product: bool | None = None
    gender: str | None = None
    is_activewear: bool | None = None
    age_groups: list[str] = attrs.field(factory=list)
    color: list[str] = attrs.field(factory=list)
    color_family: list[str] = attrs.field(factory=list)
    category_path: list[str] = attrs.field(factory=list)
    attributes: dict[str, list[str]] = attrs.field(factory=dict)
    attribute_handles: dict[str, list[str]] = attrs.field(factory=dict)
    structured_attributes: list[StructuredAttribute] = attrs.field(factory=list)
    brand_id: str | None = None
    canonical_brand: CanonicalBrand | None = None
    summary: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Product(ProductSummary):
    """The full view of a product, as `lookup` returns it (wire name `MerchantProductView`).

    Everything of `ProductSummary`, plus the page's details. Lists are empty and
    `details`/`identifiers` are empty objects when the page did not give them. Unlike
    on a list item, `colors` are `Color` objects, and `is_active` is None when the API
    leaves it out (always, for products resolved on demand).
    """

    is_active: bool | None = None
    description: str | None = None
    categories: list[Category] = attrs.field(factory=list)
    colors: list[Color] = attrs.field(factory=list)  # type: ignore[assignment]  # the API's view
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


reads_as_octogen(
    Audience,
    Breadcrumb,
    Category,
    Color,
    Enrichment,
    Identifiers,
    Product,
    ProductDetails,
    Promotion,
    Review,
    Variant,
    Video,
)
