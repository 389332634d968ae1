"""`Catalog`: one merchant catalog, as `GET /catalogs` lists it."""

from datetime import datetime

import attrs

from . import reads_as_octogen
from .base import WireModel


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Catalog(WireModel):
    """A merchant catalog available to your key (wire name `MerchantCatalogSummary`).

    Attributes:
        catalog: The catalog key; pass it as `catalog=` to `products.search`.
        display_name: The merchant's name for people.
        product_count: How many products the catalog holds.
        source_base_url: The merchant's site, when known.
        last_indexed_at: When the catalog was last indexed (timezone-aware), when known.
    """

    catalog: str
    display_name: str
    product_count: int
    source_base_url: str | None = None
    last_indexed_at: datetime | None = None


reads_as_octogen(Catalog)
