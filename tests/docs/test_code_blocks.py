"""Every Python block in README.md and docs/ runs, against the fake API.

A page reads as one session: its blocks run in order, in this process, sharing one
namespace (a later block may use the `client` an earlier one made), with `OCTO_API_KEY` set
and every client pointed at an `octogen.testing` fake on a loopback socket (see
`fake_api_everywhere`), so `octogen.Client()` with no arguments works as it does for a
user with a key. A block may use top-level `await` (it then runs in `asyncio.run`). A
block that cannot run has `<!-- not-run: reason -->` on the line before its fence.
"""

from __future__ import annotations

import ast
import asyncio
import inspect
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import octogen
from octogen._config import ClientConfig
from octogen.testing import DEMO_API_KEY, FakeOctogen

from .blocks import ROOT, Block, documents, python_blocks

BLOCKS = python_blocks()
PAGES = documents()
# Blocks with a marker are rare; more than this and the docs stop proving much.
MOST_NOT_RUN = 10


@pytest.fixture(scope="module")
def fake_base_url() -> Iterator[str]:
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


def run_block(block: Block, namespace: dict[str, Any]) -> None:
    # The block's location is its file name, so a traceback points into the page.
    code = compile(
        block.code, block.where, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True
    )
    result = eval(code, namespace)  # a coroutine when the block awaits at top level
    if inspect.iscoroutine(result):
        asyncio.run(result)


def close_clients(namespace: dict[str, Any]) -> None:
    """Close the clients a page left open, as its process would at exit."""
    for value in namespace.values():
        if isinstance(value, octogen.Client):
            value.close()
        elif isinstance(value, octogen.AsyncClient):
            asyncio.run(value.aclose())


@pytest.mark.usefixtures("fake_api_everywhere")
@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(ROOT)))
def test_the_python_blocks_of_the_page_run_in_order_against_the_fake(page: Path) -> None:
    namespace: dict[str, Any] = {"__name__": "__docs__"}
    ran = 0
    try:
        for block in BLOCKS:
            if block.path == page and block.not_run is None:
                run_block(block, namespace)
                ran += 1
    finally:
        close_clients(namespace)
    if ran == 0:
        pytest.skip("no Python block to run")


def test_there_are_blocks_to_run_and_few_are_not_run() -> None:
    assert len(BLOCKS) > 20
    not_run = [b.where for b in BLOCKS if b.not_run is not None]
    assert len(not_run) <= MOST_NOT_RUN, not_run


@pytest.mark.parametrize("block", [b for b in BLOCKS if b.not_run is not None], ids=str)
def test_a_block_that_is_not_run_says_why(block: Block) -> None:
    assert block.not_run, f"{block.where}: write the reason in <!-- not-run: reason -->"
