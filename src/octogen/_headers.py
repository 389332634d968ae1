"""HTTP header knowledge: `RateLimit`, Retry-After and X-RateLimit-* parsing, redaction.

Pure functions only: no I/O, no clock reads (callers pass `now`).
"""

import math
from collections.abc import Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import attrs

from ._field_methods import FieldMethods
from ._models import reads_as_octogen

REDACTED = "[redacted]"

_SENSITIVE_HEADERS = frozenset({"authorization", "proxy-authorization", "cookie", "x-api-key"})


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RateLimit(FieldMethods):
    """The organization's rate-limit bucket, as the last response's headers described it.

    Attributes:
        limit: Requests per minute allowed for the organization (`X-RateLimit-Limit`).
        remaining: Requests left in the bucket right now (`X-RateLimit-Remaining`).
        reset_at: When the bucket is full again, timezone-aware (`X-RateLimit-Reset`).
    """

    limit: int
    remaining: int
    reset_at: datetime

    def seconds_until_reset(self, now: datetime | None = None) -> float:
        """Seconds from `now` (default: the current time) until `reset_at`; never negative."""
        current = now if now is not None else datetime.now(UTC)
        return max(0.0, (self.reset_at - current).total_seconds())


reads_as_octogen(RateLimit)


def parse_rate_limit(headers: Mapping[str, str]) -> RateLimit | None:
    """Read the X-RateLimit-* headers; None unless all three are present and numeric."""
    limit = _parse_int(headers.get("x-ratelimit-limit"))
    remaining = _parse_int(headers.get("x-ratelimit-remaining"))
    reset = _parse_finite_float(headers.get("x-ratelimit-reset"))
    if limit is None or remaining is None or reset is None:
        return None
    try:
        reset_at = datetime.fromtimestamp(reset, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return RateLimit(limit=limit, remaining=max(0, remaining), reset_at=reset_at)


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait according to a Retry-After header value.

    Accepts integer or decimal seconds and HTTP-dates. Negative values and dates in
    the past mean 0. Anything unreadable (or absent) gives None: the header is ignored.
    """
    if value is None:
        return None
    text = value.strip()
    seconds = _parse_finite_float(text)
    if seconds is not None:
        return max(0.0, seconds)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())


def is_sensitive_header(name: str) -> bool:
    """True for headers that carry credentials (Authorization, Cookie, X-API-Key, ...)."""
    return name.lower() in _SENSITIVE_HEADERS


def redact_api_key(api_key: str | None) -> str:
    """Show an API key as at most its prefix and last four characters: `octo_live_…abcd`."""
    if not api_key:
        return "None"
    prefix = ""
    parts = api_key.split("_")
    if len(parts) >= 3 and parts[0] == "octo" and len(parts[1]) <= 8:
        prefix = f"{parts[0]}_{parts[1]}_"
    tail = api_key[-4:] if len(api_key) >= 20 else ""
    return f"{prefix}…{tail}"


def redact_headers(headers: Mapping[str, str], api_key: str | None = None) -> dict[str, str]:
    """A copy of `headers` safe to log: credentials replaced by a redacted form."""
    redacted: dict[str, str] = {}
    for name, value in headers.items():
        if name.lower() in _SENSITIVE_HEADERS:
            scheme, _, token = value.partition(" ")
            if name.lower() == "authorization" and token:
                redacted[name] = f"{scheme} {redact_api_key(token)}"
            else:
                redacted[name] = REDACTED
        else:
            redacted[name] = redact_text(value, api_key)
    return redacted


def redact_text(text: str, api_key: str | None) -> str:
    """`text` with every occurrence of `api_key` replaced by its redacted form."""
    if api_key and api_key in text:
        return text.replace(api_key, redact_api_key(api_key))
    return text


def _parse_int(value: str | None) -> int | None:
    number = _parse_finite_float(value)
    if number is None:
        return None
    return int(number)


def _parse_finite_float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    return number if math.isfinite(number) else None
