"""One run of the `octogen` command: its global options, the client they make, the log.

Every subcommand asks the session for its client, so `--mock`, `--api-key`, `--base-url`,
`--timeout` and `--max-retries` mean the same everywhere, and the client is closed (and
the log handler removed) when the command ends.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import click

from .._client import Client
from .._config import ClientConfig

if TYPE_CHECKING:
    from typing import Unpack

    from .._options import ClientOptions

MOCK_LABEL = "the built-in fake API (in-process)"


class Session:
    """The global options of one `octogen` invocation."""

    # A plain class, not attrs: every `octogen` command defines it at start-up.
    __slots__ = (
        "_client",
        "_log_handler",
        "api_key",
        "base_urls",
        "max_retries",
        "mock",
        "timeout",
        "verbose",
    )

    def __init__(
        self,
        *,
        api_key: str | None = None,
        base_urls: tuple[str, ...] = (),
        timeout: float | None = None,
        max_retries: int | None = None,
        verbose: bool = False,
        mock: bool = False,
    ) -> None:
        self.api_key = api_key
        self.base_urls = base_urls
        self.timeout = timeout
        self.max_retries = max_retries
        self.verbose = verbose
        self.mock = mock
        self._client: Client | None = None
        self._log_handler: logging.Handler | None = None

    def client_options(self) -> ClientOptions:
        """The options the flags set; `OCTO_*` variables fill in the rest."""
        options: ClientOptions = {}
        if self.api_key:
            options["api_key"] = self.api_key
        if len(self.base_urls) == 1:
            options["base_url"] = self.base_urls[0]
        elif self.base_urls:
            options["base_urls"] = self.base_urls
        if self.timeout is not None:
            options["call_timeout"] = self.timeout
        if self.max_retries is not None:
            options["max_retries"] = self.max_retries
        if self.mock:
            from ..testing._fake import DEMO_API_KEY, IN_PROCESS_BASE_URL, FakeOctogen

            options.setdefault("api_key", DEMO_API_KEY)
            if "base_urls" not in options:
                options.setdefault("base_url", IN_PROCESS_BASE_URL)
            options["transport"] = FakeOctogen().transport()
        return options

    @property
    def label(self) -> str | None:
        """What the API is, when it is not the base URLs: the fake under `--mock`."""
        return MOCK_LABEL if self.mock else None

    def client(self, **changes: Unpack[ClientOptions]) -> Client:
        """The client for this run (built once), with `changes` over the flags."""
        if self._client is None:
            config = ClientConfig.from_env(**self.client_options())
            self._client = Client(config=config.evolve(**changes) if changes else config)
        return self._client

    def start_logging(self) -> None:
        """Send the SDK's log to stderr: every request with `--verbose`, else what the
        user should notice (retries, failovers, pacing: the SDK logs them at INFO), as
        warnings. The key never appears: the SDK does not log it."""
        handler = _EchoHandler()
        logger = logging.getLogger("octogen")
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG if self.verbose else logging.INFO)
        self._log_handler = handler

    def close(self) -> None:
        """Close the client and take the log handler off again."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._log_handler is not None:
            logger = logging.getLogger("octogen")
            logger.removeHandler(self._log_handler)
            logger.setLevel(logging.NOTSET)
            self._log_handler = None


class _EchoHandler(logging.Handler):
    """Writes records to whatever stderr is when they are emitted, so that lines land
    above a progress bar (rich swaps stderr while one is drawn) and in test runners."""

    def format(self, record: logging.LogRecord) -> str:
        if record.levelno >= logging.ERROR:
            return f"octogen: {record.levelname.lower()}: {record.getMessage()}"
        if record.levelno >= logging.INFO:
            return f"octogen: warning: {record.getMessage()}"
        return f"octogen: {record.getMessage()}"

    def emit(self, record: logging.LogRecord) -> None:
        try:
            click.echo(self.format(record), err=True)
        except Exception:  # a broken stderr must not break the command
            self.handleError(record)
