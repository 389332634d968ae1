"""Reading decoded JSON into attrs models: the generated builders and checkers.

For each attrs class a builder is generated on first use: one straight-line function
that reads the wire keys, checks each value's type, converts what the contract allows
(integers where floats are documented, ISO 8601 datetimes, image objects where URLs
were; the readers are in `_wire_values`) and sets the instance's fields at once, without
per-field hooks (see `bench/`). Reading is tolerant (CONTRACT.md "The API moves";
docs/responses.md lists the lossless readings): unknown keys are ignored and kept in
`.raw`, absent arrays are empty. What cannot be read raises `ShapeError`, whose path
`_wire.build` reports, e.g. `$.items[3].brand.name`; `strict=True` builders also reject
unknown keys.

A field holding one nested model (`brand`, `rating`, `primary_image`, `enrichment`) is
checked at the call by that model's generated checker, which reads and checks exactly
what its builder would but builds nothing; the object is built from `.raw` when the
field is first read (see "nested models built on first access" below). Everything else,
lists of models included, is built at the call.
"""

from __future__ import annotations

import linecache
import types
import typing
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count
from typing import Any, NamedTuple

import attrs

from ._types import JSONValue
from ._wire_values import (
    MISSING,
    ShapeError,
    build_each,
    check_each,
    read_datetime,
    read_float,
    read_int,
    read_str_list,
    read_str_list_map,
)

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


_builders: dict[tuple[type, bool], Callable[[JSONValue], Any]] = {}
_checkers: dict[tuple[type, bool], Callable[[JSONValue], None]] = {}
# The nested model fields each class builds on first access: field name → (wire key, model).
_deferred: dict[type, dict[str, Deferral]] = {}
_generated_names = count()


def builder_for(cls: type, strict: bool) -> Callable[[JSONValue], Any]:
    """The generated function that builds a `cls` from decoded JSON (or raises ShapeError)."""
    try:
        return _builders[cls, strict]
    except KeyError:
        builder = _builders[cls, strict] = _generate(cls, strict, build=True)
        return builder


def checker_for(cls: type, strict: bool) -> Callable[[JSONValue], None]:
    """The generated function that checks decoded JSON as `builder_for` would, building
    nothing: it raises the same ShapeError, with the same path, or returns None."""
    try:
        return _checkers[cls, strict]
    except KeyError:
        checker = _checkers[cls, strict] = _generate(cls, strict, build=False)
        return checker


def data_fields(cls: type) -> list[attrs.Attribute[Any]]:
    """The fields read from the wire: all but `raw`, which holds the source mapping."""
    attrs.resolve_types(cls)
    return [field for field in attrs.fields(cls) if field.name != "raw"]


def _generate(cls: type, strict: bool, build: bool) -> Callable[[JSONValue], Any]:
    """Write and compile one function that builds `cls` from a decoded JSON object (or,
    with `build=False`, only checks that it would)."""
    _check_buildable(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "set_attribute": object.__setattr__,
        "MISSING": MISSING,
        "ShapeError": ShapeError,
        "read_float": read_float,
        "read_int": read_int,
        "read_datetime": read_datetime,
        "fromisoformat": datetime.fromisoformat,
        "UTC": UTC,
        "read_str_list": read_str_list,
        "read_str_list_map": read_str_list_map,
        "build_each": build_each,
        "check_each": check_each,
    }
    lines = ["def build(d):" if build else "def check(d):", "    if d.__class__ is not dict:"]
    fields = data_fields(cls)
    text_form = [f for f in fields if f.metadata.get(TEXT_FORM)]
    if text_form:  # lossless: a bare string names the object (`"Acme"` for a brand)
        text_key = wire_key(cls, text_form[0].name)
        lines.append(f"        if d.__class__ is str: d = {{{text_key!r}: d}}")
        lines.append("        else: raise ShapeError('an object', d)")
    else:
        lines.append("        raise ShapeError('an object', d)")
    deferred: dict[str, Deferral] = {}
    keys: list[str] = []
    body: list[str] = []
    for index, field in enumerate(fields):
        key = wire_key(cls, field.name)
        keys.append(key)
        field_lines, deferral = _field_lines(field, key, f"a{index}", namespace, strict, build)
        body += field_lines
        if deferral is not None:
            deferred[field.name] = deferral
    # The instance's __dict__ starts as a copy of the fields' immutable defaults (None,
    # True, ...): an absent key then costs one `get`, and only values read are stored.
    # (A dict display of one local per field measured slower: building a 23-key dict
    # costs more than copying one and storing the values present.) Deferred fields stay
    # out of it: the class's `_Deferred` descriptor builds them on first access, as it
    # makes the default of an absent list or object (no allocation for what is not read).
    namespace["DEFAULTS"] = {
        field.name: field.default
        for field in fields
        if field.default is not attrs.NOTHING
        and _factory_of(field) is None
        and field.name not in deferred
    }
    lines += ["    get = d.get", "    values = DEFAULTS.copy()"] if build else ["    get = d.get"]
    lines += body
    if strict:
        namespace["KNOWN"] = frozenset(keys)
        namespace["UNKNOWN"] = "a known field (strict mode rejects others)"
        lines += [
            "    if not KNOWN.issuperset(d):",
            "        for key in d:",
            "            if key not in KNOWN:",
            "                raise ShapeError(UNKNOWN, d[key], key)",
        ]
    if not build:
        lines.append("    return None")
    else:
        # The fields are checked and defaulted above, so the instance is made without its
        # __init__: one __dict__ assignment (frozen classes refuse plain attribute setting).
        lines += [
            "    values['raw'] = d",
            "    instance = new(cls)",
            "    set_attribute(instance, '__dict__', values)",
            "    return instance",
        ]
        if deferred:
            _defer(cls, deferred)
    source = "\n".join(lines) + "\n"
    kind = "build" if build else "check"
    filename = f"<octogen {kind} {cls.__qualname__} {next(_generated_names)}>"
    # Registered with linecache so tracebacks through generated code show its source.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    return namespace[kind]  # type: ignore[no-any-return]  # defined by the exec above


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


