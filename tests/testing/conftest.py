"""Fixtures for the fake's own tests: a fresh fake, a raw httpx client on it for wire-level
assertions, and an SDK client on it in-process or over a loopback socket."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen
from tests.support import API_KEY, open_client

FAKE_BASE = "https://api.octogen.ai/v1"


@pytest.fixture
def fake() -> FakeOctogen:
    return FakeOctogen()


@pytest.fixture
def raw(fake: FakeOctogen) -> Iterator[httpx.Client]:
    """Plain httpx on the fake, authenticated: for asserting exactly what it answers."""
    headers = {"Authorization": f"Bearer {API_KEY}"}
    with httpx.Client(transport=fake.transport(), base_url=FAKE_BASE, headers=headers) as made:
        yield made


@pytest.fixture(params=["in-process", "socket"])
def sdk(
    request: pytest.FixtureRequest, fake: FakeOctogen, client_kind: str
) -> Iterator[octogen.Client]:
    """An SDK client on the fake, in-process and over a real loopback socket, sync and
    async; one attempt per call, so scenarios show as they are."""
    options = {"api_key": API_KEY, "max_retries": 0, "read_timeout": 1.0}
    if request.param == "in-process":
        with open_client(client_kind, transport=fake.transport(), **options) as client:
            yield client
    else:
        with (
            fake.serve() as base_url,
            open_client(client_kind, base_url=base_url, **options) as client,
        ):
            yield client
