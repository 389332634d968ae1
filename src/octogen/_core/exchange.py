"""One exchange: `ApiCall` + base URL → `httpx.Request`; `httpx.Response` → `APIResponse[T]`
or a typed error; httpx exceptions → `OctogenConnectionError`/`OctogenTimeoutError`.

Knows HTTP but does no I/O: the transports call it on both sides of `send`.
"""

from __future__ import annotations

import functools
import os
import time
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

import httpx

from .. import _wire
from .._config import ClientConfig
from .._errors import (
    OctogenAPIError,
    OctogenConnectionError,
    OctogenError,
    OctogenRateLimitError,
    OctogenResponseError,
    OctogenTimeoutError,
    error_class_for_status,
)
from .._headers import RateLimit, parse_rate_limit, parse_retry_after, redact_text
from .._response import APIResponse
from .._types import JSONValue
from .._version import __version__
from .calls import ApiCall
from .hooks import RequestContext

T = TypeVar("T")

# A response body larger than this is refused rather than held in memory: the largest
# legitimate answer (100 full products) is a few MiB.
MAX_RESPONSE_BYTES = 32 * 1024 * 1024

SDK_USER_AGENT = f"octogen-python/{__version__} httpx/{httpx.__version__}"


class ResponseTooLargeError(Exception):
    """Raised by the transports' body readers past `MAX_RESPONSE_BYTES` (internal)."""


class CallState(Generic[T]):
    """One logical call in flight, across its attempts: what the transports, the retry
    policy and the hooks need to know about it. (A plain class: one is made per call.)

    Attributes:
        call: What is being sent.
        request_id: The `X-Request-ID` of every attempt of this call.
        started: `time.monotonic()` when the call began.
        attempts: Attempts made so far (the current one included).
        base_url: The base URL of the current attempt.
    """

    __slots__ = ("attempts", "base_url", "call", "request_id", "started")

    def __init__(self, call: ApiCall[T], request_id: str) -> None:
        self.call = call
        self.request_id = request_id
        self.started = time.monotonic()
        self.attempts = 0
        self.base_url = ""

    def __repr__(self) -> str:
        return (
            f"CallState({self.call.name}, request_id={self.request_id!r}, "
            f"attempts={self.attempts}, base_url={self.base_url!r})"
        )

    @property
    def elapsed(self) -> float:
        """Seconds since the call began."""
        return time.monotonic() - self.started

    def context(self, headers: dict[str, str]) -> RequestContext:
        """The hooks' view of the current attempt; `headers` already redacted."""
        return RequestContext(
            operation=self.call.name,
            method=self.call.method,
            path=self.call.path,
            base_url=self.base_url,
            attempt=self.attempts,
            request_id=self.request_id,
            headers={**headers, "X-Request-ID": self.request_id},
            elapsed=self.elapsed,
        )


def build_static_headers(config: ClientConfig, api_key: str) -> dict[str, str]:
    """The headers every request of a client carries."""
    user_agent = (
        SDK_USER_AGENT if config.user_agent is None else (f"{config.user_agent} {SDK_USER_AGENT}")
    )
    headers = {
        "Authorization": f"Bearer {api_key}",
        "Accept": "application/json",
        "User-Agent": user_agent,
    }
    if not config.keep_alive:
        headers["Connection"] = "close"
    headers.update(config.default_headers)
    return headers


def caller_request_id(headers: dict[str, str]) -> str | None:
    """The `X-Request-ID` the caller set in `default_headers`, if any."""
    for name, value in headers.items():
        if name.lower() == "x-request-id":
            return value
    return None


def new_request_id() -> str:
    """A fresh `X-Request-ID` for one logical call: 32 random hex digits."""
    return os.urandom(16).hex()


@functools.lru_cache(maxsize=256)
def endpoint_url(base_url: str, path: str) -> httpx.URL:
    """The parsed URL of an endpoint (cached: httpx would parse the string per request)."""
    return httpx.URL(base_url + path)


def build_request(
    http: httpx.Client | httpx.AsyncClient,
    state: CallState[Any],
    headers: dict[str, str],
    timeout: httpx.Timeout,
) -> httpx.Request:
    """The `httpx.Request` for the current attempt of `state` against its base URL.

    `headers` are those the http client does not already send by default.
    """
    call = state.call
    request_headers = {**headers, "X-Request-ID": state.request_id}
    content = None
    if call.body is not None:
        content = _wire.dumps(call.body)
        request_headers["Content-Type"] = "application/json"
    return http.build_request(
        call.method,
        endpoint_url(state.base_url, call.path),
        params=call.query,
        content=content,
        headers=request_headers,
        timeout=timeout,
    )


