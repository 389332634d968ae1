"""Resource methods made from call builders: one signature, four methods.

Each public operation is written once, as a *builder*: a function with the method's
real signature and docstring that checks its arguments and returns the `ApiCall` (or
the `Pager`) to send. The descriptors here turn one builder into the four methods users
call: plain and `with_response`, sync and async. The methods they make are ordinary
functions with the builder's signature, docstring and type hints, so `help()`,
`inspect.signature`, `typing.get_type_hints` and IDEs show the real parameters, and a
misspelt keyword is Python's own `TypeError`.
"""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from typing import Any, Generic, ParamSpec, Protocol, TypeVar, overload

from .._core.calls import ApiCall, Batched, Page, Pager
from .._error_text import did_you_mean
from .._response import APIResponse

P = ParamSpec("P")
T = TypeVar("T")
R = TypeVar("R")
PageT = TypeVar("PageT", bound=Page[Any])
Item = TypeVar("Item")


class Sender(Protocol):
    """Sends one `ApiCall` and returns its typed response (the sync transport)."""

    def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`; raise an `Octogen*Error` when it fails."""
        ...  # pragma: no cover - a protocol


class AsyncSender(Protocol):
    """Sends one `ApiCall` and returns its typed response (the async transport)."""

    async def send(self, call: ApiCall[T]) -> APIResponse[T]:
        """Send `call`; raise an `Octogen*Error` when it fails."""
        ...  # pragma: no cover - a protocol


class Resource:
    """Base of the resource classes: holds the transport its methods send through."""

    def __init__(self, transport: Any) -> None:
        self._transport = transport


class _Method(Generic[P, R]):
    """A method made from `builder`; bound once per instance, then a plain attribute."""

    def __init__(self, builder: Callable[..., Any], kind: str) -> None:
        self._builder = builder
        self._kind = kind
        self._name = builder.__name__
        self._signature: tuple[inspect.Signature, Any] | None = None
        self.__doc__ = builder.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, instance: None, owner: type) -> Callable[..., Any]: ...

    @overload
    def __get__(self, instance: Resource, owner: type) -> Callable[P, R]: ...

    def __get__(self, instance: Resource | None, owner: type) -> Callable[..., Any]:
        if instance is None:
            return self._describe(_unbound(self._name), owner, with_self=True)
        bound = self._describe(_MAKERS[self._kind](self._builder, instance._transport), owner)
        instance.__dict__[self._name] = bound  # later lookups skip the descriptor
        return bound

    def _describe(
        self, function: Callable[..., Any], owner: type, *, with_self: bool = False
    ) -> Callable[..., Any]:
        """Give `function` the builder's name, docstring, signature and type hints."""
        functools.update_wrapper(function, self._builder)
        function.__name__ = self._name
        function.__qualname__ = f"{owner.__qualname__}.{self._name}"
        if self._signature is None:
            returns = _returns(self._builder, self._kind)
            self._signature = (
                inspect.signature(self._builder).replace(return_annotation=returns),
                returns,
            )
        signature, returns = self._signature
        if with_self:
            this = inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD)
            signature = signature.replace(parameters=[this, *signature.parameters.values()])
        function.__signature__ = signature  # type: ignore[attr-defined]  # read by inspect
        function.__annotations__ = {**self._builder.__annotations__, "return": returns}
        return function


def _build(builder: Callable[..., T], args: tuple[Any, ...], kwargs: dict[str, Any]) -> T:
    """`builder(*args, **kwargs)`; a misspelt keyword's `TypeError` names the nearest one."""
    try:
        return builder(*args, **kwargs)
    except TypeError as exc:
        unknown = [name for name in kwargs if name not in inspect.signature(builder).parameters]
        if not unknown:
            raise
        hint = did_you_mean(unknown[0], inspect.signature(builder).parameters)
        raise TypeError(f"{exc}{hint}") from None


def _unbound(name: str) -> Callable[..., Any]:
    def method(self: Resource, *args: Any, **kwargs: Any) -> Any:
        return getattr(self, name)(*args, **kwargs)

    return method


def _returns(builder: Callable[..., Any], kind: str) -> Any:
    """What the method made from `builder` returns, for its signature and type hints."""
    built = typing.get_type_hints(builder)["return"]  # ApiCall[T] or Pager[PageT, Item]
    args = typing.get_args(built)
    if kind == "data":
        return args[0]
    if kind == "response":
        return APIResponse[args[0]]  # type: ignore[valid-type]  # a runtime annotation
    if kind == "async data":
        return Coroutine[Any, Any, args[0]]  # type: ignore[valid-type]
    if kind == "async response":
        return Coroutine[Any, Any, APIResponse[args[0]]]  # type: ignore[valid-type]
    if kind == "batched data":
        return args[1]
    if kind == "batched response":
        return APIResponse[args[1]]  # type: ignore[valid-type]
    if kind == "async batched data":
        return Coroutine[Any, Any, args[1]]  # type: ignore[valid-type]
    if kind == "async batched response":
        return Coroutine[Any, Any, APIResponse[args[1]]]  # type: ignore[valid-type]
    if kind == "items":
        return Iterator[args[1]]  # type: ignore[valid-type]
    if kind == "pages":
        return Iterator[APIResponse[args[0]]]  # type: ignore[valid-type]
    if kind == "async items":
        return AsyncIterator[args[1]]  # type: ignore[valid-type]
    return AsyncIterator[APIResponse[args[0]]]  # type: ignore[valid-type]


def _data(builder: Callable[..., ApiCall[Any]], transport: Sender) -> Callable[..., Any]:
    send = transport.send

    def method(*args: Any, **kwargs: Any) -> Any:
        return send(_build(builder, args, kwargs)).data

    return method


def _response(builder: Callable[..., ApiCall[Any]], transport: Sender) -> Callable[..., Any]:
    send = transport.send

    def method(*args: Any, **kwargs: Any) -> Any:
        return send(_build(builder, args, kwargs))

    return method


def _async_data(builder: Callable[..., ApiCall[Any]], transport: AsyncSender) -> Callable[..., Any]:
    send = transport.send

    async def method(*args: Any, **kwargs: Any) -> Any:
        return (await send(_build(builder, args, kwargs))).data

    return method


def _async_response(
    builder: Callable[..., ApiCall[Any]], transport: AsyncSender
) -> Callable[..., Any]:
    send = transport.send

    async def method(*args: Any, **kwargs: Any) -> Any:
        return await send(_build(builder, args, kwargs))

    return method


def _pages(builder: Callable[..., Pager[Any, Any]], transport: Sender) -> Callable[..., Any]:
    def method(*args: Any, **kwargs: Any) -> Iterator[APIResponse[Any]]:
        return _iter_pages(_build(builder, args, kwargs), transport)  # arguments checked here

    return method


def _iter_pages(pager: Pager[Any, Any], transport: Sender) -> Iterator[APIResponse[Any]]:
    while (call := pager.next_call()) is not None:
        yield pager.take_response(transport.send(call))


def _items(builder: Callable[..., Pager[Any, Any]], transport: Sender) -> Callable[..., Any]:
    def method(*args: Any, **kwargs: Any) -> Iterator[Any]:
        pages = _iter_pages(_build(builder, args, kwargs), transport)
        return (item for response in pages for item in response.data.items)

    return method


def _async_pages(
    builder: Callable[..., Pager[Any, Any]], transport: AsyncSender
) -> Callable[..., Any]:
    def method(*args: Any, **kwargs: Any) -> AsyncIterator[APIResponse[Any]]:
        return _aiter_pages(_build(builder, args, kwargs), transport)

    return method


async def _aiter_pages(
    pager: Pager[Any, Any], transport: AsyncSender
) -> AsyncIterator[APIResponse[Any]]:
    while (call := pager.next_call()) is not None:
        yield pager.take_response(await transport.send(call))


def _async_items(
    builder: Callable[..., Pager[Any, Any]], transport: AsyncSender
) -> Callable[..., Any]:
    def method(*args: Any, **kwargs: Any) -> AsyncIterator[Any]:
        return _aiter_items(_aiter_pages(_build(builder, args, kwargs), transport))

    return method


async def _aiter_items(pages: AsyncIterator[APIResponse[Any]]) -> AsyncIterator[Any]:
    async for response in pages:
        for item in response.data.items:
            yield item


def _batched(builder: Callable[..., Batched[Any, Any]], transport: Sender) -> Callable[..., Any]:
    def method(*args: Any, **kwargs: Any) -> APIResponse[Any]:
        batched = _build(builder, args, kwargs)
        for call in batched.calls:
            batched.take(transport.send(call))
        return batched.finish()

    return method


def _batched_data(
    builder: Callable[..., Batched[Any, Any]], transport: Sender
) -> Callable[..., Any]:
    send_all = _batched(builder, transport)
    return lambda *args, **kwargs: send_all(*args, **kwargs).data


def _async_batched(
    builder: Callable[..., Batched[Any, Any]], transport: AsyncSender
) -> Callable[..., Any]:
    async def method(*args: Any, **kwargs: Any) -> APIResponse[Any]:
        batched = _build(builder, args, kwargs)
        for call in batched.calls:
            batched.take(await transport.send(call))
        return batched.finish()

    return method


def _async_batched_data(
    builder: Callable[..., Batched[Any, Any]], transport: AsyncSender
) -> Callable[..., Any]:
    send_all = _async_batched(builder, transport)

    async def method(*args: Any, **kwargs: Any) -> Any:
        return (await send_all(*args, **kwargs)).data

    return method


_MAKERS: dict[str, Callable[[Any, Any], Callable[..., Any]]] = {
    "data": _data,
    "response": _response,
    "async data": _async_data,
    "async response": _async_response,
    "items": _items,
    "pages": _pages,
    "async items": _async_items,
    "async pages": _async_pages,
    "batched data": _batched_data,
    "batched response": _batched,
    "async batched data": _async_batched_data,
    "async batched response": _async_batched,
}


def returns_data(builder: Callable[P, ApiCall[T]]) -> _Method[P, T]:
    """The plain sync method: sends the call, returns the typed result."""
    return _Method(builder, "data")


def returns_response(builder: Callable[P, ApiCall[T]]) -> _Method[P, APIResponse[T]]:
    """The sync `with_response` method: returns `APIResponse[T]`."""
    return _Method(builder, "response")


def awaits_data(builder: Callable[P, ApiCall[T]]) -> _Method[P, Coroutine[Any, Any, T]]:
    """The async method: awaits the call, returns the typed result."""
    return _Method(builder, "async data")


def awaits_response(
    builder: Callable[P, ApiCall[T]],
) -> _Method[P, Coroutine[Any, Any, APIResponse[T]]]:
    """The async `with_response` method: returns `APIResponse[T]`."""
    return _Method(builder, "async response")


def iterates_items(builder: Callable[P, Pager[PageT, Item]]) -> _Method[P, Iterator[Item]]:
    """The sync `iter_*` method: yields items, one page in memory at a time."""
    return _Method(builder, "items")


def iterates_pages(
    builder: Callable[P, Pager[PageT, Item]],
) -> _Method[P, Iterator[APIResponse[PageT]]]:
    """The sync `with_response.iter_*` method: yields each page's `APIResponse`."""
    return _Method(builder, "pages")


def async_iterates_items(
    builder: Callable[P, Pager[PageT, Item]],
) -> _Method[P, AsyncIterator[Item]]:
    """The async `iter_*` method: `async for` over items."""
    return _Method(builder, "async items")


def async_iterates_pages(
    builder: Callable[P, Pager[PageT, Item]],
) -> _Method[P, AsyncIterator[APIResponse[PageT]]]:
    """The async `with_response.iter_*` method: `async for` over each page's response."""
    return _Method(builder, "async pages")


def sends_batches(builder: Callable[P, Batched[T, R]]) -> _Method[P, R]:
    """The sync method of a batched operation: every batch sent, the merged result."""
    return _Method(builder, "batched data")


def sends_batches_with_response(
    builder: Callable[P, Batched[T, R]],
) -> _Method[P, APIResponse[R]]:
    """Its `with_response` twin: the merged result in the last batch's `APIResponse`."""
    return _Method(builder, "batched response")


def awaits_batches(builder: Callable[P, Batched[T, R]]) -> _Method[P, Coroutine[Any, Any, R]]:
    """The async method of a batched operation."""
    return _Method(builder, "async batched data")


def awaits_batches_with_response(
    builder: Callable[P, Batched[T, R]],
) -> _Method[P, Coroutine[Any, Any, APIResponse[R]]]:
    """Its async `with_response` twin."""
    return _Method(builder, "async batched response")
