"""Fan a file of product URLs out across Celery workers; print one JSON line per URL, in
input order.

    python -m celery_fleet urls.txt > out.jsonl     # workers running `celery_fleet.tasks`
    python -m celery_fleet                          # no broker: a demo, eagerly, on the fake

The file is read lazily in batches (`--batch`, default 100 URLs a task) and at most
`--window` batches (default 8) are queued ahead of the one being collected, so a file of
millions of URLs is fine. The workers share the organization's rate limit through Redis.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from typing import Any

import octogen

from .tasks import app, lookup_batch


def batches(urls: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for url in urls:
        batch.append(url)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def fan_out(urls: Iterable[str], *, batch: int, window: int) -> Iterator[dict[str, Any]]:
    """Each URL's outcome, in input order, with at most `window` batches in the queue."""
    pending: deque[Any] = deque()
    for chunk in batches(urls, batch):
        pending.append(lookup_batch.delay(chunk))
        if len(pending) >= window:
            yield from pending.popleft().get(timeout=600)
    while pending:
        yield from pending.popleft().get(timeout=600)


def read_urls(path: str) -> Iterator[str]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip() and not line.startswith("#"):
                yield line.strip()


def demo() -> Iterator[str]:
    """Without a broker: run the tasks in this process, on the fake API."""
    from octogen.testing import DEMO_API_KEY, FakeOctogen

    fake = FakeOctogen()
    app.conf.task_always_eager = True
    octogen.configure(api_key=DEMO_API_KEY, transport=fake.transport())
    return (product.view["productUrl"] for product in fake.dataset.products[:12])


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m celery_fleet", description=__doc__)
    parser.add_argument("file", nargs="?", help="URLs, one a line ('-': stdin)")
    parser.add_argument("--batch", type=int, default=100, help="URLs per task")
    parser.add_argument("--window", type=int, default=8, help="batches queued ahead")
    args = parser.parse_args()
    if "CELERY_BROKER_URL" not in os.environ:
        urls: Iterable[str] = demo()
    elif args.file in (None, "-"):
        urls = (line.strip() for line in sys.stdin if line.strip())
    else:
        urls = read_urls(args.file)
    found = failed = 0
    for outcome in fan_out(urls, batch=args.batch, window=args.window):
        print(json.dumps(outcome), flush=True)
        found, failed = found + outcome["ok"], failed + (not outcome["ok"])
    print(f"{found + failed} URLs: {found} found, {failed} failed", file=sys.stderr)


if __name__ == "__main__":
    main()
