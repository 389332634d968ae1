"""`octogen.configure()` / `client()` / `shutdown_shared_client()` / `reset_configuration()`:
one client per process, thread-safe, fork-safe, and closed on exit."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

import octogen
from octogen import _shared
from octogen.testing import FakeOctogen
from tests.support import API_KEY


def test_client_returns_one_shared_instance() -> None:
    octogen.configure(api_key=API_KEY)
    assert octogen.client() is octogen.client()


def test_configure_replaces_the_shared_client_and_closes_the_old_one() -> None:
    fake = FakeOctogen()
    octogen.configure(api_key=API_KEY, transport=fake.transport())
    first = octogen.client()
    config = octogen.configure(max_retries=5)
    second = octogen.client()
    assert second is not first and second.config.max_retries == 5
    assert config == octogen.configuration() and config.api_key == API_KEY  # kept
    with pytest.raises(octogen.OctogenError, match="closed"):
        first.catalogs.list()
    assert second.catalogs.list()


def test_an_unknown_option_is_refused_and_changes_nothing() -> None:
    before = octogen.configure(api_key=API_KEY)
    with pytest.raises(octogen.ConfigurationError, match="pool_sise"):
        octogen.configure(pool_sise=3)  # type: ignore[call-arg]
    assert octogen.configuration() == before


def test_the_key_comes_from_the_environment_when_not_configured(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with pytest.raises(octogen.MissingAPIKeyError):
        octogen.client()
    monkeypatch.setenv("OCTO_API_KEY", API_KEY)
    assert octogen.client().config.api_key == API_KEY


def test_client_with_arguments_is_a_new_one_off_client() -> None:
    octogen.configure(api_key=API_KEY, max_retries=4)
    shared = octogen.client()
    with octogen.client(api_key="per-user-token") as one_off:
        assert one_off is not shared
        assert one_off.config.api_key == "per-user-token" and one_off.config.max_retries == 4
    assert octogen.client() is shared


def test_reset_configuration_restores_the_defaults_and_shuts_the_client() -> None:
    octogen.configure(api_key=API_KEY, pool_size=3)
    shared = octogen.client()
    octogen.reset_configuration()
    assert octogen.configuration() == octogen.ClientConfig()
    assert shared.is_closed


def test_shutdown_is_idempotent_and_the_next_client_is_new() -> None:
    octogen.configure(api_key=API_KEY)
    first = octogen.client()
    octogen.shutdown_shared_client()
    octogen.shutdown_shared_client()
    assert octogen.client() is not first


def test_a_shared_client_closed_by_hand_is_replaced() -> None:
    octogen.configure(api_key=API_KEY)
    first = octogen.client()
    first.close()
    assert octogen.client() is not first


def test_32_threads_racing_get_one_client_and_build_only_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[octogen.Client] = []

    class CountingClient(octogen.Client):
        def __init__(self, **options: object) -> None:
            super().__init__(**options)  # type: ignore[arg-type]
            built.append(self)

    monkeypatch.setattr(_shared, "Client", CountingClient)
    octogen.configure(api_key=API_KEY)
    barrier = threading.Barrier(32)
    seen: list[octogen.Client] = []

    def race() -> None:
        barrier.wait()
        seen.append(octogen.client())

    threads = [threading.Thread(target=race) for _ in range(32)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(seen) == 32 and len({id(client) for client in seen}) == 1
    assert len(built) == 1


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs os.fork")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # 3.12+ warns on fork with threads
def test_a_forked_child_builds_its_own_client_and_the_parent_keeps_its_own() -> None:
    fake = FakeOctogen()
    with fake.serve() as base_url:
        octogen.configure(api_key=API_KEY, base_url=base_url, max_retries=0)
        parent_client = octogen.client()
        assert parent_client.catalogs.list()
        before_fork = fake.requests
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: report, never return into pytest
            code = 1
            try:
                child_client = octogen.client()
                fresh = child_client is not parent_client
                served = len(child_client.catalogs.list()) == 4
                os.write(write_end, f"{fresh} {served}".encode())
                code = 0
            finally:
                os._exit(code)
        os.close(write_end)
        _, status = os.waitpid(pid, 0)
        report = os.read(read_end, 100).decode()
        os.close(read_end)
        assert os.waitstatus_to_exitcode(status) == 0
        assert report == "True True"
        assert octogen.client() is parent_client
        assert parent_client.catalogs.list(), "the parent's client still works"
    assert len(before_fork) == 1 and len(fake.requests) == 3


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="counts /proc/self/fd")
def test_100_configure_and_shutdown_cycles_leak_no_file_descriptors() -> None:
    fake = FakeOctogen()
    with fake.serve() as base_url:

        def cycle() -> None:
            octogen.configure(api_key=API_KEY, base_url=base_url)
            octogen.client().catalogs.list()
            octogen.shutdown_shared_client()

        cycle()  # warm up: imports, the server's threads
        before = len(os.listdir("/proc/self/fd"))
        for _ in range(100):
            cycle()
        after = len(os.listdir("/proc/self/fd"))
    assert after - before <= 2


def test_the_shared_client_is_closed_at_interpreter_exit() -> None:
    script = """
import octogen
from octogen.testing import FakeOctogen

closed = octogen.Client.close
def announce(self):
    print("closed")
    closed(self)
octogen.Client.close = announce
octogen.configure(api_key="k", transport=FakeOctogen().transport())
octogen.client().catalogs.list()
print("exiting without shutting down")
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.split() == ["exiting", "without", "shutting", "down", "closed"]
