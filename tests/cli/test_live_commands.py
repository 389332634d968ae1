"""`octogen voyage ...` and `octogen coverage ...` against a fake on a loopback socket
(its state lasts across commands)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from octogen._cli._app import cli
from octogen.testing import FakeOctogen
from tests.support import API_KEY
from tests.testing.test_live_state import Clock

from .conftest import octogen


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeOctogen:
    return FakeOctogen(api_keys=[API_KEY], clock=clock)


def run_json(*args: str) -> dict[str, object]:
    result = octogen(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


def test_voyage_start_says_started_then_joined_and_get_and_list_show_it(
    served: list[str],
) -> None:
    started = octogen(*served, "voyage", "start", "www.example.com", "--format", "json")
    assert started.exit_code == 0, started.stderr
    assert "started a new voyage" in started.stderr
    task_id = json.loads(started.stdout)["taskId"]
    joined = octogen(*served, "voyage", "start", "example.com", "--format", "json")
    assert "joined" in joined.stderr and json.loads(joined.stdout)["taskId"] == task_id
    assert run_json(*served, "voyage", "get", task_id)["domain"] == "example.com"
    table = octogen(*served, "voyage", "list", "--format", "table")
    assert "example.com" in table.stdout and "running 1/5" in table.stdout


def test_voyage_wait_prints_the_completed_voyage(served: list[str], clock: Clock) -> None:
    task_id = run_json(*served, "voyage", "start", "example.com")["taskId"]
    clock.tick = 300
    done = octogen(
        *served, "voyage", "wait", str(task_id), "--poll-interval", "0.001", "--wait-timeout", "20",
        "--format", "json",
    )  # fmt: skip
    assert done.exit_code == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "completed"


def test_voyage_wait_exits_1_when_the_voyage_failed(served: list[str], clock: Clock) -> None:
    task_id = run_json(*served, "voyage", "start", "fail.example.com")["taskId"]
    clock.now += 7200
    failed = octogen(*served, "voyage", "wait", str(task_id), "--format", "json")
    assert failed.exit_code == 1 and "ended failed" in failed.stderr


def test_voyage_quota_error_is_one_line_and_exit_code_5(served: list[str]) -> None:
    for index in range(5):
        octogen(*served, "voyage", "start", f"shop{index}.com", "--format", "json")
    refused = octogen(*served, "voyage", "start", "shop5.com")
    assert refused.exit_code == 5
    assert "voyage_quota_exceeded" in refused.stderr and "Traceback" not in refused.stderr


def test_coverage_commands_create_fill_check_read_and_delete_a_list(
    served: list[str], tmp_path: Path
) -> None:
    list_id = str(run_json(*served, "coverage", "create", "q3")["urlListId"])
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# product pages\n" + "".join(f"https://shop.example/p/{i}\n" for i in range(2500)) + "\n"
    )
    added = octogen(*served, "coverage", "add", list_id, "--file", str(urls), "--format", "table")
    assert added.exit_code == 0, added.stderr
    assert "added 2,500 URLs, rejected 0; the list holds 2,500" in added.stdout

    from_stdin = CliRunner().invoke(
        cli,
        [*served, "coverage", "add", list_id, "--format", "json"],
        input="https:///broken\nHTTP://SHOP.example/p/1/\n",
    )
    change = json.loads(from_stdin.stdout)
    assert change["urlCount"] == 2500 and change["rejected"][0]["code"] == "invalid_url"

    checked = octogen(
        *served, "coverage", "check", list_id, "https://shop.example/p/7", "https://x.example/"
    )
    assert [json.loads(line)["present"] for line in checked.stdout.splitlines()] == [True, False]

    removed = octogen(*served, "coverage", "remove", list_id, "https://shop.example/p/7/")
    assert json.loads(removed.stdout)["urlCount"] == 2499
    listed = octogen(*served, "coverage", "urls", list_id, "--max-items", "3", "--format", "csv")
    assert listed.stdout.splitlines()[0] == "url,normalizedUrl,addedAt"
    assert len(listed.stdout.splitlines()) == 4
    assert run_json(*served, "coverage", "get", list_id)["urlCount"] == 2499
    assert "q3" in octogen(*served, "coverage", "list", "--format", "table").stdout

    refused = CliRunner().invoke(cli, [*served, "coverage", "delete", list_id], input="n\n")
    assert refused.exit_code == 1
    deleted = run_json(*served, "coverage", "delete", list_id, "--yes")
    assert deleted["status"] == "delete_pending"


def test_coverage_add_refuses_arguments_and_a_file_together(
    served: list[str], tmp_path: Path
) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_text("https://a.example/\n")
    result = octogen(*served, "coverage", "add", "cul_1", "https://b.example/", "--file", str(urls))
    assert result.exit_code == 2 and "not both" in result.stderr


def test_an_unknown_list_exits_4(served: list[str]) -> None:
    result = octogen(*served, "coverage", "get", "cul_missing")
    assert result.exit_code == 4 and "url_list_not_found" in result.stderr
