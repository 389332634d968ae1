"""`python -m playground`, the README's command, serves the app on the port it is given."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import httpx

from playground.server import free_port

STARTUP_SECONDS = 20.0


def test_python_m_playground_serves_on_the_given_host_and_port() -> None:
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCTO_")}
    process = subprocess.Popen(
        [sys.executable, "-m", "playground", "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=environment,
    )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/", timeout=2.0)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the playground did not start"
                time.sleep(0.1)
        assert response.status_code == 200
        assert "selected>fake —" in response.text  # no key: the fake
        assert "octogen_playground" in response.headers["set-cookie"]
    finally:
        process.terminate()
        process.wait(timeout=10)
        if process.stdout:
            process.stdout.close()
