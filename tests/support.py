"""Constants and helpers the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import asyncio
import inspect
import json
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import octogen

FIXTURES = Path(__file__).parent / "fixtures"

# Shaped like a real key (`octo_live_<32 hex>_<base64url secret>`) so that redaction is
# tested on what users hold. Tests assert it appears in no repr, log or message.
API_KEY = "octo_live_0123456789abcdef0123456789abcdef_c2VjcmV0LXRva2VuLXZhbHVl"
BASE_URL = "https://api.test/v1"


def run_fresh(code: str) -> str:
    """Run `code` in a fresh interpreter (nothing imported yet) and return what it printed."""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def load_fixture(name: str) -> Any:
    """A contract payload from tests/fixtures/, decoded."""
    return json.loads((FIXTURES / name).read_text())


# --- one behaviour, both clients ------------------------------------------------------
#
# Tests of behaviour are written once, against the sync client's shape, and run against
# both clients: `open_client(kind, ...)` returns the `Client` itself, or an `AsyncClient`
# driven from sync code, each awaited method run to completion on the client's own loop.

CLIENT_KINDS = ("sync", "async")


class Driven:
    """An `AsyncClient` (or one of its resources) that sync test code calls like a `Client`:
    coroutines are run to completion and async iterators become lazy sync iterators."""

    def __init__(self, target: Any, loop: asyncio.AbstractEventLoop) -> None:
        self._target = target
        self._loop = loop

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._target, "aclose" if name == "close" else name)
        if callable(value) and not isinstance(value, type):
            return lambda *args, **kwargs: self._resolve(value(*args, **kwargs))
        return self._resolve(value)

    def _resolve(self, value: Any) -> Any:
        if inspect.isawaitable(value):
            value = self._loop.run_until_complete(value)
        if isinstance(value, AsyncIterator):
            return self._iterate(value)
        if type(value).__module__.startswith("octogen._") or isinstance(value, octogen.AsyncClient):
            return Driven(value, self._loop)
        return value

    def _iterate(self, iterator: AsyncIterator[Any]) -> Iterator[Any]:
        try:
            while True:
                try:
                    yield self._loop.run_until_complete(anext(iterator))
                except StopAsyncIteration:
                    return
        finally:  # closed early (`break`, `islice`): close the async iterator on its loop
            aclose = getattr(iterator, "aclose", None)
            if aclose is not None and not self._loop.is_closed():
                self._loop.run_until_complete(aclose())

    def __enter__(self) -> Driven:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._loop.run_until_complete(self._target.aclose())


@contextmanager
def open_client(kind: str, **options: Any) -> Iterator[Any]:
    """`octogen.Client(**options)`, or an `AsyncClient` driven from sync code; closed on exit."""
    if kind == "sync":
        with octogen.Client(**options) as client:
            yield client
        return
    loop = asyncio.new_event_loop()
    try:
        with Driven(octogen.AsyncClient(**options), loop) as client:
            yield client
    finally:
        loop.close()


CURRENT_KIND: ContextVar[str] = ContextVar("CURRENT_KIND", default="sync")


def make_client(**options: Any) -> AbstractContextManager[Any]:
    """`open_client` for the client kind of the running test (see tests/transport/conftest.py)."""
    return open_client(CURRENT_KIND.get(), **options)
