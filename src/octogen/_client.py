"""`Client` and `AsyncClient`: the entry points, thin shells over the shared core."""

from __future__ import annotations

from functools import cached_property
from types import TracebackType
from typing import TYPE_CHECKING, Generic, Self, TypeVar, Unpack

import octogen  # annotations name `octogen.ClientConfig`: it loads when they are resolved

from ._errors import ConfigurationError, MissingAPIKeyError
from ._options import ClientOptions, shows_options
from ._types import JSONValue

# The transports (and the core, the wire readers and httpx's connection machinery behind
# them) load with the first client, as httpx loads httpcore with its first transport;
# a resource, with its operations and models, when first used.
if TYPE_CHECKING:
    from ._async_transport import AsyncTransport  # asyncio: imported by AsyncClient()
    from ._resources.catalogs import AsyncCatalogs, Catalogs
    from ._resources.coverage import AsyncCoverage, Coverage
    from ._resources.products import AsyncProducts, Products
    from ._resources.voyages import AsyncVoyages, Voyages
    from ._transport import SyncTransport

# Options fixed when the connection pool is opened: `with_options` cannot change them.
_POOL_OPTIONS = (
    "keep_alive", "pool_size", "max_connections", "idle_timeout", "ssl_verify",
    "transport", "http_client",
)  # fmt: skip


def resolve_config(
    config: octogen.ClientConfig | None, options: ClientOptions
) -> tuple[octogen.ClientConfig, str]:
    """The client's config and the API key it will send.

    Precedence: `options` > `config` > the `OCTO_*` environment > built-in defaults.
    Without `config`, every `OCTO_*` variable is a default beneath `options`. A `config`
    is taken as complete: the environment only supplies the key when it has none (and
    `api_key=None` counts as no key).

    Raises:
        MissingAPIKeyError: No key anywhere.
        ConfigurationError: An option or variable is unknown or invalid.
    """
    from ._config import API_KEY_ALIAS, ClientConfig, api_key_from_environment

    if config is None:
        resolved = ClientConfig.from_env(**options)
    elif not isinstance(config, ClientConfig):
        raise ConfigurationError(
            f"`config` must be an octogen.ClientConfig; got {config!r}", option="config"
        )
    else:
        resolved = config.evolve(**options) if options else config
    if not resolved.api_key:  # none in `config`, or `api_key=None` passed
        from_env = api_key_from_environment()
        if from_env:
            resolved = resolved.evolve(api_key=from_env)
    if not resolved.api_key:
        raise MissingAPIKeyError(
            f"no API key: pass api_key=... (or config=), or set the OCTO_API_KEY (or "
            f"{API_KEY_ALIAS}) environment variable"
        )
    return resolved, resolved.api_key


AnyTransport = TypeVar("AnyTransport", "SyncTransport", "AsyncTransport")


class _ClientCore(Generic[AnyTransport]):
    """What both clients expose that involves no I/O."""

    _transport: AnyTransport

    @property
    def config(self) -> octogen.ClientConfig:
        """The client's settings (its repr hides the API key)."""
        return self._transport.config

    @property
    def rate_limit(self) -> octogen.RateLimit | None:
        """The organization's rate limit as the latest response described it, or None
        before the first response. Shared with clients made by `with_options`."""
        return self._transport.pool.rate_limit

    @property
    def is_closed(self) -> bool:
        """True once the client was closed, or the client it was derived from by
        `with_options` closed the shared pool. A closed client cannot send."""
        return self._transport.is_closed

    def transport_stats(self) -> dict[str, JSONValue]:
        """How the transport is doing, for dashboards and debugging.

        Returns:
            `mode` (`"persistent"`, `"standard"` or `"mock"`), `limits` of the pool,
            `base_urls` (per URL: `healthy`, `cooldown_left` seconds, `requests`,
            `failures`), and totals: `requests`, `retries`, `failovers`, and
            `retry_budget` (tokens left, or None when the budget is off).
        """
        return self._transport.stats()

    def _derived_config(self, changes: ClientOptions) -> tuple[octogen.ClientConfig, str]:
        for option in _POOL_OPTIONS:
            if option in changes:
                raise ConfigurationError(
                    f"`{option}` cannot change in with_options(): the connection pool is "
                    f"shared; create a new {type(self).__name__} for other pool settings",
                    option=option,
                )
        return resolve_config(self.config, changes)

    def __repr__(self) -> str:
        from ._headers import redact_api_key

        key = redact_api_key(self.config.api_key)
        name = type(self).__name__
        return f"<octogen.{name} base_urls={list(self.config.urls)!r} api_key={key!r}>"


