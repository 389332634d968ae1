"""How an operation is declared: `Operation`, its `Param`s, `Paging` and `RetryClass`,
and the argument checks several operations share.

A declaration says everything the SDK needs to speak one operation: the HTTP method, the
path template and its path parameters, which arguments go to the query string and which
to the JSON body under which wire names (and how each is checked), the success statuses,
how to read the answer, how it pages, and how it may be retried.
`Operation.call(arguments)` turns a method's arguments into a checked `ApiCall`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Generic, Literal, NamedTuple, TypeVar
from urllib.parse import quote

from ... import _wire
from ..._errors import InvalidRequestError
from ..._types import JSONObject, JSONValue
from .. import params
from ..calls import ApiCall
from .retry_class import RetryClass as RetryClass

T = TypeVar("T")

Location = Literal["path", "query", "body"]


Check = Callable[[object, str], JSONValue]


# Declarations are named tuples: immutable values that cost a fraction of an attrs
# class to create, which every start of a process that uses the resource pays.


class Param(NamedTuple):
    """One argument of an operation: where it travels and how it is checked.

    Attributes:
        name: The Python argument, as the user writes it.
        location: `"path"`, `"query"` or `"body"`.
        check: `check(value, name)` returns the wire value (None: leave it out) or
            raises `InvalidRequestError` naming the argument.
        wire: The name on the wire (default: `name`).
    """

    name: str
    location: Location
    check: Check
    wire: str | None = None

    @property
    def wire_name(self) -> str:
        """The key in the body or query string, or the placeholder in the path."""
        return self.wire or self.name


class Paging(NamedTuple):
    """How an operation pages: where the cursor goes and where the next one comes from.

    Attributes:
        cursor_in: `"body"` (search, more-like-this) or `"query"` (voyages, URL lists).
        cursor: The cursor's wire name in requests.
        size: The Python argument that sets the page size (`limit`).
    """

    cursor_in: Literal["body", "query"]
    cursor: str = "cursor"
    size: str = "limit"


class Operation(NamedTuple, Generic[T]):
    """One API operation, as the contract describes it.

    Attributes:
        name: The contract's operationId (`searchProducts`), for logs and hooks.
        method: The HTTP method.
        path: The path template under the base URL, `{placeholders}` for path parameters.
        params: The arguments, in signature order.
        parse: Reads the decoded JSON of a success into the typed result.
        success: The documented success statuses (every 2xx is read as a success).
        retry: How failures may be retried.
        paging: How it pages, or None.
        validate: Cross-argument checks, given the checked values by argument name.
        error_hints: Words added to the error message for some statuses.
        retried_codes: Error codes retried although their status is not (`409
            url_list_migrating`).
        final_codes: Error codes never retried although their status is (`429
            voyage_quota_exceeded`: a quota, not a rate).
        result_statuses: Error statuses whose body is read as the result when it parses
            as one (refresh's `400` when no target was accepted); otherwise the error.
    """

    name: str
    method: str
    path: str
    params: tuple[Param, ...]
    parse: Callable[[JSONValue], T]
    success: frozenset[int] = frozenset({200})
    retry: RetryClass = RetryClass.READ
    paging: Paging | None = None
    validate: Callable[[Mapping[str, JSONValue]], None] | None = None
    error_hints: Mapping[int, str] = MappingProxyType({})
    retried_codes: frozenset[str] = frozenset()
    final_codes: frozenset[str] = frozenset()
    result_statuses: frozenset[int] = frozenset()

    def param(self, name: str) -> Param:
        """The declared argument `name`."""
        for param in self.params:
            if param.name == name:
                return param
        raise KeyError(name)

    def call(self, arguments: Mapping[str, object]) -> ApiCall[T]:
        """The checked `ApiCall` for `arguments` (Python names; unknown ones ignored).

        Raises:
            InvalidRequestError: An argument is invalid (nothing has been sent).
        """
        checked: dict[str, JSONValue] = {
            param.name: param.check(arguments.get(param.name), param.name) for param in self.params
        }
        if self.validate is not None:
            self.validate(checked)
        path = self.path
        query: dict[str, str] = {}
        body: JSONObject = {}
        for param in self.params:
            value = checked[param.name]
            if value is None:
                continue
            if param.location == "path":
                path = path.replace("{" + param.wire_name + "}", quote(str(value), safe=""))
            elif param.location == "query":
                query[param.wire_name] = _query_value(value)
            else:
                body[param.wire_name] = value
        return ApiCall(
            operation=self,
            path=path,
            query=query or None,
            body=body if self.method in _METHODS_WITH_BODY else None,
        )


_METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def _query_value(value: JSONValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# --- checks that several operations share ----------------------------------------------


def reads(model: type[T]) -> Callable[[JSONValue], T]:
    """The `parse` of an operation answering one `model` (read by `_wire.build`)."""

    def parse(data: JSONValue) -> T:
        return _wire.build(model, data)

    return parse


def reads_later(load: Callable[[], type[T]]) -> Callable[[JSONValue], T]:
    """`reads` for a model whose module loads with the operation's first answer rather
    than with its declaration: `load()` imports the model and returns it."""
    loaded: list[type[T]] = []

    def parse(data: JSONValue) -> T:
        if not loaded:
            loaded.append(load())
        return _wire.build(loaded[0], data)

    return parse


def required_path_id(value: object, name: str) -> str:
    """A non-empty id for a path segment (sent percent-encoded as one segment)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a non-empty string; got {value!r}", argument=name
        )
    return value


def optional_text(value: object, name: str) -> str | None:
    """None or a non-empty string (`catalog`, `cursor`)."""
    return params.check_text(value, name)


def page_size(value: object, name: str) -> int:
    """An integer from 1 to 100 (`limit`, `page_size`)."""
    return params.check_page_size(value, name)
