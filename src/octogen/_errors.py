"""Every exception the SDK raises, and the table from HTTP status to error class.

```
OctogenError
├── MissingAPIKeyError
├── ConfigurationError            (also ValueError)
├── InvalidRequestError           (also ValueError)
├── OctogenConnectionError        network: refused, reset, DNS, protocol
│   └── OctogenTimeoutError       connect/read/write/pool timeout
├── OctogenResponseError          2xx body that cannot be read
└── OctogenAPIError               non-2xx: .status_code .detail .code .request_id .response .body
    ├── OctogenBadRequestError        400
    ├── OctogenAuthenticationError    401
    ├── OctogenForbiddenError         403
    ├── OctogenNotFoundError          404, 410
    ├── OctogenConflictError          409
    ├── OctogenPayloadTooLargeError   413
    ├── OctogenValidationError        422  (+ .errors: list of {loc, msg, type})
    ├── OctogenRateLimitError         429  (+ .retry_after seconds, .rate_limit)
    └── OctogenServerError            5xx
```

No httpx, json or KeyError exception escapes a public call: the transport and the
wire layer translate them into these classes (with `raise ... from`).
"""

from __future__ import annotations

import contextlib
import http
from typing import TYPE_CHECKING, Any

from ._error_text import describe_detail, one_line_preview
from ._types import JSONValue

if TYPE_CHECKING:
    import httpx

    from ._headers import RateLimit


class OctogenError(Exception):
    """Base class of every error raised by `octogen`.

    Every error pickles and unpickles with its attributes (for `multiprocessing`,
    `ProcessPoolExecutor`, Celery result backends). A pickled `.response` is a copy whose
    request carries no credentials: the API key is never in the pickle.
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # The default pickles `self.args` and calls `cls(*args)` to unpickle, which the
        # keyword-only constructors refuse; and it would carry `.response.request`'s
        # Authorization header along.
        state = {
            name: _response_without_credentials(value) if name == "response" else value
            for name, value in self.__dict__.items()
        }
        return (_unpickle_error, (type(self), self.args), state)


def _unpickle_error(cls: type[OctogenError], args: tuple[object, ...]) -> OctogenError:
    """An error of class `cls` with `args`, its constructor skipped (`__setstate__` then
    restores the attributes)."""
    error = cls.__new__(cls, *args)
    error.args = args
    return error


def _response_without_credentials(response: object) -> object:
    """A copy of an `httpx.Response` safe to pickle: the request's sensitive headers and
    any occurrence of the key in headers or bodies replaced by `[redacted]`."""
    import httpx

    from ._headers import REDACTED, is_sensitive_header

    if not isinstance(response, httpx.Response):
        return response
    try:
        request: httpx.Request | None = response.request
    except RuntimeError:  # a response built without a request
        request = None
    api_key = None
    if request is not None:
        token = request.headers.get("authorization", "").partition(" ")[2].strip()
        api_key = token or None

    def scrub_headers(headers: httpx.Headers, *, drop: tuple[str, ...] = ()) -> list[Any]:
        kept = []
        for name, value in headers.multi_items():
            if name.lower() in drop:
                continue
            if is_sensitive_header(name) or (api_key and api_key in value):
                value = REDACTED
            kept.append((name, value))
        return kept

    def scrub_body(body: bytes) -> bytes:
        return body.replace(api_key.encode(), REDACTED.encode()) if api_key else body

    copied_request = None
    if request is not None:
        try:
            request_body = request.content
        except httpx.RequestNotRead:
            request_body = b""
        copied_request = httpx.Request(
            request.method,
            request.url,
            headers=scrub_headers(request.headers),
            content=scrub_body(request_body),
        )
    try:
        body = response.content
    except httpx.ResponseNotRead:
        body = b""
    # `content` is decoded already: the copy must not claim an encoding or the old length.
    copy = httpx.Response(
        response.status_code,
        headers=scrub_headers(response.headers, drop=("content-encoding", "content-length")),
        content=scrub_body(body),
        request=copied_request,
    )
    with contextlib.suppress(RuntimeError):  # not closed yet: no elapsed time to copy
        copy.elapsed = response.elapsed
    return copy


class MissingAPIKeyError(OctogenError):
    """No API key was given (argument, config, or the `OCTO_API_KEY` or
    `OCTOGEN_PLATFORM_API_KEY` environment variable)."""


class ConfigurationError(OctogenError, ValueError):
    """A client option or `OCTO_*` environment variable has an invalid value.

    Attributes:
        option: The name of the offending option, when one is to blame.
    """

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class InvalidRequestError(OctogenError, ValueError):
    """An argument to an API method is invalid; raised before anything is sent.

    Attributes:
        argument: The name of the offending argument, as the caller wrote it.
    """

    def __init__(self, message: str, *, argument: str | None = None) -> None:
        super().__init__(message)
        self.argument = argument


class OctogenConnectionError(OctogenError):
    """The API could not be reached, or the connection broke (refused, reset, DNS, protocol).

    Attributes:
        method: HTTP method of the failed request.
        url: URL of the failed request.
        request_id: The `X-Request-ID` the SDK sent, to quote to support.
        request_sent: False when the request certainly never reached the server (the
            connection was refused or timed out, or no pooled connection was free), so
            sending it again cannot repeat it; True when it may have arrived.
        pool_exhausted: True when no connection of the client's own pool became free
            within `pool_timeout` (a local limit: never retried).
    """

    def __init__(
        self,
        message: str,
        *,
        method: str | None = None,
        url: str | None = None,
        request_id: str | None = None,
        request_sent: bool = True,
        pool_exhausted: bool = False,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.url = url
        self.request_id = request_id
        self.request_sent = request_sent
        self.pool_exhausted = pool_exhausted


class OctogenTimeoutError(OctogenConnectionError):
    """A connect, read, write or pool timeout expired."""


class OctogenResponseError(OctogenError):
    """A successful (2xx) response whose body cannot be read as the documented shape.

    Attributes:
        path: Where in the JSON document reading failed, e.g. `$.items[3].brand`
            (None when the body is not JSON at all).
        status_code: HTTP status of the response, when there was one.
        request_id: The response's `X-Request-ID`, when known.
        response: The `httpx.Response`, when there was one.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        status_code: int | None = None,
        request_id: str | None = None,
        response: httpx.Response | None = None,
    ) -> None:
        super().__init__(message)
        self.path = path
        self.status_code = status_code
        self.request_id = request_id
        self.response = response


