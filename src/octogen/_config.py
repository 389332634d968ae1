"""`ClientConfig`: every client option, validated once, read from arguments or `OCTO_*`.

Also turns the options into the httpx objects the transport needs (timeouts, limits,
TLS verification), so that no other module interprets an option.
"""

import functools
import logging
import math
import os
import ssl
import typing
from collections.abc import Callable, Mapping
from typing import Any, Unpack

import attrs
import httpx

from ._error_text import did_you_mean
from ._errors import ConfigurationError
from ._field_methods import FieldMethods
from ._models import reads_as_octogen
from ._option_checks import (
    boolean,
    check_api_key,
    check_http_client,
    check_logger,
    check_ssl_verify,
    check_transport,
    check_user_agent,
    invalid,
    non_negative_int,
    normalize_base_url,
    normalize_base_urls,
    normalize_headers,
    optional_callable,
    positive_int,
    rate_limiter,
    repr_api_key,
    repr_headers,
    seconds,
)
from ._options import ClientOptions, Hook, shows_options
from ._ratelimiter import RateLimiter

DEFAULT_BASE_URL = "https://api.octogen.ai/v1"


@attrs.frozen(kw_only=True, eq=False, repr=False)
class ClientConfig(FieldMethods):
    """Every option of a client, validated. Build one directly, with `from_env()`, or
    let `Client(...)` build it from keyword arguments over the `OCTO_*` environment; copy
    it with `evolve()`. A config built directly reads no environment variable: passed as
    `Client(config=...)` it is used as given, except that a missing key is read from
    `OCTO_API_KEY` (else `OCTOGEN_PLATFORM_API_KEY`).

    Attributes:
        api_key: Your Octogen API key (ASCII). `Client` falls back to `OCTO_API_KEY`,
            then `OCTOGEN_PLATFORM_API_KEY`.
        base_url: The API root (default `https://api.octogen.ai/v1`).
        base_urls: Several API roots, for rotation and failover; overrides `base_url`.
        keep_alive: Reuse connections (default True). False sends `Connection: close`.
        pool_size: Idle keep-alive connections kept (default 10).
        max_connections: Open connections at most (default 100).
        pool_timeout: Seconds to wait for a free connection (default 5).
        idle_timeout: Seconds an idle connection is kept (default 5).
        open_timeout: Seconds to connect, TLS included (default 5).
        read_timeout: Seconds to wait for response data (default 30: a cold on-demand
            lookup can take about 8 s).
        write_timeout: Seconds to send the request (default 10).
        max_retries: Retries after the first attempt (default 2).
        retry_interval: First backoff delay, in seconds (default 0.5).
        backoff_factor: Multiplier of the delay per retry (default 2).
        max_retry_delay: Longest backoff delay, in seconds (default 8).
        max_retry_after: Longest Retry-After the client will wait (default 60); a
            longer one raises `OctogenRateLimitError` at once.
        call_timeout: One limit in seconds for a whole call, retries included (default
            None: no limit beyond the per-attempt timeouts).
        retry_budget: Stop retrying when most recent attempts failed (default True).
        pace: Wait for the rate-limit bucket to refill instead of collecting 429s.
        rate_limiter: A limiter shared by processes and machines
            (`octogen.RedisRateLimiter`): each request waits for a token from the
            organization's one bucket. `OCTO_REDIS_URL` makes one on that Redis.
        failure_cooldown: Seconds a failed base URL is avoided (default 30).
        ssl_verify: True (default), False, or the path of a CA bundle.
        on_request / on_response / on_retry: Hooks called with a context object.
        logger: The logger (or its name) for request logs (default `octogen`).
        user_agent: Your application's product token, sent before the SDK's own.
        default_headers: Extra headers sent with every request.
        transport: An httpx transport to send through (e.g. `octogen.testing`'s).
        http_client: Your own `httpx.Client`/`httpx.AsyncClient`; you close it.
    """

    api_key: str | None = attrs.field(default=None, validator=check_api_key, repr=repr_api_key)
    base_url: str = attrs.field(default=DEFAULT_BASE_URL, converter=normalize_base_url)
    base_urls: tuple[str, ...] | None = attrs.field(default=None, converter=normalize_base_urls)
    keep_alive: bool = attrs.field(default=True, validator=boolean)
    pool_size: int = attrs.field(default=10, validator=positive_int)
    max_connections: int = attrs.field(default=100, validator=positive_int)
    pool_timeout: float = attrs.field(default=5.0, validator=seconds(allow_zero=False))
    idle_timeout: float = attrs.field(default=5.0, validator=seconds())
    open_timeout: float = attrs.field(default=5.0, validator=seconds(allow_zero=False))
    read_timeout: float = attrs.field(default=30.0, validator=seconds(allow_zero=False))
    write_timeout: float = attrs.field(default=10.0, validator=seconds(allow_zero=False))
    max_retries: int = attrs.field(default=2, validator=non_negative_int)
    retry_interval: float = attrs.field(default=0.5, validator=seconds())
    backoff_factor: float = attrs.field(default=2.0, validator=seconds())
    max_retry_delay: float = attrs.field(default=8.0, validator=seconds())
    max_retry_after: float = attrs.field(default=60.0, validator=seconds())
    call_timeout: float | None = attrs.field(
        default=None, validator=seconds(allow_zero=False, allow_none=True)
    )
    retry_budget: bool = attrs.field(default=True, validator=boolean)
    pace: bool = attrs.field(default=False, validator=boolean)
    rate_limiter: RateLimiter | None = attrs.field(default=None, validator=rate_limiter)
    failure_cooldown: float = attrs.field(default=30.0, validator=seconds())
    ssl_verify: bool | str = attrs.field(default=True, validator=check_ssl_verify)
    on_request: Hook | None = attrs.field(default=None, validator=optional_callable)
    on_response: Hook | None = attrs.field(default=None, validator=optional_callable)
    on_retry: Hook | None = attrs.field(default=None, validator=optional_callable)
    logger: logging.Logger | str = attrs.field(default="octogen", validator=check_logger)
    user_agent: str | None = attrs.field(default=None, validator=check_user_agent)
    default_headers: dict[str, str] = attrs.field(
        factory=dict, converter=normalize_headers, repr=repr_headers
    )
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = attrs.field(
        default=None, validator=check_transport
    )
    http_client: httpx.Client | httpx.AsyncClient | None = attrs.field(
        default=None, validator=check_http_client
    )

    def __attrs_post_init__(self) -> None:
        if self.pool_size > self.max_connections:
            raise invalid(
                "pool_size",
                f"`pool_size` ({self.pool_size}) cannot exceed "
                f"`max_connections` ({self.max_connections})",
            )
        if self.backoff_factor < 1:
            raise invalid(
                "backoff_factor",
                f"`backoff_factor` must be at least 1 (1 keeps delays constant); "
                f"got {self.backoff_factor!r}",
            )

    @property
    def urls(self) -> tuple[str, ...]:
        """The base URLs requests go to: `base_urls` when given, else `(base_url,)`."""
        return self.base_urls or (self.base_url,)

    @shows_options(changes_only=True)
    def evolve(self, **changes: Unpack[ClientOptions]) -> "ClientConfig":
        """A copy with `changes` applied and validated.

        Raises:
            ConfigurationError: An option is unknown or its value is invalid.
        """
        check_option_names(changes)
        return attrs.evolve(self, **changes)

    @classmethod
    @shows_options(changes_only=True)
    def from_env(cls, **overrides: Unpack[ClientOptions]) -> "ClientConfig":
        """Read the `OCTO_*` environment variables; `overrides` win over them.

        Each option that a string can express has a variable: `OCTO_` and its name in
        capitals (`OCTO_BASE_URL`, `OCTO_READ_TIMEOUT`, `OCTO_PACE`, ...; the table is in
        docs/configuration.md). `OCTO_BASE_URLS` is comma-separated; booleans accept
        true/false, 1/0, yes/no, on/off. The key is read from `OCTO_API_KEY`, else from
        `OCTOGEN_PLATFORM_API_KEY`. Empty variables count as unset. `Client()` and the
        shared client read the same variables when no `config=` is given.

        Raises:
            ConfigurationError: A variable cannot be parsed (the message names it), or
                a value or override is invalid.
        """
        check_option_names(overrides)
        values, sources = read_environment()
        values.update(overrides)
        try:
            return cls(**values)
        except ConfigurationError as exc:
            source = sources.get(exc.option or "")
            if source and exc.option not in overrides:
                raise ConfigurationError(
                    f"environment variable {source}: {exc}", option=exc.option
                ) from None
            raise

    def httpx_timeout(self) -> httpx.Timeout:
        """The per-attempt timeouts as an `httpx.Timeout`."""
        return httpx.Timeout(
            connect=self.open_timeout,
            read=self.read_timeout,
            write=self.write_timeout,
            pool=self.pool_timeout,
        )

    def httpx_limits(self) -> httpx.Limits:
        """The pool limits as `httpx.Limits` (no idle connections without keep-alive)."""
        return httpx.Limits(
            max_connections=self.max_connections,
            max_keepalive_connections=self.pool_size if self.keep_alive else 0,
            keepalive_expiry=self.idle_timeout,
        )

    def httpx_verify(self) -> bool | ssl.SSLContext:
        """TLS verification for httpx: a bool, or a context loaded from the CA bundle."""
        if isinstance(self.ssl_verify, str):
            return ssl.create_default_context(cafile=self.ssl_verify)
        return self.ssl_verify


