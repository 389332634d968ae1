"""Fixtures of the model tests: parsing runs with orjson and with the stdlib decoder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from octogen import _wire
from tests.support import FIXTURES

Decode = Callable[[bytes], Any]


@pytest.fixture(params=["orjson", "stdlib"])
def decode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Decode:
    """`_wire.loads`, once with orjson (`octogen[fast]`) and once without it (the
    default install): every test taking it runs both ways."""
    if request.param == "stdlib":
        monkeypatch.setattr(_wire, "orjson", None)
    return _wire.loads


@pytest.fixture
def wire_fixture(decode: Decode) -> Callable[[str], Any]:
    """A payload of tests/fixtures/, decoded by `_wire.loads` (both ways)."""

    def load(name: str) -> Any:
        return decode((FIXTURES / name).read_bytes())

    return load
