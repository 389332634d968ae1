"""The fake on a real socket: `serve()`, `start_server()` and `python -m octogen.testing`."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen


def test_serve_yields_a_base_url_the_sdk_uses_over_one_kept_alive_connection() -> None:
    fake = FakeOctogen()
    server = fake.start_server()
    with server, octogen.Client(api_key="k", base_url=server.base_url) as client:
        assert server.base_url.startswith("http://127.0.0.1:") and server.base_url.endswith("/v1")
        catalogs = client.catalogs.list()
        for _ in range(10):
            client.products.search("hoodie", catalog=catalogs[0].catalog, limit=5)
        client.products.lookup(fake.dataset.products[0].view["productUrl"])
    assert server.connections_opened == 1
    assert len(fake.requests) == 12


def test_stopping_hangs_up_on_a_hanging_request_at_once() -> None:
    fake = FakeOctogen(scenario="timeout:60")
    server = fake.start_server()
    with httpx.Client(base_url=server.base_url, timeout=10) as raw:
        started = time.monotonic()
        stopper = threading.Timer(0.3, server.stop)
        stopper.start()
        with pytest.raises(httpx.RemoteProtocolError):
            raw.get("/catalogs", headers={"Authorization": "Bearer k"})
        stopper.join()
    assert time.monotonic() - started < 5


def test_the_module_serves_the_fake_until_interrupted() -> None:
    command = [sys.executable, "-m", "octogen.testing", "--port", "0", "--api-key", "cli-key"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            first_line = process.stdout.readline()
            base_url = first_line.split(" on ")[1].split()[0]
            with octogen.Client(api_key="cli-key", base_url=base_url) as client:
                assert len(client.catalogs.list()) == 4
            with (
                octogen.Client(api_key="wrong", base_url=base_url, max_retries=0) as client,
                pytest.raises(octogen.OctogenAuthenticationError),
            ):
                client.catalogs.list()
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=10) == 0
        finally:
            if process.poll() is None:  # a failed assertion must not leave it serving
                process.kill()


def test_the_module_refuses_an_unknown_scenario() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "octogen.testing", "--scenario", "teapot"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "--scenario" in result.stderr
