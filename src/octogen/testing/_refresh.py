"""`POST /products/refresh` on a `Dataset`: each target resolved against the index, the
result `202` when at least one was accepted and `400` with the same body when none was."""

from __future__ import annotations

from typing import Any

from ._dataset import IndexedProduct
from ._request import ApiRequest, Reply
from ._urls import is_product_url, normalize_url
from ._validation import BodyValidator, read_json_object

MAX_TARGETS = 500
# What a status scenario answers with on refresh, where it differs from the generic detail.
REFRESH_ERROR_DETAILS = {403: "catalog_not_granted", 503: "product_refresh_unavailable"}


class ScheduledRefreshes:
    """Every target an organization had scheduled, in order (for tests to inspect)."""

    def __init__(self) -> None:
        self.accepted: list[dict[str, Any]] = []


def read_targets(body: dict[str, Any], validator: BodyValidator) -> list[dict[str, Any]] | None:
    """The targets in `body`, or None when `validator` recorded a problem."""
    if "targets" not in body:
        validator.missing(("targets",), body)
        return None
    targets = body["targets"]
    if not isinstance(targets, list):
        validator.add(("targets",), "list_type", "Input should be a valid list", targets)
        return None
    if len(targets) > MAX_TARGETS:
        validator.add(
            ("targets",),
            "too_long",
            f"List should have at most {MAX_TARGETS} items after validation, not {len(targets)}",
            targets,
            {"field_type": "List", "max_length": MAX_TARGETS, "actual_length": len(targets)},
        )
        return None
    if not targets:
        validator.add(("targets",), "too_short", "List should have at least 1 item", targets)
        return None
    read: list[dict[str, Any]] = []
    for index, target in enumerate(targets):
        loc = ("targets", index)
        if not isinstance(target, dict):
            validator.add(loc, "model_type", "Input should be a valid dictionary", target)
            continue
        for key in ("url", "uuid", "catalog"):
            validator.string((*loc, key), target.get(key))
        if (target.get("url") is None) == (target.get("uuid") is None):
            validator.add(
                loc,
                "value_error",
                "Value error, a target needs exactly one of url or uuid",
                target,
                {"error": {}},
            )
            continue
        read.append(target)
    return None if validator.issues else read


def resolve_target(
    target: dict[str, Any],
    by_url: dict[str, list[IndexedProduct]],
    by_uuid: dict[str, IndexedProduct],
    granted: frozenset[str],
) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """(the accepted entry, None) or (None, the rejection) for one target."""
    catalog = target.get("catalog")
    if target.get("uuid") is not None:
        product = by_uuid.get(target["uuid"])
        visible = product is not None and product.view.get("catalogKey") in granted
        if product is None or not visible or catalog not in (None, product.view["catalogKey"]):
            return None, _rejection(target, "product_not_found", "No product has this UUID.")
        return {"catalog": product.view["catalogKey"], "url": product.view["productUrl"]}, None
    url = target["url"]
    if catalog is not None:  # refreshed for that catalog even when not indexed yet
        if not is_product_url(url):
            return None, _rejection(target, "product_not_found", "This is not a product URL.")
        return {"catalog": catalog, "url": url}, None
    holders = [
        product
        for product in by_url.get(normalize_url(url), [])
        if product.view.get("catalogKey") in granted
    ]
    if not holders:
        return None, _rejection(
            target, "product_not_found", "No active crawled catalog holds this URL."
        )
    if len(holders) > 1:
        return None, _rejection(
            target,
            "ambiguous_url",
            "Several active crawled catalogs hold this URL; add catalog.",
        )
    product = holders[0]
    return {"catalog": product.view["catalogKey"], "url": product.view["productUrl"]}, None


def _rejection(target: dict[str, Any], code: str, message: str) -> dict[str, Any]:
    return {"target": target, "code": code, "message": message}


def refresh_products(request: ApiRequest) -> Reply:
    """`POST /products/refresh`: 202 with the accepted and rejected targets, 400 with the
    same body when none was accepted; 422 for a bad body or more than 500 targets, 403
    `catalog_not_granted` for a pinned catalog the key may not use."""
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    targets = read_targets(fields, validator) if fields is not None else None
    if targets is None:
        return 422, {"detail": validator.issues}
    granted = request.catalogs
    for target in targets:
        if target.get("catalog") is not None and target["catalog"] not in granted:
            return 403, {"detail": "catalog_not_granted"}
    by_url: dict[str, list[IndexedProduct]] = {}
    by_uuid: dict[str, IndexedProduct] = {}
    for product in request.dataset.products:
        by_url.setdefault(normalize_url(product.view["productUrl"]), []).append(product)
        by_uuid.setdefault(str(product.view.get("uuid")), product)
    accepted: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    for target in targets:
        taken, refused = resolve_target(target, by_url, by_uuid, granted)
        if taken is not None:
            accepted.append(taken)
        if refused is not None:
            rejected.append(refused)
    request.state(ScheduledRefreshes).accepted.extend(accepted)
    body = {
        "requestId": request.request_id,
        "submitted": len(targets),
        "workflowId": f"wf_{request.request_id}" if accepted else None,
        "workflowError": None,
        "accepted": accepted,
        "rejected": rejected,
    }
    return (202 if accepted else 400), body
