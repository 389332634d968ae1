"""The wire format: JSON bytes ↔ attrs models.

One small generic builder serves every model. For each attrs class it generates, on
first use, one straight-line function that reads the camelCase keys, checks each
value's type, converts what the contract allows (integers where floats are
documented, ISO 8601 datetimes, image objects where URLs were) and calls the class
once. No per-field hooks run on the hot path, which keeps a 100-item page within a
small multiple of `json.loads` alone (see `bench/`).

Reading is tolerant, as CONTRACT.md "The API moves" asks: unknown keys are ignored
(each model keeps the mapping it came from as `.raw`), absent arrays are empty, absent
optional objects are None or their empty default. A value of another JSON type is read
when a lossless reading exists (docs/responses.md lists them: a string where an array of
strings belongs is a one-item array, a string where a named object belongs is that
object with only its name). What cannot be read — a required key missing, a list where
an object belongs — raises `OctogenResponseError` naming the path, e.g.
`$.items[3].brand.name`. Tests can build with `strict=True`, which also rejects unknown
keys so that a misspelt field cannot silently read as None.

Models say how their wire form differs from their attributes through attrs metadata and
a class attribute, never by name here: `SNAKE_CASE_KEYS` (a class marker), `READER` (a
field's own wire reader) and `TEXT_FORM` (the field a bare string stands for).
"""

from __future__ import annotations

import json
import linecache
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count
from typing import Any, TypeVar

import attrs

from ._errors import OctogenResponseError
from ._types import JSONObject, JSONValue

try:  # An optional accelerator (`pip install octogen[fast]`); the stdlib is the fallback.
    import orjson
except ImportError:  # pragma: no cover - exercised by the stdlib test run
    orjson = None  # type: ignore[assignment]  # orjson is optional

T = TypeVar("T")

# How a model tells the builder that its wire form differs from its attributes:
#
# - `SNAKE_CASE_KEYS`: a class attribute; true when the model's keys are snake_case on the
#   wire (CONTRACT.md: enrichment is "snake_case inside, unlike the rest").
# - `READER`: field metadata; a function `(value, key) -> value` that reads the field's
#   wire form instead of the reader its type implies (e.g. `images`: URLs or objects).
# - `TEXT_FORM`: field metadata; a bare string where this model belongs on the wire is
#   read as the model with only this field set (e.g. `canonical_brand: "Acme"`).
SNAKE_CASE_KEYS = "_wire_snake_case"
READER = "octogen.wire.reader"
TEXT_FORM = "octogen.wire.text_form"


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
        return _builder(cls, strict)(data)  # type: ignore[no-any-return]  # generated code
    except _ShapeError as exc:
        raise exc.to_response_error() from None


def build_list(cls: type[T], data: JSONValue, *, strict: bool = False) -> list[T]:
    """Build a list of `cls` models from a decoded JSON array (e.g. `GET /catalogs`)."""
    try:
        if data.__class__ is not list:
            raise _ShapeError("an array", data)
        return _build_each(_builder(cls, strict), data)
    except _ShapeError as exc:
        raise exc.to_response_error() from None


def wire_key(cls: type, field_name: str) -> str:
    """The JSON key of a model field: camelCase, except in the snake_case models."""
    if getattr(cls, SNAKE_CASE_KEYS, False):
        return field_name
    head, *rest = field_name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


_wire_keys: dict[type, dict[str, str]] = {}


def _keys_of(cls: type) -> dict[str, str]:
    """Field name → JSON key, for the fields read from the wire (computed once per class)."""
    try:
        return _wire_keys[cls]
    except KeyError:
        keys = _wire_keys[cls] = {f.name: wire_key(cls, f.name) for f in _data_fields(cls)}
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


# --- reading ---------------------------------------------------------------------------


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


_MISSING: Any = _Missing()


class _ShapeError(Exception):
    """Raised inside generated builders; the path grows as it unwinds."""

    def __init__(self, expected: str, got: object, *path: str | int) -> None:
        super().__init__(expected)
        self.expected = expected
        self.got = got
        self.path: list[str | int] = list(path)

    def within(self, part: str | int) -> _ShapeError:
        self.path.insert(0, part)
        return self

    def to_response_error(self) -> OctogenResponseError:
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        if self.got is _MISSING:
            message = f"response field {path} is missing (expected {self.expected})"
        else:
            message = f"response field {path}: expected {self.expected}, got {_describe(self.got)}"
        return OctogenResponseError(message, path=path)


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - JSON has no other types


