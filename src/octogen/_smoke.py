"""The smoke check: is this installation configured, can it reach the API, does the key
work, do a search and a lookup come back?

`python -m octogen`, `octogen-smoke` and `octogen smoke` all run it. The checks are data
(`SMOKE_CHECKS`, in order); `run_smoke` runs them, reporting each result as it comes,
and skips what cannot run: the checks that need a key when there is none, the lookup when
the search found nothing to look up. It needs nothing beyond the library itself.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Literal

import attrs
import httpx

from ._client import Client
from ._config import ClientConfig, api_key_variable
from ._errors import (
    OctogenAPIError,
    OctogenConnectionError,
    OctogenError,
    OctogenTimeoutError,
    error_class_for_status,
)
from ._exit_codes import ExitCode, exit_code_for
from ._headers import redact_api_key

if TYPE_CHECKING:
    from typing import Unpack

    from ._options import ClientOptions

Outcome = Literal["pass", "fail", "skip"]


class SkipCheck(Exception):
    """Raised by a check that cannot run; its message says why."""


class CheckFailed(Exception):
    """Raised by a check that failed in several ways at once: one line says them all,
    `error` (the first) decides the exit code."""

    def __init__(self, detail: str, error: OctogenError) -> None:
        super().__init__(detail)
        self.error = error


class SmokeContext:
    """What the checks share: the configuration, one client, and what earlier checks found."""

    def __init__(self, options: ClientOptions, label: str | None) -> None:
        self.options = options
        self.label = label
        self.config: ClientConfig | None = None
        self.product_url: str | None = None
        self._client: Client | None = None

    @property
    def client(self) -> Client:
        """The client the API checks use, built on first use from the checked config."""
        if self.config is None:
            raise SkipCheck("the configuration is invalid")
        if self._client is None:
            self._client = Client(config=self.config)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


@attrs.frozen(kw_only=True)
class SmokeCheck:
    """One check: `run` returns the line to show, or raises `OctogenError`, `CheckFailed`
    or `SkipCheck`.

    It is skipped when it `needs_key` and there is none, or when a check it `requires`
    did not pass (a refused key fails `auth` once, not every check after it).
    """

    name: str
    run: Callable[[SmokeContext], str]
    needs_key: bool = False
    requires: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class CheckResult:
    """How one check went."""

    name: str
    outcome: Outcome
    detail: str
    seconds: float
    error: OctogenError | None = None

    def line(self) -> str:
        """One line for a terminal or a log: `PASS  search  1 product in 84 ms ...`."""
        return f"{self.outcome.upper():<4}  {self.name:<14}{self.detail}"


@attrs.frozen(kw_only=True)
class SmokeReport:
    """Every check's result, in order, and the exit code they add up to."""

    results: tuple[CheckResult, ...]
    seconds: float
    missing_key: bool  # the configuration is valid but has no API key

    def count(self, outcome: Outcome) -> int:
        return sum(result.outcome == outcome for result in self.results)

    @property
    def exit_code(self) -> ExitCode:
        """0 only when every check passed. Else the first failure's class (auth 3,
        network 6, server 7, ...); 3 when checks were skipped for want of a key; 1 when
        one was skipped for another reason (the search found nothing to look up)."""
        for result in self.results:
            if result.outcome == "fail":
                return exit_code_for(result.error) if result.error else ExitCode.ERROR
        if self.count("skip"):
            return ExitCode.AUTH if self.missing_key else ExitCode.ERROR
        return ExitCode.OK

    def summary(self) -> str:
        parts = [f"{self.count('pass')} passed"]
        if failed := self.count("fail"):
            parts.append(f"{failed} failed")
        if skipped := self.count("skip"):
            parts.append(f"{skipped} skipped")
        line = f"smoke: {', '.join(parts)} in {self.seconds:.2f} s"
        if self.missing_key and skipped:
            line += "; set OCTO_API_KEY to run every check"
        return line


# --- the checks ------------------------------------------------------------------------


