"""Fixtures for the `octogen` command: run it in-process with click's CliRunner, with no
`OCTO_*` variable leaking in from the machine, against `--mock` or a fake on a socket."""

from __future__ import annotations

import os
import select
import time
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

from octogen._cli._app import cli
from octogen.testing import FakeOctogen
from tests.support import API_KEY


def octogen(*args: str) -> Result:
    """Run `octogen ARGS...`; stdout and stderr are captured apart, neither is a terminal."""
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def read_until_closed(descriptor: int, *, deadline: float) -> str:
    """Everything written to a pseudo-terminal until its other side closes, or the
    deadline (a `time.monotonic()` value) passes; every read waits at most until then.
    Closes `descriptor`."""
    chunks = []
    while (remaining := deadline - time.monotonic()) > 0:
        readable, _, _ = select.select([descriptor], [], [], remaining)
        if not readable:
            break
        try:
            chunk = os.read(descriptor, 65536)
        except OSError:  # the other side closed: the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(descriptor)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture(autouse=True)
def command_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No `OCTO_*` from the machine; a wide 'terminal' so that tables do not wrap."""
    for name in [name for name in os.environ if name.startswith("OCTO_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("COLUMNS", "200")


@pytest.fixture
def fake() -> FakeOctogen:
    """A fake that accepts only the test key."""
    return FakeOctogen(api_keys=[API_KEY])


@pytest.fixture
def served(fake: FakeOctogen) -> Iterator[list[str]]:
    """The global options that point the command at `fake` over a loopback socket."""
    with fake.serve() as base_url:
        yield ["--base-url", base_url, "--api-key", API_KEY]
