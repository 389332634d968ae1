"""One session's way to the API: an `octogen.Client` built for its settings, on the fake
(in-process, or on a socket behind a dead base URL for `failover`) or on the real API.

The client is built once per settings change and kept, so `transport_stats()`, the rate
limit and the connection pool carry over from call to call, as in an application.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import octogen
from octogen.testing import DEMO_API_KEY, Dataset, FakeOctogen, FakeServer

from .request_log import RequestLog
from .settings import FAKE_FAILURES, Settings

T = TypeVar("T")

# The in-process fake answers whatever host is asked; this one says where calls go.
FAKE_BASE_URL = "https://fake.octogen.invalid/v1"
FAKE_LABEL = "the built-in fake API"
# On the fake, a hung request gives up soon, so `timeout` shows in seconds, not minutes.
DEFAULT_FAKE_OPTIONS: dict[str, Any] = {"read_timeout": 2.0, "call_timeout": 8.0}


def dead_base_url() -> str:
    """A loopback base URL where nothing listens: connecting is refused at once."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


class DatasetCache:
    """The demo dataset, generated once (about half a second) and shared by every
    session's fake, which only reads it."""

    def __init__(self) -> None:
        self._dataset: Dataset | None = None
        self._lock = threading.Lock()

    def get(self) -> Dataset:
        with self._lock:
            if self._dataset is None:
                self._dataset = Dataset.demo()
            return self._dataset


class Backend:
    """Builds and keeps the session's client; runs SDK calls so the log sees their end."""

    def __init__(
        self,
        log: RequestLog,
        datasets: DatasetCache,
        fake_options: dict[str, Any] | None = None,
    ) -> None:
        self.log = log
        self._datasets = datasets
        self._fake_options = dict(DEFAULT_FAKE_OPTIONS if fake_options is None else fake_options)
        self._settings: Settings | None = None
        self._client: octogen.Client | None = None
        self._fake: FakeOctogen | None = None
        self._server: FakeServer | None = None
        self._dead_url: str | None = None
        self._lock = threading.RLock()

    @property
    def fake(self) -> FakeOctogen:
        """The session's fake API (its own scenarios, cache and rate-limit buckets)."""
        with self._lock:
            if self._fake is None:
                self._fake = FakeOctogen(dataset=self._datasets.get())
            return self._fake

    def apply(self, settings: Settings) -> None:
        """Use `settings` from the next call on (the old client is closed)."""
        with self._lock:
            if settings == self._settings:
                return
            self._close_client()
            self._settings = settings
            if settings.on_fake:
                scenario = settings.scenario if settings.scenario in FAKE_FAILURES else None
                self.fake.set_scenario(scenario)

    def options(self) -> dict[str, Any]:
        """The client options for the current settings, hooks included.

        Raises:
            octogen.MissingAPIKeyError: `real` without a key.
        """
        settings = self._settings or Settings()
        options: dict[str, Any] = dict(self.log.hooks())
        if settings.scenario == "real":
            if not settings.api_key:
                raise octogen.MissingAPIKeyError(
                    "the `real` scenario needs an API key: enter one in the sidebar "
                    "(or start the playground with OCTO_API_KEY set)"
                )
            options["api_key"] = settings.api_key
            if len(settings.base_urls) == 1:
                options["base_url"] = settings.base_urls[0]
            elif settings.base_urls:
                options["base_urls"] = list(settings.base_urls)
            return options
        options.update(self._fake_options)
        options["api_key"] = settings.api_key or DEMO_API_KEY
        if settings.scenario == "failover":
            if self._dead_url is None:
                self._dead_url = dead_base_url()
            options["base_urls"] = [self._dead_url, self._served_fake().base_url]
        else:
            options["base_url"] = FAKE_BASE_URL
            options["transport"] = self.fake.transport()
        return options

    def config(self) -> octogen.ClientConfig:
        """The configuration calls would use now (without building a client)."""
        with self._lock:
            if self._client is not None:
                return self._client.config
            try:
                options = self.options()
            except octogen.MissingAPIKeyError:
                options = {}
            options.pop("transport", None)
            options["base_urls"] = options.get("base_urls") or None
            if options.get("base_urls") is None:
                options.pop("base_urls")
            return octogen.ClientConfig(**options)

    @property
    def client(self) -> octogen.Client:
        """The session's client, built on first use after a settings change.

        Raises:
            octogen.MissingAPIKeyError: `real` without a key.
        """
        with self._lock:
            if self._client is None:
                self._client = octogen.Client(**self.options())
            return self._client

    @property
    def current_client(self) -> octogen.Client | None:
        """The client if one is built, for read-only views (stats, rate limit)."""
        return self._client

    @property
    def label(self) -> str | None:
        """What the API is, for the smoke check's lines, when it is the fake."""
        settings = self._settings or Settings()
        return FAKE_LABEL if settings.on_fake and settings.scenario != "failover" else None

    def run(self, call: Callable[[octogen.Client], T]) -> T:
        """Run `call` on the session's client; on failure, close its log rows with the error."""
        before = self.log.open_request_ids()
        try:
            return call(self.client)
        except BaseException as error:
            request_id = getattr(error, "request_id", None)
            mine = {request_id} if request_id else self.log.open_request_ids() - before
            self.log.fail_open(error, mine)
            raise

    def _served_fake(self) -> FakeServer:
        if self._server is None:
            self._server = self.fake.start_server()
        return self._server

    def _close_client(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def close(self) -> None:
        """Close the client and stop the fake's server, if any."""
        with self._lock:
            self._close_client()
            if self._server is not None:
                self._server.stop()
                self._server = None


# One per process: apps made by tests and by uvicorn's reloads reuse the same demo data.
DEMO_DATASETS = DatasetCache()