def _build_each(builder: Callable[[JSONValue], T], items: list[JSONValue]) -> list[T]:
    try:
        return [builder(item) for item in items]
    except _ShapeError as exc:
        # Rare path: find which element failed so the path names its index.
        for index, item in enumerate(items):
            try:
                builder(item)
            except _ShapeError:
                raise exc.within(index) from None
        raise  # pragma: no cover - the failing element is always found again


def _read_float(value: JSONValue, key: str) -> float:
    # Only reached when the value is not a finite float; bool is an int subclass, and
    # never a number on this API, hence the exact class test.
    if value.__class__ is float:  # inf, from a literal such as 1e400 (the stdlib decoder)
        raise _ShapeError("a number within the range of a float", value, key)
    if value.__class__ is int:
        try:
            return float(value)
        except OverflowError:  # an integer of 309 digits or more (the stdlib decoder)
            raise _ShapeError("a number within the range of a float", value, key) from None
    raise _ShapeError("a number", value, key)


def _read_int(value: JSONValue, key: str) -> int:
    if value.__class__ is float and value.is_integer():
        return int(value)
    raise _ShapeError("an integer", value, key)


def _read_datetime(value: JSONValue, key: str) -> datetime:
    if value.__class__ is str:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    raise _ShapeError("an ISO 8601 datetime", value, key)


def _read_str_list(value: JSONValue, key: str) -> list[str]:
    if value.__class__ is not list:
        if value.__class__ is str:  # lossless: one value where several may be
            return [value]
        raise _ShapeError("an array of strings", value, key)
    for index, item in enumerate(value):
        if item.__class__ is not str:
            raise _ShapeError("a string", item, key, index)
    return value  # checked element by element above


def _read_str_list_map(value: JSONValue, key: str) -> dict[str, list[str]]:
    """An object of string arrays (`{"fit": ["relaxed"]}`); a bare string value is a
    one-item array (the older `{"fit": "relaxed"}`)."""
    if value.__class__ is not dict:
        raise _ShapeError("an object of string arrays", value, key)
    if all(
        item.__class__ is list and all(element.__class__ is str for element in item)
        for item in value.values()
    ):
        return value  # already the live form, checked above
    read: dict[str, list[str]] = {}
    for name, item in value.items():
        try:
            read[name] = _read_str_list(item, name)
        except _ShapeError as exc:
            raise exc.within(key) from None
    return read


def read_image_urls(value: JSONValue, key: str) -> list[str]:
    """`images` as URL strings: v1 sends strings, the live API sends image objects
    `{"url", "cdnUrl", ...}` (CONTRACT-LIVE.md §1.6b); an object reads as its `cdnUrl`,
    else its `url`. A field reader (`READER` metadata) for `ProductSummary.images`."""
    if value is None:
        return []
    if value.__class__ is not list:
        if value.__class__ is str:  # lossless: one URL where several may be
            return [value]
        raise _ShapeError("an array of images", value, key)
    for item in value:  # the v1 form, all strings, is taken as it is
        if item.__class__ is not str:
            break
    else:
        return value  # every element checked above
    urls: list[str] = []
    for index, item in enumerate(value):
        if item.__class__ is str:
            urls.append(item)
        elif item.__class__ is dict:
            url = item.get("cdnUrl") or item.get("url")
            if url.__class__ is not str:
                raise _ShapeError("an image with a `url` string", item, key, index)
            urls.append(url)
        else:
            raise _ShapeError("an image URL or image object", item, key, index)
    return urls


_builders: dict[tuple[type, bool], Callable[[JSONValue], Any]] = {}
_generated_names = count()


def _builder(cls: type, strict: bool) -> Callable[[JSONValue], Any]:
    try:
        return _builders[cls, strict]
    except KeyError:
        builder = _builders[cls, strict] = _generate_builder(cls, strict)
        return builder


def _data_fields(cls: type) -> list[attrs.Attribute[Any]]:
    """The fields read from the wire: all but `raw`, which holds the source mapping."""
    attrs.resolve_types(cls)
    return [field for field in attrs.fields(cls) if field.name != "raw"]


