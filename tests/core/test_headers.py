"""Retry-After and X-RateLimit-* parsing, and redaction of keys in headers and text."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octogen import RateLimit
from octogen._headers import (
    parse_rate_limit,
    parse_retry_after,
    redact_api_key,
    redact_headers,
    redact_text,
)
from tests.support import API_KEY

NOW = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("3", 3.0),
        ("0.25", 0.25),
        (" 7 ", 7.0),
        ("-5", 0.0),
        ("0", 0.0),
        ("Mon, 23 Nov 2026 12:00:30 GMT", 30.0),
        ("Mon, 23 Nov 2026 11:59:00 GMT", 0.0),  # in the past
        ("soon", None),
        ("", None),
        ("nan", None),
        ("inf", None),
        (None, None),
    ],
)
def test_retry_after_reads_seconds_and_http_dates(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=NOW) == seconds


@given(st.text(max_size=40))
def test_retry_after_never_raises_and_is_never_negative(value: str) -> None:
    seconds = parse_retry_after(value, now=NOW)
    assert seconds is None or seconds >= 0


def test_rate_limit_headers_read_into_a_rate_limit() -> None:
    headers = {
        "x-ratelimit-limit": "600",
        "x-ratelimit-remaining": "12",
        "x-ratelimit-reset": str(int(NOW.timestamp()) + 30),
    }
    rate_limit = parse_rate_limit(headers)
    assert rate_limit == RateLimit(limit=600, remaining=12, reset_at=NOW + timedelta(seconds=30))
    assert rate_limit.seconds_until_reset(now=NOW) == 30.0
    assert rate_limit.seconds_until_reset(now=NOW + timedelta(minutes=5)) == 0.0


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"x-ratelimit-limit": "600", "x-ratelimit-remaining": "1"},
        {"x-ratelimit-limit": "many", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "1"},
        {"x-ratelimit-limit": "1", "x-ratelimit-remaining": "1", "x-ratelimit-reset": "1e300"},
    ],
)
def test_missing_or_garbled_rate_limit_headers_read_as_none(headers: dict[str, str]) -> None:
    assert parse_rate_limit(headers) is None


def test_a_key_is_shown_as_its_prefix_and_last_four_characters() -> None:
    assert redact_api_key(API_KEY) == "octo_live_…" + API_KEY[-4:]
    assert redact_api_key("sk_test_short") == "…"
    assert redact_api_key(None) == "None"


def test_redacted_headers_hide_the_bearer_token_and_cookies() -> None:
    headers = {"Authorization": f"Bearer {API_KEY}", "Cookie": "a=b", "Accept": "application/json"}
    redacted = redact_headers(headers)
    assert API_KEY not in str(redacted)
    assert redacted["Authorization"].startswith("Bearer octo_live_…")
    assert redacted["Cookie"] == "[redacted]"
    assert redacted["Accept"] == "application/json"


def test_redact_text_removes_every_occurrence_of_the_key() -> None:
    text = f"<pre>Authorization: Bearer {API_KEY}\n{API_KEY}</pre>"
    assert API_KEY not in redact_text(text, API_KEY)