reads_as_octogen(ClientConfig)

OPTION_NAMES = frozenset(field.name for field in attrs.fields(ClientConfig))


def check_option_names(options: Mapping[str, object]) -> None:
    """Raise `ConfigurationError` for an unknown option name, suggesting the nearest one."""
    for name in options:
        if name not in OPTION_NAMES:
            hint = did_you_mean(name, sorted(OPTION_NAMES))
            raise ConfigurationError(f"unknown option `{name}`{hint}", option=name)


def _parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"expected true/false (or 1/0, yes/no, on/off); got {text!r}")


def _parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"expected an integer; got {text!r}") from None


def _parse_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected a number; got {text!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"expected a finite number; got {text!r}")
    return value


def _parse_url_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _parse_ssl_verify(text: str) -> bool | str:
    try:
        return _parse_bool(text)
    except ValueError:
        if os.path.exists(text):
            return text
        raise ValueError(f"expected true/false or the path of a CA bundle; got {text!r}") from None


def _parse_text(text: str) -> str:
    return text


# How a variable's text becomes each option type; an option whose type is not here (hooks,
# headers, transports) has no variable.
_PARSERS: dict[object, Callable[[str], Any]] = {
    bool: _parse_bool,
    int: _parse_int,
    float: _parse_float,
    float | None: _parse_float,
    str: _parse_text,
    str | None: _parse_text,
    tuple[str, ...] | None: _parse_url_list,
    bool | str: _parse_ssl_verify,
    logging.Logger | str: _parse_text,
}

