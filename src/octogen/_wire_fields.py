"""The source lines that read one field of a model, for the builders `_wire_read` generates.

Every builder reads a field through `field_lines`, the generic one (`get` on the dict) and
the ones specialised for a set of keys (the value already fetched, see `_wire_shapes`)
alike, so their readings cannot drift apart. A nested model that is only checked at the
call (`brand`, `rating`) has its checks written inline in its parent's builder rather
than called, with names of its own; in a specialised builder, for an object with the keys
that model had in the learnt item, read by subscript, any other value going to its
checker. A reader of `INLINE_READERS` (`images`) has its common case written inline too.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

import attrs
from attrs import NOTHING

from ._wire_values import INLINE_READERS

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


def own_key(sample: Any, key: str) -> str:
    """`key` as the decoded object `sample` holds it, when it does (else `key`).

    A specialised builder reads its keys with the learnt item's own key strings: a
    decoder that reuses one string object per key (orjson's key cache) then gives each
    lookup a match by identity, where an equal string from the source would be compared
    character by character (about 15 ns a lookup; 20 of them an item). Any other object
    still matches by equality.
    """
    if sample.__class__ is dict:
        for own in sample:
            if own == key:
                return own  # type: ignore[no-any-return]  # a key of decoded JSON
    return key


def data_fields(cls: type) -> list[attrs.Attribute[Any]]:
    """The fields read from the wire: all but `raw`, which holds the source mapping."""
    attrs.resolve_types(cls)
    return [field for field in attrs.fields(cls) if field.name != "raw"]


class Deferral(NamedTuple):
    """How a deferred field is made on first read: from its wire `key` in `.raw`, by
    building the nested `model` (None when absent), or by calling `factory` (the
    field's default, for a key that was absent or null)."""

    key: str
    model: type | None = None
    factory: Callable[[], Any] | None = None


class Models(NamedTuple):
    """Where the generated code finds the functions of other models (from `_wire_read`):
    the builder and the checker of a class, and the item builder of a list field."""

    builder: Callable[[type, bool], Callable[[Any], Any]]
    checker: Callable[[type, bool], Callable[[Any], None]]
    list_builder: Callable[[type, bool], Callable[[Any], Any]]


def object_lines(cls: type, d: str) -> list[str]:
    """The check that `d` is an object (at 4 spaces), or the bare string that names one."""
    text_form = [f for f in data_fields(cls) if f.metadata.get(TEXT_FORM)]
    lines = [f"    if {d}.__class__ is not dict:"]
    if text_form:  # lossless: a bare string names the object (`"Acme"` for a brand)
        text_key = wire_key(cls, text_form[0].name)
        lines.append(f"        if {d}.__class__ is str: {d} = {{{text_key!r}: {d}}}")
        lines.append(f"        else: raise ShapeError('an object', {d})")
    else:
        lines.append(f"        raise ShapeError('an object', {d})")
    return lines


_SCALAR_TYPES: dict[type, str] = {str: "a string", bool: "a boolean", int: "an integer"}


def field_lines(
    field: attrs.Attribute[Any],
    key: str,
    local: str,
    namespace: dict[str, Any],
    strict: bool,
    build: bool,
    models: Models,
    present: bool = False,
    v: str = "v",
    get: str = "get",
    inline: bool = True,
    sample: Any = None,
) -> tuple[list[str], Deferral | None]:
    """Source lines reading `key` into the `values` of the instance, for one field, and
    how the field is made on first read when it is deferred (a nested model checked
    here, or the default of a list or object that was absent).

    `local` prefixes the names this field puts in `namespace`. The lines read the key
    with `get` into the variable `v`, or find it there already when `present` (the key
    is known to be in the object); the checks of `body` run on a present, non-null value
    (at 8 spaces); the lines of `after` store it, at the indentation where it is known
    good. Absent or null values leave the immutable default that `values` starts with,
    or store a new one (a present nullable scalar whose null reads as None is tested for
    its type first, and stored either way). With `build=False` nothing is stored and
    nested models are checked, not built. `sample` is the value the learnt item had at
    `key`, for a specialised builder: the keys of a nested object, and the key strings
    to read them with.
    """
    declared, optional = _unwrap_optional(field.type)
    reader = field.metadata.get(READER)

    def fail(expected: str) -> str:
        return f"raise ShapeError({expected!r}, {v}, {key!r})"

    def read(default: str = "") -> list[str]:
        if present:
            return []
        return [f"    {v} = {get}({key!r}{', ' + default if default else ''})"]

    if reader is None and attrs.has(declared) and optional and field.default is None:
        lines = [*read(), f"    if {v} is not None:", "        try:"]
        if strict or not inline:  # the nested model's checker, called
            namespace[f"check_{local}"] = models.checker(declared, strict)
            lines.append(f"            check_{local}({v})")
        else:  # its checks inline, as its checker runs them: the object `w`, read by `g`
            nested = _inline_check(declared, local, namespace, models, sample)
            lines += [f"            w = {v}"] + [f"        {line}" for line in nested]
        lines += [
            "        except ShapeError as exc:",
            f"            raise exc.within({key!r}) from None",
        ]
        return lines, Deferral(key, model=declared)
    store = f"values[{field.name!r}] = {v}" if build else "pass"
    # A float: an integer is read as one; an infinity (`1e400`, stdlib) is refused.
    to_float = [
        "try:",
        f"    {v} = float({v}) if {v}.__class__ is int else read_float({v}, {key!r})",
        "except OverflowError:",
        f"    {v} = read_float({v}, {key!r})",
    ]
    scalar = reader is None and (declared in _SCALAR_TYPES or declared is float)
    null_is_none = optional and (field.default is None or field.default is NOTHING)
    if present and scalar and null_is_none:
        # Known present (a specialised builder) and null read as None (the default, or a
        # required key's null): the type is tested first, null only when it is not, and
        # the value is stored either way. One test for a value of the type, not two.
        if declared is float:
            typed = [
                f"if {v}.__class__ is not float:",
                f"    if {v} is not None:",
                *[f"        {line}" for line in to_float],
                f"elif {v} - {v}: {v} = read_float({v}, {key!r})",  # inf - inf is nan, true
            ]
        else:
            namespace[f"type_{local}"] = declared
            odd = (
                f"{v} = read_int({v}, {key!r})"
                if declared is int
                else fail(_SCALAR_TYPES[declared])
            )
            typed = [f"if {v}.__class__ is not type_{local} and {v} is not None:", f"    {odd}"]
        return [f"    {line}" for line in [*typed, store]], None
    factory = factory_of(field)
    deferral = None
    if factory is not None:
        # Absent or null: left out of `values`; the default is made on first read.
        deferral = Deferral(key, factory=factory)
        lines = [*read(), f"    if {v} is not None:"]
        after = [f"        {store}"]
    elif field.default is not attrs.NOTHING and field.default is not None and optional:
        # Absent is the default (in `values` already), null is None: `isActive` on a
        # list item.
        namespace[f"default_{local}"] = field.default
        lines = [
            *read(f"default_{local}"),
            f"    if {v} is None: {store}",
            f"    elif {v} is not default_{local}:",
        ]
        after = [f"        {store}"]
    elif field.default is not attrs.NOTHING:  # null or absent: the default, in `values`
        lines = [*read(), f"    if {v} is not None:"]
        after = [f"        {store}"]
    else:
        lines = read("MISSING")
        if not present:
            lines.append(f"    if {v} is MISSING: {fail(_expected(declared, optional))}")
        lines.append(f"    if {v} is not None:" if optional else "    if True:")
        after = [f"    {store}"]
    body: list[str]
    if reader is not None:
        namespace[f"read_{local}"] = reader
        body = [f"{v} = read_{local}({v}, {key!r})"]
        each_key = INLINE_READERS.get(reader)
        if each_key is not None:  # the reader's common case inline, the rest to it
            first = sample[0] if sample.__class__ is list and sample else None
            namespace[f"key_{local}"] = own_key(first, each_key)
            body = [
                f"if {v}.__class__ is list:",
                "    each = []",
                "    try:",
                f"        for item in {v}:",
                f"            item = item[key_{local}]",
                "            if item.__class__ is not str or not item:",
                "                break",
                "            each.append(item)",
                "        else:",
                f"            {v} = each",
                "    except (KeyError, TypeError):",  # not an object, or one without the key
                "        pass",
                f"    if {v} is not each:",
                f"        {v} = read_{local}({v}, {key!r})",
                "else:",
                f"    {v} = read_{local}({v}, {key!r})",
            ]
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
            *[f"    {line}" for line in to_float],
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
            namespace[f"build_{local}"] = models.builder(declared, strict)
            call = f"{v} = build_{local}({v})"
        else:
            namespace[f"build_{local}"] = models.checker(declared, strict)
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
            if build:  # the item builder of its class, trying a specialised one first
                namespace[f"build_{local}"] = models.list_builder(item_type, strict)
                call = f"{v} = build_{local}({v})"
            else:
                namespace[f"build_{local}"] = models.checker(item_type, strict)
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


def _inline_check(
    model: type,
    local: str,
    namespace: dict[str, Any],
    models: Models,
    sample: Any,
) -> list[str]:
    """The checks of a nested model's checker, on the object `w` (at 4 spaces). With a
    `sample` object (the learnt item's), those of an object with exactly its keys, read
    by subscript (as a specialised builder reads); any other value goes to the checker
    itself, out of line, which raises what the generic checks would."""
    fields = [(inner, wire_key(model, inner.name)) for inner in data_fields(model)]
    keys = frozenset(sample) if sample.__class__ is dict else None
    if keys is None or any(required(f) and k not in keys for f, k in fields):
        lines = [*object_lines(model, "w"), "    g = w.get"]
        for index, (inner, key) in enumerate(fields):
            name = f"{local}_{index}"
            lines += field_lines(
                inner, key, name, namespace, False, False, models, False, "u", "g", False
            )[0]
        return lines
    namespace[f"check_{local}"] = models.checker(model, False)
    fetched = [k for _, k in fields if k in keys] + sorted(keys.difference(k for _, k in fields))
    if not fetched:  # an empty string or array has no keys either
        return ["    if w.__class__ is not dict or w:", f"        check_{local}(w)"]
    # No test of the class (as a specialised builder's guard): a value that is not an
    # object has no length, or cannot be read by a key string (TypeError). The checks
    # below raise ShapeError; anything else they met goes to the checker, which decides.
    lines = ["    try:", f"        if len(w) != {len(fetched)}:", f"            check_{local}(w)"]
    lines.append("        else:")
    for i, key in enumerate(fetched):
        namespace[f"wkey_{local}_{i}"] = own_key(sample, key)
        lines.append(f"            u{i} = w[wkey_{local}_{i}]  # {key!r}")
    for index, (inner, key) in enumerate(fields):
        if key in keys:
            read = field_lines(
                inner,
                key,
                f"{local}_{index}",
                namespace,
                False,
                False,
                models,
                True,
                f"u{fetched.index(key)}",
                "g",
                False,
            )[0]
            lines += [f"        {line}" for line in read]
    return [*lines, "    except (KeyError, TypeError):", f"        check_{local}(w)"]


def factory_of(field: attrs.Attribute[Any]) -> Callable[[], Any] | None:
    """The factory of a field whose default is `attrs.Factory(...)`, else None."""
    factory = getattr(field.default, "factory", None)
    return factory if callable(factory) else None


def required(field: attrs.Attribute[Any]) -> bool:
    """True when the field has no default: its key must be on the wire."""
    return field.default is attrs.NOTHING


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
