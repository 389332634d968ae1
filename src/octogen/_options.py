"""The client options in signatures, so that people and tools see each one.

`Client`, `AsyncClient`, `with_options`, `ClientConfig.evolve`/`from_env`, `configure`
and `client` take the options as `**options: Unpack[ClientOptions]`: one definition that
type checkers read. At run time that would show as `**options`; `shows_options` gives
each of these functions a signature listing every option with its type and default, for
`help()`, `inspect.signature`, IPython and autodoc.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from ._config import ClientConfig, ClientOptions

F = TypeVar("F", bound=Callable[..., Any])


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
    defaults: dict[str, Any] = {}
    for field in attrs.fields(ClientConfig):
        default: Any = field.default
        if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # attrs' own type
            default = default.factory()
        defaults[field.name] = default
    return defaults


@functools.cache  # the same two lists serve every function: made once, at import
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
        options = option_parameters(changes_only=changes_only)
        function.__signature__ = signature.replace(  # type: ignore[attr-defined]  # for inspect
            parameters=[*kept, *options]
        )
        return function

    return decorate


# `ClientConfig` is defined below this module, so its own methods get their signatures here.
ClientConfig.evolve = shows_options(changes_only=True)(ClientConfig.evolve)  # type: ignore[method-assign]
ClientConfig.from_env = classmethod(  # type: ignore[method-assign,assignment]
    shows_options(changes_only=True)(ClientConfig.from_env.__func__)  # type: ignore[attr-defined]
)
