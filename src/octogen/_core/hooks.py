"""What hooks receive: `RequestContext` before each attempt, `RetryContext` before each
retry's sleep (and the final `APIResponse` after success). Headers are redacted."""

from __future__ import annotations

import attrs

from .._field_methods import FieldMethods
from .._models import reads_as_octogen


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RequestContext(FieldMethods):
    """One attempt about to be sent (`on_request`).

    Attributes:
        operation: The contract's operation name (`searchProducts`, …).
        method / path: The HTTP method and the path under the base URL.
        base_url: The base URL this attempt goes to.
        attempt: 1 for the first attempt, 2 for the first retry, …
        request_id: The call's `X-Request-ID` (the same on every attempt).
        headers: The request headers, with the API key redacted.
        elapsed: Seconds since the call started.
    """

    operation: str
    method: str
    path: str
    base_url: str
    attempt: int
    request_id: str
    headers: dict[str, str]
    elapsed: float


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RetryContext(RequestContext):
    """A failed attempt that will be retried after `delay` seconds (`on_retry`): the
    failed attempt's `RequestContext` fields, and

    Attributes:
        error: The error of the failed attempt.
        delay: Seconds the client will wait before the next attempt.
        server_wait: Seconds the API asked for (`Retry-After`, or until the rate-limit
            bucket resets), or None.
    """

    error: BaseException
    delay: float
    server_wait: float | None


reads_as_octogen(RequestContext, RetryContext)
