from __future__ import annotations

from collections.abc import Iterator

import pytest

import octogen


@pytest.fixture(autouse=True)
def fresh_shared_client() -> Iterator[None]:
    """Each test starts and ends with the default configuration and no shared client."""
    octogen.reset_configuration()
    yield
    octogen.reset_configuration()
