"""`POST /products/more-like-this` on a `Dataset`: products similar to a source product
or an image, by shared category, product type, brand, colour and price band.

An image source stands for the demo product its content hash picks (the fake cannot see
images): the same image always finds the same products, and a second request with it
within the fake's life is answered from the "cache" (`resolution`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Collection
from typing import Any

import attrs

from ._dataset import Dataset, IndexedProduct
from ._request import ApiRequest, Reply
from ._search import _read_facets, decode_cursor, encode_cursor
from ._validation import BodyValidator, read_json_object

DEFAULT_LIMIT = 12
MAX_LIMIT = 100
MAX_CATALOGS = 100
MAX_IMAGE_BYTES = 8_000_000
PRICE_PREFERENCES = ("lower", "any", "higher")
EMBEDDING_COLUMNS = ("embedding", "style_embedding", "tags_embedding", "attributes_embedding")
# What a status scenario answers with on more-like-this (its details are not published).
SIMILAR_ERROR_DETAILS = {404: "product_not_found", 413: "image_too_large"}

Facets = tuple[tuple[str, frozenset[str]], ...]


@attrs.frozen(kw_only=True)
class SimilarRequest:
    """A validated more-like-this body."""

    url: str | None = None
    uuid: str | None = None
    image_bytes: bytes | None = None
    image_url: str | None = None
    catalogs: tuple[str, ...] | None = None
    include: Facets = ()
    exclude: Facets = ()
    price_preference: str = "any"
    retrieval: tuple[str, ...] | None = None
    ranking: tuple[str, ...] = ("embedding",)
    cursor: str | None = None
    limit: int = DEFAULT_LIMIT
    debug: bool = False

    @property
    def is_image(self) -> bool:
        return self.image_bytes is not None or self.image_url is not None


def _facets(name: str, value: Any, validator: BodyValidator) -> Facets:
    """Facets read as search reads them, with problems located under `name`."""
    inner = BodyValidator()
    found = _read_facets(value, inner)
    for issue in inner.issues:
        issue["loc"] = [validator.source, name, *issue["loc"][2:]]
        validator.issues.append(issue)
    return found


def _columns(name: str, value: Any, validator: BodyValidator) -> tuple[str, ...] | None:
    if value is None:
        return None
    listed = validator.string_list((name,), value)
    if listed is None:
        return None
    if not listed:
        validator.add((name,), "too_short", "List should have at least 1 item", value)
        return None
    for index, column in enumerate(listed):
        validator.choice((name, index), column, EMBEDDING_COLUMNS)
    return tuple(listed)


def _read_source(
    value: Any, validator: BodyValidator
) -> tuple[str | None, str | None, bytes | None, str | None]:
    """(url, uuid, image bytes, image url) from `source`, exactly one of them set."""
    if not isinstance(value, dict):
        validator.add(("source",), "model_type", "Input should be a valid dictionary", value)
        return None, None, None, None
    given = [key for key in ("url", "uuid", "image") if value.get(key) is not None]
    if len(given) != 1:
        validator.add(
            ("source",),
            "value_error",
            "Value error, exactly one of url, uuid or image must be given",
            value,
            {"error": {}},
        )
        return None, None, None, None
    url = validator.string(("source", "url"), value.get("url"))
    uuid = validator.string(("source", "uuid"), value.get("uuid"))
    image = value.get("image")
    if image is None:
        return url, uuid, None, None
    if not isinstance(image, dict) or len([k for k in ("b64", "url") if image.get(k)]) != 1:
        validator.add(
            ("source", "image"),
            "value_error",
            "Value error, exactly one of b64 or url must be given",
            image,
            {"error": {}},
        )
        return None, None, None, None
    if image.get("url") is not None:
        image_url = validator.string(("source", "image", "url"), image["url"])
        if image_url is not None and not image_url.lower().startswith("https://"):
            validator.add(
                ("source", "image", "url"),
                "value_error",
                "Value error, the image URL must use https",
                image_url,
                {"error": {}},
            )
        return None, None, None, image_url
    encoded = validator.string(("source", "image", "b64"), image["b64"])
    if encoded is None:
        return None, None, None, None
    try:
        decoded = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        validator.add(("source", "image", "b64"), "value_error", "Value error, invalid base64", "…")
        return None, None, None, None
    return None, None, decoded, None


def read_similar_request(body: dict[str, Any], validator: BodyValidator) -> SimilarRequest | None:
    """The more-like-this request in `body`, or None when `validator` recorded a problem."""
    if "catalog" in body:  # retired for the `catalogs` allowlist (CONTRACT-LIVE.md C2)
        validator.add(("catalog",), "extra_forbidden", "Extra inputs are not permitted", body)
    if "source" not in body:
        validator.missing(("source",), body)
        source: tuple[Any, ...] = (None, None, None, None)
    else:
        source = _read_source(body["source"], validator)
    catalogs = None
    if body.get("catalogs") is not None:
        listed = validator.string_list(("catalogs",), body["catalogs"])
        if listed is not None and not 1 <= len(listed) <= MAX_CATALOGS:
            validator.add(
                ("catalogs",),
                "too_short" if not listed else "too_long",
                f"List should have between 1 and {MAX_CATALOGS} items",
                body["catalogs"],
            )
        catalogs = tuple(listed) if listed else None
    preference: str | None = "any"
    if body.get("price_preference") is not None:
        preference = validator.choice(
            ("price_preference",), body["price_preference"], PRICE_PREFERENCES
        )
    limit = DEFAULT_LIMIT
    if "limit" in body:
        read_limit = validator.integer(("limit",), body["limit"])
        if read_limit is not None:
            validator.between(("limit",), read_limit, 1, MAX_LIMIT)
            limit = read_limit
    debug = body.get("debug", False)
    if not isinstance(debug, bool):
        validator.add(("debug",), "bool_type", "Input should be a valid boolean", debug)
    request = SimilarRequest(
        url=source[0],
        uuid=source[1],
        image_bytes=source[2],
        image_url=source[3],
        catalogs=catalogs,
        include=_facets("include_facets", body.get("include_facets"), validator),
        exclude=_facets("exclude_facets", body.get("exclude_facets"), validator),
        price_preference=preference or "any",
        retrieval=_columns(
            "retrieval_embedding_columns", body.get("retrieval_embedding_columns"), validator
        ),
        ranking=_columns(
            "ranking_embedding_columns", body.get("ranking_embedding_columns"), validator
        )
        or ("embedding",),
        cursor=validator.string(("cursor",), body.get("cursor")),
        limit=limit,
        debug=debug is True,
    )
    return None if validator.issues else request


def similarity(candidate: IndexedProduct, source: IndexedProduct) -> int:
    """How alike two products are: shared category path and product type, brand, colour
    and price band; 0 when they share nothing."""
    score = 0
    mine = candidate.view.get("enrichment") or {}
    theirs = source.view.get("enrichment") or {}
    paths = (mine.get("category_path") or [], theirs.get("category_path") or [])
    for a, b in zip(*paths, strict=False):  # the shared prefix
        if a != b:
            break
        score += 2
    if mine.get("type") and mine.get("type") == theirs.get("type"):
        score += 3
    if _brand(candidate) and _brand(candidate) == _brand(source):
        score += 2
    if mine.get("color_family") and mine.get("color_family") == theirs.get("color_family"):
        score += 2
    if mine.get("color") and mine.get("color") == theirs.get("color"):
        score += 1
    price, reference = _price(candidate), _price(source)
    if score and price is not None and reference:
        ratio = price / reference
        score += 2 if 0.75 <= ratio <= 1.33 else 1 if 0.5 <= ratio <= 2 else 0
    return score


def _brand(product: IndexedProduct) -> str | None:
    brand = product.view.get("brand") or {}
    name = brand.get("name")
    return name.lower() if isinstance(name, str) else None


def _price(product: IndexedProduct) -> float | None:
    price = product.view.get("currentPrice")
    return float(price) if isinstance(price, int | float) else None


def _matches(product: IndexedProduct, include: Facets, exclude: Facets) -> bool:
    for name, wanted in include:
        if not product.facet_values.get(name, frozenset()) & wanted:
            return False
    for name, unwanted in exclude:
        if product.facet_values.get(name, frozenset()) & unwanted:
            return False
    return True


class ImageQueries:
    """The image hashes whose query was generated already: later requests are cached."""

    def __init__(self) -> None:
        self.seen: set[str] = set()


def image_hash(request: SimilarRequest) -> str:
    """The content hash the API reports for an image source (of its URL, for URLs)."""
    content = request.image_bytes if request.image_bytes is not None else request.image_url
    data = content if isinstance(content, bytes) else str(content).encode()
    return hashlib.sha256(data).hexdigest()[:12]


def find_source(
    dataset: Dataset, request: SimilarRequest, granted: Collection[str]
) -> IndexedProduct | None:
    """The source product the key can see, or None."""
    found: IndexedProduct | None = None
    if request.url is not None:
        found = dataset.find_indexed(request.url)
    elif request.uuid is not None:
        found = next((p for p in dataset.products if p.view.get("uuid") == request.uuid), None)
    if found is None or found.view.get("catalogKey") not in granted:
        return None
    return found


def run_similar(
    dataset: Dataset,
    request: SimilarRequest,
    source: IndexedProduct,
    catalogs: Collection[str],
    *,
    exclude_source: bool,
) -> tuple[list[dict[str, Any]], str | None]:
    """One page of items similar to `source` from `catalogs`, and the next cursor."""
    reference = _price(source)
    ranked: list[tuple[tuple[int, int], IndexedProduct]] = []
    for product in dataset.products:
        if product.view.get("catalogKey") not in catalogs:
            continue
        if exclude_source and product.sequence == source.sequence:
            continue
        if not _matches(product, request.include, request.exclude):
            continue
        price = _price(product)
        if request.price_preference != "any" and reference is not None:
            if price is None:
                continue
            if request.price_preference == "lower" and price >= reference:
                continue
            if request.price_preference == "higher" and price <= reference:
                continue
        score = similarity(product, source)
        if score:
            ranked.append(((-score, product.sequence), product))
    ranked.sort(key=lambda entry: entry[0])
    after = decode_cursor(request.cursor)
    if after is not None:
        ranked = [entry for entry in ranked if entry[0] > after]
    page = ranked[: request.limit]
    more = len(ranked) > request.limit
    return [product.list_item for _, product in page], encode_cursor(page[-1][0]) if more else None


def _effective_query(request: SimilarRequest, text: str, source: IndexedProduct) -> dict[str, Any]:
    enrichment = source.view.get("enrichment") or {}
    retrieval = request.retrieval or (
        ("style_embedding", "tags_embedding")
        if enrichment.get("styles") or enrichment.get("tags")
        else ("embedding",)
    )
    price = _price(source)
    query: dict[str, Any] = {
        "text": text,
        "retrievalEmbeddingColumns": list(retrieval),
        "rankingEmbeddingColumns": list(request.ranking),
        "facets": [{"name": name, "values": sorted(values)} for name, values in request.include],
        "exclusionFacets": [
            {"name": name, "values": sorted(values)} for name, values in request.exclude
        ],
        "priceMin": price if request.price_preference == "higher" else None,
        "priceMax": price if request.price_preference == "lower" else None,
        "limit": request.limit,
    }
    if request.catalogs is not None:
        query["catalogs"] = list(request.catalogs)
    if request.is_image:
        query["generationStages"] = ["caption", "attributes", "query"]
        query["degradedToTextFallback"] = False
    return query


def more_like_this_products(request: ApiRequest) -> Reply:
    """`POST /products/more-like-this`: a page of products similar to the source; 422 for
    a bad body (the retired `catalog` field included), 400 for an image source with a
    `price_preference` other than `any`, 413 for an image over 8 MB, 404 for a source the
    key cannot see."""
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    similar = read_similar_request(fields, validator) if fields is not None else None
    if similar is None:
        return 422, {"detail": validator.issues}
    dataset = request.dataset
    granted = request.catalogs
    catalogs = granted if similar.catalogs is None else granted & frozenset(similar.catalogs)
    body: dict[str, Any] = {"requestId": request.request_id}
    if similar.is_image:
        if similar.price_preference != "any":
            return 400, {"detail": "price_preference_requires_product_source"}
        if similar.image_bytes is not None and len(similar.image_bytes) > MAX_IMAGE_BYTES:
            return 413, {"detail": "image_too_large"}
        products = dataset.products
        if not products:
            return 200, {**body, "items": [], "nextCursor": None}
        digest = image_hash(similar)
        source = products[int(digest, 16) % len(products)]  # what the image "shows"
        queries = request.shared(ImageQueries)
        resolution = "cached_image_query" if digest in queries.seen else "image_query_generation"
        queries.seen.add(digest)
        body.update(sourceImage={"hash": digest}, resolution=resolution)
        items, cursor = run_similar(dataset, similar, source, catalogs, exclude_source=False)
        text = str((source.view.get("enrichment") or {}).get("summary") or source.view["title"])
    else:
        found = find_source(dataset, similar, granted)
        if found is None:
            return 404, {"detail": "product_not_found"}
        source = found
        body["source"] = {
            "catalogKey": source.view.get("catalogKey"),
            "uuid": source.view.get("uuid"),
            "productUrl": source.view.get("productUrl"),
            "title": source.view.get("title"),
        }
        items, cursor = run_similar(dataset, similar, source, catalogs, exclude_source=True)
        text = str(source.view.get("title") or "")
    body.update(items=items, nextCursor=cursor)
    if similar.debug:
        body["effectiveQuery"] = _effective_query(similar, text, source)
    return 200, body
