"""A long-running worker: takes search jobs one at a time, uses the shared client, and on
SIGTERM (or Ctrl-C) finishes the job in hand, closes the client, and exits 0.

uv run python examples/worker.py            # 5 jobs on the built-in fake API
uv run python examples/worker.py --jobs 0   # run until SIGTERM
OCTO_API_KEY=... uv run python examples/worker.py   # against the real API
"""

from __future__ import annotations

import argparse
import itertools
import os
import signal
import sys
import time
from types import FrameType

import octogen

QUERIES = ("linen dress", "hoodie", "rain jacket", "sneakers", "cardigan", "leggings")


class Stop:
    """Set by SIGTERM/SIGINT; checked between jobs, so a job is never cut in half."""

    requested = False

    @classmethod
    def request(cls, signum: int, frame: FrameType | None) -> None:
        cls.requested = True
        print(f"received {signal.Signals(signum).name}: finishing the current job", flush=True)


def configure_octogen() -> None:
    if os.environ.get("OCTO_API_KEY"):
        octogen.configure(max_retries=3)  # the key and the rest come from OCTO_* variables
        return
    from octogen.testing import DEMO_API_KEY, FakeOctogen

    octogen.configure(api_key=DEMO_API_KEY, transport=FakeOctogen().transport())


def process(job: int, query: str, seconds: float) -> None:
    page = octogen.client().products.search(query, limit=10)
    time.sleep(seconds)  # the rest of the job: enrich, store, ...
    prices = [item.current_price for item in page.items if item.current_price is not None]
    cheapest = min(prices) if prices else None
    print(f"job {job}: {query!r}: {len(page.items)} products, cheapest {cheapest}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=5, help="0: until SIGTERM")
    parser.add_argument("--job-seconds", type=float, default=0.05)
    arguments = parser.parse_args()
    signal.signal(signal.SIGTERM, Stop.request)
    signal.signal(signal.SIGINT, Stop.request)
    configure_octogen()
    print(f"worker {os.getpid()} started", flush=True)
    try:
        jobs = itertools.count(1) if arguments.jobs == 0 else range(1, arguments.jobs + 1)
        for job in jobs:
            if Stop.requested:
                break
            process(job, QUERIES[job % len(QUERIES)], arguments.job_seconds)
    finally:
        octogen.shutdown_shared_client()
        print("shared client closed; worker exiting", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