class OctogenAPIError(OctogenError):
    """The API answered with a non-2xx status.

    Attributes:
        status_code: The HTTP status.
        detail: The body's `detail`: a string such as `"catalog_not_found"`, the list of
            validation errors, or an object (`voyage_quota_exceeded`); the raw text when
            the body is not JSON.
        code: The machine-readable reason to branch on: a string `detail` itself, an
            object detail's `code`, `"validation_error"` for a 422's list, else None.
        request_id: The `X-Request-ID` of the exchange, to quote to support.
        response: The `httpx.Response`.
        body: The decoded JSON body, or the raw text when it is not JSON.
    """

    def __init__(
        self,
        *,
        status_code: int,
        detail: JSONValue,
        request_id: str | None = None,
        response: httpx.Response | None = None,
        body: JSONValue = None,
        hint: str | None = None,
    ) -> None:
        self.status_code = status_code
        self.detail = detail
        self.request_id = request_id
        self.response = response
        self.body = body
        self.hint = hint
        self.code = error_code(status_code, detail, body)
        super().__init__(self._one_line())

    def _one_line(self) -> str:
        try:
            phrase = http.HTTPStatus(self.status_code).phrase
        except ValueError:
            phrase = "HTTP error"
        line = f"{self.status_code} {phrase}: {self._reason()}"
        if self.hint:
            line += f" ({self.hint})"
        if self.request_id:
            line += f" (request id {self.request_id})"
        return line

    def _reason(self) -> str:
        """The code of an object detail (with its message, when it has one), else the
        detail itself."""
        detail = self.detail
        if isinstance(detail, dict) and self.code is not None:
            message = detail.get("message")
            if isinstance(message, str) and message:
                return one_line_preview(f"{self.code}: {message}")
            return self.code
        return describe_detail(detail)


