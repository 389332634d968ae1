"""Every transport test runs with both clients: `make_client` follows `client_kind`.

A test marked `sync_only` drives the client from threads or hands it an `httpx.Client`;
its async counterpart is written with asyncio in test_async.py.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support import CURRENT_KIND


@pytest.fixture(autouse=True)
def each_client(request: pytest.FixtureRequest, client_kind: str) -> Iterator[None]:
    if client_kind == "async" and request.node.get_closest_marker("sync_only"):
        pytest.skip("sync-only (threads or an httpx.Client); test_async.py has the async one")
    token = CURRENT_KIND.set(client_kind)
    yield
    CURRENT_KIND.reset(token)
