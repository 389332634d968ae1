"""More Like This: `SimilarProductsPage` and `SourceProduct`."""

from typing import Self

import attrs

from .._types import JSONValue
from . import reads_as_octogen
from .base import WireModel
from .search import ProductPage


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class SourceProduct(WireModel):
    """The product that similar products were found for (URL and UUID sources).

    Attributes:
        catalog_key: The catalog the source product belongs to.
        uuid: Its Octogen product ID.
        product_url: Its page on the merchant's site.
        title: Its title, when known.
    """

    catalog_key: str
    uuid: str
    product_url: str
    title: str | None = None


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class SimilarProductsPage(ProductPage):
    """One page of products similar to a source (`products.more_like_this`).

    The source itself is never among the items. Pass `next_cursor` as `cursor=`, with
    the same other arguments, for the next page.

    Attributes:
        items: The similar products on this page.
        next_cursor: The cursor of the next page; None on the last page.
        source: The source product, for `url` and `uuid` sources (None for images).
        source_image_hash: The content hash of the source image (image sources only).
        resolution: How an image source became a query: `"image_query_generation"` (a
            first sight of the image) or `"cached_image_query"` (seen in the last 24 h).
        effective_query: The search that ran, with `debug=True` (a mapping whose inner
            shape the API does not publish), else None.
    """

    source: SourceProduct | None = None
    source_image_hash: str | None = None
    resolution: str | None = None
    effective_query: dict[str, JSONValue] | None = None

    @classmethod
    def from_dict(cls, data: JSONValue) -> Self:
        """Build the page from its wire-format mapping (`sourceImage.hash` read into
        `source_image_hash`).

        Raises:
            OctogenResponseError: `data` does not have this model's shape.
        """
        page = super().from_dict(data)
        image = page.raw.get("sourceImage")
        digest = image.get("hash") if isinstance(image, dict) else None
        if isinstance(digest, str) and page.source_image_hash is None:
            page = attrs.evolve(page, source_image_hash=digest)
        return page


reads_as_octogen(SimilarProductsPage, SourceProduct)
