"""The smoke check (`octogen smoke`, `python -m octogen`, `octogen-smoke`): one line per
check, a summary, and an exit code that is 0 only when every check passed."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from octogen._exit_codes import ExitCode
from octogen._smoke import run_smoke
from octogen.testing import Dataset, FakeOctogen
from tests.support import API_KEY

from .conftest import octogen

CHECKS = ["configuration", "connectivity", "auth", "search", "lookup"]


def outcomes(stdout: str) -> dict[str, str]:
    """{check: PASS/FAIL/SKIP} from the smoke's lines."""
    lines = [line.split() for line in stdout.splitlines() if not line.startswith("smoke:")]
    return {words[1]: words[0] for words in lines}


def test_every_check_passes_on_the_mock() -> None:
    result = octogen("--mock", "smoke")

    assert result.exit_code == 0, result.stdout
    assert outcomes(result.stdout) == dict.fromkeys(CHECKS, "PASS")
    assert "the built-in fake API" in result.stdout
    assert result.stdout.splitlines()[-1].startswith("smoke: 5 passed in ")


def test_every_check_passes_over_a_socket(served: list[str]) -> None:
    result = octogen(*served, "smoke")

    assert result.exit_code == 0, result.stdout
    assert outcomes(result.stdout) == dict.fromkeys(CHECKS, "PASS")
    assert "the key was accepted; it can search 4 catalogs" in result.stdout


def test_without_a_key_it_says_so_and_skips_what_needs_one(fake: FakeOctogen) -> None:
    with fake.serve() as base_url:
        result = octogen("--base-url", base_url, "smoke")

    assert result.exit_code == ExitCode.AUTH
    assert outcomes(result.stdout) == {
        "configuration": "PASS", "connectivity": "PASS",
        "auth": "SKIP", "search": "SKIP", "lookup": "SKIP",
    }  # fmt: skip
    assert "no API key (OCTO_API_KEY is not set)" in result.stdout
    assert "set OCTO_API_KEY to run every check" in result.stdout
    [probe] = fake.requests  # connectivity asked once, without credentials
    assert "authorization" not in probe.headers


def test_a_refused_key_fails_auth_once_and_skips_the_rest(fake: FakeOctogen) -> None:
    with fake.serve() as base_url:
        result = octogen("--base-url", base_url, "--api-key", "octo_live_" + "x" * 30, "smoke")

    assert result.exit_code == ExitCode.AUTH
    assert outcomes(result.stdout)["auth"] == "FAIL"
    assert "401 Unauthorized: invalid_api_key" in result.stdout
    assert "SKIP  search        auth did not pass" in result.stdout


def test_an_unreachable_api_fails_connectivity() -> None:
    result = octogen("--base-url", "http://127.0.0.1:9/v1", "--api-key", API_KEY, "smoke")

    assert result.exit_code == ExitCode.NETWORK
    assert outcomes(result.stdout)["connectivity"] == "FAIL"
    assert outcomes(result.stdout)["auth"] == "SKIP"


def test_every_base_url_is_probed_and_a_dead_one_fails(served: list[str]) -> None:
    live = served[1]

    result = octogen("--base-url", live, "--base-url", "http://127.0.0.1:9/v1", "smoke")

    assert result.exit_code == ExitCode.NETWORK
    [line] = [line for line in result.stdout.splitlines() if "connectivity" in line]
    assert line.startswith("FAIL")
    assert f"{live} answered in" in line
    assert "GET http://127.0.0.1:9/v1/catalogs: ConnectError" in line


def test_a_server_error_without_a_key_fails_connectivity(
    fake: FakeOctogen, served: list[str]
) -> None:
    fake.set_scenario("503")

    result = octogen(*served, "--max-retries", "0", "smoke")

    assert result.exit_code == ExitCode.SERVER
    assert outcomes(result.stdout)["connectivity"] == "FAIL"


def test_an_invalid_variable_fails_configuration(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_POOL_SIZE", "many")

    result = octogen("--mock", "smoke")

    assert result.exit_code == ExitCode.USAGE
    assert "OCTO_POOL_SIZE" in result.stdout
    assert list(outcomes(result.stdout).values()) == ["FAIL", "SKIP", "SKIP", "SKIP", "SKIP"]
    assert "set OCTO_API_KEY" not in result.stdout  # the key is not what is wrong


def test_a_retired_catalog_listing_still_passes_auth(fake: FakeOctogen, served: list[str]) -> None:
    fake.set_scenario("404", path="/catalogs")

    result = octogen(*served, "smoke")

    assert result.exit_code == 0, result.stdout
    assert "catalog listing is not available to it" in result.stdout


def test_with_nothing_to_look_up_the_lookup_is_skipped() -> None:
    empty = FakeOctogen(dataset=Dataset(catalogs=Dataset.demo().catalogs))

    report = run_smoke(api_key=API_KEY, transport=empty.transport())

    assert [result.outcome for result in report.results] == ["pass"] * 4 + ["skip"]
    assert report.results[-1].detail == "the search found no product to look up"
    assert report.exit_code == ExitCode.ERROR  # not every check passed


def subprocess_environment(**extra: str) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("OCTO_") and name != "OCTOGEN_PLATFORM_API_KEY"
    }
    return {**environment, **extra}


def test_python_dash_m_octogen_runs_the_smoke_check() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "octogen", "--mock"],
        capture_output=True, text=True, timeout=60, env=subprocess_environment(), check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr
    assert outcomes(result.stdout) == dict.fromkeys(CHECKS, "PASS")


def test_octogen_smoke_script_reads_the_environment(fake: FakeOctogen) -> None:
    script = Path(sys.executable).parent / "octogen-smoke"
    with fake.serve() as base_url:
        result = subprocess.run(
            [str(script)],
            capture_output=True, text=True, timeout=60, check=False,
            env=subprocess_environment(OCTO_BASE_URL=base_url),
        )  # fmt: skip

    assert result.returncode == ExitCode.AUTH
    assert outcomes(result.stdout)["connectivity"] == "PASS"
    assert outcomes(result.stdout)["auth"] == "SKIP"


def test_without_the_cli_extra_the_command_says_how_to_install_it() -> None:
    hide_click = "import sys; sys.modules['click'] = None; from octogen._cli import main; main()"

    result = subprocess.run(
        [sys.executable, "-c", hide_click, "search", "x"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert result.returncode == 1
    assert "pip install 'octogen[cli]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_key_from_the_official_sdk_variable_is_used_and_named(
    fake: FakeOctogen, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake.serve() as base_url:
        monkeypatch.setenv("OCTO_BASE_URL", base_url)
        monkeypatch.setenv("OCTOGEN_PLATFORM_API_KEY", API_KEY)
        report = run_smoke()

    assert [result.outcome for result in report.results] == ["pass"] * 5
    assert "(from OCTOGEN_PLATFORM_API_KEY)" in report.results[0].detail
    assert report.exit_code == ExitCode.OK


def test_the_smoke_check_reaches_no_core_internals() -> None:
    import octogen._smoke as smoke

    source = Path(smoke.__file__).read_text()
    assert "_core" not in source and "_transport" not in source
