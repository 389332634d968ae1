"""Every error ends the command with one line on stderr (status, detail, request id) and
the exit code of its class; a traceback only with `--verbose`."""

from __future__ import annotations

import pytest

import octogen
from octogen._cli._session import Session
from octogen._exit_codes import ExitCode, exit_code_for
from octogen.testing import FakeOctogen

from .conftest import octogen as run


@pytest.mark.parametrize(
    ("scenario", "code", "says"),
    [
        ("400", ExitCode.ERROR, "400 Bad Request: bad_request"),
        ("401", ExitCode.AUTH, "401 Unauthorized: invalid_api_key"),
        ("403", ExitCode.AUTH, "403 Forbidden: forbidden"),
        ("404", ExitCode.NOT_FOUND, "404 Not Found: catalog_not_found"),
        ("422", ExitCode.USAGE, "422 Unprocessable Entity"),
        ("429", ExitCode.RATE_LIMITED, "429 Too Many Requests: rate_limit_exceeded"),
        ("500", ExitCode.SERVER, "500 Internal Server Error"),
        ("502", ExitCode.SERVER, "502 Bad Gateway"),
        ("503", ExitCode.SERVER, "503 Service Unavailable"),
        ("network-error", ExitCode.NETWORK, "RemoteProtocolError"),
        ("malformed-json", ExitCode.ERROR, "not valid JSON"),
    ],
)
def test_each_error_class_has_its_exit_code_and_one_line(
    fake: FakeOctogen, served: list[str], scenario: str, code: ExitCode, says: str
) -> None:
    fake.set_scenario(scenario)

    result = run(*served, "--max-retries", "0", "search", "hoodie")

    assert result.exit_code == code
    [line] = result.stderr.splitlines()
    assert line.startswith("octogen: error: ")
    assert says in line
    assert "request id" in line
    assert result.stdout == ""


def test_an_unreachable_api_is_a_network_error() -> None:
    dead = ["--base-url", "http://127.0.0.1:9/v1", "--api-key", "k" * 24, "--max-retries", "0"]

    result = run(*dead, "catalogs")

    assert result.exit_code == ExitCode.NETWORK
    assert "Connection refused" in result.stderr or "ConnectError" in result.stderr


def test_a_call_past_timeout_is_a_network_error(fake: FakeOctogen, served: list[str]) -> None:
    fake.set_scenario("timeout:5")

    result = run(*served, "--timeout", "0.2", "catalogs")

    assert result.exit_code == ExitCode.NETWORK
    assert "timed out" in result.stderr


def test_no_key_says_how_to_give_one() -> None:
    result = run("search", "hoodie")

    assert result.exit_code == ExitCode.AUTH
    assert result.stderr == (
        "octogen: error: no API key: set OCTO_API_KEY (or pass --api-key), or add --mock "
        "to use the built-in fake API\n"
    )


def test_an_argument_the_sdk_refuses_is_a_usage_error_before_any_request(
    fake: FakeOctogen, served: list[str]
) -> None:
    result = run(*served, "search", "hoodie", "--price-min", "50", "--price-max", "10")

    assert result.exit_code == ExitCode.USAGE
    assert "`price_min` (50.0) must not exceed `price_max` (10.0)" in result.stderr
    assert fake.requests == []


def test_a_bad_environment_variable_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OCTO_MAX_RETRIES", "lots")

    result = run("--mock", "catalogs")

    assert result.exit_code == ExitCode.USAGE
    assert "OCTO_MAX_RETRIES" in result.stderr


def test_an_unknown_option_is_clicks_usage_error() -> None:
    result = run("--mock", "search", "--colour", "red")

    assert result.exit_code == ExitCode.USAGE
    assert "No such option '--colour'" in result.stderr
    assert result.stderr.startswith("Usage: octogen search")


def test_no_traceback_unless_verbose(fake: FakeOctogen, served: list[str]) -> None:
    fake.set_scenario("500")

    quiet = run(*served, "--max-retries", "0", "catalogs")
    verbose = run(*served, "--max-retries", "0", "--verbose", "catalogs")

    assert "Traceback" not in quiet.stderr
    assert "Traceback (most recent call last)" in verbose.stderr
    assert verbose.stderr.rstrip().splitlines()[-1].startswith("octogen: error: 500")
    assert quiet.exit_code == verbose.exit_code == ExitCode.SERVER


@pytest.mark.parametrize(
    ("error", "code"),
    [
        (octogen.ConfigurationError("x"), ExitCode.USAGE),
        (octogen.InvalidRequestError("x"), ExitCode.USAGE),
        (octogen.MissingAPIKeyError("x"), ExitCode.AUTH),
        (octogen.OctogenTimeoutError("x"), ExitCode.NETWORK),
        (octogen.OctogenResponseError("x"), ExitCode.ERROR),
        (octogen.OctogenAPIError(status_code=410, detail="gone"), ExitCode.ERROR),
        (
            octogen.OctogenConflictError(status_code=409, detail="url_list_deleting"),
            ExitCode.CONFLICT,
        ),
        (octogen.OctogenPayloadTooLargeError(status_code=413, detail="x"), ExitCode.USAGE),
        (KeyError("not ours"), ExitCode.ERROR),
    ],
)
def test_exit_code_for_each_error_class(error: BaseException, code: ExitCode) -> None:
    assert exit_code_for(error) == code


def test_ctrl_c_ends_with_130_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(Session, "client", interrupted)

    result = run("--mock", "catalogs")

    assert result.exit_code == ExitCode.INTERRUPTED == 130
    assert result.stderr == "octogen: interrupted\n"
