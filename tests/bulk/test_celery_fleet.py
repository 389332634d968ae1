"""examples/celery_fleet: a URL file fanned out across a real Celery worker (prefork, a
Redis broker), every worker process on the shared client and the Redis limiter, the
outcomes collected in input order; a worker process killed mid-batch loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import redis

from octogen.testing import FakeOctogen
from tests.bulk.conftest import RedisServer
from tests.bulk.test_cli import records
from tests.support import API_KEY

EXAMPLES = Path(__file__).parents[2] / "examples"


def environment(redis_url: str, base_url: str) -> dict[str, str]:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("OCTO_", "CELERY_", "FLEET_"))
    }
    return {
        **inherited,
        "CELERY_BROKER_URL": redis_url,
        "OCTO_API_KEY": API_KEY,
        "OCTO_BASE_URL": base_url,
        "OCTO_REDIS_URL": redis_url,
        "FLEET_LOOKUP_CONCURRENCY": "2",
    }


@contextmanager
def celery_worker(env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """`celery -A celery_fleet.tasks worker` with two prefork processes; stopped after."""
    worker = subprocess.Popen(
        [
            sys.executable, "-m", "celery", "-A", "celery_fleet.tasks", "worker",
            "--pool", "prefork", "--concurrency", "2", "--loglevel", "warning",
            "--without-gossip", "--without-mingle", "--without-heartbeat",
        ],
        cwd=EXAMPLES,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        yield worker
    finally:
        worker.send_signal(signal.SIGTERM)  # a warm shutdown
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)


def fan_out(env: dict[str, str], url_file: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "celery_fleet", str(url_file), "--batch", "10", "--window", "4"],
        cwd=EXAMPLES,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_the_recipe_collects_every_outcome_in_input_order_under_the_shared_limit(
    redis_server: RedisServer, product_urls: list[str], tmp_path: Path
) -> None:
    fake = FakeOctogen(api_keys=[API_KEY], rate_limit=600)
    urls = [*product_urls[:30], "https://unknown-shop.example/products/gone", *product_urls[30:59]]
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")

    with fake.serve() as base_url:
        env = environment(redis_server.url, base_url)
        with celery_worker(env):
            driver = fan_out(env, url_file)
            out, err = driver.communicate(timeout=120)

    assert driver.returncode == 0, err
    lines = records(out)
    assert [line["url"] for line in lines] == urls
    assert [line["ok"] for line in lines] == [True] * 30 + [False] + [True] * 29
    assert "60 URLs: 59 found, 1 failed" in err
    assert 429 not in [request.status for request in fake.requests]
    # The workers took their tokens from the bucket in Redis, sized by the API's limit.
    bucket = redis.Redis.from_url(redis_server.url).hgetall("octogen:rate-limit")
    assert int(bucket[b"limit"]) == 600


def test_a_worker_process_killed_mid_batch_loses_nothing(
    redis_server: RedisServer, product_urls: list[str], tmp_path: Path
) -> None:
    fake = FakeOctogen(api_keys=[API_KEY])
    fake.set_scenario("slow:0.05")  # batches take a while: one is surely under way
    urls = product_urls[:80]
    url_file = tmp_path / "urls.txt"
    url_file.write_text("\n".join(urls) + "\n")

    with fake.serve() as base_url:
        env = environment(redis_server.url, base_url)
        with celery_worker(env) as worker:
            driver = fan_out(env, url_file)
            deadline = time.monotonic() + 60
            while len(fake.requests) < 15 and time.monotonic() < deadline:
                time.sleep(0.01)
            children = _children(worker.pid)
            assert children, "the worker has no pool processes"
            os.kill(children[0], signal.SIGKILL)  # dies in the middle of its batch
            out, err = driver.communicate(timeout=120)

    assert driver.returncode == 0, err
    lines = records(out)
    assert [line["url"] for line in lines] == urls
    assert all(line["ok"] for line in lines)
    # The lost batch ran again: some URLs were asked for twice, none is missing. (A
    # request the killed process was still writing reached the fake without its body.)
    asked = [request.body["url"] for request in fake.requests if isinstance(request.body, dict)]
    assert set(asked) == set(urls)
    assert len(asked) > len(urls)


def _children(pid: int) -> list[int]:
    """The processes `pid` started (its prefork pool)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text()
        found += [int(child) for child in text.split()]
    return found
