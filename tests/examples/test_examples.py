"""Every example in examples/ runs to completion with no key and no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from octogen.testing import FakeOctogen
from tests.support import API_KEY

EXAMPLES = Path(__file__).parents[2] / "examples"
RUNNABLE = sorted(
    path for path in EXAMPLES.glob("*.py") if 'if __name__ == "__main__"' in path.read_text()
) + sorted(path.parent for path in EXAMPLES.glob("*/__main__.py"))  # run as `python -m`


def test_there_are_examples_to_run() -> None:
    assert RUNNABLE


def run_example(example: Path, **variables: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCTO_")}
    return subprocess.run(
        [sys.executable, *(["-m", example.name] if example.is_dir() else [str(example)])],
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
