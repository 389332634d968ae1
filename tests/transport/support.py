"""What the transport tests script the fake with: one catalog, raw answers, a dead URL."""

from __future__ import annotations

import socket

from octogen.testing import Dataset, FakeOctogen, Scenario

CATALOGS = [{"catalog": "c", "displayName": "C", "productCount": 1}]


def one_catalog_fake() -> FakeOctogen:
    """A fake whose `GET /catalogs` answers the one catalog `c`."""
    return FakeOctogen(dataset=Dataset(catalogs=CATALOGS))


def answer(status: int, headers: dict[str, str] | None = None) -> Scenario:
    """Exactly `status` with `headers` and a JSON `detail`: nothing the fake adds."""
    return Scenario.raw(status, headers=headers or {}, json={"detail": f"status_{status}"})


def dead_base_url() -> str:
    """A loopback URL on which nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"
