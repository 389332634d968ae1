"""Every Python block in README.md and docs/ runs, against the fake API.

A page reads as one session: its blocks run in order, in this process, sharing one
namespace (a later block may use the `client` an earlier one made), with `OCTO_API_KEY` set
and every client pointed at an `octogen.testing` fake on a loopback socket, a fresh one for
each page (see `fake_api_everywhere`), so `octogen.Client()` with no arguments works as it
does for a user with a key. A block may use top-level `await` (it then runs in
`asyncio.run`). A block that cannot run has `<!-- not-run: reason -->` on the line before
its fence.

Every block is bounded: one that runs longer than `BLOCK_TIME_LIMIT` seconds (a real
`time.sleep` in a polling loop, a wait that never ends) is interrupted and fails, naming
the block and the line it was stuck on. Should the interruption itself not get through,
faulthandler dumps every thread's stack and ends the run rather than hang it.
"""

from __future__ import annotations

import ast
import asyncio
import faulthandler
import inspect
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

import octogen
from octogen._config import ClientConfig
from octogen.testing import DEMO_API_KEY, FakeOctogen

from .blocks import ROOT, Block, documents, python_blocks

BLOCKS = python_blocks()
PAGES = documents()
# Blocks with a marker are rare; more than this and the docs stop proving much.
MOST_NOT_RUN = 5
# Seconds one block may run. The fake answers in milliseconds; a block near this limit is
# waiting for real time to pass, which a docs example must not do.
BLOCK_TIME_LIMIT = 20.0
# Past this, the interruption did not get through (stuck in C code): dump and end the run.
HARD_LIMIT = BLOCK_TIME_LIMIT + 30.0


class BlockTimeout(BaseException):
    """A block ran past its time limit. A BaseException, so that no `except Exception`
    in the block or in the SDK's retry loop swallows it."""


@pytest.fixture
def fake_base_url() -> Iterator[str]:
    """A fresh fake for each page, so that what one page creates (a URL list, a voyage)
    is not in the way of the next."""
    with FakeOctogen().serve() as base_url:
        yield base_url


@pytest.fixture
def fake_api_everywhere(monkeypatch: pytest.MonkeyPatch, fake_base_url: str) -> Iterator[None]:
    """`OCTO_API_KEY` and `OCTO_BASE_URL` name the fake; so does `ClientConfig()`'s
    default base URL, which is what `Client()` and the shared client start from. (Once
    `Client()` reads `OCTO_BASE_URL` itself, the environment alone does it.)"""
    for name in list(os.environ):
        if name.startswith("OCTO_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("OCTO_API_KEY", DEMO_API_KEY)
    monkeypatch.setenv("OCTO_BASE_URL", fake_base_url)
    # attrs keeps a keyword-only default in the generated __init__'s __kwdefaults__.
    defaults = dict(ClientConfig.__init__.__kwdefaults__ or {})
    monkeypatch.setattr(
        ClientConfig.__init__, "__kwdefaults__", {**defaults, "base_url": fake_base_url}
    )
    assert ClientConfig().base_url == fake_base_url, "the default base URL was not replaced"
    octogen.reset_configuration()
    yield
    octogen.reset_configuration()


@contextmanager
def time_limit(block: Block, seconds: float) -> Iterator[None]:
    """Raise `BlockTimeout` in this (the main) thread once `seconds` have passed.

    SIGALRM interrupts a `time.sleep` and an event loop's wait alike, and the exception's
    traceback runs through the page's own lines (a block is compiled with its location as
    file name), so the failure shows where the block was stuck.
    """
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "setitimer"
    ):
        raise RuntimeError("the docs blocks run in the main thread of a POSIX process")

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise BlockTimeout(
            f"{block.where}: the block ran longer than {seconds:g} s; an example must "
            "finish promptly against the fake (bound its waits, or mark it not-run)"
        )

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    # One such timer per process: this suite sets no pytest `faulthandler_timeout`.
    faulthandler.dump_traceback_later(HARD_LIMIT, exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        faulthandler.cancel_dump_traceback_later()


def run_block(block: Block, namespace: dict[str, Any], seconds: float = BLOCK_TIME_LIMIT) -> None:
    """Run one block in `namespace`, within `seconds`."""
    # The block's location is its file name, so a traceback points into the page.
    code = compile(
        block.code, block.where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
    )
    with time_limit(block, seconds):
        result = eval(code, namespace)  # a coroutine when the block awaits at top level
        if inspect.iscoroutine(result):
            asyncio.run(result)


@pytest.fixture
def clients_made(monkeypatch: pytest.MonkeyPatch) -> list[octogen.Client | octogen.AsyncClient]:
    """Every client a page makes, also those it drops by rebinding the name (a block's
    own `with octogen.Client() as client:` after an earlier `client = ...`)."""
    made: list[octogen.Client | octogen.AsyncClient] = []
    for kind in (octogen.Client, octogen.AsyncClient):
        original = kind.__init__

        def recording(self: Any, *args: Any, __original: Any = original, **kwargs: Any) -> None:
            __original(self, *args, **kwargs)
            made.append(self)

        monkeypatch.setattr(kind, "__init__", recording)
    return made


def close_clients(clients: list[octogen.Client | octogen.AsyncClient]) -> None:
    """Close the clients a page left open, as its process would at exit (closing one
    twice is harmless)."""
    for value in clients:
        if isinstance(value, octogen.Client):
            value.close()
        else:
            asyncio.run(value.aclose())


@pytest.mark.usefixtures("fake_api_everywhere")
@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_the_python_blocks_of_the_page_run_in_order_against_the_fake(
    page: Path, clients_made: list[octogen.Client | octogen.AsyncClient]
) -> None:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    ran = 0
    try:
        for block in BLOCKS:
            if block.path == page and block.not_run is None:
                try:
                    run_block(block, namespace)
                except BlockTimeout as timeout:
                    pytest.fail(str(timeout))  # the traceback above shows the line
                ran += 1
    finally:
        close_clients(clients_made)
    if ran == 0:
        pytest.skip("no Python block to run")


def test_there_are_blocks_to_run_and_few_are_not_run() -> None:
    assert len(BLOCKS) > 20
    not_run = [b.where for b in BLOCKS if b.not_run is not None]
    assert len(not_run) <= MOST_NOT_RUN, not_run


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.not_run is not None], ids=str)
def test_a_block_that_is_not_run_says_why(block: Block) -> None:
    assert block.not_run, f"{block.where}: write the reason in <!-- not-run: reason -->"


@pytest.mark.parametrize(
    "code",
    ["import time\ntime.sleep(30)", "import asyncio\nawait asyncio.sleep(30)"],
    ids=["sync", "async"],
)
def test_a_block_that_outlives_its_time_limit_is_interrupted_and_named(code: str) -> None:
    block = Block(
        path=ROOT / "docs" / "example.md", line=7, language="python", code=code, not_run=None
    )
    with pytest.raises(BlockTimeout, match=r"docs/example\.md:7: the block ran longer than 0\.2 s"):
        run_block(block, {"__name__": "__docs__"}, seconds=0.2)
