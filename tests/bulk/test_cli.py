"""`octogen lookup --from-file`: every URL of a file or stdin, one JSON line each in input
order, a progress line on a terminal only, and `--skip-done` to resume."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path

import pytest

from octogen.testing import FakeOctogen
from tests.cli.conftest import octogen, read_until_closed
from tests.support import API_KEY


@pytest.fixture(autouse=True)
def no_octo_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in os.environ if name.startswith("OCTO_")]:
        monkeypatch.delenv(name)


@pytest.fixture
def url_file(tmp_path: Path, product_urls: list[str]) -> Path:
    lines = [*product_urls[:5], "", "# a comment", "not a url", *product_urls[5:10]]
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def records(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


def test_every_url_gets_one_json_line_in_input_order(
    url_file: Path, product_urls: list[str]
) -> None:
    result = octogen("--mock", "lookup", "--from-file", str(url_file), "--concurrency", "3")

    lines = records(result.stdout)
    assert [line["url"] for line in lines] == [*product_urls[:5], "not a url", *product_urls[5:10]]
    assert [line["ok"] for line in lines] == [True] * 5 + [False] + [True] * 5
    found = lines[0]["result"]
    assert isinstance(found, dict) and found["product"]["productUrl"] == product_urls[0]  # type: ignore[index]
    error = lines[5]["error"]
    assert isinstance(error, dict) and error["type"] == "InvalidRequestError"
    assert result.exit_code == 1  # one lookup failed: not a clean run
    assert result.stderr == "octogen: " + result.stderr.removeprefix("octogen: ")
    assert "11 looked up: 10 found, 1 failed" in result.stderr
    assert "\x1b[" not in result.stderr  # no progress drawing when stderr is not a terminal


def test_urls_can_come_from_stdin(product_urls: list[str]) -> None:
    from click.testing import CliRunner

    from octogen._cli._app import cli

    result = CliRunner().invoke(
        cli, ["--mock", "lookup", "--from-file", "-"], input="\n".join(product_urls[:4])
    )

    assert result.exit_code == 0, result.stderr
    assert [line["url"] for line in records(result.stdout)] == product_urls[:4]


def test_skip_done_resumes_after_the_urls_an_interrupted_run_found(
    url_file: Path, tmp_path: Path, product_urls: list[str]
) -> None:
    first = octogen("--mock", "lookup", "--from-file", str(url_file))
    out = tmp_path / "out.jsonl"
    # Interrupted after three lines, the fourth torn mid-write.
    lines = first.stdout.splitlines()
    out.write_text("\n".join(lines[:3]) + "\n" + lines[3][:40])

    second = octogen("--mock", "lookup", "--from-file", str(url_file), "--skip-done", str(out))

    again = [line["url"] for line in records(second.stdout)]
    assert again == [*product_urls[3:5], "not a url", *product_urls[5:10]]
    assert "3 skipped" in second.stderr


def test_a_run_where_everything_was_found_exits_0(tmp_path: Path, product_urls: list[str]) -> None:
    path = tmp_path / "urls.txt"
    path.write_text("\n".join(product_urls[:6]))

    result = octogen("--mock", "lookup", "--from-file", str(path))

    assert result.exit_code == 0
    assert all(line["ok"] for line in records(result.stdout))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ([], "give a URL, or --from-file"),
        (["https://shop.example/p", "--from-file", "-"], "not both"),
        (["--from-file", "-", "--format", "json"], "--format does not apply"),
        (["--from-file", "-", "--concurrency", "0"], "--concurrency"),
    ],
)
def test_wrong_mixes_of_options_are_usage_errors(arguments: list[str], message: str) -> None:
    result = octogen("--mock", "lookup", *arguments)

    assert result.exit_code == 2
    assert message in result.stderr


def test_a_progress_line_is_drawn_on_a_terminal_and_the_data_goes_to_stdout(
    product_urls: list[str], tmp_path: Path
) -> None:
    fake = FakeOctogen(api_keys=[API_KEY])
    fake.set_scenario("slow:0.05")
    source = tmp_path / "urls.txt"
    source.write_text("\n".join(product_urls[:40]))
    out = tmp_path / "out.jsonl"
    main, terminal = pty.openpty()
    with fake.serve() as base_url, out.open("wb") as stdout:
        process = subprocess.Popen(
            [
                sys.executable, "-c", "from octogen._cli import main; main()",
                "--base-url", base_url, "--api-key", API_KEY,
                "lookup", "--from-file", str(source), "--concurrency", "4",
            ],
            stdout=stdout,
            stderr=terminal,
            env={k: v for k, v in os.environ.items() if not k.startswith("OCTO_")},
        )  # fmt: skip
        os.close(terminal)
        try:
            drawn = read_until_closed(main, deadline=time.monotonic() + 30)
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)

    assert process.returncode == 0, drawn[-2000:]
    assert [line["url"] for line in records(out.read_text())] == product_urls[:40]
    assert "looked up" in drawn and "URLs/s" in drawn
    assert "40 looked up: 40 found, 0 failed" in drawn
    assert "productUrl" not in drawn  # no data on the terminal
    redraws = drawn.count("\r\x1b[2K")  # the line drawn again as lookups come in
    assert redraws >= 2
    assert "0 looked up: 0 found" in drawn  # drawn before the first outcome
