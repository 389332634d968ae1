"""Shared fixtures: an isolated environment, contract payloads, and a client on respx."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import respx

import octogen
from tests.support import API_KEY, BASE_URL


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's OCTO_* variables."""
    for name in list(os.environ):
        if name.startswith("OCTO_"):
            monkeypatch.delenv(name)


@pytest.fixture
def api() -> Iterator[respx.MockRouter]:
    """A respx router standing in for the API at BASE_URL; unmatched requests fail."""
    with respx.mock(base_url=BASE_URL, assert_all_called=False) as router:
        yield router


@pytest.fixture
def client(api: respx.MockRouter) -> Iterator[octogen.Client]:
    """A client of the respx-mocked API that makes one attempt per call (the tests using
    it are about requests and responses; tests/transport/ covers retrying)."""
    with octogen.Client(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as made:
        yield made