def _generate_builder(cls: type, strict: bool) -> Callable[[JSONValue], Any]:
    """Write and compile one function that builds `cls` from a decoded JSON object."""
    _check_buildable(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "set_attribute": object.__setattr__,
        "MISSING": _MISSING,
        "ShapeError": _ShapeError,
        "read_float": _read_float,
        "read_int": _read_int,
        "read_datetime": _read_datetime,
        "fromisoformat": datetime.fromisoformat,
        "UTC": UTC,
        "read_str_list": _read_str_list,
        "read_str_list_map": _read_str_list_map,
        "build_each": _build_each,
    }
    lines = ["def build(d):", "    if d.__class__ is not dict:"]
    text_form = [f for f in _data_fields(cls) if f.metadata.get(TEXT_FORM)]
    if text_form:  # lossless: a bare string names the object (`"Acme"` for a brand)
        text_key = wire_key(cls, text_form[0].name)
        lines.append(f"        if d.__class__ is str: d = {{{text_key!r}: d}}")
        lines.append("        else: raise ShapeError('an object', d)")
    else:
        lines.append("        raise ShapeError('an object', d)")
    # The instance's __dict__ starts as a copy of the fields' immutable defaults (None,
    # True, ...): an absent key then costs one `get`, and only values read are stored.
    fields = _data_fields(cls)
    namespace["DEFAULTS"] = {
        field.name: field.default
        for field in fields
        if field.default is not attrs.NOTHING and _factory_of(field) is None
    }
    lines += ["    get = d.get", "    values = DEFAULTS.copy()"]
    keys: list[str] = []
    for index, field in enumerate(fields):
        key = wire_key(cls, field.name)
        keys.append(key)
        lines += _field_lines(field, key, f"a{index}", namespace, strict)
    if strict:
        namespace["KNOWN"] = frozenset(keys)
        namespace["UNKNOWN"] = "a known field (strict mode rejects others)"
        lines += [
            "    for key in d:",
            "        if key not in KNOWN:",
            "            raise ShapeError(UNKNOWN, d[key], key)",
        ]
    # The fields are checked and defaulted above, so the instance is made without its
    # __init__: one __dict__ assignment (frozen classes refuse plain attribute setting).
    lines += [
        "    values['raw'] = d",
        "    instance = new(cls)",
        "    set_attribute(instance, '__dict__', values)",
        "    return instance",
    ]
    source = "\n".join(lines) + "\n"
    filename = f"<octogen build {cls.__qualname__} {next(_generated_names)}>"
    # Registered with linecache so tracebacks through generated code show its source.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return namespace["build"]  # type: ignore[no-any-return]  # defined by the exec above


def _check_buildable(cls: type) -> None:
    """The builder bypasses `__init__`: refuse a model whose `__init__` does more."""
    if "__slots__" in vars(cls):
        raise TypeError(f"{cls.__qualname__}: wire models must not be slotted")
    for field in attrs.fields(cls):
        if field.validator or field.converter or not field.init:
            raise TypeError(
                f"{cls.__qualname__}.{field.name}: the wire builder does not run "
                "validators or converters; check values in _wire instead"
            )
    if hasattr(cls, "__attrs_post_init__"):
        raise TypeError(f"{cls.__qualname__}: the wire builder does not run __attrs_post_init__")


_SCALAR_TYPES: dict[type, str] = {str: "a string", bool: "a boolean", int: "an integer"}


