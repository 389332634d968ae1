"""Parse a 100-item search page: the SDK's decoding + model building, as a multiple of
`orjson.loads` alone (STYLE.md: cattrs's default converter is 7.0x; our goal is ≤ 3x)."""

from __future__ import annotations

import json
import sys
import timeit
from pathlib import Path

import orjson

sys.path.insert(0, str(Path(__file__).parent))
from payloads import search_page_bytes

from octogen import ProductPage, _wire


def best(function: object, number: int = 300, repeat: int = 7) -> float:
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number  # type: ignore[arg-type]


def main() -> None:
    body = search_page_bytes(100)
    decoded = orjson.loads(body)
    baseline = best(lambda: orjson.loads(body))
    rows = {
        "orjson.loads alone": baseline,
        "json.loads alone (stdlib)": best(lambda: json.loads(body)),
        "model building alone": best(lambda: _wire.build(ProductPage, decoded)),
        "SDK parse, orjson (octogen[fast])": best(
            lambda: _wire.build(ProductPage, _wire.loads(body))
        ),
    }
    accelerator = _wire.orjson
    _wire.orjson = None  # type: ignore[assignment]
    rows["SDK parse, stdlib json"] = best(lambda: _wire.build(ProductPage, _wire.loads(body)))
    _wire.orjson = accelerator
    print(f"100-item search page, {len(body):,} bytes")
    for name, seconds in rows.items():
        print(f"  {name:<36} {seconds * 1e6:8.1f} µs   {seconds / baseline:5.2f}x orjson.loads")


if __name__ == "__main__":
    main()
