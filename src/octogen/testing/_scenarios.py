"""`Scenario`: the ways a fake can misbehave, and the response each one makes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from .._field_methods import FieldMethods

# Status scenarios and the `detail` each answers with, unless the operation's route names
# its own (`Route.error_details`: a lookup's 504 is `product_lookup_timed_out`).
_STATUS_DETAILS: dict[int, str] = {
    400: "bad_request",
    401: "invalid_api_key",
    403: "forbidden",
    404: "not_found",
    408: "request_timeout",
    409: "conflict",
    413: "request_body_too_large",
    422: "unprocessable_entity",
    429: "rate_limit_exceeded",
    500: "internal_server_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
}

BAD_GATEWAY_PAGE = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)
MALFORMED_JSON = b'{"items": [{"uuid": "prod_1", "productUrl": "https://shop.example'

SCENARIO_NAMES = (
    *(str(status) for status in _STATUS_DETAILS),
    "ok", "slow", "timeout", "network-error", "malformed-json", "truncated-body", "trickle",
)  # fmt: skip


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Scenario(FieldMethods):
    """One way for the fake to answer a request badly.

    Build one by name, `Scenario.parse("503")`, or with the constructors below. The
    names are also what `python -m octogen.testing --scenario` and the CLI accept:

    - `"401"`, `"403"`, `"404"`, `"429"`, `"500"`, `"502"`, `"503"`, `"504"`, ...: that
      status, with the `detail` the API gives it (`"429"` carries `Retry-After`; `"502"`
      is an HTML page from a proxy, as in production).
    - `"ok"`: answer normally; a placeholder in `queue("ok", "ok", "503")` that lets the
      first requests through (the third page of an iteration fails).
    - `"slow"` (`"slow:0.5"`): answer normally after a delay, in seconds.
    - `"timeout"` (`"timeout:30"`): hang past the client's read timeout.
    - `"network-error"`: drop the connection without answering.
    - `"malformed-json"`: a 200 whose body is not valid JSON.
    - `"truncated-body"`: promise a full body, send half, close the connection.
    - `"trickle"` (`"trickle:0.2"`): answer normally, but send the answer (status line,
      headers and body) one byte every so many seconds, each byte well within any read
      timeout: what `call_timeout` exists for. On a socket only; in-process, the body
      arrives a byte at a time.

    `Scenario.raw(status, headers=..., json=...)` answers exactly what you script, any
    status, headers and body (it has no name to parse).
    """

    name: str
    status: int | None = None
    seconds: float = 0.0
    retry_after: int = 1
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""

    @classmethod
    def parse(cls, text: str | Scenario) -> Scenario:
        """The scenario named `text` (`"503"`, `"429:3"`, `"slow:0.2"`, ...).

        Raises:
            ValueError: The name or its parameter is not one of the above.
        """
        if isinstance(text, Scenario):
            return text
        name, _, parameter = str(text).strip().partition(":")
        if name not in SCENARIO_NAMES:
            raise ValueError(
                f"unknown scenario {text!r}; expected one of {', '.join(SCENARIO_NAMES)} "
                "(with an optional ':seconds' for slow, timeout and 429)"
            )
        try:
            value = float(parameter) if parameter else None
        except ValueError:
            raise ValueError(f"scenario {text!r}: {parameter!r} is not a number") from None
        if value is not None and (value < 0 or name not in ("slow", "timeout", "trickle", "429")):
            raise ValueError(f"scenario {text!r}: this parameter is not accepted")
        if name.isdigit():
            status = int(name)
            retry_after = int(value) if value is not None else 1
            return cls(name=name, status=status, retry_after=retry_after)
        default = {"slow": 0.5, "timeout": 30.0, "trickle": 0.2}.get(name, 0.0)
        return cls(name=name, seconds=value if value is not None else default)

    @classmethod
    def status_code(cls, status: int, *, retry_after: int = 1) -> Scenario:
        """Answer with `status` (and `Retry-After: retry_after` on a 429)."""
        if status not in _STATUS_DETAILS:
            raise ValueError(f"no status scenario for {status}; have {sorted(_STATUS_DETAILS)}")
        return cls(name=str(status), status=status, retry_after=retry_after)

    @classmethod
    def raw(
        cls,
        status: int,
        *,
        headers: Mapping[str, str] | Iterable[tuple[str, str]] = (),
        body: bytes | str = b"",
        json: Any = None,
    ) -> Scenario:
        """Answer exactly this: `status`, `headers` and `body` (or `json`, encoded, with
        `Content-Type: application/json` unless `headers` say otherwise).

        The fake adds only `X-Request-ID` (unless `headers` have one) and
        `Content-Length`: no rate-limit headers, no auth, no route check.

        ```python
        fake.queue(Scenario.raw(429, headers={"Retry-After": "0.3"}, json={"detail": "slow down"}))
        ```

        Raises:
            ValueError: `status` is not 200-599, or both `body` and `json` are given.
        """
        if not 200 <= status <= 599:
            raise ValueError(f"a raw answer's status must be 200-599; got {status}")
        pairs = list(headers.items() if isinstance(headers, Mapping) else headers)
        names = {name.lower() for name, _ in pairs}
        if json is not None:
            if body:
                raise ValueError("give a raw answer a body or json, not both")
            body = _json_dumps(json).encode()
            if "content-type" not in names:
                pairs.append(("Content-Type", "application/json"))
        content = body.encode() if isinstance(body, str) else bytes(body)
        return cls(name="raw", status=status, headers=tuple(pairs), body=content)

    @classmethod
    def slow(cls, seconds: float = 0.5) -> Scenario:
        """Answer normally after `seconds`."""
        return cls(name="slow", seconds=seconds)

    @classmethod
    def trickle(cls, seconds_per_byte: float = 0.2) -> Scenario:
        """Answer normally, one byte every `seconds_per_byte` (see the class docstring)."""
        return cls(name="trickle", seconds=seconds_per_byte)

    @classmethod
    def timeout(cls, seconds: float = 30.0) -> Scenario:
        """Say nothing for `seconds` (longer than your read timeout), then hang up."""
        return cls(name="timeout", seconds=seconds)

    @classmethod
    def network_error(cls) -> Scenario:
        """Drop the connection without answering."""
        return cls(name="network-error")

    @classmethod
    def malformed_json(cls) -> Scenario:
        """Answer 200 with a body that is not valid JSON."""
        return cls(name="malformed-json")

    @classmethod
    def truncated_body(cls) -> Scenario:
        """Send the headers of a full body, then half of it, then close."""
        return cls(name="truncated-body")

    @property
    def is_raw(self) -> bool:
        """Whether this is a scripted answer (`Scenario.raw`)."""
        return self.name == "raw"

    @property
    def answers_normally(self) -> bool:
        """Whether the request is still answered as usual (only later, for `slow`)."""
        return self.name in ("ok", "slow", "truncated-body", "trickle")

    def error_body(self, details: Mapping[int, str]) -> tuple[str, bytes]:
        """The content type and body of a status scenario's answer on an operation whose
        own `detail` per status is `details` (the generic one for the others)."""
        assert self.status is not None
        if self.status == 502:  # a proxy in front of the API answers, in HTML
            return "text/html", BAD_GATEWAY_PAGE
        detail = details.get(self.status) or _STATUS_DETAILS[self.status]
        return "application/json", json.dumps({"detail": detail}).encode()


_json_dumps = json.dumps  # `raw` has a parameter named `json`