class DirectRequests:
    """Builds requests for the SDK's own pool, to hand to its httpx transport directly.

    `httpx.Client.build_request` and `send` merge the client's URL, headers and cookies
    into each request and run its auth and event hooks: more time than the rest of an
    in-process call. The SDK's own client has none of those to run, so its default
    headers are merged with the transport's once per base URL here, and each request
    only adds its own (`X-Request-ID`, the body's type and length), as httpx would.
    """

    def __init__(self, client_headers: httpx.Headers, headers: dict[str, str]) -> None:
        merged = httpx.Headers(client_headers)
        merged.update(headers)
        self._merged = merged
        self._by_base_url: dict[tuple[str, bool], httpx.Headers] = {}

    def headers_for(self, base_url: str, json_body: bool) -> httpx.Headers:
        """Every header a request to `base_url` starts with, `Host` first (as httpx), in
        httpx's order: `X-Request-ID` (its value set per request), then the `Content-Type`
        of a JSON body when it has one."""
        try:
            return self._by_base_url[base_url, json_body]
        except KeyError:
            host = endpoint_url(base_url, "").netloc
            headers = httpx.Headers([(b"Host", host), *self._merged.raw])
            if "X-Request-ID" not in headers:
                headers["X-Request-ID"] = ""
            if json_body:
                headers["Content-Type"] = "application/json"
            self._by_base_url[base_url, json_body] = headers
            return headers

    def build(self, state: CallState[Any], timeout: dict[str, float | None]) -> httpx.Request:
        """The request for the current attempt of `state`; `timeout` is
        `httpx.Timeout.as_dict()` of the attempt's timeouts."""
        call = state.call
        url = endpoint_url(state.base_url, call.path)
        if call.query:
            url = url.copy_merge_params(call.query)
        headers = self.headers_for(state.base_url, call.body is not None).copy()
        headers["X-Request-ID"] = state.request_id
        content = b""
        if call.body is not None:
            content = _wire.dumps(call.body)
            headers["Content-Length"] = str(len(content))
        elif call.method in _METHODS_WITH_BODY:
            headers["Content-Length"] = "0"
        request = httpx.Request(
            call.method,
            url,
            headers=headers,
            stream=httpx.ByteStream(content),
            extensions={"timeout": timeout},
        )
        request.read()  # as httpx does for a body given as bytes: `request.content` works
        return request


_METHODS_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


# The response headers the SDK reads, gathered in one pass over the raw list.
_HEADERS_READ = frozenset(
    {b"content-length", b"retry-after", b"x-request-id"}
    | {b"x-ratelimit-limit", b"x-ratelimit-remaining", b"x-ratelimit-reset"}
)


def read_headers(response: httpx.Response) -> dict[str, str]:
    """The response headers the SDK uses (lowercase names), read once."""
    found: dict[str, str] = {}
    for name, value in response.headers.raw:
        lowered = name.lower()
        if lowered in _HEADERS_READ:
            found[lowered.decode()] = value.decode("latin-1")
    return found


def read_rate_limit(headers: dict[str, str]) -> RateLimit | None:
    """The `RateLimit` of a response, from `read_headers`' result."""
    if "x-ratelimit-limit" not in headers:
        return None
    return parse_rate_limit(headers)


def read_response(
    state: CallState[T],
    response: httpx.Response,
    body: bytes,
    headers: dict[str, str],
    rate_limit: RateLimit | None,
    api_key: str,
) -> APIResponse[T]:
    """The typed result of a 2xx response; raises the matching `Octogen*Error` otherwise.

    `headers` is `read_headers(response)`; `rate_limit` is `read_rate_limit(headers)`.
    """
    call = state.call
    request_id = headers.get("x-request-id") or state.request_id
    status = response.status_code
    if not 200 <= status < 300:
        result = _read_result_status(call, status, body)
        if result is not None:
            return _api_response(state, response, result, request_id, rate_limit)
        retry_after = parse_retry_after(headers.get("retry-after"))
        raise build_api_error(call, response, body, request_id, rate_limit, retry_after, api_key)
    try:
        data = call.parse(_wire.loads(body))
    except OctogenResponseError as exc:
        raise OctogenResponseError(
            f"{call.method} {call.path}: {exc} (request id {request_id})",
            path=exc.path,
            status_code=status,
            request_id=request_id,
            response=response,
        ) from None
    return _api_response(state, response, data, request_id, rate_limit)


