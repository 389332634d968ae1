"""A product as search results list it: `ProductSummary` and its parts (`Brand`, `Rating`,
`Image`). The full view, `Product`, is in `product_view.py`: a search does not load it."""

from datetime import datetime

import attrs

from .. import _wire
from . import reads_as_octogen
from .base import WireModel

# Field metadata: on the wire, a bare string may stand for the whole object (`TEXT_FORM`).
NAMES_THE_OBJECT = {_wire.TEXT_FORM: True}


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Brand(WireModel):
    """The brand of a product (a bare string on the wire reads as its `name`)."""

    name: str = attrs.field(metadata=NAMES_THE_OBJECT)
    slug: str | None = None
    url: str | None = None
    description: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Rating(WireModel):
    """Aggregate review rating: `average` score and review `count`."""

    average: float | None = None
    count: int | None = None


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

    url: str = attrs.field(metadata=NAMES_THE_OBJECT)
    cdn_url: str | None = None
    width: int | None = None
    height: int | None = None
    mime_type: str | None = None
    size_bytes: int | None = None


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


reads_as_octogen(Brand, Image, ProductSummary, Rating)
