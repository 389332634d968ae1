"""The wire format: JSON bytes ↔ attrs models.

`loads` and `dumps` are the JSON codecs (orjson when installed, `octogen[fast]`; the
stdlib otherwise, refusing the same documents). `build` and `build_list` read decoded
JSON into models through the generated builders of `_wire_read` (which says how
tolerant reading is), turning a shape error into the `OctogenResponseError` that names
its path. `to_wire` and `wire_datetime` write a model back in the API's form.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, TypeVar

import attrs

from ._errors import OctogenResponseError
from ._types import JSONObject, JSONValue
from ._wire_read import (
    READER,
    SNAKE_CASE_KEYS,
    TEXT_FORM,
    builder_for,
    built_state,
    data_fields,
    wire_key,
)
from ._wire_values import ShapeError, build_each, read_image_urls

try:  # An optional accelerator (`pip install octogen[fast]`); the stdlib is the fallback.
    import orjson
except ImportError:  # pragma: no cover - exercised by the stdlib test run
    orjson = None  # type: ignore[assignment]  # orjson is optional

__all__ = [
    "READER",
    "SNAKE_CASE_KEYS",
    "TEXT_FORM",
    "build",
    "build_list",
    "built_state",
    "dumps",
    "loads",
    "read_image_urls",
    "to_wire",
    "wire_datetime",
    "wire_key",
]

T = TypeVar("T")


def _reject_constant(name: str) -> float:
    # `NaN`, `Infinity` and `-Infinity` are not JSON; orjson refuses them too.
    raise ValueError(f"{name} is not a JSON number")


# The stdlib fallback refuses NaN and Infinity as orjson does. (A literal beyond the float
# range, `1e400`, it reads as inf: a model's number field refuses that, see _read_float.)
_stdlib_decoder = json.JSONDecoder(parse_constant=_reject_constant)


def loads(body: bytes | str) -> JSONValue:
    """Decode a JSON document; raise `OctogenResponseError` when it cannot be decoded.

    With or without orjson, a document that is not JSON, holds `NaN` or `Infinity`, or
    is nested too deeply is refused the same way. (orjson also refuses any number beyond
    the range of a float; the stdlib reads one, and the builder refuses it where a model
    reads a number.)
    """
    try:
        if orjson is not None:
            return orjson.loads(body)
        text = body.decode() if isinstance(body, bytes | bytearray) else body
        return _stdlib_decoder.decode(text)
    except (ValueError, TypeError) as exc:  # JSONDecodeError and UnicodeDecodeError
        raise OctogenResponseError(f"response body is not valid JSON ({exc})") from None
    except RecursionError:  # the stdlib decoder recurses once per level of nesting
        raise OctogenResponseError("response body is not valid JSON (nested too deeply)") from None


def dumps(value: JSONValue) -> bytes:
    """Encode a request body as compact UTF-8 JSON."""
    if orjson is not None:
        return orjson.dumps(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def build(cls: type[T], data: JSONValue, *, strict: bool = False) -> T:
    """Build a model of class `cls` from decoded JSON.

    Raises:
        OctogenResponseError: `data` does not have the shape of `cls` (the message and
            `.path` name where). With `strict=True`, also when a key is unknown.
    """
    try:
        return builder_for(cls, strict)(data)  # type: ignore[no-any-return]  # generated code
    except ShapeError as exc:
        raise exc.to_response_error() from None


def build_list(cls: type[T], data: JSONValue, *, strict: bool = False) -> list[T]:
    """Build a list of `cls` models from a decoded JSON array (e.g. `GET /catalogs`)."""
    try:
        if data.__class__ is not list:
            raise ShapeError("an array", data)
        return build_each(builder_for(cls, strict), data)
    except ShapeError as exc:
        raise exc.to_response_error() from None


_wire_keys: dict[type, dict[str, str]] = {}


def _keys_of(cls: type) -> dict[str, str]:
    """Field name → JSON key, for the fields read from the wire (computed once per class)."""
    try:
        return _wire_keys[cls]
    except KeyError:
        keys = _wire_keys[cls] = {f.name: wire_key(cls, f.name) for f in data_fields(cls)}
        return keys


def to_wire(model: Any) -> JSONObject:
    """The wire-format mapping of a model: its fields under their JSON keys, plus any
    keys of `.raw` the model does not know (so nothing the API sent is dropped)."""
    keys = _keys_of(type(model))
    raw: JSONObject = getattr(model, "raw", None) or {}
    known = keys.values()
    out: JSONObject = {key: value for key, value in raw.items() if key not in known}
    for name, key in keys.items():
        out[key] = _to_wire_value(getattr(model, name))
    return out


def _to_wire_value(value: Any) -> JSONValue:
    if attrs.has(type(value)):
        return to_wire(value)
    if isinstance(value, list):
        return [_to_wire_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _to_wire_value(item) for key, item in value.items()}
    if isinstance(value, datetime):
        return wire_datetime(value)
    return value


def wire_datetime(value: datetime) -> str:
    """A datetime as the API writes one: ISO 8601 in UTC, `Z` for the offset.

    A naive datetime is taken as UTC, as the reader takes one. A moment that has no UTC
    form within `datetime`'s years 1-9999 (`9999-12-31T23:59:59-05:00`) keeps its own
    offset: the same instant, still ISO 8601.
    """
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except OverflowError:
        return value.isoformat()
    return value.isoformat().replace("+00:00", "Z")