def check_configuration(context: SmokeContext) -> str:
    """The options and `OCTO_*` variables make a valid configuration."""
    config = ClientConfig.from_env(**context.options)
    context.config = config
    where = context.label or ", ".join(config.urls)
    if not config.api_key:
        return f"{where}; no API key (OCTO_API_KEY is not set), so the checks that need one skip"
    given = context.options.get("api_key")
    source = "given" if given else f"from {api_key_variable() or 'the environment'}"
    return f"{where}; API key {redact_api_key(config.api_key)} ({source})"


def check_connectivity(context: SmokeContext) -> str:
    """Every base URL answers HTTP without a key (a 401 is the expected answer)."""
    config = context.config
    if config is None:
        raise SkipCheck("the configuration is invalid")
    transport = config.transport if isinstance(config.transport, httpx.BaseTransport) else None
    lines: list[str] = []
    failures: list[OctogenError] = []
    with httpx.Client(
        transport=transport, verify=config.httpx_verify(), timeout=config.httpx_timeout()
    ) as http:
        for base_url in config.urls:
            try:
                milliseconds = _probe(http, base_url, config)
            except OctogenError as error:
                failures.append(error)
                lines.append(f"{type(error).__name__}: {error}")
            else:
                lines.append(f"{context.label or base_url} answered in {milliseconds:.0f} ms")
    if failures:
        raise CheckFailed("; ".join(lines), failures[0])
    return "; ".join(lines)


def _probe(http: httpx.Client, base_url: str, config: ClientConfig) -> float:
    """Milliseconds `base_url` took to answer a request without credentials."""
    request_id = uuid.uuid4().hex
    request = http.build_request(
        "GET", f"{base_url}/catalogs", headers={"X-Request-ID": request_id}
    )
    started = time.monotonic()
    try:
        response = http.send(request)
    except httpx.HTTPError as exc:
        raise _probe_error(exc, request, request_id) from exc
    if response.status_code >= 500:
        raise error_class_for_status(response.status_code)(
            status_code=response.status_code,
            detail=f"{base_url} answers {response.status_code} even without a key",
            request_id=response.headers.get("x-request-id", request_id),
            response=response,
        )
    return (time.monotonic() - started) * 1000


def _probe_error(
    exc: httpx.HTTPError, request: httpx.Request, request_id: str
) -> OctogenConnectionError:
    """The SDK error for a probe that got no HTTP answer: a timeout or a connection error."""
    kind = (
        OctogenTimeoutError if isinstance(exc, httpx.TimeoutException) else OctogenConnectionError
    )
    reason = str(exc) or type(exc).__name__
    return kind(
        f"{request.method} {request.url}: {type(exc).__name__}: {reason} (request id {request_id})",
        method=request.method,
        url=str(request.url),
        request_id=request_id,
    )


def check_auth(context: SmokeContext) -> str:
    """The key is accepted: the catalogs it can search are listed."""
    try:
        catalogs = context.client.catalogs.list()
    except OctogenAPIError as error:
        if error.status_code in (404, 410):  # listing retired for this organization
            return "the key was accepted; catalog listing is not available to it"
        raise
    return f"the key was accepted; it can search {len(catalogs)} catalogs"


def check_search(context: SmokeContext) -> str:
    """One search returns a page (and a product for the lookup check)."""
    response = context.client.products.with_response.search(limit=1)
    items = response.data.items
    detail = f"answered in {response.elapsed * 1000:.0f} ms (request id {response.request_id})"
    if response.rate_limit is not None:
        detail += f"; rate limit {response.rate_limit.remaining}/{response.rate_limit.limit} left"
    if not items:
        return f"{detail}; no products to look up"
    context.product_url = items[0].product_url
    return detail


def check_lookup(context: SmokeContext) -> str:
    """The product the search found is found again by its page URL."""
    if context.product_url is None:
        raise SkipCheck("the search found no product to look up")
    response = context.client.products.with_response.lookup(
        context.product_url, resolution_mode="index_only"
    )
    title = response.data.product.title or response.data.product.product_url
    return f"found {title!r} by its URL in {response.elapsed * 1000:.0f} ms"


