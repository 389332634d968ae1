"""`POST /products/lookup` on a `Dataset`: the index first, then on-demand resolution."""

from __future__ import annotations

from typing import Any

import attrs

from ._dataset import Dataset
from ._request import ApiRequest, Reply
from ._urls import is_product_url, is_unsafe_url, normalize_url
from ._validation import BodyValidator, read_json_object

RESOLUTION_MODES = ("auto", "index_only", "on_demand_only")
CACHE_POLICIES = ("prefer_cache", "refresh")
# What a status scenario answers with on lookup, where it differs from the generic detail.
LOOKUP_ERROR_DETAILS = {
    404: "product_not_found",
    429: "product_lookup_rate_limited",
    503: "product_lookup_fallback_unavailable",
    504: "product_lookup_timed_out",
}


@attrs.frozen(kw_only=True)
class LookupRequest:
    """A validated lookup body."""

    url: str
    mode: str = "auto"
    cache_policy: str = "prefer_cache"


@attrs.frozen(kw_only=True)
class LookupOutcome:
    """What a lookup answers: a status and a JSON body."""

    status: int
    body: Any
    catalog: str | None = None


def read_lookup_request(body: dict[str, Any], validator: BodyValidator) -> LookupRequest | None:
    """The lookup request in `body`, or None when `validator` recorded a problem."""
    url = None
    if "url" not in body:
        validator.missing(("url",), body)
    else:
        url = validator.string(("url",), body["url"], optional=False)
    mode: str | None = "auto"
    if body.get("resolutionMode") is not None:
        mode = validator.choice(("resolutionMode",), body["resolutionMode"], RESOLUTION_MODES)
    policy: str | None = "prefer_cache"
    if body.get("onDemandCachePolicy") is not None:
        policy = validator.choice(
            ("onDemandCachePolicy",), body["onDemandCachePolicy"], CACHE_POLICIES
        )
    if mode == "index_only" and policy == "refresh":
        validator.add(
            ("onDemandCachePolicy",),
            "value_error",
            "Value error, onDemandCachePolicy 'refresh' cannot be used with "
            "resolutionMode 'index_only'",
            policy,
            {"error": {}},
        )
    if validator.issues or url is None or mode is None or policy is None:
        return None
    return LookupRequest(url=url, mode=mode, cache_policy=policy)


class OnDemandCache:
    """Which pages were resolved on demand already: the second lookup is a cache hit."""

    def __init__(self) -> None:
        self._resolved: set[str] = set()

    def status(self, normalized_url: str, policy: str) -> str:
        if policy == "refresh":
            self._resolved.add(normalized_url)
            return "refresh"
        if normalized_url in self._resolved:
            return "hit"
        self._resolved.add(normalized_url)
        return "miss"


def run_lookup(
    dataset: Dataset,
    request: LookupRequest,
    cache: OnDemandCache,
    request_id: str,
) -> LookupOutcome:
    """Look `request.url` up: 422 for a URL that is not a public web page, the indexed
    product, an on-demand resolution, or 404 `product_not_found`.
    """
    if not is_product_url(request.url):
        return LookupOutcome(status=422, body={"detail": "invalid_product_url"})
    if is_unsafe_url(request.url):
        return LookupOutcome(status=422, body={"detail": "unsafe_url"})
    normalized = normalize_url(request.url)
    indexed = dataset.find_indexed(request.url)
    common = {
        "requestId": request_id,
        "requestedUrl": request.url,
        "normalizedUrl": normalized,
        "warnings": [],
    }
    if indexed is not None and request.mode != "on_demand_only":
        catalog_key = indexed.view.get("catalogKey")
        catalog = dataset.catalog(catalog_key) if isinstance(catalog_key, str) else None
        catalog = catalog or {}
        product_url = indexed.view["productUrl"]
        body = {
            "source": "indexed",
            "catalogKey": catalog_key,
            "catalogDisplayName": catalog.get("displayName"),
            "sourceBaseUrl": catalog.get("sourceBaseUrl"),
            **common,
            "resolvedUrl": product_url,
            "canonicalUrl": product_url,
            "resolution": None,
            "cacheStatus": None,
            "product": indexed.view,
        }
        # The catalog is checked against the key's grants by the caller.
        return LookupOutcome(status=200, body=body, catalog=catalog_key)
    page = indexed.view if indexed is not None else dataset.find_off_index(request.url)
    if page is None or request.mode == "index_only":
        return LookupOutcome(status=404, body={"detail": "product_not_found"})
    resolved = {**page, "uuid": None, "catalogKey": None, "isActive": None}
    body = {
        "source": "on_demand",
        "catalogKey": None,
        "catalogDisplayName": None,
        "sourceBaseUrl": None,
        **common,
        "resolvedUrl": page["productUrl"],
        "canonicalUrl": page["productUrl"],
        "resolution": {
            "completeness": "partial" if not page.get("reviews") else "complete",
            "method": "json_ld",
            "rendered": False,
            "missingFields": [] if page.get("reviews") else ["reviews"],
        },
        "cacheStatus": cache.status(normalized, request.cache_policy),
        "product": resolved,
    }
    return LookupOutcome(status=200, body=body)


def lookup_product(request: ApiRequest) -> Reply:
    """`POST /products/lookup`: the product at a URL (indexed, or resolved on demand
    through the fake's shared cache); 422 for a bad body, 403 `catalog_access_denied`
    for an indexed product of a catalog the key may not use."""
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    lookup = read_lookup_request(fields, validator) if fields is not None else None
    if lookup is None:
        return 422, {"detail": validator.issues}
    cache = request.shared(OnDemandCache)
    outcome = run_lookup(request.dataset, lookup, cache, request.request_id)
    if outcome.catalog is not None and outcome.catalog not in request.catalogs:
        return 403, {"detail": "catalog_access_denied"}
    return outcome.status, outcome.body
