"""Every example in examples/ runs to completion with no key and no network."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from octogen.testing import FakeOctogen
from tests.support import API_KEY

EXAMPLES = Path(__file__).parents[2] / "examples"
RUNNABLE = sorted(
    path for path in EXAMPLES.glob("*.py") if 'if __name__ == "__main__"' in path.read_text()
) + sorted(path.parent for path in EXAMPLES.glob("*/__main__.py"))  # run as `python -m`


def test_there_are_examples_to_run() -> None:
    assert RUNNABLE


def run_example(
    example: Path, *arguments: str, **variables: str
) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCTO_")}
    command = ["-m", example.name] if example.is_dir() else [str(example)]
    return subprocess.run(
        [sys.executable, *command, *arguments],
        capture_output=True,
        text=True,
        timeout=60,
        env={**environment, **variables},
        cwd=EXAMPLES,
        check=False,
    )


@pytest.mark.parametrize("example", RUNNABLE, ids=lambda path: path.name)
def test_example_runs(example: Path) -> None:
    result = run_example(example)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr


def test_console_real_without_a_key_says_it_skips_every_call() -> None:
    result = run_example(EXAMPLES / "console_real.py")

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OCTO_API_KEY is not set: skipping every call")


def test_console_real_tours_every_resource_with_a_key() -> None:
    """The real-API console against the fake over a socket: as the real API would be."""
    fake = FakeOctogen(api_keys=[API_KEY])
    with fake.serve() as base_url:
        result = run_example(
            EXAMPLES / "console_real.py", OCTO_API_KEY=API_KEY, OCTO_BASE_URL=base_url
        )

    assert result.returncode == 0, result.stderr
    assert "catalogs:" in result.stdout and "northwind" in result.stdout
    assert "lookup: " in result.stdout
    assert "transport: persistent" in result.stdout
    assert API_KEY not in result.stdout
    paths = {request.path for request in fake.requests}
    assert paths == {"/catalogs", "/products/search", "/products/lookup"}


def test_flask_run_serves_searches_configured_from_octogen_variables_alone() -> None:
    """`flask --app flask_app run` with `OCTOGEN_API_KEY` and `OCTOGEN_BASE_URL` in the
    environment, as docs/web-apps.md says, searches the API at that URL."""
    fake = FakeOctogen(api_keys=[API_KEY])
    port = _free_loopback_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("OCTO_", "FLASK_"))}
    with fake.serve() as base_url:
        server = subprocess.Popen(
            [sys.executable, "-m", "flask", "--app", "flask_app", "run", "--port", str(port)],
            cwd=EXAMPLES,
            env={**environment, "OCTOGEN_API_KEY": API_KEY, "OCTOGEN_BASE_URL": base_url},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        try:
            response = _get_when_up(f"http://127.0.0.1:{port}/search?q=hoodie&limit=2", server)
        finally:
            server.terminate()
            try:
                _, log = server.communicate(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                _, log = server.communicate(timeout=15)

    assert response.status_code == 200, (response.text, log)
    assert len(response.json()["items"]) == 2
    assert [request.path for request in fake.requests] == ["/products/search"]


def _free_loopback_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get_when_up(url: str, server: subprocess.Popen[str], *, seconds: float = 30) -> httpx.Response:
    """GET `url` once the server listens (bounded: it has `seconds` to start)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            return httpx.get(url, timeout=10)
        except httpx.ConnectError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


SYNC = EXAMPLES / "coverage_sync.py"


def test_coverage_sync_keeps_a_list_in_step_with_a_file_idempotently(tmp_path: Path) -> None:
    """Against the fake over a socket with a key, as against the real API: the second run
    with the same file changes nothing, and an edited file is followed both ways."""
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"https://shop.example/p/{i}\n" for i in range(1200)))
    fake = FakeOctogen(api_keys=[API_KEY])
    runs = []
    with fake.serve() as base_url:
        for _ in range(2):
            runs.append(run_example(SYNC, str(urls), OCTO_API_KEY=API_KEY, OCTO_BASE_URL=base_url))
        urls.write_text("https://shop.example/p/0/\nhttps://shop.example/new\n")
        runs.append(run_example(SYNC, str(urls), OCTO_API_KEY=API_KEY, OCTO_BASE_URL=base_url))
    for run in runs:
        assert run.returncode == 0, run.stderr
    assert [run.stdout.strip().rpartition(": ")[2] for run in runs] == [
        "added 1200, removed 0; the list holds 1200 URLs",
        "added 0, removed 0; the list holds 1200 URLs",
        "added 1, removed 1199; the list holds 2 URLs",
    ]


def test_console_mock_tours_the_live_product_operations() -> None:
    result = run_example(EXAMPLES / "console_mock.py")

    assert result.returncode == 0, result.stderr
    assert "but cheaper:" in result.stdout
    assert "like an image (hash " in result.stdout
    assert (
        "refresh of 1,201 targets in batches of 500: 1,200 scheduled, 1 rejected" in result.stdout
    )
    assert "from saved HTML: Blue Linen Dress by Example Brand" in result.stdout
    assert "an image too large, caught before sending" in result.stdout
