"""One worker of a fleet test: `python -m tests.bulk.fleet_worker '<json settings>'`.

Makes its client (a `RedisRateLimiter` on the shared Redis), says `ready`, waits for a
line on stdin, looks its URLs up with `lookup_many`, and prints one JSON line: when it
started and finished, how many lookups succeeded, and how many warnings it logged.
"""

from __future__ import annotations

import json
import logging
import sys
import time

import octogen


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def main() -> None:
    settings = json.loads(sys.argv[1])
    warnings = _Counter()
    logging.getLogger("octogen").addHandler(warnings)
    limiter = octogen.RedisRateLimiter(
        settings["redis_url"],
        key=settings["key"],
        window=settings["window"],
        timeout=0.5,
        retry_interval=settings["retry_interval"],
    )
    with octogen.Client(
        api_key=settings["api_key"],
        base_url=settings["base_url"],
        rate_limiter=limiter,
        max_retries=settings["max_retries"],
        retry_budget=False,
    ) as client:
        print("ready", flush=True)
        sys.stdin.readline()
        started = time.time()
        outcomes = list(client.products.lookup_many(settings["urls"], concurrency=2))
        finished = time.time()
    report = {
        "started": started,
        "finished": finished,
        "ok": sum(outcome.ok for outcome in outcomes),
        "errors": [str(outcome.error) for outcome in outcomes if not outcome.ok][:3],
        "warnings": warnings.messages,
    }
    print(json.dumps(report), flush=True)


if __name__ == "__main__":
    main()
