"""The request log in every page's footer, written by the SDK's own hooks.

One row per attempt: `on_request` opens it, and it is closed by `on_response` (the
status), by `on_retry` (the failed attempt's error), by the next `on_request` of the same
call when the SDK fails over to another base URL, or by `RequestLog.fail_open` with the
error the call finally raised. Hooks run on the calling thread (the sync client).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from datetime import UTC, datetime

import attrs

import octogen

MAX_ENTRIES = 100


@attrs.define(kw_only=True)
class LogEntry:
    """One attempt of one SDK call.

    Attributes:
        at: When the attempt started (UTC).
        operation / method / path: What was called (`searchProducts`, `POST`, `/products/search`).
        attempt: 1 for the first attempt, 2 for the first retry, …
        base_url: The base URL the attempt went to.
        request_id: The call's `X-Request-ID`.
        status: The HTTP status answered, when there was one.
        error: The error class of a failed attempt, when it failed.
        note: How the attempt ended when that is not obvious (`failed over`, `retried in 1.0 s`).
        milliseconds: How long the attempt took; None while it runs.
    """

    at: datetime
    operation: str
    method: str
    path: str
    attempt: int
    base_url: str
    request_id: str
    status: int | None = None
    error: str | None = None
    note: str | None = None
    milliseconds: float | None = None
    started: float = attrs.field(factory=time.monotonic, repr=False)

    @property
    def outcome(self) -> str:
        """The status, or the error class, or `…` while the attempt runs."""
        if self.error and self.status:
            return f"{self.status} {self.error}"
        if self.error:
            return self.error
        return str(self.status) if self.status else "…"

    @property
    def ok(self) -> bool:
        """Whether the attempt got a 2xx answer."""
        return self.status is not None and 200 <= self.status < 300 and not self.error

    def close(
        self, *, status: int | None = None, error: str | None = None, note: str | None = None
    ) -> None:
        """Record how the attempt ended."""
        self.status = status
        self.error = error
        self.note = note
        self.milliseconds = (time.monotonic() - self.started) * 1000


class RequestLog:
    """The last `MAX_ENTRIES` attempts of one session, newest first. Thread-safe."""

    def __init__(self, max_entries: int = MAX_ENTRIES) -> None:
        self._entries: deque[LogEntry] = deque(maxlen=max_entries)
        self._open: dict[str, LogEntry] = {}  # request id -> its running attempt
        self._lock = threading.Lock()

    def __iter__(self) -> Iterator[LogEntry]:
        with self._lock:
            return iter(list(reversed(self._entries)))

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        """Forget every entry."""
        with self._lock:
            self._entries.clear()
            self._open.clear()

    # --- the SDK's hooks -----------------------------------------------------------------

    def on_request(self, context: octogen.RequestContext) -> None:
        """An attempt is about to be sent (to another base URL if one is still open)."""
        with self._lock:
            previous = self._open.pop(context.request_id, None)
            if previous is not None and previous.attempt == context.attempt:
                previous.close(
                    error="OctogenConnectionError", note=f"failed over to {context.base_url}"
                )
            entry = LogEntry(
                at=datetime.now(UTC),
                operation=context.operation,
                method=context.method,
                path=context.path,
                attempt=context.attempt,
                base_url=context.base_url,
                request_id=context.request_id,
            )
            self._entries.append(entry)
            self._open[context.request_id] = entry

    def on_retry(self, context: octogen.RetryContext) -> None:
        """An attempt failed and will be retried after `context.delay` seconds."""
        with self._lock:
            entry = self._open.pop(context.request_id, None)
            if entry is not None:
                status = getattr(context.error, "status_code", None)
                entry.close(
                    status=status if isinstance(status, int) else None,
                    error=type(context.error).__name__,
                    note=f"retried in {context.delay:.1f} s",
                )

    def on_response(self, response: octogen.APIResponse[object]) -> None:
        """The call succeeded."""
        with self._lock:
            entry = self._open.pop(response.request_id or "", None)
            if entry is None and self._open:  # the server chose another request id
                entry = self._open.pop(next(reversed(self._open)))
            if entry is not None:
                entry.close(status=response.status_code)

    def fail_open(self, error: BaseException, request_ids: set[str] | None = None) -> None:
        """The call raised `error`: close its still-open attempts with it."""
        with self._lock:
            for request_id in list(self._open):
                if request_ids is not None and request_id not in request_ids:
                    continue
                entry = self._open.pop(request_id)
                status = getattr(error, "status_code", None)
                entry.close(
                    status=status if isinstance(status, int) else None, error=type(error).__name__
                )

    def open_request_ids(self) -> set[str]:
        """The request ids of the attempts still running."""
        with self._lock:
            return set(self._open)

    def hooks(self) -> dict[str, object]:
        """The client options that feed this log."""
        return {
            "on_request": self.on_request,
            "on_retry": self.on_retry,
            "on_response": self.on_response,
        }
