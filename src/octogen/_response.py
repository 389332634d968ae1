"""`APIResponse[T]`: a typed result together with the HTTP exchange that produced it."""

from typing import Generic, TypeVar

import attrs
import httpx

from ._field_methods import FieldMethods
from ._headers import RateLimit
from ._models import reads_as_octogen

T = TypeVar("T")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class APIResponse(FieldMethods, Generic[T]):
    """What `client.<resource>.with_response.<method>(...)` returns.

    Attributes:
        data: The typed result, as the plain method would have returned it.
        status_code: The HTTP status of the final attempt.
        headers: The response headers (case-insensitive).
        request_id: `X-Request-ID` of the exchange (the server's, else the one sent).
        rate_limit: The organization's rate limit as the headers described it, or None.
        elapsed: Seconds the whole call took, every attempt and wait included.
        attempts: How many attempts the call made (1 when the first one succeeded).
        base_url: The base URL that answered.
        http_response: The final `httpx.Response` (its body already read).
    """

    data: T
    status_code: int
    headers: httpx.Headers
    request_id: str | None
    rate_limit: RateLimit | None
    elapsed: float
    attempts: int
    base_url: str
    http_response: httpx.Response = attrs.field(repr=False)


reads_as_octogen(APIResponse)
