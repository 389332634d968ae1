"""The `--all` progress line: drawn on stderr when stderr is a terminal, never otherwise,
and never in the data on stdout."""

from __future__ import annotations

import csv
import io
import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from octogen.testing import FakeOctogen
from tests.support import API_KEY

from .conftest import octogen, read_until_closed


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
        drawn = read_until_closed(main, deadline=time.monotonic() + 30)
        process.wait(timeout=30)

    assert process.returncode == 0, drawn[-2000:]
    lines = exported.read_text().splitlines()
    assert len(lines) == 320
    assert all(json.loads(line)["uuid"] for line in lines)
    assert "items" in drawn and "pages" in drawn
    assert "rate limit" in drawn and "/6000" in drawn  # the bucket: remaining/limit
    assert "exported 320 products from 8 pages" in drawn


@pytest.mark.parametrize("output_format", ["jsonl", "csv", "json"])
def test_an_export_redirected_to_a_file_lands_in_the_file_while_progress_is_drawn(
    output_format: str, tmp_path: Path
) -> None:
    """`octogen search --all --format csv > out.csv` typed at a terminal: stdout is the
    file, stderr the terminal that shows the progress. Every row goes to the file."""
    exported = tmp_path / f"products.{output_format}"
    drawn, returncode = _run_on_a_terminal(
        ["--mock", "search", "--all", "--format", output_format], stdout_file=exported
    )

    assert returncode == 0, drawn[-2000:]
    text = exported.read_text()
    if output_format == "jsonl":
        uuids = [json.loads(line)["uuid"] for line in text.splitlines()]
    elif output_format == "json":
        uuids = [item["uuid"] for item in json.loads(text)]
    else:
        uuids = [row["uuid"] for row in csv.DictReader(io.StringIO(text))]
    assert len(uuids) == len(set(uuids)) == 320
    assert "uuid" not in drawn and "http" not in drawn  # no data on the terminal
    assert "exported 320 products from 4 pages" in drawn


def _run_on_a_terminal(arguments: list[str], *, stdout_file: Path) -> tuple[str, int]:
    """Run `octogen ARGUMENTS` with stdout to `stdout_file` and stderr on a pseudo-terminal;
    what the terminal showed and the exit code."""
    main, terminal = pty.openpty()
    with stdout_file.open("wb") as stdout:
        process = subprocess.Popen(
            [sys.executable, "-c", "from octogen._cli import main; main()", *arguments],
            stdout=stdout,
            stderr=terminal,
            env={k: v for k, v in os.environ.items() if not k.startswith("OCTO_")},
        )
        os.close(terminal)
        try:
            drawn = read_until_closed(main, deadline=time.monotonic() + 30)
            returncode = process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    return drawn, returncode
