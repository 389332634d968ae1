"""The checks behind `ClientConfig`'s fields: each raises `ConfigurationError` naming the
option, never echoing a secret; and the reprs that hide the key and header values."""

from __future__ import annotations

import logging
import math
import os
import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import urlsplit

import attrs
import httpx

from ._errors import ConfigurationError
from ._headers import redact_api_key, redact_headers

# --- validators: each raises ConfigurationError naming the option -----------------------


def invalid(option: str, message: str) -> ConfigurationError:
    return ConfigurationError(message, option=option)


def check_api_key(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None or value == "":
        return
    if not isinstance(value, str):
        raise invalid("api_key", f"`api_key` must be a string; got {type(value).__name__}")
    if any(char.isspace() or not char.isprintable() for char in value):
        raise invalid(
            "api_key",
            "`api_key` contains whitespace or control characters "
            "(a trailing newline from a file or a secret store?)",
        )
    if not value.isascii():
        # Never echo the key: name the option and what is wrong with it.
        raise invalid(
            "api_key",
            "`api_key` contains a non-ASCII character (a smart quote, an ellipsis or a "
            "look-alike letter pasted from a document?); keys are plain ASCII",
        )


def check_url(name: str, value: object) -> str:
    if not isinstance(value, str) or not value:
        raise invalid(name, f"`{name}` must be a non-empty URL string; got {value!r}")
    parts = urlsplit(value)
    if parts.username is not None or parts.password is not None:
        # Not echoed: the URL holds a credential.
        raise invalid(
            name,
            f"`{name}` must not hold credentials (`user:password@`); the API key goes in `api_key`",
        )
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise invalid(name, f"`{name}` must be an http(s) URL with a host; got {value!r}")
    if parts.query or parts.fragment:
        raise invalid(
            name,
            f"`{name}` must not have a query or fragment (paths are added to it); got {value!r}",
        )
    return value.rstrip("/")


def normalize_base_url(value: object) -> str:
    return check_url("base_url", value)


def normalize_base_urls(value: object) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise invalid("base_urls", f"`base_urls` must be a list of URLs; got {value!r}")
    urls = tuple(check_url("base_urls", url) for url in value)
    if not urls:
        raise invalid("base_urls", "`base_urls` must hold at least one URL; got an empty list")
    if len(set(urls)) != len(urls):
        raise invalid("base_urls", f"`base_urls` lists a URL twice; got {list(value)!r}")
    return urls


def positive_int(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise invalid(
            attribute.name, f"`{attribute.name}` must be a positive integer; got {value!r}"
        )


def non_negative_int(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise invalid(attribute.name, f"`{attribute.name}` must be an integer >= 0; got {value!r}")


def seconds(*, allow_zero: bool = True, allow_none: bool = False) -> Any:
    def check(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None and allow_none:
            return
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
            or (value == 0 and not allow_zero)
        ):
            bound = ">= 0" if allow_zero else "> 0"
            raise invalid(
                attribute.name,
                f"`{attribute.name}` must be a number of seconds {bound}; got {value!r}",
            )

    return check


def boolean(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, bool):
        raise invalid(attribute.name, f"`{attribute.name}` must be True or False; got {value!r}")


def optional_callable(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not callable(value):
        raise invalid(attribute.name, f"`{attribute.name}` must be callable; got {value!r}")


def check_ssl_verify(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if isinstance(value, bool):
        return
    if not isinstance(value, str) or not os.path.exists(value):
        raise invalid(
            "ssl_verify",
            f"`ssl_verify` must be True, False, or the path of a CA bundle; got {value!r}",
        )


def check_logger(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, logging.Logger | str) or value == "":
        raise invalid("logger", f"`logger` must be a logging.Logger or a name; got {value!r}")


def check_user_agent(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not is_header_value(value):
        raise invalid(
            "user_agent", f"`user_agent` must be a string of printable ASCII; got {value!r}"
        )


# RFC 9110 `token`: the characters a header name may hold.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")


def is_header_value(text: str) -> bool:
    """Printable ASCII (spaces and tabs included): what httpx can encode, with no CR, LF
    or NUL that would split or end the header."""
    return text.isascii() and all(char == "\t" or char.isprintable() for char in text)


def normalize_headers(value: object) -> dict[str, str]:
    if not isinstance(value, Mapping):
        raise invalid(
            "default_headers", f"`default_headers` must be a mapping; got {type(value).__name__}"
        )
    headers: dict[str, str] = {}
    for name, header_value in value.items():
        if not isinstance(name, str) or not isinstance(header_value, str):
            # The value is not shown: it may be a credential (X-API-Key, a cookie).
            raise invalid(
                "default_headers",
                f"`default_headers` must map strings to strings; got {name!r}: "
                f"{type(header_value).__name__}",
            )
        if not _HEADER_NAME.fullmatch(name):
            raise invalid(
                "default_headers",
                f"`default_headers`: {name!r} is not a valid header name (letters, digits "
                "and !#$%&'*+-.^_`|~ only)",
            )
        if not is_header_value(header_value):
            raise invalid(
                "default_headers",
                f"`default_headers`: the value of {name!r} must be printable ASCII, without "
                "CR, LF or NUL",
            )
        if name.lower() == "authorization":
            raise invalid(
                "default_headers",
                "`default_headers` must not set Authorization; pass `api_key` instead",
            )
        headers[name] = header_value
    return headers


def check_transport(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, httpx.BaseTransport | httpx.AsyncBaseTransport):
        raise invalid("transport", f"`transport` must be an httpx transport; got {value!r}")


def check_http_client(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, httpx.Client | httpx.AsyncClient):
        raise invalid(
            "http_client",
            f"`http_client` must be an httpx.Client or httpx.AsyncClient; got {value!r}",
        )


def rate_limiter(_: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if not callable(getattr(value, "acquire", None)) or not callable(
        getattr(value, "observe", None)
    ):
        raise invalid(
            "rate_limiter",
            f"`rate_limiter` must be a rate limiter such as octogen.RedisRateLimiter "
            f"(with `acquire` and `observe`); got {value!r}",
        )


def repr_api_key(value: str | None) -> str:
    return repr(redact_api_key(value)) if value else "None"


def repr_headers(value: Mapping[str, str]) -> str:
    return repr(redact_headers(value))
