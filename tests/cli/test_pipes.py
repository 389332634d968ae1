"""The command at either end of a pipe and on a terminal: a reader that stops early
(`| head`) ends it quietly, and `--all` at a terminal streams JSON Lines."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time

from .conftest import read_until_closed

COMMAND = [sys.executable, "-c", "from octogen._cli import main; main()"]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("OCTO_")}


def test_a_reader_that_stops_early_ends_the_command_quietly_with_exit_0() -> None:
    """`octogen search --all | head -1`: the export is far bigger than a pipe's buffer,
    so the command writes into the closed pipe; that is the reader's choice, not an error."""
    with subprocess.Popen(
        [*COMMAND, "--mock", "search", "--all"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(),
    ) as process:
        try:
            assert process.stdout is not None
            first = process.stdout.readline()
            process.stdout.close()  # what `head -1` does once it has its line
            _, stderr = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()

    assert json.loads(first)["uuid"]
    assert process.returncode == 0
    assert stderr.decode() == ""  # no error, no "Exception ignored", no traceback


def test_all_at_a_terminal_without_a_format_streams_json_lines() -> None:
    main, terminal = pty.openpty()
    process = subprocess.Popen(
        [*COMMAND, "--mock", "search", "hoodie", "--all", "--max-items", "5"],
        stdout=terminal,
        stderr=subprocess.PIPE,
        env=environment(),
    )
    os.close(terminal)
    try:
        shown = read_until_closed(main, deadline=time.monotonic() + 30)
        _, stderr = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    assert process.returncode == 0, stderr.decode()
    products = [json.loads(line) for line in shown.splitlines()]
    assert len(products) == 5
    assert all("hoodie" in product["title"].lower() for product in products)
    assert "exported 5 products" in stderr.decode()
