"""What the transport says and does on bad days: limits it names, waits it refuses, URLs
it reports, and what it logs."""

from __future__ import annotations

import asyncio
import logging
import os
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import respx

import octogen
from octogen.testing import DEMO_API_KEY, Scenario
from tests.support import API_KEY, BASE_URL, make_client
from tests.transport.support import CATALOGS, dead_base_url, one_catalog_fake

FAST = {"retry_interval": 0.001, "max_retry_delay": 0.002}


def test_a_pacing_wait_beyond_max_retry_after_raises_at_once() -> None:
    reset = datetime.now(UTC) + timedelta(seconds=20)
    empty_bucket = {
        "X-RateLimit-Limit": "60",
        "X-RateLimit-Remaining": "0",
        "X-RateLimit-Reset": str(int(reset.timestamp())),
    }
    with respx.mock(base_url=BASE_URL) as api:
        route = api.get("/catalogs").respond(json=CATALOGS, headers=empty_bucket)
        with make_client(api_key=API_KEY, base_url=BASE_URL, pace=True, max_retry_after=1) as c:
            c.catalogs.list()
            started = time.monotonic()
            with pytest.raises(octogen.OctogenRateLimitError) as caught:
                c.catalogs.list()
            assert time.monotonic() - started < 1  # not slept: refused at once
        assert route.call_count == 1
    assert caught.value.retry_after is not None and 15 < caught.value.retry_after <= 20
    assert "max_retry_after=1" in str(caught.value)


def test_a_timeout_cut_short_by_call_timeout_names_call_timeout() -> None:
    with respx.mock(base_url=BASE_URL) as api:
        api.get("/catalogs").mock(side_effect=httpx.ReadTimeout("slow"))
        with (
            make_client(api_key=API_KEY, base_url=BASE_URL, call_timeout=1.5, max_retries=0) as c,
            pytest.raises(octogen.OctogenTimeoutError) as caught,
        ):
            c.catalogs.list()
    assert "timed out waiting for the response: call_timeout=1.5 s ran out" in str(caught.value)
    assert "read_timeout" not in str(caught.value)


def test_a_timeout_of_the_read_timeout_itself_names_read_timeout() -> None:
    with respx.mock(base_url=BASE_URL) as api:
        api.get("/catalogs").mock(side_effect=httpx.ReadTimeout("slow"))
        with (
            make_client(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as c,
            pytest.raises(octogen.OctogenTimeoutError, match=r"\(read_timeout\) timed out"),
        ):
            c.catalogs.list()


def test_when_every_base_url_is_dead_the_error_names_them_all() -> None:
    dead = [dead_base_url(), dead_base_url()]
    with (
        make_client(api_key=API_KEY, base_urls=dead, max_retries=0) as c,
        pytest.raises(octogen.OctogenConnectionError) as caught,
    ):
        c.catalogs.list()
    for url in dead:
        assert url in str(caught.value)


def test_a_key_sent_over_plain_http_to_another_host_is_warned_about_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.WARNING, logger="octogen")
    octogen.Client(api_key=API_KEY, base_url="http://api.example/v1").close()
    octogen.Client(api_key=API_KEY, base_url="http://127.0.0.1:9/v1").close()
    octogen.Client(api_key=API_KEY, base_url="https://api.example/v1").close()
    warnings = [r.getMessage() for r in caplog.records if "unencrypted" in r.getMessage()]
    assert warnings == [
        "base URL http://api.example/v1 is plain http:// and not loopback: "
        "the API key travels unencrypted"
    ]
    assert API_KEY not in caplog.text


RETRY_ONCE = """
import octogen
from octogen.testing import FakeOctogen
fake = FakeOctogen()
fake.queue("503")
with fake.client(retry_interval=0.001, max_retry_delay=0.002) as client:
    client.catalogs.list()
"""


