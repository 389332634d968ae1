"""Products: `ProductSummary` (a search result), `Product` (a full view) and their parts."""

from datetime import datetime
from typing import ClassVar

import attrs

from .. import _wire
from . import reads_as_octogen
from .base import WireModel

# Field metadata: on the wire, a bare string may stand for the whole object (`TEXT_FORM`).
_NAMES_THE_OBJECT = {_wire.TEXT_FORM: True}


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Brand(WireModel):
    """The brand of a product (a bare string on the wire reads as its `name`)."""

    name: str = attrs.field(metadata=_NAMES_THE_OBJECT)
    slug: str | None = None
    url: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Rating(WireModel):
    """Aggregate review rating: `average` score and review `count`."""

    average: float | None = None
    count: int | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Color(WireModel):
    """A color option: its `label`, `hex_code` (e.g. `#000000`) and swatch image.

    A bare string on the wire (`"Black"`, as list items send colors) reads as the label.
    """

    label: str | None = attrs.field(default=None, metadata=_NAMES_THE_OBJECT)
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
class Image(WireModel):
    """One product image (wire name `MerchantProductImageMetadataView`).

    A bare URL string on the wire reads as an image with only `url`.

    Attributes:
        url: The image on the merchant's site.
        cdn_url: Octogen's hosted copy, when there is one: prefer it, fall back to `url`.
        width / height: Pixel size of the hosted copy, when known.
        mime_type: Format of the hosted copy (mostly `image/webp`), when known.
        size_bytes: File size of the hosted copy, when known.
    """

    url: str = attrs.field(metadata=_NAMES_THE_OBJECT)
    cdn_url: str | None = None
    width: int | None = None
    height: int | None = None
    mime_type: str | None = None
    size_bytes: int | None = None


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

    brand_name: str = attrs.field(metadata=_NAMES_THE_OBJECT)
    brand_uuid: str | None = None
    brand_slug: str | None = None
    brand_synonyms: list[str] = attrs.field(factory=list)
    brand_enrichment: CanonicalBrandEnrichment | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class StructuredAttributeValue(WireModel):
    """One value of a taxonomy attribute: its display `name` and stable `handle`."""

    _wire_snake_case: ClassVar[bool] = True

    name: str = attrs.field(metadata=_NAMES_THE_OBJECT)
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
class ProductSummary(WireModel):
    """A product as search results list it (wire name `MerchantProductListItem`).

    Attributes:
        uuid: Octogen's product ID. Always set in search results; None only for a
            product resolved on demand by `lookup`.
        catalog_key: The catalog the product belongs to; `catalog_display_name` its
            name for people.
        product_url: The product's page on the merchant's site.
        primary_image: The product's display image, with its hosted copy and size.
        images: Image URLs (the hosted copy when the API offers one), possibly empty.
            The API now sends image objects: `primary_image` is one, and `.raw["images"]`
            keeps them all.
        image_url: The primary image's hosted URL (deprecated by the API in favour of
            `primary_image`, still filled).
        current_price / original_price: Prices as floats; `original_price` is set
            when the product is discounted. `currency` is their ISO 4217 code.
        in_stock: Whether the product (any color or size) is available, when known.
        colors / sizes: The product family's color and size labels, as strings. (On a
            `Product`, `colors` are `Color` objects.)
        gender: `"male"`, `"female"` or `"unisex"`, when known (other values are kept).
        category_path: Octogen's category, root first, in the names the
            `category_path.depth_N` facets accept.
        is_active: Whether the product is live in its catalog; True when the API
            leaves it out.
        display_match_score: Relevance 0-100 for a query, when the API gives one.
        raw_score: The search engine's own score, for debugging; not comparable across
            queries.
    """

    uuid: str | None
    product_url: str
    catalog_key: str | None = None
    catalog_display_name: str | None = None
    title: str | None = None
    brand: Brand | None = None
    current_price: float | None = None
    original_price: float | None = None
    currency: str | None = None
    image_url: str | None = None
    primary_image: Image | None = None
    images: list[str] = attrs.field(factory=list, metadata={_wire.READER: _wire.read_image_urls})
    rating: Rating | None = None
    in_stock: bool | None = None
    colors: list[str] = attrs.field(factory=list)
    sizes: list[str] = attrs.field(factory=list)
    gender: str | None = None
    category_path: list[str] = attrs.field(factory=list)
    is_active: bool | None = True
    display_match_score: int | None = None
    raw_score: float | None = None
    updated_at: datetime | None = None


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
    Brand,
    Breadcrumb,
    Category,
    Color,
    Enrichment,
    Identifiers,
    Image,
    Product,
    ProductDetails,
    ProductSummary,
    Promotion,
    Rating,
    Review,
    Variant,
    Video,
)
