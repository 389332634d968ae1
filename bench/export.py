"""Products per second of `octogen search --all --format jsonl` vs a raw httpx loop that
follows the same cursors and writes each item as a JSON line. Both export 10,000 products
from `octogen.testing`'s fake, served over a loopback socket in another process, to
/dev/null. Rounds alternate; the best of each side counts."""

from __future__ import annotations

import contextlib
import json
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator

import httpx

from octogen._cli._app import cli
from octogen.testing import DEMO_API_KEY, Dataset, FakeOctogen

PRODUCTS_PER_CATALOG = 2500
ROUNDS = 3


def serve(port_queue: multiprocessing.Queue[int]) -> None:
    fake = FakeOctogen(dataset=Dataset.demo(products_per_catalog=PRODUCTS_PER_CATALOG))
    server = fake.start_server()
    port_queue.put(server.port)
    while True:
        time.sleep(3600)


@contextlib.contextmanager
def stdout_to_devnull() -> Iterator[None]:
    saved = sys.stdout
    with open(os.devnull, "w") as devnull:
        sys.stdout = devnull
        try:
            yield
        finally:
            sys.stdout = saved


def raw_export(base_url: str) -> int:
    count, body = 0, {"limit": 100}
    headers = {"Authorization": f"Bearer {DEMO_API_KEY}"}
    with httpx.Client(headers=headers) as http, open(os.devnull, "wb") as out:
        while True:
            page = http.post(f"{base_url}/products/search", json=body).json()
            for item in page["items"]:
                out.write(json.dumps(item, separators=(",", ":")).encode() + b"\n")
                count += 1
            if not page.get("nextCursor"):
                return count
            body = {"limit": 100, "cursor": page["nextCursor"]}


def cli_export(base_url: str) -> int:
    arguments = ["--base-url", base_url, "--api-key", DEMO_API_KEY, "search", "--all"]
    with stdout_to_devnull(), contextlib.redirect_stderr(open(os.devnull, "w")):
        cli.main([*arguments, "--format", "jsonl"], standalone_mode=False)
    return 4 * PRODUCTS_PER_CATALOG


def main() -> None:
    queue: multiprocessing.Queue[int] = multiprocessing.Queue()
    server = multiprocessing.Process(target=serve, args=(queue,), daemon=True)
    server.start()
    base_url = f"http://127.0.0.1:{queue.get(timeout=60)}/v1"
    best = {"raw httpx": 0.0, "octogen --all": 0.0}
    for _ in range(ROUNDS):
        for label, export in (("raw httpx", raw_export), ("octogen --all", cli_export)):
            started = time.perf_counter()
            count = export(base_url)
            best[label] = max(best[label], count / (time.perf_counter() - started))
    server.terminate()
    raw = best["raw httpx"]
    for label, rate in best.items():
        print(f"{label:<14} {rate:>9,.0f} products/s  {rate / raw:.2f}x raw httpx")


if __name__ == "__main__":
    main()