@pytest.mark.parametrize(("level", "expected"), [(None, False), ("info", True), ("debug", True)])
def test_octo_log_turns_the_loggers_output_on(level: str | None, expected: bool) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCTO")}
    if level is not None:
        environment["OCTO_LOG"] = level
    done = subprocess.run(
        [sys.executable, "-c", RETRY_ONCE],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert ("retrying in" in done.stderr) is expected
    assert ("-> 200" in done.stderr) is (level == "debug")


def test_call_timeout_bounds_a_response_that_trickles_in() -> None:
    fake = one_catalog_fake()
    fake.set_scenario(Scenario.trickle(0.05))  # every byte well within read_timeout
    with fake.start_server() as server:
        options = {"api_key": DEMO_API_KEY, "base_url": server.base_url, "max_retries": 0}
        with make_client(**options, call_timeout=1.0, read_timeout=5) as client:
            started = time.monotonic()
            with pytest.raises(octogen.OctogenTimeoutError) as caught:
                client.catalogs.list()
            took = time.monotonic() - started
    assert took < 1.0 + 2.0  # bounded by call_timeout (slack for a loaded machine), not 15 s
    assert "call_timeout=1 s ran out" in str(caught.value)


@pytest.mark.sync_only
def test_closing_a_client_ends_its_waiting_retries_at_once_with_an_octogen_error() -> None:
    fake = one_catalog_fake()
    fake.set_scenario("503")
    outcome: list[BaseException] = []
    client = fake.client(retry_interval=30, max_retry_delay=30, max_retries=2)

    def call() -> None:
        try:
            client.catalogs.list()
        except BaseException as error:
            outcome.append(error)

    worker = threading.Thread(target=call)
    worker.start()
    time.sleep(0.3)  # the first 503 came back; the call now waits ~15-30 s to retry
    closed_at = time.monotonic()
    client.close()
    worker.join(timeout=10)
    assert not worker.is_alive()
    assert time.monotonic() - closed_at < 5
    [error] = outcome
    assert isinstance(error, octogen.OctogenError)
    assert "closed while the call was waiting to retry" in str(error)
    assert len(fake.requests) == 1


def test_closing_an_async_client_ends_its_waiting_retries_at_once() -> None:
    fake = one_catalog_fake()
    fake.set_scenario("503")

    async def scenario() -> BaseException | None:
        aclient = octogen.AsyncClient(
            api_key=DEMO_API_KEY, transport=fake.transport(), retry_interval=30, max_retry_delay=30
        )
        call = asyncio.create_task(aclient.catalogs.list())
        await asyncio.sleep(0.3)
        await aclient.aclose()
        try:
            await asyncio.wait_for(call, timeout=5)
        except octogen.OctogenError as error:
            return error
        return None

    error = asyncio.run(scenario())
    assert error is not None and "closed while the call was waiting to retry" in str(error)


@pytest.mark.sync_only
def test_calls_still_sending_finish_before_a_closed_clients_pool_closes() -> None:
    fake = one_catalog_fake()
    fake.set_scenario(Scenario.slow(0.5))
    with fake.start_server() as server:
        client = octogen.Client(api_key=DEMO_API_KEY, base_url=server.base_url, max_retries=0)
        results: list[object] = []
        worker = threading.Thread(target=lambda: results.append(client.catalogs.list()))
        worker.start()
        time.sleep(0.15)  # the request is on the wire, the answer 0.35 s away
        client.close()
        assert client.is_closed
        with pytest.raises(octogen.OctogenError, match="closed"):
            client.catalogs.list()  # no new call on a closed client
        worker.join(timeout=10)
    [catalogs] = results
    assert [c.catalog for c in catalogs] == ["c"]  # type: ignore[attr-defined]


@pytest.mark.sync_only
def test_replacing_the_shared_client_under_load_loses_no_call() -> None:
    fake = one_catalog_fake()
    fake.set_scenario(Scenario.slow(0.2))
    failures: list[BaseException] = []
    done: list[object] = []
    with fake.start_server() as server:
        octogen.configure(api_key=DEMO_API_KEY, base_url=server.base_url, max_retries=0)

        def call() -> None:
            try:
                done.append(octogen.client().catalogs.list())
            except BaseException as error:
                failures.append(error)

        try:
            workers = [threading.Thread(target=call) for _ in range(24)]
            for index, worker in enumerate(workers):
                worker.start()
                if index % 8 == 7:  # a key rotation while calls are in flight
                    octogen.configure(api_key=DEMO_API_KEY, base_url=server.base_url)
            for worker in workers:
                worker.join(timeout=10)
        finally:
            octogen.reset_configuration()
    assert not any(worker.is_alive() for worker in workers)
    assert failures == []
    assert len(done) == 24