# -- nested models built on first access ---------------------------------------------------
#
# A field holding one nested model (`brand`, `rating`, `enrichment`: `Model | None = None`)
# is checked at the call, by the nested model's generated checker, but its object is built
# when the field is first read: by `_Deferred`, a non-data descriptor on the class, which
# an instance's own `__dict__` entry overrides once it exists. Equality, hash, repr,
# `attrs.evolve`/`asdict` and `to_dict` read fields through `getattr`, so they see the
# built value; `WireModel.__getstate__` builds every deferred field before pickling or
# copying; concurrent first reads agree on one object through `dict.setdefault`.


class _Deferred:
    """A nested model field that its instance builds from `.raw` on first access."""

    __slots__ = ("name",)

    def __init__(self, name: str) -> None:
        self.name = name

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:  # as for any attrs field: not a class attribute
            name = getattr(owner, "__name__", "?")
            raise AttributeError(f"type object {name!r} has no attribute {self.name!r}")
        return read_deferred(instance, self.name)


class Deferral(NamedTuple):
    """How a deferred field is made on first read: from its wire `key` in `.raw`, by
    building the nested `model` (None when absent), or by calling `factory` (the
    field's default, for a key that was absent or null)."""

    key: str
    model: type | None = None
    factory: Callable[[], Any] | None = None


def _defer(cls: type, fields: dict[str, Deferral]) -> None:
    """Register the deferred fields of `cls` and put their descriptors on the class
    (before any instance built without them exists)."""
    _deferred[cls] = fields
    for name in fields:
        if not isinstance(cls.__dict__.get(name), _Deferred):
            setattr(cls, name, _Deferred(name))


def read_deferred(instance: object, name: str) -> Any:
    """Build the deferred field `name` of a model from its `.raw`, store it, return it."""
    values: dict[str, Any] = instance.__dict__
    spec = _deferred.get(type(instance), {}).get(name)
    raw = values.get("raw")
    if spec is None or raw is None:  # not built by a builder: a plain missing attribute
        raise AttributeError(f"{type(instance).__name__!r} object has no attribute {name!r}")
    source = raw.get(spec.key)
    try:
        if source is None:
            value = None if spec.factory is None else spec.factory()
        elif spec.model is not None:
            try:
                value = builder_for(spec.model, False)(source)
            except ShapeError as exc:
                raise exc.within(spec.key) from None
        else:  # `.raw` gained the key after the call: read it as the builder would
            value = getattr(builder_for(type(instance), False)(raw), name)
    except ShapeError as exc:  # only when `.raw` was changed after the checks at the call
        raise exc.to_response_error() from None
    return values.setdefault(name, value)  # atomic: concurrent first reads get one object


def built_state(instance: object) -> dict[str, Any]:
    """The `__dict__` of a model with every deferred field built (for pickle and copy)."""
    values: dict[str, Any] = instance.__dict__
    if "raw" in values:
        for name in _deferred.get(type(instance), ()):
            if name not in values:
                read_deferred(instance, name)
    return values


_SCALAR_TYPES: dict[type, str] = {str: "a string", bool: "a boolean", int: "an integer"}


