"""Realistic search pages for the benchmarks: every list-item field filled in."""

from __future__ import annotations

import json
from typing import Any


def search_page(
    items: int, start: int = 0, next_cursor: str | None = "eyJzZWFyY2hBZnRlciI6Wy4uLl19"
) -> dict[str, Any]:
    """A page of `items` products numbered from `start`, pointing at `next_cursor`."""
    return {
        "items": [
            {
                "uuid": f"prod_01HX{index:06d}",
                "catalogKey": "warrenlotas",
                "title": f"Heavyweight Fleece Hoodie {index}",
                "productUrl": f"https://warrenlotas.com/products/hoodie-{index}",
                "imageUrl": f"https://cdn.example.com/hoodie-{index}.jpg",
                "images": [  # the live API's image objects (CONTRACT-LIVE.md §1.6b)
                    {
                        "url": f"https://warrenlotas.com/img/hoodie-{index}-{n}.jpg",
                        "cdnUrl": f"https://cdn.example.com/hoodie-{index}-{n}.jpg",
                        "width": 1200,
                        "height": 1600,
                    }
                    for n in range(4)
                ],
                "brand": {"name": "Warren Lotas", "slug": "warren-lotas", "url": None},
                "currentPrice": 180 + index % 100,
                "originalPrice": 220.0,
                "currency": "USD",
                "rating": {"average": 4.5, "count": 120 + index},
                "isActive": True,
                "displayMatchScore": 87,
                "updatedAt": "2026-05-19T18:04:10Z",
            }
            for index in range(start, start + items)
        ],
        "nextCursor": next_cursor,
    }


def search_page_bytes(items: int) -> bytes:
    return json.dumps(search_page(items)).encode()