class Client(_ClientCore["SyncTransport"]):
    """A synchronous client of the Octogen Catalog API.

    ```python
    with octogen.Client() as client:  # the key comes from OCTO_API_KEY
        page = client.products.search("linen dress", limit=20)
    ```

    Args:
        config: A complete `ClientConfig` to start from; without one, every `OCTO_*`
            environment variable (`OCTO_BASE_URL`, `OCTO_READ_TIMEOUT`, …) is a default.
        **options: Any `ClientConfig` option (`api_key`, `base_url`, `read_timeout`, …),
            applied over `config` or the environment. Without `api_key` (here or in
            `config`), `OCTO_API_KEY` (else `OCTOGEN_PLATFORM_API_KEY`) is used.

    Raises:
        MissingAPIKeyError: No API key was given and the environment holds none.
        ConfigurationError: An option or `OCTO_*` variable is unknown or invalid.

    A client holds a pool of keep-alive connections: create one and reuse it (it is
    safe to share between threads), and close it when done (`close()` or `with`).
    """

    @shows_options()
    def __init__(
        self, *, config: octogen.ClientConfig | None = None, **options: Unpack[ClientOptions]
    ) -> None:
        resolved, api_key = resolve_config(config, options)
        from ._transport import SyncTransport

        self._bind(SyncTransport(resolved, api_key))

    def _bind(self, transport: SyncTransport) -> None:
        self._transport = transport

    # Each resource (with its operations and models) is imported when first used, so that
    # `import octogen` and a `Client()` stay light.
    @cached_property
    def catalogs(self) -> Catalogs:
        """The merchant catalogs available to your key."""
        from ._resources.catalogs import Catalogs

        return Catalogs(self._transport)

    @cached_property
    def products(self) -> Products:
        """Product search and lookup."""
        from ._resources.products import Products

        return Products(self._transport)

    @cached_property
    def voyages(self) -> Voyages:
        """Adding ecommerce domains to Octogen's index."""
        from ._resources.voyages import Voyages

        return Voyages(self._transport)

    @cached_property
    def coverage(self) -> Coverage:
        """Coverage URL lists (`coverage.url_lists`)."""
        from ._resources.coverage import Coverage

        return Coverage(self._transport)

    @shows_options(changes_only=True)
    def with_options(self, **changes: Unpack[ClientOptions]) -> Client:
        """A client with other settings that shares this one's connection pool.

        Use it for per-call overrides: `client.with_options(read_timeout=60).products
        .lookup(url)`. Timeouts, retries, headers, hooks, base URLs and the key may
        change; options that shape the pool itself may not.

        Raises:
            ConfigurationError: An option is unknown or invalid, or shapes the pool
                (`keep_alive`, `pool_size`, `max_connections`, `idle_timeout`,
                `ssl_verify`, `transport`, `http_client`).
        """
        config, api_key = self._derived_config(changes)
        derived = Client.__new__(Client)
        from ._transport import SyncTransport

        derived._bind(SyncTransport(config, api_key, shared_from=self._transport))
        return derived

    def close(self) -> None:
        """Close the connection pool (unless you passed your own `http_client`).

        Idempotent. Clients made by `with_options` share the pool and stop working too.
        """
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


class AsyncClient(_ClientCore["AsyncTransport"]):
    """An asyncio client of the Octogen Catalog API: `Client`'s twin, awaited.

    ```python
    async with octogen.AsyncClient() as client:  # the key comes from OCTO_API_KEY
        page = await client.products.search("linen dress", limit=20)
        async for product in client.products.iter_search("hoodie", max_items=300):
            ...
    ```

    Same options, resources, models, errors, retries, failover, `with_response`,
    `with_options`, `rate_limit` and `transport_stats` as `Client`. Hooks may be plain
    functions or coroutine functions. `http_client` must be an `httpx.AsyncClient`.
    Cancelling a call raises `CancelledError` (never an SDK error) and leaves the pool
    usable. Create one per process (e.g. in a FastAPI lifespan), not one per request.

    Args:
        config: A complete `ClientConfig`; without one, `OCTO_*` variables are defaults.
        **options: Any `ClientConfig` option, applied over `config` or the environment.

    Raises:
        MissingAPIKeyError: No API key was given and the environment holds none.
        ConfigurationError: An option or `OCTO_*` variable is unknown or invalid.
    """

    @shows_options()
    def __init__(
        self, *, config: octogen.ClientConfig | None = None, **options: Unpack[ClientOptions]
    ) -> None:
        resolved, api_key = resolve_config(config, options)
        from ._async_transport import AsyncTransport  # asyncio loads with the first one

        self._bind(AsyncTransport(resolved, api_key))

    def _bind(self, transport: AsyncTransport) -> None:
        self._transport = transport

    @cached_property
    def catalogs(self) -> AsyncCatalogs:
        """The merchant catalogs available to your key."""
        from ._resources.catalogs import AsyncCatalogs

        return AsyncCatalogs(self._transport)

    @cached_property
    def products(self) -> AsyncProducts:
        """Product search and lookup."""
        from ._resources.products import AsyncProducts

        return AsyncProducts(self._transport)

    @cached_property
    def voyages(self) -> AsyncVoyages:
        """Adding ecommerce domains to Octogen's index."""
        from ._resources.voyages import AsyncVoyages

        return AsyncVoyages(self._transport)

    @cached_property
    def coverage(self) -> AsyncCoverage:
        """Coverage URL lists (`coverage.url_lists`)."""
        from ._resources.coverage import AsyncCoverage

        return AsyncCoverage(self._transport)

    @shows_options(changes_only=True)
    def with_options(self, **changes: Unpack[ClientOptions]) -> AsyncClient:
        """An async client with other settings that shares this one's connection pool
        (see `Client.with_options`).

        Raises:
            ConfigurationError: An option is unknown or invalid, or shapes the pool.
        """
        config, api_key = self._derived_config(changes)
        derived = AsyncClient.__new__(AsyncClient)
        from ._async_transport import AsyncTransport

        derived._bind(AsyncTransport(config, api_key, shared_from=self._transport))
        return derived

    async def aclose(self) -> None:
        """Close the connection pool (unless you passed your own `http_client`).

        Idempotent. Clients made by `with_options` share the pool and stop working too.
        """
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()
