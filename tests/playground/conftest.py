"""Fixtures for the playground: the app on the fake, a TestClient, and form helpers."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi import FastAPI

from playground.app import create_app

with warnings.catch_warnings():
    # Starlette's TestClient warns at import that it would rather use `httpx2`.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

# Short timeouts and one quick retry keep the failure scenarios fast in tests.
FAST_FAKE = {"read_timeout": 1.0, "call_timeout": 3.0, "max_retries": 1, "retry_interval": 0.01}


@pytest.fixture
def app() -> FastAPI:
    """The playground with no key: sessions start on the fake."""
    return create_app(secret_key="test-secret", fake_options=FAST_FAKE)


@pytest.fixture
def browser(app: FastAPI) -> Iterator[TestClient]:
    """One browser session on the playground (its cookie jar holds the session)."""
    with TestClient(app) as client:
        yield client


def csrf_of(client: TestClient) -> str:
    """The session's CSRF token, as the sidebar's form carries it."""
    page = client.get("/diagnostics").text
    match = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert match, "every page's POST forms carry a CSRF token"
    return match.group(1)


def choose(client: TestClient, scenario: str, **fields: Any) -> str:
    """Submit the sidebar with `scenario` (and other fields); the page it lands on."""
    response = client.post(
        "/settings", data={"csrf_token": csrf_of(client), "scenario": scenario, **fields}
    )
    assert response.status_code == 200, response.text
    return response.text


def log_rows(page: str) -> list[str]:
    """The request log's rows, newest first."""
    return re.findall(r'<tr data-testid="request-log-entry".*?</tr>', page, re.S)


def cell(row: str, testid: str) -> str:
    """The text of one cell of a log row."""
    match = re.search(rf'data-testid="{testid}">(.*?)</td>', row, re.S)
    assert match, f"no {testid} in {row}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()