def _api_response(
    state: CallState[T],
    response: httpx.Response,
    data: T,
    request_id: str,
    rate_limit: RateLimit | None,
) -> APIResponse[T]:
    return APIResponse(
        data=data,
        status_code=response.status_code,
        headers=response.headers,
        request_id=request_id,
        rate_limit=rate_limit,
        elapsed=state.elapsed,
        attempts=state.attempts,
        base_url=state.base_url,
        http_response=response,
    )


def _read_result_status(call: ApiCall[T], status: int, body: bytes) -> T | None:
    """The result read from an error status the operation declares as a result
    (`Operation.result_statuses`: refresh's 400 when nothing was accepted), or None when
    the status is not one of them or its body is not that result (an error body)."""
    if status not in call.operation.result_statuses:
        return None
    try:
        decoded = _wire.loads(body)
        if not isinstance(decoded, dict) or "detail" in decoded:
            return None
        return call.parse(decoded)
    except OctogenResponseError:
        return None


def build_api_error(
    call: ApiCall[T],
    response: httpx.Response,
    body: bytes,
    request_id: str | None,
    rate_limit: RateLimit | None,
    retry_after: float | None,
    api_key: str,
) -> OctogenAPIError:
    """The `OctogenAPIError` subclass for a non-2xx response, JSON body or not."""
    # A proxy or debug page might echo the request's headers: never carry the key on.
    text = redact_text(body.decode("utf-8", errors="replace"), api_key)
    parsed: JSONValue
    try:
        parsed = _wire.loads(text)
    except OctogenResponseError:  # an HTML 502 page from a proxy, a truncated body, …
        detail: JSONValue = text
        parsed = text
    else:
        detail = parsed.get("detail", parsed) if isinstance(parsed, dict) else parsed
    status = response.status_code
    error_class = error_class_for_status(status)
    waiting: dict[str, Any] = {}
    if issubclass(error_class, OctogenRateLimitError):
        # The wait is read once, here: `Retry-After`, else (an empty bucket) the time
        # until `X-RateLimit-Reset`.
        if retry_after is None and rate_limit is not None and rate_limit.remaining == 0:
            retry_after = rate_limit.seconds_until_reset(datetime.now(UTC))
        waiting = {"retry_after": retry_after, "rate_limit": rate_limit}
    return error_class(
        status_code=status,
        detail=detail,
        request_id=request_id,
        response=response,
        body=parsed,
        hint=call.operation.error_hints.get(status),
        **waiting,
    )


def translate_transport_error(
    exc: Exception,
    request: httpx.Request,
    request_id: str,
    config: ClientConfig,
    *,
    cut_by_call_timeout: bool = False,
) -> OctogenError:
    """The SDK error for an exception raised while sending or reading (httpx's or ours).

    `cut_by_call_timeout`: the attempt's timeouts were shortened to what `call_timeout`
    left, so a timeout is reported as `call_timeout` running out.
    """
    where = f"{request.method} {request.url}"
    if isinstance(exc, ResponseTooLargeError):
        return OctogenResponseError(
            f"{where}: response body exceeds {MAX_RESPONSE_BYTES // (1024 * 1024)} MiB; "
            f"refusing to read it (request id {request_id})",
            request_id=request_id,
        )
    if isinstance(exc, httpx.PoolTimeout):
        return OctogenTimeoutError(
            f"{where}: no free connection within pool_timeout={config.pool_timeout:g} s "
            f"(max_connections={config.max_connections}, pool_size={config.pool_size}); "
            "the pool is exhausted by other calls in flight",
            method=request.method,
            url=str(request.url),
            request_id=request_id,
            request_sent=False,
            pool_exhausted=True,
        )
    if isinstance(exc, httpx.TimeoutException):
        kind, seconds = _timeout_kind(exc, config)
        message = f"{kind} timed out after {seconds:g} s"
        if cut_by_call_timeout:
            phase = kind.split(" (")[0]
            message = f"timed out {phase}: call_timeout={config.call_timeout:g} s ran out"
        return OctogenTimeoutError(
            f"{where}: {message} (request id {request_id})",
            method=request.method,
            url=str(request.url),
            request_id=request_id,
            request_sent=not isinstance(exc, httpx.ConnectTimeout),
        )
    if isinstance(exc, httpx.DecodingError):
        return OctogenResponseError(
            f"{where}: response body could not be decoded ({exc}) (request id {request_id})",
            request_id=request_id,
        )
    reason = str(exc) or type(exc).__name__
    return OctogenConnectionError(
        f"{where}: {type(exc).__name__}: {reason} (request id {request_id})",
        method=request.method,
        url=str(request.url),
        request_id=request_id,
        # Refused or unresolvable: nothing left this machine. A reset, a broken or
        # half-read answer may come after the server has acted on the request.
        request_sent=not isinstance(exc, httpx.ConnectError),
    )


