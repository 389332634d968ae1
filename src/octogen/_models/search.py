"""Search types: `ProductPage`, `Facet`, `FacetName`."""

import enum

import attrs

from .._types import JSONValue
from .base import WireModel
from .product import ProductSummary


@attrs.frozen(kw_only=True, slots=False)
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


class FacetName(enum.StrEnum):
    """The built-in facet names. Any other string is passed through as a dynamic
    attribute facet (e.g. `"fit"` or `"attribute_facets.fit"`)."""

    BRAND_NAME = "brand_name"
    BRAND_SLUG = "brand_slug"
    RAW_BRAND_NAME = "raw_brand_name"
    PRODUCT_TYPE = "product_type"
    GENDER = "gender"
    AGE_GROUPS = "age_groups"
    COLOR = "color"
    COLOR_FAMILY = "color_family"
    IS_ACTIVEWEAR = "is_activewear"
    CATEGORY_PATH_DEPTH_0 = "category_path.depth_0"
    CATEGORY_PATH_DEPTH_1 = "category_path.depth_1"
    CATEGORY_PATH_DEPTH_2 = "category_path.depth_2"
    CATEGORY_PATH_DEPTH_3 = "category_path.depth_3"
    CATEGORY_PATH_DEPTH_4 = "category_path.depth_4"
    CATEGORY_PATH_DEPTH_5 = "category_path.depth_5"
    CATEGORY_PATH_DEPTH_6 = "category_path.depth_6"


@attrs.frozen(kw_only=True)
class Facet:  # a request value, never built from the wire
    """A search filter: products whose facet `name` has any of `values`.

    Facets are ANDed with each other; the values of one facet are ORed.
    """

    name: str
    values: list[str]

    def to_dict(self) -> dict[str, str | list[str]]:
        """The facet as the search request body carries it."""
        return {"name": str(self.name), "values": list(self.values)}
