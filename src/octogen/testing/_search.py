"""`POST /products/search` on a `Dataset`: validation, matching, ranking and cursors."""

from __future__ import annotations

import base64
import json
from collections.abc import Collection, Sequence
from typing import Any

from ._dataset import Dataset, IndexedProduct, words_of
from ._request import ApiRequest, Reply
from ._validation import BodyValidator, read_json_object

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
# What a status scenario answers with on search, where it differs from the generic detail.
SEARCH_ERROR_DETAILS = {404: "catalog_not_found"}

# CONTRACT.md's built-in facet names; any other name is an attribute facet.
BUILT_IN_FACETS = frozenset(
    {"brand_name", "brand_slug", "raw_brand_name", "product_type", "gender", "age_groups",
     "color", "color_family", "is_activewear"}
    | {f"category_path.depth_{depth}" for depth in range(7)}
)  # fmt: skip


class SearchRequest:
    """A validated search body."""

    # A plain class, not attrs: `octogen --mock search` defines it at every start.
    __slots__ = ("catalog", "cursor", "facets", "limit", "price_max", "price_min", "q")

    def __init__(
        self,
        *,
        catalog: str | None = None,
        q: str | None = None,
        facets: tuple[tuple[str, frozenset[str]], ...] = (),
        price_min: float | None = None,
        price_max: float | None = None,
        cursor: str | None = None,
        limit: int = DEFAULT_LIMIT,
    ) -> None:
        self.catalog = catalog
        self.q = q
        self.facets = facets
        self.price_min = price_min
        self.price_max = price_max
        self.cursor = cursor
        self.limit = limit


def read_search_request(body: dict[str, Any], validator: BodyValidator) -> SearchRequest | None:
    """The search request in `body`, or None when `validator` recorded a problem."""
    catalog = validator.string(("catalog",), body.get("catalog"))
    q = validator.string(("q",), body.get("q"))
    cursor = validator.string(("cursor",), body.get("cursor"))
    price_min = validator.number(("price_min",), body.get("price_min"))
    price_max = validator.number(("price_max",), body.get("price_max"))
    limit = DEFAULT_LIMIT
    if "limit" in body:
        read_limit = validator.integer(("limit",), body["limit"])
        if read_limit is not None:
            validator.between(("limit",), read_limit, 1, MAX_LIMIT)
            limit = read_limit
    facets = _read_facets(body.get("facets"), validator)
    if validator.issues:
        return None
    return SearchRequest(
        catalog=catalog,
        q=q,
        facets=facets,
        price_min=price_min,
        price_max=price_max,
        cursor=cursor,
        limit=limit,
    )


def _read_facets(value: Any, validator: BodyValidator) -> tuple[tuple[str, frozenset[str]], ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        validator.add(("facets",), "list_type", "Input should be a valid list", value)
        return ()
    facets = []
    for index, facet in enumerate(value):
        loc = ("facets", index)
        if not isinstance(facet, dict):
            validator.add(
                loc, "model_type", "Input should be a valid dictionary or instance of Facet", facet
            )
            continue
        name = values = None
        if "name" not in facet:
            validator.missing((*loc, "name"), facet)
        else:
            name = validator.string((*loc, "name"), facet["name"], optional=False)
        if "values" not in facet:
            validator.missing((*loc, "values"), facet)
        else:
            values = validator.string_list((*loc, "values"), facet["values"])
        if name is not None and values is not None:
            facets.append((facet_key(name), frozenset(values)))
    return tuple(facets)


def facet_key(name: str) -> str:
    """The index key of a facet name: built-in names as they are, `fit` as an attribute."""
    if name in BUILT_IN_FACETS or name.startswith("attribute_facets."):
        return name
    return f"attribute_facets.{name}"


def encode_cursor(sort_key: tuple[int, int]) -> str:
    """An opaque cursor: the sort key of the last item served, like a search_after."""
    payload = json.dumps({"searchAfter": list(sort_key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(payload.encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> tuple[int, int] | None:
    """The sort key in `cursor`, or None for a missing or malformed one (which, as on the
    real API, means the first page)."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        after = json.loads(base64.urlsafe_b64decode(padded.encode()))["searchAfter"]
        score, sequence = after
        if isinstance(score, int) and isinstance(sequence, int):
            return score, sequence
    except (ValueError, KeyError, TypeError):
        pass
    return None


def _score(product: IndexedProduct, words: Sequence[str]) -> int:
    """The product's relevance to the query words, or 0 when a word is missing."""
    total = 0
    for word in words:
        stem = word.rstrip("s")
        if stem not in product.searched_text:  # nor is `word`: no need to split the text
            return 0
        weight = product.word_weights.get(word) or product.word_weights.get(stem)
        if not weight:
            return 0
        total += weight
    return total


def _matches_filters(product: IndexedProduct, request: SearchRequest) -> bool:
    for name, wanted in request.facets:
        if not product.facet_values.get(name, frozenset()) & wanted:
            return False
    if request.price_min is not None or request.price_max is not None:
        price = product.view.get("currentPrice")
        if not isinstance(price, int | float):
            return False
        if request.price_min is not None and price < request.price_min:
            return False
        if request.price_max is not None and price > request.price_max:
            return False
    return True


def run_search(
    dataset: Dataset, request: SearchRequest, catalogs: Collection[str]
) -> dict[str, Any]:
    """One page of results (`{"items", "nextCursor"}`) from the products of `catalogs`.

    Results are ordered by relevance (for a query), then by index order; a cursor
    resumes strictly after the last item served, so paging never repeats or skips.
    """
    words = words_of(request.q)
    best = 3 * len(words)
    ranked: list[tuple[tuple[int, int], IndexedProduct, int]] = []
    for product in dataset.products:
        if product.catalog_key not in catalogs:
            continue
        score = _score(product, words) if words else 0
        if words and not score:
            continue
        if not _matches_filters(product, request):
            continue
        ranked.append(((-score, product.sequence), product, score))
    ranked.sort(key=lambda entry: entry[0])
    after = decode_cursor(request.cursor)
    if after is not None:
        ranked = [entry for entry in ranked if entry[0] > after]
    page = ranked[: request.limit]
    items = []
    for _, product, score in page:
        item = product.list_item
        if words:
            item = {**item, "displayMatchScore": min(100, round(100 * score / best))}
        items.append(item)
    more = len(ranked) > request.limit
    return {"items": items, "nextCursor": encode_cursor(page[-1][0]) if more else None}


def search_products(request: ApiRequest) -> Reply:
    """`POST /products/search`: a page of the granted catalogs' matching products; 422 for
    a bad body, 404 `catalog_not_found`, 403 `catalog_access_denied`."""
    validator = BodyValidator()
    fields = read_json_object(request.content, validator)
    search = read_search_request(fields, validator) if fields is not None else None
    if search is None:
        return 422, {"detail": validator.issues}
    granted = request.catalogs
    if search.catalog is not None:
        if request.dataset.catalog(search.catalog) is None:
            return 404, {"detail": "catalog_not_found"}
        if search.catalog not in granted:
            return 403, {"detail": "catalog_access_denied"}
        granted = frozenset({search.catalog})
    return 200, run_search(request.dataset, search, granted)
