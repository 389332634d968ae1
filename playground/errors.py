"""The error card's contents, read from any exception an SDK call raised."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

import attrs

import octogen

T = TypeVar("T")


@attrs.frozen(kw_only=True)
class ErrorView:
    """What the error card shows (`data-testid="error"`).

    Attributes:
        error_class: `OctogenRateLimitError`, `InvalidRequestError`, …
        message: The error's one-line message.
        status: The HTTP status, for API errors.
        code: The API's `detail` when it is a code such as `rate_limit_exceeded`.
        detail: The full `detail`, as JSON text, when it is not a plain code.
        request_id: The `X-Request-ID` to quote to support.
        retry_after: Seconds a 429 asked to wait.
        argument: The argument an `InvalidRequestError` names (or a bad option).
        raw_body: The response body as received, when there was one.
    """

    error_class: str
    message: str
    status: int | None = None
    code: str | None = None
    detail: str | None = None
    request_id: str | None = None
    retry_after: float | None = None
    argument: str | None = None
    raw_body: str | None = None

    @property
    def is_transient(self) -> bool:
        """Whether the next call would likely fail the same way, after its own retries
        (a rate limit, a server error, a timeout, a dropped connection)."""
        return self.error_class in _TRANSIENT


_TRANSIENT = frozenset(
    {
        "OctogenRateLimitError",
        "OctogenServerError",
        "OctogenTimeoutError",
        "OctogenConnectionError",
    }
)


def unique(errors: list[ErrorView | None]) -> list[ErrorView]:
    """`errors` without Nones and without repeats of the same failure (class, status
    and code): a page that makes several calls shows each kind of failure once."""
    seen: set[tuple[str, int | None, str | None]] = set()
    kept: list[ErrorView] = []
    for error in errors:
        if error is None:
            continue
        key = (error.error_class, error.status, error.code)
        if key not in seen:
            seen.add(key)
            kept.append(error)
    return kept


def _json_text(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)


def error_view(error: BaseException) -> ErrorView:
    """The card for `error` (an `OctogenError`, or anything else an SDK call let out)."""
    status = getattr(error, "status_code", None)
    detail = getattr(error, "detail", None)
    raw_body: str | None = None
    response = getattr(error, "response", None)
    if response is not None:
        try:
            raw_body = response.text
        except Exception:  # a streamed body that was never read
            raw_body = None
    if raw_body is None and getattr(error, "body", None) is not None:
        raw_body = _json_text(error.body)  # type: ignore[attr-defined]
    argument = getattr(error, "argument", None) or getattr(error, "option", None)
    return ErrorView(
        error_class=type(error).__name__,
        message=str(error),
        status=status if isinstance(status, int) else None,
        code=detail if isinstance(detail, str) else None,
        detail=None if detail is None or isinstance(detail, str) else _json_text(detail),
        request_id=getattr(error, "request_id", None),
        retry_after=getattr(error, "retry_after", None),
        argument=argument if isinstance(argument, str) else None,
        raw_body=raw_body,
    )


def invalid(message: str, argument: str) -> octogen.InvalidRequestError:
    """An `InvalidRequestError` for input the playground checks before the SDK sees it."""
    return octogen.InvalidRequestError(message, argument=argument)


def attempt(run: Callable[[], T]) -> tuple[T | None, ErrorView | None]:
    """`run()`'s result and no error, or no result and the error card of the
    `OctogenError` it raised (anything else is a bug and propagates)."""
    try:
        return run(), None
    except octogen.OctogenError as error:
        return None, error_view(error)