def _field_lines(
    field: attrs.Attribute[Any],
    key: str,
    local: str,
    namespace: dict[str, Any],
    strict: bool,
    build: bool,
) -> tuple[list[str], Deferral | None]:
    """Source lines reading `key` into the `values` of the instance, for one field, and
    how the field is made on first read when it is deferred (a nested model checked
    here, or the default of a list or object that was absent).

    `local` prefixes the names this field puts in `namespace`. The lines read the key
    into `v`; the checks of `body` run on a present, non-null value (at 8 spaces); the
    lines of `after` store it, at the indentation where it is known good. Absent or null
    values leave the immutable default that `values` starts with, or store a new one.
    With `build=False` nothing is stored and nested models are checked, not built.
    """
    declared, optional = _unwrap_optional(field.type)
    reader = field.metadata.get(READER)
    v = "v"

    def fail(expected: str) -> str:
        return f"raise ShapeError({expected!r}, v, {key!r})"

    if reader is None and attrs.has(declared) and optional and field.default is None:
        namespace[f"check_{local}"] = checker_for(declared, strict)
        lines = [
            f"    v = get({key!r})",
            "    if v is not None:",
            "        try:",
            f"            check_{local}(v)",
            "        except ShapeError as exc:",
            f"            raise exc.within({key!r}) from None",
        ]
        return lines, Deferral(key, model=declared)
    store = f"values[{field.name!r}] = v" if build else "pass"
    factory = _factory_of(field)
    deferral = None
    if factory is not None:
        # Absent or null: left out of `values`; the default is made on first read.
        deferral = Deferral(key, factory=factory)
        lines = [f"    v = get({key!r})", "    if v is not None:"]
        after = [f"        {store}"]
    elif field.default is not attrs.NOTHING and field.default is not None and optional:
        # Absent is the default (in `values` already), null is None: `isActive` on a
        # list item.
        namespace[f"default_{local}"] = field.default
        lines = [
            f"    v = get({key!r}, default_{local})",
            f"    if v is None: {store}",
            f"    elif v is not default_{local}:",
        ]
        after = [f"        {store}"]
    elif field.default is not attrs.NOTHING:  # null or absent: the default, in `values`
        lines = [f"    v = get({key!r})", "    if v is not None:"]
        after = [f"        {store}"]
    else:
        lines = [
            f"    v = get({key!r}, MISSING)",
            f"    if v is MISSING: {fail(_expected(declared, optional))}",
            "    if v is not None:" if optional else "    if True:",
        ]
        after = [f"    {store}"]
    body: list[str]
    if reader is not None:
        namespace[f"read_{local}"] = reader
        body = [f"{v} = read_{local}({v}, {key!r})"]
    elif declared == list[str]:
        # Inline: the check of an array of strings; anything else goes to the lossless
        # readings of a string list.
        body = [
            f"if {v}.__class__ is list:",
            f"    for item in {v}:",
            "        if item.__class__ is not str:",
            f"            {v} = read_str_list({v}, {key!r})",
            "            break",
            "else:",
            f"    {v} = read_str_list({v}, {key!r})",
        ]
    elif declared in _SCALAR_TYPES:
        namespace[f"type_{local}"] = declared
        body = [f"if {v}.__class__ is not type_{local}:"]
        if declared is int:
            body.append(f"    {v} = read_int({v}, {key!r})")
        else:
            body.append(f"    {fail(_SCALAR_TYPES[declared])}")
    elif declared is float:
        body = [
            f"if {v}.__class__ is not float:",
            "    try:",
            f"        {v} = float({v}) if {v}.__class__ is int else read_float({v}, {key!r})",
            "    except OverflowError:",
            f"        {v} = read_float({v}, {key!r})",
            f"elif {v} - {v}: {v} = read_float({v}, {key!r})",  # inf - inf is nan, true
        ]
    elif declared is datetime:
        body = [  # inline: datetimes are on every item
            "try:",
            f"    {v} = fromisoformat({v})",
            "except (TypeError, ValueError):",
            f"    {v} = read_datetime({v}, {key!r})",
            f"if {v}.tzinfo is None:",
            f"    {v} = {v}.replace(tzinfo=UTC)",
        ]
    elif attrs.has(declared):
        if build:
            namespace[f"build_{local}"] = builder_for(declared, strict)
            call = f"{v} = build_{local}({v})"
        else:
            namespace[f"build_{local}"] = checker_for(declared, strict)
            call = f"build_{local}({v})"
        body = [
            "try:",
            f"    {call}",
            "except ShapeError as exc:",
            f"    raise exc.within({key!r}) from None",
        ]
    elif typing.get_origin(declared) is list:
        (item_type,) = typing.get_args(declared)
        body = [f"if {v}.__class__ is not list: {fail('an array')}"]
        if attrs.has(item_type):
            if build:
                namespace[f"build_{local}"] = builder_for(item_type, strict)
                call = f"{v} = build_each(build_{local}, {v})"
            else:
                namespace[f"build_{local}"] = checker_for(item_type, strict)
                call = f"check_each(build_{local}, {v})"
            body += [
                "try:",
                f"    {call}",
                "except ShapeError as exc:",
                f"    raise exc.within({key!r}) from None",
            ]
    elif typing.get_origin(declared) is dict:
        if typing.get_args(declared) == (str, list[str]):
            body = [f"{v} = read_str_list_map({v}, {key!r})"]
        else:
            body = [f"if {v}.__class__ is not dict: {fail('an object')}"]
    elif declared is Any:
        body = ["pass"]
    else:  # pragma: no cover - a model author's mistake, caught by the model tests
        raise TypeError(f"{field.name}: no wire reader for type {declared!r}")
    return lines + [f"        {line}" for line in body] + after, deferral


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
