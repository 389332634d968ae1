"""What the transport says and does on bad days: limits it names, waits it refuses, URLs
it reports, and what it logs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import respx

import octogen
from tests.support import API_KEY, BASE_URL, make_client
from tests.transport.support import CATALOGS, dead_base_url

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
    assert "call_timeout=1.5 s ran out waiting for the response" in str(caught.value)
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