def error_code(status_code: int, detail: JSONValue, body: JSONValue = None) -> str | None:
    """The machine-readable reason of an error response (`OctogenAPIError.code`).

    A body that is not JSON (`body` is its text: a proxy's HTML page) has no code.
    """
    if isinstance(detail, str):
        return detail if detail and not isinstance(body, str) else None
    if isinstance(detail, dict):
        code = detail.get("code")
        return code if isinstance(code, str) and code else None
    if status_code == 422 and isinstance(detail, list):
        return "validation_error"
    return None


class OctogenBadRequestError(OctogenAPIError):
    """400: the request could not be accepted."""


class OctogenAuthenticationError(OctogenAPIError):
    """401: the API key is missing, malformed or revoked."""


class OctogenForbiddenError(OctogenAPIError):
    """403: the key is valid but not allowed to do this (e.g. not granted that catalog)."""


class OctogenNotFoundError(OctogenAPIError):
    """404 (or 410 Gone): `catalog_not_found`, `product_not_found`, or an endpoint retired
    for the key."""


class OctogenConflictError(OctogenAPIError):
    """409: the request conflicts with the current state (`url_list_name_conflict`,
    `url_list_deleting`, `voyage_domain_blocked`, ...); `code` says which."""


class OctogenPayloadTooLargeError(OctogenAPIError):
    """413: the request is too large for the API (`request_body_too_large` for
    `resolve_from_html`, an image over 8 MB for `more_like_this`)."""


class OctogenValidationError(OctogenAPIError):
    """422: the API rejected the request's values.

    Attributes:
        errors: The validation errors as `{"loc", "msg", "type"}` dicts (empty when the
            API gave a string detail such as `"invalid_product_url"`).
    """

    @property
    def errors(self) -> list[dict[str, JSONValue]]:
        """The `detail` list's entries, or an empty list when `detail` is a string."""
        if isinstance(self.detail, list):
            return [entry for entry in self.detail if isinstance(entry, dict)]
        return []


class OctogenRateLimitError(OctogenAPIError):
    """429: the organization's rate limit (or the lookup limiter) refused the request.

    Attributes:
        retry_after: Seconds the API asked to wait (`Retry-After`), or None.
        rate_limit: The `RateLimit` read from the response headers, or None.
    """

    def __init__(
        self,
        *,
        status_code: int,
        detail: JSONValue,
        request_id: str | None = None,
        response: httpx.Response | None = None,
        body: JSONValue = None,
        hint: str | None = None,
        retry_after: float | None = None,
        rate_limit: RateLimit | None = None,
    ) -> None:
        self.retry_after = retry_after
        self.rate_limit = rate_limit
        super().__init__(
            status_code=status_code,
            detail=detail,
            request_id=request_id,
            response=response,
            body=body,
            hint=hint,
        )

    def _one_line(self) -> str:
        line = super()._one_line()
        if self.retry_after is not None:
            line += f"; retry after {self.retry_after:g} s"
        return line


class OctogenServerError(OctogenAPIError):
    """5xx: a fault on the API's side (or a proxy in front of it)."""


ERROR_CLASS_BY_STATUS: dict[int, type[OctogenAPIError]] = {
    400: OctogenBadRequestError,
    401: OctogenAuthenticationError,
    403: OctogenForbiddenError,
    404: OctogenNotFoundError,
    409: OctogenConflictError,
    410: OctogenNotFoundError,  # Gone: retired for good, e.g. catalog listing
    413: OctogenPayloadTooLargeError,
    422: OctogenValidationError,
    429: OctogenRateLimitError,
}


def error_class_for_status(status_code: int) -> type[OctogenAPIError]:
    """The most specific `OctogenAPIError` subclass for an HTTP status."""
    if status_code >= 500:
        return OctogenServerError
    return ERROR_CLASS_BY_STATUS.get(status_code, OctogenAPIError)
