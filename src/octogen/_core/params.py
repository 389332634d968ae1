"""Argument checks: each returns the value in wire form or raises `InvalidRequestError`
naming the argument as the caller wrote it. They run before anything is sent."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlsplit

from .._error_text import did_you_mean
from .._errors import InvalidRequestError
from .._models.facet import Facet

MAX_PAGE_SIZE = 100

# What `facets=` accepts: Facet objects or {"name", "values"} dicts, or one mapping of
# facet name to a value or a list of values.
FacetsArgument = Iterable[Facet | Mapping[str, object]] | Mapping[str, str | Iterable[str]]


def check_page_size(value: object, name: str) -> int:
    """An integer from 1 to 100 (`limit`, `page_size`)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(
            f"`{name}` must be an integer between 1 and {MAX_PAGE_SIZE}; got {value!r}",
            argument=name,
        )
    if not 1 <= value <= MAX_PAGE_SIZE:
        raise InvalidRequestError(
            f"`{name}` must be between 1 and {MAX_PAGE_SIZE}; got {value}", argument=name
        )
    return value


def check_max_items(value: object) -> int | None:
    """None (no limit) or an integer >= 0."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidRequestError(
            f"`max_items` must be None or an integer >= 0; got {value!r}", argument="max_items"
        )
    return value


def check_price(value: object, name: str) -> float | int | None:
    """None or a finite, non-negative number."""
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or value < 0
    ):
        raise InvalidRequestError(
            f"`{name}` must be a non-negative number; got {value!r}", argument=name
        )
    return value


def check_price_range(price_min: object, price_max: object) -> tuple[float | int | None, ...]:
    """Both prices checked, and `price_min <= price_max` when both are given."""
    low = check_price(price_min, "price_min")
    high = check_price(price_max, "price_max")
    if low is not None and high is not None and low > high:
        raise InvalidRequestError(
            f"`price_min` ({low}) must not exceed `price_max` ({high})", argument="price_min"
        )
    return low, high


def check_encodable(value: str, name: str) -> str:
    """`value`, unless it holds a lone surrogate (from a bad decode, `surrogateescape`, or
    a split emoji), which UTF-8 cannot encode and so cannot be sent."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InvalidRequestError(
            f"`{name}` holds a character that cannot be sent ({value[exc.start]!r} at "
            f"position {exc.start}: a lone surrogate, not text)",
            argument=name,
        ) from None
    return value


def check_text(value: object, name: str) -> str | None:
    """None or a non-empty string (`catalog`, `cursor`)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a non-empty string or None; got {value!r}", argument=name
        )
    return check_encodable(value, name)


def check_query(value: object) -> str | None:
    """None or a string (an empty query is the API's to interpret)."""
    if value is not None and not isinstance(value, str):
        raise InvalidRequestError(
            f"`q` must be a string or None; got {type(value).__name__}", argument="q"
        )
    return value if value is None else check_encodable(value, "q")


def check_url(value: object, name: str = "url") -> str:
    """An absolute http(s) URL with a host and no whitespace."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"`{name}` must be a non-empty http(s) URL; got {value!r}", argument=name
        )
    url = check_encodable(value.strip(), name)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in url:
        raise InvalidRequestError(
            f"`{name}` must be an absolute http(s) URL such as "
            f"'https://shop.example/products/x'; got {value!r}",
            argument=name,
        )
    return url


def check_choice(value: object, name: str, choices: tuple[str, ...]) -> str | None:
    """None or one of `choices`."""
    if value is None:
        return None
    if value not in choices:
        options = ", ".join(repr(choice) for choice in choices)
        raise InvalidRequestError(
            f"`{name}` must be one of {options}; got {value!r}", argument=name
        )
    return str(value)


def check_no_unexpected(unexpected: Mapping[str, object], accepted: Iterable[str]) -> None:
    """Reject keyword arguments a method does not take, suggesting the nearest one."""
    for name in unexpected:
        hint = did_you_mean(name, accepted)
        raise InvalidRequestError(f"unexpected argument `{name}`{hint}", argument=name)


def build_facets(facets: object) -> list[dict[str, Any]] | None:
    """Facets in any accepted form → the contract's `[{"name", "values"}]` list."""
    if facets is None:
        return None
    if isinstance(facets, str | bytes):
        raise _facet_error(f"got the string {facets!r}")
    if isinstance(facets, Mapping):
        pairs = [(name, _facet_values(name, values)) for name, values in facets.items()]
    elif isinstance(facets, Iterable):
        pairs = [_facet_pair(entry) for entry in facets]
    else:
        raise _facet_error(f"got {type(facets).__name__}")
    return [{"name": name, "values": values} for name, values in pairs] or None


def _facet_pair(entry: object) -> tuple[str, list[str]]:
    if isinstance(entry, Facet):
        return _facet_name(entry.name), _facet_values(entry.name, entry.values)
    if isinstance(entry, Mapping):
        extra = set(entry) - {"name", "values"}
        if "name" not in entry or "values" not in entry or extra:
            raise _facet_error(f"a facet dict needs exactly 'name' and 'values'; got {entry!r}")
        return _facet_name(entry["name"]), _facet_values(entry["name"], entry["values"])
    raise _facet_error(f"a facet must be a Facet or a dict; got {entry!r}")


def _facet_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise _facet_error(f"a facet name must be a non-empty string; got {name!r}")
    return check_encodable(name, "facets")


def _facet_values(name: object, values: object) -> list[str]:
    label = _facet_name(name)
    listed = [values] if isinstance(values, str) else values
    if not isinstance(listed, Iterable) or isinstance(listed, Mapping | bytes):
        raise _facet_error(f"facet {label!r} values must be a string or a list of strings")
    checked = list(listed)
    if not checked:
        raise _facet_error(f"facet {label!r} has no values")
    for value in checked:
        if not isinstance(value, str) or not value:
            raise _facet_error(f"facet {label!r} values must be non-empty strings; got {value!r}")
        check_encodable(value, "facets")
    return checked


def _facet_error(problem: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"`facets`: {problem} (expected Facet objects, {{'name': ..., 'values': [...]}} "
        "dicts, or a mapping such as {'gender': 'female'})",
        argument="facets",
    )
