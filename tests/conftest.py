"""Shared fixtures: an isolated environment, contract payloads, and a client on respx."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import respx

import octogen
from tests.support import API_KEY, BASE_URL, CLIENT_KINDS, open_client


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's OCTO_* variables (nor the official SDK's key)."""
    for name in list(os.environ):
        if name.startswith("OCTO_") or name == "OCTOGEN_PLATFORM_API_KEY":
            monkeypatch.delenv(name)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    """A respx router standing in for the API at BASE_URL; unmatched requests fail."""
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture(params=CLIENT_KINDS)
def client_kind(request: pytest.FixtureRequest) -> str:
    """ "sync" or "async": tests taking it run once against each client."""
    return str(request.param)


@pytest.fixture
def client(api: respx.MockRouter, client_kind: str) -> Iterator[octogen.Client]:
    """A client of the respx-mocked API that makes one attempt per call (the tests using
    it are about requests and responses; tests/transport/ covers retrying). Each test
    using it runs with `Client` and with `AsyncClient` (driven from sync code)."""
    options = {"api_key": API_KEY, "base_url": BASE_URL, "max_retries": 0}
    with open_client(client_kind, **options) as made:
        yield made
