"""Reading decoded JSON into attrs models: the generated builders and their readers.

For each attrs class a builder is generated on first use: one straight-line function
that reads the wire keys, checks each value's type, converts what the contract allows
(integers where floats are documented, ISO 8601 datetimes, image objects where URLs
were) and sets the instance's fields at once, without per-field hooks (see `bench/`).
Reading is tolerant (CONTRACT.md "The API moves"; docs/responses.md lists the lossless
readings): unknown keys are ignored and kept in `.raw`, absent arrays are empty. What
cannot be read raises `ShapeError`, whose path `_wire.build` reports, e.g.
`$.items[3].brand.name`; `strict=True` builders also reject unknown keys.
"""

from __future__ import annotations

import linecache
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count
from typing import Any, TypeVar

import attrs

from ._errors import OctogenResponseError
from ._types import JSONValue

T = TypeVar("T")

# How a model tells the builder that its wire form differs from its attributes:
# - `SNAKE_CASE_KEYS`: a class attribute; true when the model's keys are snake_case on the
#   wire (CONTRACT.md: enrichment is "snake_case inside, unlike the rest").
# - `READER`: field metadata; a function `(value, key) -> value` that reads the field's
#   wire form instead of the reader its type implies (e.g. `images`: URLs or objects).
# - `TEXT_FORM`: field metadata; a bare string where this model belongs on the wire is
#   read as the model with only this field set (e.g. `canonical_brand: "Acme"`).
SNAKE_CASE_KEYS = "_wire_snake_case"
READER = "octogen.wire.reader"
TEXT_FORM = "octogen.wire.text_form"


def wire_key(cls: type, field_name: str) -> str:
    """The JSON key of a model field: camelCase, except in the snake_case models."""
    if getattr(cls, SNAKE_CASE_KEYS, False):
        return field_name
    head, *rest = field_name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


class _Missing:
    __repr__ = lambda self: "MISSING"  # noqa: E731


MISSING: Any = _Missing()


class ShapeError(Exception):
    """Raised inside generated builders; the path grows as it unwinds."""

    def __init__(self, expected: str, got: object, *path: str | int) -> None:
        super().__init__(expected)
        self.expected = expected
        self.got = got
        self.path: list[str | int] = list(path)

    def within(self, part: str | int) -> ShapeError:
        self.path.insert(0, part)
        return self

    def to_response_error(self) -> OctogenResponseError:
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        if self.got is MISSING:
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


def build_each(builder: Callable[[JSONValue], T], items: list[JSONValue]) -> list[T]:
    try:
        return [builder(item) for item in items]
    except ShapeError as exc:
        # Rare path: find which element failed so the path names its index.
        for index, item in enumerate(items):
            try:
                builder(item)
            except ShapeError:
                raise exc.within(index) from None
        raise  # pragma: no cover - the failing element is always found again


def _read_float(value: JSONValue, key: str) -> float:
    # Only reached when the value is not a finite float; bool is an int subclass, and
    # never a number on this API, hence the exact class test.
    if value.__class__ is float:  # inf, from a literal such as 1e400 (the stdlib decoder)
        raise ShapeError("a number within the range of a float", value, key)
    if value.__class__ is int:
        try:
            return float(value)
        except OverflowError:  # an integer of 309 digits or more (the stdlib decoder)
            raise ShapeError("a number within the range of a float", value, key) from None
    raise ShapeError("a number", value, key)


def _read_int(value: JSONValue, key: str) -> int:
    if value.__class__ is float and value.is_integer():
        return int(value)
    raise ShapeError("an integer", value, key)


def _read_datetime(value: JSONValue, key: str) -> datetime:
    if value.__class__ is str:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    raise ShapeError("an ISO 8601 datetime", value, key)


def _read_str_list(value: JSONValue, key: str) -> list[str]:
    if value.__class__ is not list:
        if value.__class__ is str:  # lossless: one value where several may be
            return [value]
        raise ShapeError("an array of strings", value, key)
    for index, item in enumerate(value):
        if item.__class__ is not str:
            raise ShapeError("a string", item, key, index)
    return value  # checked element by element above


def _read_str_list_map(value: JSONValue, key: str) -> dict[str, list[str]]:
    """An object of string arrays (`{"fit": ["relaxed"]}`); a bare string value is a
    one-item array (the older `{"fit": "relaxed"}`)."""
    if value.__class__ is not dict:
        raise ShapeError("an object of string arrays", value, key)
    if all(
        item.__class__ is list and all(element.__class__ is str for element in item)
        for item in value.values()
    ):
        return value  # already the live form, checked above
    read: dict[str, list[str]] = {}
    for name, item in value.items():
        try:
            read[name] = _read_str_list(item, name)
        except ShapeError as exc:
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
        raise ShapeError("an array of images", value, key)
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
                raise ShapeError("an image with a `url` string", item, key, index)
            urls.append(url)
        else:
            raise ShapeError("an image URL or image object", item, key, index)
    return urls


_builders: dict[tuple[type, bool], Callable[[JSONValue], Any]] = {}
_generated_names = count()


def builder_for(cls: type, strict: bool) -> Callable[[JSONValue], Any]:
    try:
        return _builders[cls, strict]
    except KeyError:
        builder = _builders[cls, strict] = _generatebuilder_for(cls, strict)
        return builder


def data_fields(cls: type) -> list[attrs.Attribute[Any]]:
    """The fields read from the wire: all but `raw`, which holds the source mapping."""
    attrs.resolve_types(cls)
    return [field for field in attrs.fields(cls) if field.name != "raw"]


def _generatebuilder_for(cls: type, strict: bool) -> Callable[[JSONValue], Any]:
    """Write and compile one function that builds `cls` from a decoded JSON object."""
    _check_buildable(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "set_attribute": object.__setattr__,
        "MISSING": MISSING,
        "ShapeError": ShapeError,
        "read_float": _read_float,
        "read_int": _read_int,
        "read_datetime": _read_datetime,
        "fromisoformat": datetime.fromisoformat,
        "UTC": UTC,
        "read_str_list": _read_str_list,
        "read_str_list_map": _read_str_list_map,
        "build_each": build_each,
    }
    lines = ["def build(d):", "    if d.__class__ is not dict:"]
    text_form = [f for f in data_fields(cls) if f.metadata.get(TEXT_FORM)]
    if text_form:  # lossless: a bare string names the object (`"Acme"` for a brand)
        text_key = wire_key(cls, text_form[0].name)
        lines.append(f"        if d.__class__ is str: d = {{{text_key!r}: d}}")
        lines.append("        else: raise ShapeError('an object', d)")
    else:
        lines.append("        raise ShapeError('an object', d)")
    # The instance's __dict__ starts as a copy of the fields' immutable defaults (None,
    # True, ...): an absent key then costs one `get`, and only values read are stored.
    fields = data_fields(cls)
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
        namespace[f"build_{local}"] = builder_for(declared, strict)
        body = [
            "try:",
            f"    v = build_{local}(v)",
            "except ShapeError as exc:",
            f"    raise exc.within({key!r}) from None",
        ]
    elif typing.get_origin(declared) is list:
        (item_type,) = typing.get_args(declared)
        if attrs.has(item_type):
            namespace[f"build_{local}"] = builder_for(item_type, strict)
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