SMOKE_CHECKS: tuple[SmokeCheck, ...] = (
    SmokeCheck(name="configuration", run=check_configuration),
    SmokeCheck(name="connectivity", run=check_connectivity, requires=("configuration",)),
    SmokeCheck(name="auth", run=check_auth, needs_key=True, requires=("connectivity",)),
    SmokeCheck(name="search", run=check_search, needs_key=True, requires=("auth",)),
    SmokeCheck(name="lookup", run=check_lookup, needs_key=True, requires=("search",)),
)


# --- the runner -----------------------------------------------------------------------


def run_smoke(
    *,
    label: str | None = None,
    on_result: Callable[[CheckResult], None] | None = None,
    checks: Sequence[SmokeCheck] = SMOKE_CHECKS,
    **options: Unpack[ClientOptions],
) -> SmokeReport:
    """Run `checks` in order with a client built from `options` over `OCTO_*`.

    `on_result` sees each result as soon as its check ends. `label` replaces the base
    URLs in the configuration line (the CLI's `--mock` says "the built-in fake API").
    Nothing raises: a failure is a result.
    """
    context = SmokeContext(options, label)
    results: list[CheckResult] = []
    started = time.monotonic()
    try:
        for check in checks:
            passed = {result.name for result in results if result.outcome == "pass"}
            result = _run_check(check, context, passed)
            results.append(result)
            if on_result is not None:
                on_result(result)
    finally:
        context.close()
    missing_key = context.config is not None and not context.config.api_key
    return SmokeReport(
        results=tuple(results), seconds=time.monotonic() - started, missing_key=missing_key
    )


def _run_check(check: SmokeCheck, context: SmokeContext, passed: set[str]) -> CheckResult:
    started = time.monotonic()

    def result(outcome: Outcome, detail: str, error: OctogenError | None = None) -> CheckResult:
        return CheckResult(
            name=check.name,
            outcome=outcome,
            detail=detail,
            seconds=time.monotonic() - started,
            error=error,
        )

    config = context.config
    if check.needs_key and config is not None and not config.api_key:
        return result("skip", "needs an API key")
    if missing := [name for name in check.requires if name not in passed]:
        return result("skip", f"{' and '.join(missing)} did not pass")
    try:
        return result("pass", check.run(context))
    except SkipCheck as skip:
        return result("skip", str(skip))
    except CheckFailed as failed:
        return result("fail", str(failed), failed.error)
    except OctogenError as error:
        return result("fail", f"{type(error).__name__}: {error}", error)


# --- python -m octogen / octogen-smoke --------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run the smoke check with the `OCTO_*` environment; print a line per check."""
    parser = argparse.ArgumentParser(
        prog="octogen-smoke",
        description="Check that octogen is configured, reaches the API and that the key "
        "works. Reads OCTO_API_KEY, OCTO_BASE_URL(S) and the other OCTO_* variables. "
        "Exit code: 0 all passed, 3 no key (checks skipped) or key refused, "
        "6 network, 7 server error, 1 any other failure.",
    )
    parser.add_argument(
        "--mock", action="store_true", help="check against the built-in fake API instead"
    )
    parser.add_argument(
        "--verbose", action="store_true", help="log each request to stderr (key redacted)"
    )
    arguments = parser.parse_args(argv)
    if arguments.verbose:
        _log_requests_to_stderr()
    if arguments.mock:
        from .testing import DEMO_API_KEY, FakeOctogen

        report = run_smoke(
            label="the built-in fake API (in-process)",
            on_result=_print_line,
            api_key=DEMO_API_KEY,
            transport=FakeOctogen().transport(),
        )
    else:
        report = run_smoke(on_result=_print_line)
    print(report.summary())
    return int(report.exit_code)


def _print_line(result: CheckResult) -> None:
    print(result.line(), flush=True)


def _log_requests_to_stderr() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("octogen: %(message)s"))
    logger = logging.getLogger("octogen")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