def _timeout_kind(exc: httpx.TimeoutException, config: ClientConfig) -> tuple[str, float]:
    if isinstance(exc, httpx.ConnectTimeout):
        return "connecting (open_timeout)", config.open_timeout
    if isinstance(exc, httpx.WriteTimeout):
        return "sending the request (write_timeout)", config.write_timeout
    return "waiting for the response (read_timeout)", config.read_timeout


def with_read_floor(timeout: httpx.Timeout, floor: float | None) -> httpx.Timeout:
    """`timeout` with a read timeout of at least `floor` (image sources take seconds)."""
    if floor is None or (timeout.read is not None and timeout.read >= floor):
        return timeout
    return httpx.Timeout(
        connect=timeout.connect, read=floor, write=timeout.write, pool=timeout.pool
    )


def timeout_within(timeout: httpx.Timeout, seconds: float) -> httpx.Timeout:
    """`timeout` with no phase longer than `seconds` (what `call_timeout` leaves)."""

    def shorter(phase: float | None) -> float:
        return seconds if phase is None else min(phase, seconds)

    return httpx.Timeout(
        connect=shorter(timeout.connect),
        read=shorter(timeout.read),
        write=shorter(timeout.write),
        pool=shorter(timeout.pool),
    )


def paced_past_deadline(wait: float, call_timeout: float) -> OctogenTimeoutError:
    """The error when pacing would hold a request past `call_timeout`."""
    return OctogenTimeoutError(
        f"the rate-limit bucket is empty for another {wait:.1f} s, beyond what "
        f"call_timeout={call_timeout:g} s leaves; not waiting (pace=True)"
    )


def was_cut_short(request: httpx.Request, configured: httpx.Timeout) -> bool:
    """True when the attempt's timeouts (in `request.extensions`) are shorter than the
    configured ones: `call_timeout` was about to run out."""
    used = request.extensions.get("timeout", {})
    for phase in ("connect", "read", "write"):
        limit = getattr(configured, phase)
        value = used.get(phase)
        if value is not None and (limit is None or value < limit):
            return True
    return False


def paced_past_max_retry_after(wait: float, max_retry_after: float) -> OctogenRateLimitError:
    """The error when pacing would hold a request longer than `max_retry_after`."""
    return OctogenRateLimitError(
        status_code=429,
        detail="rate_limit_exceeded",
        hint=(
            f"the rate-limit bucket is empty for another {wait:.1f} s, more than "
            f"max_retry_after={max_retry_after:g} s; not waiting (pace=True)"
        ),
        retry_after=wait,
    )


def naming_every_url(error: OctogenConnectionError, tried: list[str]) -> OctogenConnectionError:
    """`error`, or when an attempt tried several base URLs, the same error naming all."""
    if len(tried) < 2:
        return error
    combined = type(error)(
        f"no base URL could be reached ({', '.join(tried)}); the last: {error}",
        method=error.method,
        url=error.url,
        request_id=error.request_id,
        request_sent=error.request_sent,
        pool_exhausted=error.pool_exhausted,
    )
    return combined


def plain_http_urls(urls: tuple[str, ...]) -> list[str]:
    """The base URLs that would send the key unencrypted to another machine."""
    plain = []
    for url in urls:
        parsed = httpx.URL(url)
        host = parsed.host
        loopback = host in ("localhost", "::1") or host.startswith("127.")
        if parsed.scheme == "http" and not loopback:
            plain.append(url)
    return plain