ENVIRONMENT_PREFIX = "OCTO_"
# The name the official Octogen SDK reads; used when OCTO_API_KEY is unset.
API_KEY_ALIAS = "OCTOGEN_PLATFORM_API_KEY"

ENVIRONMENT: dict[str, tuple[str, Callable[[str], Any]]] = {
    ENVIRONMENT_PREFIX + name.upper(): (name, _PARSERS[kind])
    for name, kind in typing.get_type_hints(ClientConfig).items()
    if kind in _PARSERS
}
"""Variable name → (option, parser), derived from `ClientConfig`'s fields and types."""


@functools.cache
def _parse_redis_url(text: str) -> RateLimiter:
    """A `RedisRateLimiter` on that Redis (one per URL and process: clients share it)."""
    from ._ratelimiter import RedisRateLimiter

    return RedisRateLimiter(text)


ENVIRONMENT[ENVIRONMENT_PREFIX + "REDIS_URL"] = ("rate_limiter", _parse_redis_url)


def _variable_text(variable: str) -> str:
    return os.environ.get(variable, "").strip()


def api_key_variable() -> str | None:
    """The environment variable the key is read from (`OCTO_API_KEY`, else
    `OCTOGEN_PLATFORM_API_KEY`), or None when neither is set."""
    for variable in (ENVIRONMENT_PREFIX + "API_KEY", API_KEY_ALIAS):
        if _variable_text(variable):
            return variable
    return None


def read_environment() -> tuple[dict[str, Any], dict[str, str]]:
    """The options the environment sets, parsed, and the variable each came from.

    Raises:
        ConfigurationError: A variable cannot be parsed; the message names it.
    """
    values: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for variable, (option, parse) in ENVIRONMENT.items():
        if option == "api_key":
            variable = api_key_variable() or variable
        text = _variable_text(variable)
        if not text:
            continue
        try:
            values[option] = parse(text)
        except ValueError as exc:
            raise ConfigurationError(
                f"environment variable {variable}: {exc}", option=option
            ) from None
        sources[option] = variable
    return values, sources


def api_key_from_environment() -> str | None:
    """The key the environment holds, validated, or None.

    Raises:
        ConfigurationError: The key is malformed; the message names the variable.
    """
    variable = api_key_variable()
    if variable is None:
        return None
    key = _variable_text(variable)
    try:
        check_api_key(None, attrs.fields(ClientConfig).api_key, key)
    except ConfigurationError as exc:
        raise ConfigurationError(
            f"environment variable {variable}: {exc}", option="api_key"
        ) from None
    return key
