"""Search filters: `Facet` and the built-in `FacetName`s. Request values, never read from
the wire, so that checking a `facets=` argument needs no model of the response."""

import enum

import attrs

from .._field_methods import FieldMethods
from . import reads_as_octogen


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


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Facet(FieldMethods):  # a request value, never built from the wire
    """A search filter: products whose facet `name` has any of `values`.

    Facets are ANDed with each other; the values of one facet are ORed.
    """

    name: str
    values: list[str]

    def to_dict(self) -> dict[str, str | list[str]]:
        """The facet as the search request body carries it."""
        return {"name": str(self.name), "values": list(self.values)}


reads_as_octogen(Facet, FacetName)
