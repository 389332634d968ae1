"""The client options: `ClientOptions`, and the signatures that list each one.

`Client`, `AsyncClient`, `with_options`, `ClientConfig.evolve`/`from_env`, `configure`
and `client` take the options as `**options: Unpack[ClientOptions]`: one definition that
type checkers read. At run time that would show as `**options`; `shows_options` gives
each of these functions a signature listing every option with its type and default, for
`help()`, `inspect.signature`, IPython and autodoc.

The defaults are `ClientConfig`'s, and `import octogen` does not load `ClientConfig` (nor
attrs): a signature reads them when it is first read, the way the first client loads
the configuration.
"""

from __future__ import annotations

import functools
import inspect
import logging
import typing
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypedDict, TypeVar

import httpx

from ._ratelimiter import RateLimiter

F = TypeVar("F", bound=Callable[..., Any])

# A hook receives a context object (RequestContext, APIResponse, RetryContext).
Hook = Callable[[Any], object]


class ClientOptions(TypedDict, total=False):
    """The keyword options of `Client`, `AsyncClient`, `configure` and `ClientConfig`."""

    api_key: str | None
    base_url: str
    base_urls: Sequence[str] | None
    keep_alive: bool
    pool_size: int
    max_connections: int
    pool_timeout: float
    idle_timeout: float
    open_timeout: float
    read_timeout: float
    write_timeout: float
    max_retries: int
    retry_interval: float
    backoff_factor: float
    max_retry_delay: float
    max_retry_after: float
    call_timeout: float | None
    retry_budget: bool
    pace: bool
    rate_limiter: RateLimiter | None
    failure_cooldown: float
    ssl_verify: bool | str
    on_request: Hook | None
    on_response: Hook | None
    on_retry: Hook | None
    logger: logging.Logger | str
    user_agent: str | None
    default_headers: Mapping[str, str]
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None
    http_client: httpx.Client | httpx.AsyncClient | None


class _Unchanged:
    """The default shown for options of functions that change only what they are given."""

    def __repr__(self) -> str:
        return "<unchanged>"


UNCHANGED: Any = _Unchanged()


@functools.cache
def _option_types() -> dict[str, Any]:
    return typing.get_type_hints(ClientOptions)


@functools.cache
def _defaults() -> dict[str, Any]:
    import attrs

    from ._config import ClientConfig

    defaults: dict[str, Any] = {}
    for field in attrs.fields(ClientConfig):
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs' own type
            default = default.factory()
        defaults[field.name] = default
    return defaults


@functools.cache  # the same two lists serve every function
def option_parameters(*, changes_only: bool) -> tuple[inspect.Parameter, ...]:
    """One keyword-only parameter per option; its default is the built-in one, or
    `<unchanged>` where leaving it out keeps the current value."""
    types = _option_types()
    defaults = _defaults()
    return tuple(
        inspect.Parameter(
            name,
            inspect.Parameter.KEYWORD_ONLY,
            default=UNCHANGED if changes_only else defaults.get(name, None),
            annotation=annotation,
        )
        for name, annotation in types.items()
    )


class _OptionsSignature(inspect.Signature):
    """A function's signature with every option in place of `**options`, completed when
    first read (see the module). Once read, it is a plain `inspect.Signature`."""

    __slots__ = ("_pending",)

    def __init__(
        self, *args: Any, pending: Callable[[], inspect.Signature] | None = None, **kwargs: Any
    ) -> None:
        self._pending = pending
        if pending is None:  # made by `replace`, pickling, ...: complete already
            super().__init__(*args, **kwargs)

    def _complete(self) -> None:
        pending = self._pending
        if pending is not None:
            complete = pending()
            self._parameters = complete.parameters
            self._return_annotation = complete.return_annotation
            self._pending = None

    @property
    def parameters(self) -> Mapping[str, inspect.Parameter]:  # type: ignore[override]
        self._complete()
        return super().parameters

    @property
    def return_annotation(self) -> Any:
        self._complete()
        return super().return_annotation

    def replace(self, **changes: Any) -> inspect.Signature:  # type: ignore[override]
        self._complete()
        return super().replace(**changes)

    def __reduce__(self) -> Any:
        self._complete()
        return super().__reduce__()

    def __repr__(self) -> str:
        return f"<Signature {self}>"  # as a plain one reads


def shows_options(*, changes_only: bool = False) -> Callable[[F], F]:
    """Give a function taking `**options: Unpack[ClientOptions]` a signature that lists
    every option in place of `**options`."""

    def decorate(function: F) -> F:
        signature = inspect.signature(function)
        kept = [
            parameter
            for parameter in signature.parameters.values()
            if parameter.kind is not inspect.Parameter.VAR_KEYWORD
        ]

        def complete() -> inspect.Signature:
            options = option_parameters(changes_only=changes_only)
            return signature.replace(parameters=[*kept, *options])

        function.__signature__ = _OptionsSignature(pending=complete)  # type: ignore[attr-defined]
        return function

    return decorate
