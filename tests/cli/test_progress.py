"""The `--all` progress line: drawn on stderr when stderr is a terminal, never otherwise,
and never in the data on stdout."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

from octogen.testing import FakeOctogen
from tests.support import API_KEY

from .conftest import octogen


def test_no_progress_bar_when_stderr_is_not_a_terminal() -> None:
    result = octogen("--mock", "search", "--all", "--format", "jsonl")

    assert result.exit_code == 0
    assert result.stderr.splitlines() == [result.stderr.strip()]  # one summary line
    assert result.stderr.startswith("octogen: exported 320 products from 4 pages")
    assert "\r" not in result.stderr and "\x1b[" not in result.stderr


def test_progress_bar_on_a_terminal_shows_items_pages_and_rate_limit(
    fake: FakeOctogen, tmp_path: Path
) -> None:
    fake.set_scenario("slow:0.15")  # slow pages, so that the bar redraws while they come
    main, terminal = pty.openpty()
    exported = tmp_path / "products.jsonl"
    with fake.serve() as base_url, exported.open("wb") as stdout:
        process = subprocess.Popen(
            [
                sys.executable, "-c", "from octogen._cli import main; main()",
                "--base-url", base_url, "--api-key", API_KEY,
                "search", "--all", "--limit", "40", "--format", "jsonl",
            ],
            stdout=stdout,
            stderr=terminal,
            env={k: v for k, v in os.environ.items() if not k.startswith("OCTO_")},
        )  # fmt: skip
        os.close(terminal)
        drawn = _read_until_closed(main, deadline=time.monotonic() + 30)
        process.wait(timeout=30)

    assert process.returncode == 0, drawn[-2000:]
    lines = exported.read_text().splitlines()
    assert len(lines) == 320
    assert all(json.loads(line)["uuid"] for line in lines)
    assert "items" in drawn and "pages" in drawn
    assert "rate limit" in drawn and "/6000" in drawn  # the bucket: remaining/limit
    assert "exported 320 products from 8 pages" in drawn


def _read_until_closed(descriptor: int, *, deadline: float) -> str:
    chunks = []
    while time.monotonic() < deadline:
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the other side closed: the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks).decode("utf-8", "replace")
