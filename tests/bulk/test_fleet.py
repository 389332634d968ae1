"""Many processes, one budget: 4 worker processes of 2 threads each, looking URLs up on
one fake API over a socket, share the organization's limit through one Redis."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from octogen.testing import FakeOctogen
from tests.bulk.conftest import RedisServer
from tests.support import API_KEY

ROOT = Path(__file__).parents[2]
WORKERS, PER_WORKER = 4, 30
# The shape, scaled to run in seconds: a small bucket (10) refilled at 2,400 a
# minute (10 every 0.25 s) instead of 600 a minute.
LIMIT, WINDOW = 10, 0.25
RATE = LIMIT / WINDOW


def run_fleet(
    fake: FakeOctogen,
    redis_url: str,
    urls: list[str],
    *,
    max_retries: int,
    during: Callable[[], None] | None = None,
) -> list[dict[str, Any]]:
    """Start the workers, let them go at once, run `during` alongside, collect reports."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCTO_")}
    workers: list[subprocess.Popen[str]] = []
    with fake.serve() as base_url:
        try:
            for index in range(WORKERS):
                settings = {
                    "redis_url": redis_url,
                    "key": "octogen:fleet-test",
                    "window": WINDOW,
                    "retry_interval": 1.0,
                    "api_key": API_KEY,
                    "base_url": base_url,
                    "max_retries": max_retries,
                    "urls": urls[index * PER_WORKER : (index + 1) * PER_WORKER],
                }
                workers.append(
                    subprocess.Popen(
                        [sys.executable, "-m", "tests.bulk.fleet_worker", json.dumps(settings)],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                        text=True,
                        cwd=ROOT,
                        env=environment,
                    )
                )
            for worker in workers:  # every process imported and built its client
                assert worker.stdout is not None
                assert worker.stdout.readline().strip() == "ready"
            for worker in workers:
                assert worker.stdin is not None
                worker.stdin.write("go\n")
                worker.stdin.flush()
            if during is not None:
                during()
            reports = []
            for worker in workers:
                out, _ = worker.communicate(timeout=60)
                assert worker.returncode == 0
                reports.append(json.loads(out.strip().splitlines()[-1]))
            return reports
        finally:
            for worker in workers:
                if worker.poll() is None:
                    worker.kill()
                    worker.wait(timeout=10)


def test_a_fleet_of_processes_draws_no_429_and_keeps_to_the_limit(
    redis_server: RedisServer, product_urls: list[str]
) -> None:
    fake = FakeOctogen(api_keys=[API_KEY], rate_limit=LIMIT, rate_limit_window=WINDOW)

    reports = run_fleet(fake, redis_server.url, product_urls, max_retries=0)

    total = WORKERS * PER_WORKER
    assert [report["ok"] for report in reports] == [PER_WORKER] * WORKERS, reports
    statuses = [request.status for request in fake.requests]
    assert statuses.count(429) == 0
    assert statuses == [200] * total
    # The limit allows the full bucket at once, then RATE a second. Zero 429s already say
    # the fleet was not faster; within 15% (plus slack for a busy machine) says the
    # limiter does not waste the budget either.
    elapsed = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    bound = (total - LIMIT) / RATE
    assert bound * 0.9 <= elapsed <= bound * 1.15 + 1.5, (elapsed, bound)


def test_with_redis_killed_mid_run_every_call_still_succeeds(
    redis_server: RedisServer, product_urls: list[str]
) -> None:
    fake = FakeOctogen(api_keys=[API_KEY], rate_limit=LIMIT, rate_limit_window=WINDOW)
    total = WORKERS * PER_WORKER

    def kill_redis_halfway() -> None:
        deadline = time.monotonic() + 30
        while len(fake.requests) < total // 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        redis_server.kill()

    reports = run_fleet(
        fake, redis_server.url, product_urls, max_retries=10, during=kill_redis_halfway
    )

    assert [report["ok"] for report in reports] == [PER_WORKER] * WORKERS, reports
    for report in reports:  # each worker said so once, and went on pacing in-process
        unreachable = [w for w in report["warnings"] if "cannot be reached" in w]
        assert len(unreachable) == 1, report["warnings"]
    answered = [request.status for request in fake.requests if request.status == 200]
    assert len(answered) == total
