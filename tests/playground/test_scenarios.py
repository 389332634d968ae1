"""The sidebar: scenarios on the fake, failover, the real API, the key, CSRF, the log."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator

import pytest

from octogen.testing import FakeOctogen
from playground.app import create_app
from playground.request_log import MAX_ENTRIES, RequestLog

from .conftest import FAST_FAKE, TestClient, cell, choose, csrf_of, log_rows

FAILURES = {
    "401": ("OctogenAuthenticationError", "401", "invalid_api_key"),
    "403": ("OctogenForbiddenError", "403", "forbidden"),
    "404": ("OctogenNotFoundError", "404", "catalog_not_found"),
    "409": ("OctogenConflictError", "409", "conflict"),
    "422": ("OctogenValidationError", "422", "unprocessable_entity"),
    "429": ("OctogenRateLimitError", "429", "rate_limit_exceeded"),
    "500": ("OctogenServerError", "500", "internal_server_error"),
    "503": ("OctogenServerError", "503", "service_unavailable"),
    "network-error": ("OctogenConnectionError", None, None),
    "timeout": ("OctogenTimeoutError", None, None),
}


def error_class(page: str) -> str:
    match = re.search(r'data-testid="error-class">(\w+)<', page)
    assert match, "no error card on the page"
    return match.group(1)


@pytest.mark.parametrize("scenario", list(FAILURES))
def test_each_failure_scenario_shows_its_error_card(browser: TestClient, scenario: str) -> None:
    choose(browser, scenario)
    page = browser.get("/search", params={"q": "dress"}).text
    expected_class, status, code = FAILURES[scenario]
    assert error_class(page) == expected_class
    if status:
        assert f'<span class="status">{status}</span>' in page
        assert f"<code>{code}</code>" in page
        assert "raw body" in page
    assert "<dt>request id</dt>" in page
    assert f"selected>{scenario} —" in page  # the sidebar keeps the choice


def test_a_429_card_shows_retry_after_and_the_log_shows_each_attempt(browser: TestClient) -> None:
    choose(browser, "429")
    page = browser.get("/search", params={"q": "dress"}).text
    assert re.search(r'data-testid="retry-after">1(\.0)? s<', page)
    rows = log_rows(page)
    assert [cell(row, "log-attempt") for row in rows] == ["2", "1"]  # newest first
    assert all(cell(row, "log-status").startswith("429 OctogenRateLimitError") for row in rows)
    assert "retried in" in rows[1]


def test_slow_answers_late_but_answers(browser: TestClient) -> None:
    choose(browser, "slow")
    page = browser.get("/search", params={"q": "dress", "limit": "2"}).text
    assert page.count('data-testid="result"') == 2
    [row] = log_rows(page)
    assert float(re.findall(r"<td>(\d+)</td>", row)[-1]) >= 400


def test_failover_logs_the_switch_from_the_dead_base_url(browser: TestClient) -> None:
    choose(browser, "failover")
    page = browser.get("/search", params={"q": "dress", "limit": "2"}).text
    assert page.count('data-testid="result"') == 2
    served, dead = log_rows(page)
    assert cell(dead, "log-status").startswith("OctogenConnectionError")
    assert "failed over to" in dead
    assert cell(served, "log-status") == "200"
    assert cell(dead, "log-base-url") != cell(served, "log-base-url")
    assert cell(dead, "log-attempt") == cell(served, "log-attempt") == "1"
    dashboard = html.unescape(browser.get("/").text)
    assert '"failovers": 1' in dashboard


def test_back_to_fake_clears_the_scenario(browser: TestClient) -> None:
    choose(browser, "503")
    choose(browser, "fake")
    page = browser.get("/search", params={"q": "dress", "limit": "1"}).text
    assert page.count('data-testid="result"') == 1


def test_real_without_a_key_says_so_in_the_sidebar_and_sends_nothing(browser: TestClient) -> None:
    page = choose(browser, "real")
    assert 'data-testid="settings-problem"' in page
    assert "needs an API key" in page
    search = browser.get("/search", params={"q": "dress"}).text
    assert error_class(search) == "MissingAPIKeyError"
    assert log_rows(search) == []


@pytest.fixture
def real_api() -> Iterator[str]:
    """A fake API on a socket standing in for the real one (nothing leaves 127.0.0.1)."""
    with FakeOctogen(api_keys=["octo_live_0123456789abcdefwxyz"]).serve() as base_url:
        yield base_url


def test_real_uses_the_key_and_base_url_and_never_shows_the_key(real_api: str) -> None:
    key = "octo_live_0123456789abcdefwxyz"
    app = create_app(api_key=key, base_urls=real_api, secret_key="s", fake_options=FAST_FAKE)
    with TestClient(app) as browser:
        page = browser.get("/search", params={"q": "dress", "limit": "2"}).text
        assert "selected>real —" in page
        assert page.count('data-testid="result"') == 2
        assert cell(log_rows(page)[0], "log-base-url") == real_api
        assert "octo_live_…wxyz" in page
        for path in ("/", "/catalogs", "/diagnostics", "/lookup"):
            assert key not in browser.get(path).text
        assert all(key not in value for value in browser.cookies.values())


def test_a_key_typed_in_the_sidebar_is_kept_redacted_and_can_be_forgotten(
    browser: TestClient,
) -> None:
    key = "octo_live_secretsecretsecret1234"
    page = choose(browser, "fake", api_key=key)
    assert key not in page
    assert 'data-testid="key-hint">octo_live_…1234<' in page
    assert 'type="password" autocomplete="off" value=""' in page
    assert all(key not in value for value in browser.cookies.values())
    kept = choose(browser, "fake", api_key="")  # blank keeps it
    assert "octo_live_…1234" in kept
    forgotten = choose(browser, "fake", forget_key="1")
    assert "octo_live_…1234" not in forgotten


def test_invalid_settings_are_refused_with_the_sdks_message(browser: TestClient) -> None:
    page = choose(browser, "real", base_urls="ftp://nowhere")
    assert 'data-testid="settings-error"' in page
    assert "`base_urls` must be an http(s) URL" in html.unescape(page)
    assert "selected>fake —" in page  # nothing changed
    assert "unknown scenario" in choose(browser, "999")


def test_several_base_urls_are_all_used_by_real(browser: TestClient) -> None:
    page = choose(
        browser,
        "real",
        api_key="octo_live_abcdabcdabcdabcd",
        base_urls="http://a.test/v1, http://b.test/v1",
    )
    assert "<code>http://a.test/v1</code><br><code>http://b.test/v1</code>" in page


def test_a_post_without_the_csrf_token_is_a_plain_403(browser: TestClient) -> None:
    browser.get("/")
    for path in ("/settings", "/log/clear", "/diagnostics", "/diagnostics/smoke"):
        for data in ({}, {"csrf_token": "forged"}):
            response = browser.post(path, data={**data, "scenario": "500"})
            assert response.status_code == 403, path
            assert response.headers["content-type"].startswith("text/plain")
            assert "CSRF" in response.text
    assert "selected>fake —" in browser.get("/").text


def test_clear_empties_the_request_log(browser: TestClient) -> None:
    browser.get("/catalogs")
    page = browser.post("/log/clear", data={"csrf_token": csrf_of(browser), "next": "/"}).text
    assert log_rows(page) == []


def test_settings_go_back_only_to_a_page_of_this_site(browser: TestClient) -> None:
    token = csrf_of(browser)
    for unsafe in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = browser.post(
            "/settings",
            data={"csrf_token": token, "scenario": "fake", "next": unsafe},
            follow_redirects=False,
        )
        assert response.headers["location"] == "/"
    response = browser.post(
        "/settings",
        data={"csrf_token": token, "scenario": "fake", "next": "/search?q=a"},
        follow_redirects=False,
    )
    assert response.headers["location"] == "/search?q=a"


def test_sessions_do_not_share_settings_or_logs(app) -> None:  # type: ignore[no-untyped-def]
    with TestClient(app) as first, TestClient(app) as second:
        choose(first, "503")
        first.get("/catalogs")
        page = second.get("/catalogs").text
        assert page.count('data-testid="catalog"') == 4
        assert len(log_rows(page)) == 1


def test_the_log_keeps_the_last_hundred_attempts_newest_first() -> None:
    log = RequestLog()
    with FakeOctogen().client(**log.hooks()) as client:  # type: ignore[arg-type]
        for limit in range(1, MAX_ENTRIES + 6):
            client.products.search("dress", limit=min(limit, 100))
    entries = list(log)
    assert len(entries) == MAX_ENTRIES
    assert entries[0].at >= entries[-1].at
    assert all(entry.status == 200 and entry.milliseconds is not None for entry in entries)
