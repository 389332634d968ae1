"""A small in-process stand-in for the Octogen API, so the examples run with no key and
no network. It follows CONTRACT.md for the three endpoints on a tiny demo catalog.

`octogen.testing` (issue #4) replaces it with the full fake: a seeded dataset of
hundreds of products, facets, auth, rate limits and failure scenarios.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

CATALOGS = [
    {
        "catalog": "warrenlotas",
        "displayName": "Warren Lotas",
        "sourceBaseUrl": "https://warrenlotas.com",
        "productCount": 12,
        "lastIndexedAt": "2026-05-19T18:04:10Z",
    }
]

_COLORS = ["Black", "Grey", "Blue", "Green", "White", "Red"]
PRODUCTS: list[dict[str, Any]] = [
    {
        "uuid": f"prod_demo_{index:02d}",
        "catalogKey": "warrenlotas",
        "title": f"{color} {kind}",
        "productUrl": f"https://warrenlotas.com/products/{color.lower()}-{kind.lower()}",
        "imageUrl": f"https://cdn.example.com/{color.lower()}-{kind.lower()}.jpg",
        "images": [f"https://cdn.example.com/{color.lower()}-{kind.lower()}.jpg"],
        "brand": {"name": "Warren Lotas", "slug": "warren-lotas", "url": None},
        "currentPrice": price,
        "originalPrice": None,
        "currency": "USD",
        "isActive": True,
        "updatedAt": "2026-05-19T18:04:10Z",
    }
    for index, (color, kind, price) in enumerate(
        (color, kind, 60 + 40 * position)
        for position, color in enumerate(_COLORS)
        for kind in ("Hoodie", "Linen Dress")
    )
]


def _search(body: dict[str, Any]) -> httpx.Response:
    words = (body.get("q") or "").lower().split()
    matches = [
        product
        for product in PRODUCTS
        if all(word in product["title"].lower() for word in words)
        and body.get("price_min", 0) <= product["currentPrice"] <= body.get("price_max", 1e9)
    ]
    start = int(body.get("cursor") or 0)
    end = start + body.get("limit", 50)
    next_cursor = str(end) if end < len(matches) else None
    return httpx.Response(200, json={"items": matches[start:end], "nextCursor": next_cursor})


def _lookup(body: dict[str, Any]) -> httpx.Response:
    for product in PRODUCTS:
        if product["productUrl"] == body["url"].split("?")[0].rstrip("/"):
            view = {**product, "inStock": True, "details": {"materials": ["100% cotton"]}}
            return httpx.Response(200, json={"source": "indexed", "product": view})
    return httpx.Response(404, json={"detail": "product_not_found"})


def _handle(request: httpx.Request) -> httpx.Response:
    if not request.headers.get("authorization", "").startswith("Bearer "):
        return httpx.Response(401, json={"detail": "missing_api_key"})
    path = request.url.path.removeprefix("/v1")
    if request.method == "GET" and path == "/catalogs":
        return httpx.Response(200, json=CATALOGS)
    body = json.loads(request.content or b"{}")
    if request.method == "POST" and path == "/products/search":
        return _search(body)
    if request.method == "POST" and path == "/products/lookup":
        return _lookup(body)
    return httpx.Response(404, json={"detail": "Not Found"})


def standin_transport() -> httpx.MockTransport:
    """An httpx transport answering like the Octogen API, in-process."""
    return httpx.MockTransport(_handle)
