"""`LookupResult` and `Resolution`: the answer of `products.lookup(url)`."""

import attrs

from . import reads_as_octogen
from .base import WireModel
from .product_view import Product


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class Resolution(WireModel):
    """How an on-demand lookup read the page.

    Attributes:
        completeness: `"complete"` or `"partial"` (other values are kept as given).
        method: `"json_ld"`, `"open_graph"`, `"html_meta"`, `"resolved_url"` or
            `"catalog_extractor"` (other values are kept as given).
        rendered: Whether the page had to be rendered in a browser.
        missing_fields: Fields the page did not provide.
    """

    completeness: str | None = None
    method: str | None = None
    rendered: bool | None = None
    missing_fields: list[str] = attrs.field(factory=list)


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class LookupResult(WireModel):
    """A product found by its page URL (wire name `MerchantProductUrlLookupResponse`).

    Attributes:
        source: `"indexed"` (from a catalog), `"on_demand"` (read from the page now)
            or `"client_html"` (read from HTML you sent); newer values are passed
            through as strings.
        product: The product.
        catalog_key / catalog_display_name / source_base_url: The catalog, for
            indexed results (None for on-demand ones).
        request_id: The API's ID of this request, when it sends one.
        requested_url: The URL you asked for, as sent.
        normalized_url: For indexed results, the product's stable URL: the one to
            store and look up again (None for on-demand results).
        resolved_url: For on-demand results, the URL after redirects: the one to look
            up again (None for indexed results).
        canonical_url: The canonical URL the page declares (on-demand results; None
            for indexed ones). Not a key for looking the product up again.
        resolution: How an on-demand lookup read the page.
        cache_status: `"hit"`, `"miss"` or `"refresh"` for on-demand results.
        matched_via: Which index match found the product (`"exact"`, `"loose"`,
            `"learned_alias:<rule>"`, ...), for information; None for on-demand results.
        warnings: Codes of anything the API wants you to know about this result
            (`"product_fields_clamped"`, ...); unknown codes are kept.
    """

    source: str
    product: Product
    catalog_key: str | None = None
    catalog_display_name: str | None = None
    source_base_url: str | None = None
    request_id: str | None = None
    requested_url: str | None = None
    resolved_url: str | None = None
    normalized_url: str | None = None
    canonical_url: str | None = None
    resolution: Resolution | None = None
    cache_status: str | None = None
    matched_via: str | None = None
    warnings: list[str] = attrs.field(factory=list)


reads_as_octogen(LookupResult, Resolution)