def _field_lines(
    field: attrs.Attribute[Any], key: str, local: str, namespace: dict[str, Any], strict: bool
) -> list[str]:
    """Source lines reading `key` into the `values` of the instance, for one field.

    `local` prefixes the names this field puts in `namespace`. The lines read the key
    into `v`; the checks of `body` run on a present, non-null value (at 8 spaces); the
    lines of `after` store it, at the indentation where it is known good. Absent or null
    values leave the immutable default that `values` starts with, or store a new one.
    """
    declared, optional = _unwrap_optional(field.type)
    has_default = field.default is not attrs.NOTHING
    lines: list[str] = []

    def fail(expected: str) -> str:
        return f"raise ShapeError({expected!r}, v, {key!r})"

    store = f"values[{field.name!r}] = v"
    factory = _factory_of(field)
    if factory is not None:
        # A literal is cheaper than calling `list` or `dict`; other factories are called.
        literal = _LITERAL_FACTORIES.get(factory)
        if literal is None:
            namespace[f"default_{local}"] = factory
            literal = f"default_{local}()"
        lines.append(f"    v = get({key!r})")
        lines.append(f"    if v is None: values[{field.name!r}] = {literal}")
        lines.append("    else:")
        after = [f"        {store}"]
    elif has_default and optional and field.default is not None:
        # Absent is the default (in `values` already), null stays None: `isActive` on a
        # list item.
        lines.append(f"    v = get({key!r}, MISSING)")
        lines.append("    if v is MISSING: pass")
        lines.append("    elif v is None: " + store)
        lines.append("    else:")
        after = [f"        {store}"]
    elif has_default:  # null or absent: the default, in `values` already
        lines.append(f"    v = get({key!r})")
        lines.append("    if v is not None:")
        after = [f"        {store}"]
    else:
        lines.append(f"    v = get({key!r}, MISSING)")
        lines.append(f"    if v is MISSING: {fail(_expected(declared, optional))}")
        lines.append("    if v is not None:" if optional else "    if True:")
        after = [f"    {store}"]
    body: list[str]
    reader = field.metadata.get(READER)
    if reader is not None:
        namespace[f"read_{local}"] = reader
    if declared == list[str]:
        # Inline: the check of an array of strings. Anything else goes to the reader: the
        # field's own (`images`: image objects), or the lossless readings of a string list.
        fallback = f"read_{local}" if reader is not None else "read_str_list"
        body = [
            "if v.__class__ is list:",
            "    for item in v:",
            "        if item.__class__ is not str:",
            f"            v = {fallback}(v, {key!r})",
            "            break",
            "else:",
            f"    v = {fallback}(v, {key!r})",
        ]
    elif reader is not None:
        body = [f"v = read_{local}(v, {key!r})"]
    elif declared in _SCALAR_TYPES:
        namespace[f"type_{local}"] = declared
        body = [f"if v.__class__ is not type_{local}:"]
        if declared is int:
            body.append(f"    v = read_int(v, {key!r})")
        else:
            body.append(f"    {fail(_SCALAR_TYPES[declared])}")
    elif declared is float:
        body = [
            "if v.__class__ is not float:",
            "    try:",
            f"        v = float(v) if v.__class__ is int else read_float(v, {key!r})",
            "    except OverflowError:",
            f"        v = read_float(v, {key!r})",
            f"elif v - v: v = read_float(v, {key!r})",  # inf - inf is nan, which is true
        ]
    elif declared is datetime:
        body = [  # inline: datetimes are on every item
            "try:",
            "    v = fromisoformat(v)",
            "except (TypeError, ValueError):",
            f"    v = read_datetime(v, {key!r})",
            "if v.tzinfo is None:",
            "    v = v.replace(tzinfo=UTC)",
        ]
    elif attrs.has(declared):
        namespace[f"build_{local}"] = _builder(declared, strict)
        body = [
            "try:",
            f"    v = build_{local}(v)",
            "except ShapeError as exc:",
            f"    raise exc.within({key!r}) from None",
        ]
    elif typing.get_origin(declared) is list:
        (item_type,) = typing.get_args(declared)
        if attrs.has(item_type):
            namespace[f"build_{local}"] = _builder(item_type, strict)
            body = [
                f"if v.__class__ is not list: {fail('an array')}",
                "try:",
                f"    v = build_each(build_{local}, v)",
                "except ShapeError as exc:",
                f"    raise exc.within({key!r}) from None",
            ]
        else:
            body = [f"if v.__class__ is not list: {fail('an array')}"]
    elif typing.get_origin(declared) is dict:
        if typing.get_args(declared) == (str, list[str]):
            body = [f"v = read_str_list_map(v, {key!r})"]
        else:
            body = [f"if v.__class__ is not dict: {fail('an object')}"]
    elif declared is Any:
        body = ["pass"]
    else:  # pragma: no cover - a model author's mistake, caught by the model tests
        raise TypeError(f"{field.name}: no wire reader for type {declared!r}")
    lines += [f"        {line}" for line in body]
    lines += after
    return lines


_LITERAL_FACTORIES: dict[Any, str] = {list: "[]", dict: "{}"}


def _factory_of(field: attrs.Attribute[Any]) -> Callable[[], Any] | None:
    """The factory of a field whose default is `attrs.Factory(...)`, else None."""
    factory = getattr(field.default, "factory", None)
    return factory if callable(factory) else None


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """(`X`, True) for `X | None`, (`X`, False) otherwise."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        if len(members) == 1:
            return members[0], len(members) < len(typing.get_args(annotation))
    return annotation, False


def _expected(declared: Any, optional: bool) -> str:
    if declared in _SCALAR_TYPES:
        text = _SCALAR_TYPES[declared]
    elif declared is float:
        text = "a number"
    elif declared is datetime:
        text = "an ISO 8601 datetime"
    elif typing.get_origin(declared) is list:
        text = "an array"
    else:
        text = "an object" if attrs.has(declared) else "a value"
    return f"{text} or null" if optional else text
