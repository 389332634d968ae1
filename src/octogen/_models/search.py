"""Search types: `ProductPage`; the request-side `Facet` and `FacetName` live in `facet.py`
(argument checks need them without the product models) and are re-exported here."""

import attrs

from .._types import JSONValue
from . import reads_as_octogen
from .base import WireModel
from .facet import Facet, FacetName
from .product import ProductSummary

__all__ = ["Facet", "FacetName", "ProductPage"]


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class ProductPage(WireModel):
    """One page of search results.

    Attributes:
        items: The products on this page (empty when the API sends none).
        next_cursor: Pass it as `cursor=` (with the same filters) for the next page;
            None on the last page.
        request_id: The API's ID of this page's request, when it sends one.
        effective_query: The search that actually ran (the understood text, facets
            and bounds), as the API describes it; a mapping, since its inner shape is
            not published. None when the API does not send it.
    """

    items: list[ProductSummary] = attrs.field(factory=list)
    next_cursor: str | None = None
    request_id: str | None = None
    effective_query: dict[str, JSONValue] | None = None

    @property
    def has_next_page(self) -> bool:
        """True when another page follows this one."""
        return self.next_cursor is not None


reads_as_octogen(ProductPage)
