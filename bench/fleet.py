"""Bulk lookups under a rate limit: wall time against the bound the limit allows, and 429s.

N lookups against the fake API on a loopback socket, each answered after `--latency`
seconds, for an organization allowed `--limit` requests per `--window` seconds (the
API's bucket holds one window of requests). Five ways: a plain `lookup` loop;
`lookup_many` (which paces itself in-process, assuming the API's 60 s window); the same
with a `RedisRateLimiter`; a fleet of `--workers` processes sharing a `RedisRateLimiter`;
and that fleet without one, each process pacing on its own. Fleets are timed from the
first request to the last answer, without their start-up. The bound is the longer of
what the limit allows, `(N - limit) / (limit / window)`, and what the latency allows at
that concurrency. Needs Debian's `redis-server` (started here on a free port).

    uv run python bench/fleet.py                       # the issue's run: 2,000 at 1,200/min
    uv run python bench/fleet.py --n 600 --limit 300   # 300 a minute: a quarter of the run
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from typing import Any

import octogen
from octogen.testing import FakeOctogen

API_KEY = "octo_bench_key"
fleet_span: list[float | None] = [None]  # the fleet's own timing, start-up left out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--n", type=int, default=2000, help="lookups per run")
    parser.add_argument("--limit", type=int, default=1200, help="requests per window")
    parser.add_argument("--window", type=float, default=60.0, help="seconds (60 on the API)")
    parser.add_argument("--latency", type=float, default=0.02, help="seconds per request")
    parser.add_argument("--workers", type=int, default=4, help="processes in the fleet")
    parser.add_argument("--concurrency", type=int, default=8, help="lookup_many's")
    parser.add_argument("--only", help="run one mode: loop, many, redis, blind, fleet")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(json.loads(args.worker))
        return
    redis_server = shutil.which("redis-server")
    if redis_server is None:
        sys.exit("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    redis = subprocess.Popen(
        [redis_server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--loglevel", "warning"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for_port(port)
        redis_url = f"redis://127.0.0.1:{port}/0"
        bench(args, redis_url)
    finally:
        redis.kill()
        redis.wait(timeout=10)


def bench(args: argparse.Namespace, redis_url: str) -> None:
    rate = args.limit / args.window
    print(
        f"{args.n} lookups, {args.latency * 1000:.0f} ms each, limit {args.limit} per "
        f"{args.window:g} s ({rate * 60:,.0f}/min), {args.workers} workers"
    )
    print(f"{'mode':<34} {'wall s':>8} {'bound s':>8} {'ratio':>6} {'429s':>5} {'errors':>6}")
    modes: dict[str, tuple[str, Callable[[str, list[str]], int], int]] = {
        "loop": ("plain lookup loop", lambda base, urls: loop(base, urls), 1),
        "many": (
            f"lookup_many({args.concurrency})",
            lambda base, urls: many(base, urls, args.concurrency),
            args.concurrency,
        ),
        "redis": (
            f"lookup_many({args.concurrency}), Redis limiter",
            lambda base, urls: many(
                base, urls, args.concurrency, limiter=limiter(redis_url, "redis", args.window)
            ),
            args.concurrency,
        ),
        "blind": (
            f"{args.workers} processes x lookup_many(2), no Redis",
            lambda base, urls: fleet(base, urls, None, args),
            args.workers * 2,
        ),
        "fleet": (
            f"{args.workers} processes x lookup_many(2), Redis",
            lambda base, urls: fleet(base, urls, redis_url, args),
            args.workers * 2,
        ),
    }
    for name, (label, run, in_flight) in modes.items():
        if args.only and name != args.only:
            continue
        fake = FakeOctogen(api_keys=[API_KEY], rate_limit=args.limit, rate_limit_window=args.window)
        fake.set_scenario(f"slow:{args.latency}")
        urls = [p.view["productUrl"] for p in fake.dataset.products]
        urls = (urls * (args.n // len(urls) + 1))[: args.n]
        with fake.serve() as base_url:
            started = time.monotonic()
            fleet_span[0] = None
            errors = run(base_url, urls)
            wall = fleet_span[0] or time.monotonic() - started
        limited = max(0, args.n - args.limit) / rate
        bound = max(limited, args.n * args.latency / in_flight)
        refused = sum(request.status == 429 for request in fake.requests)
        print(
            f"{label:<34} {wall:8.2f} {bound:8.2f} {wall / bound:6.2f} {refused:5d} {errors:6d}",
            flush=True,
        )


def loop(base_url: str, urls: list[str]) -> int:
    errors = 0
    with octogen.Client(api_key=API_KEY, base_url=base_url, max_retries=5) as client:
        for url in urls:
            try:
                client.products.lookup(url)
            except octogen.OctogenError:
                errors += 1
    return errors


def many(
    base_url: str,
    urls: list[str],
    concurrency: int,
    *,
    limiter: octogen.RedisRateLimiter | None = None,
) -> int:
    with octogen.Client(
        api_key=API_KEY, base_url=base_url, max_retries=5, rate_limiter=limiter
    ) as client:
        return sum(not o.ok for o in client.products.lookup_many(urls, concurrency=concurrency))


def limiter(redis_url: str, key: str, window: float) -> octogen.RedisRateLimiter:
    made = octogen.RedisRateLimiter(redis_url, key=f"octogen:bench:{key}", window=window)
    made.reset()
    return made


def fleet(base_url: str, urls: list[str], redis_url: str | None, args: argparse.Namespace) -> int:
    if redis_url is not None:
        limiter(redis_url, "fleet", args.window)  # a fresh bucket
    share = -(-len(urls) // args.workers)
    workers = []
    for index in range(args.workers):
        settings = {
            "base_url": base_url,
            "redis_url": redis_url,
            "window": args.window,
            "urls": urls[index * share : (index + 1) * share],
        }
        workers.append(
            subprocess.Popen(
                [sys.executable, __file__, "--worker", json.dumps(settings)],
                stdout=subprocess.PIPE,
                text=True,
            )
        )
    errors, spans = 0, []
    for worker in workers:
        out, _ = worker.communicate(timeout=3600)
        report = json.loads(out)
        errors += report["errors"]
        spans.append((report["started"], report["finished"]))
    fleet_span[0] = max(end for _, end in spans) - min(start for start, _ in spans)
    return errors


def run_worker(settings: dict[str, Any]) -> None:
    made = None
    if settings["redis_url"] is not None:  # else each process paces on its own
        made = octogen.RedisRateLimiter(
            settings["redis_url"], key="octogen:bench:fleet", window=settings["window"]
        )
    with octogen.Client(
        api_key=API_KEY, base_url=settings["base_url"], max_retries=5, rate_limiter=made
    ) as client:
        started = time.time()
        outcomes = list(client.products.lookup_many(settings["urls"], concurrency=2))
        finished = time.time()
    errors = sum(not outcome.ok for outcome in outcomes)
    print(json.dumps({"errors": errors, "started": started, "finished": finished}))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_port(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("redis-server did not start")


if __name__ == "__main__":
    main()
