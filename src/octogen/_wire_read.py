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
checked at the call, by checks that read exactly what its builder would but build
nothing (written inline in the parent's builder, or its generated checker in strict
mode; a specialised builder writes them for the keys the object had in the learnt item
and hands any other object to the checker); the object is built from `.raw` when the
field is first read (see "nested models built on first access" below). Everything else,
lists of models included, is built at the call. The items of a list are handed first to
a builder specialised for the keys they have, once their class has built enough of them
(`_wire_shapes`), which builds the whole list in one generated loop. Every builder reads
its fields through `_wire_fields.field_lines`.
"""

from __future__ import annotations

import linecache
import types
from collections import deque
from collections.abc import Callable
from datetime import UTC, datetime
from itertools import count, repeat
from typing import Any

import attrs

from ._types import JSONValue
from ._wire_fields import (
    READER,
    SNAKE_CASE_KEYS,
    TEXT_FORM,
    Deferral,
    Models,
    data_fields,
    factory_of,
    field_lines,
    object_lines,
    own_key,
    wire_key,
)
from ._wire_shapes import Shapes
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

__all__ = [
    "READER",
    "SNAKE_CASE_KEYS",
    "TEXT_FORM",
    "Deferral",
    "builder_for",
    "built_state",
    "checker_for",
    "data_fields",
    "list_builder_for",
    "read_deferred",
    "wire_key",
]

_builders: dict[tuple[type, bool], Callable[[JSONValue], Any]] = {}
_checkers: dict[tuple[type, bool], Callable[[JSONValue], None]] = {}
_shapes: dict[type, Shapes] = {}
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


def list_builder_for(cls: type, strict: bool) -> Callable[[list[JSONValue]], list[Any]]:
    """The function that builds a list of `cls` from a decoded JSON array (or raises
    ShapeError naming the index): builders specialised for the items' keys when they
    serve (see `_wire_shapes`), the generic builder alone in strict mode."""
    if strict:
        builder = builder_for(cls, strict)
        return lambda items: build_each(builder, items)
    try:
        shapes = _shapes[cls]
    except KeyError:
        generic = builder_for(cls, False)
        shapes = Shapes(generic, lambda sample, missed: specialised(cls, sample, generic, missed))
        shapes = _shapes.setdefault(cls, shapes)
    return shapes.build_list


def specialised(
    cls: type,
    sample: dict[str, Any],
    generic: Callable[[JSONValue], Any],
    missed: Callable[[None], None],
) -> Any:
    """The builder of `cls` specialised for objects with exactly the keys of `sample`
    (and nested models checked inline with exactly the keys of its own), handing any
    other value to `generic` after calling `missed(None)`; None when a key `cls` requires
    is not among them."""
    return _generate(cls, False, True, sample, (generic, missed))


_MODELS = Models(builder_for, checker_for, list_builder_for)


def _generate(
    cls: type,
    strict: bool,
    build: bool,
    shape: dict[str, Any] | None = None,
    misses: tuple[Callable[[JSONValue], Any], Callable[[None], None]] | None = None,
) -> Callable[[JSONValue], Any]:
    """Write and compile one function that builds `cls` from a decoded JSON object (or,
    with `build=False`, only checks that it would).

    With a `shape` (an object, for its keys) and `misses` (the generic builder, for any
    other value, and what counts those), the builder is specialised for objects with
    exactly those keys, reading the same fields the same way; it is None when a key the
    class requires is not among them.
    """
    _check_buildable(cls)
    namespace: dict[str, Any] = {
        "cls": cls,
        "new": object.__new__,
        "repeat": repeat,
        "consume": deque(maxlen=0).extend,  # runs an iterator to its end, keeping nothing
        "set_dict": _dict_setter(cls),
        "MISSING": MISSING,
        "ShapeError": ShapeError,
        "read_float": read_float,
        "read_int": read_int,
        "read_datetime": read_datetime,
        "fromisoformat": datetime.fromisoformat,
        "UTC": UTC,
        "read_str_list": read_str_list,
        "read_str_list_map": read_str_list_map,
        "check_each": check_each,
    }
    fields = data_fields(cls)
    keys = [wire_key(cls, field.name) for field in fields]
    pairs = list(zip(fields, keys, strict=True))
    if shape is None:
        lines = ["def build(d):" if build else "def check(d):", *object_lines(cls, "d")]
        lines.append("    get = d.get")
        if build:
            lines.append("    values = DEFAULTS.copy()")
    else:
        namespace["generic"], namespace["missed"] = misses or (None, None)
        if any(f.default is attrs.NOTHING and k not in shape for f, k in pairs):
            return None  # type: ignore[return-value]  # the generic builder raises for these
        # Every key of the shape is fetched (an unknown one only to prove it is there):
        # with the length, that proves the object has exactly these keys. (Subscripts
        # measured faster than one `itemgetter` call; with the sample's own key strings,
        # see `own_key`.)
        fetched = [k for k in keys if k in shape] + sorted(shape.keys() - set(keys))
        lines = ["def build(d):"]
        if fetched:
            # No test of the class: a JSON value that is not an object has no length
            # (TypeError) or cannot be read by a key string (TypeError), and the miss
            # path in the `try` is the generic builder's, which raises only ShapeError.
            lines += [
                "    try:",
                f"        if len(d) != {len(fetched)}:",
                "            missed(None)",
                f"            {_MISS}",
            ]
            for i, key in enumerate(fetched):
                namespace[f"key{i}"] = own_key(shape, key)
                lines.append(f"        f{i} = d[key{i}]  # {key!r}")
            lines.append("    except (KeyError, TypeError):")
        else:  # an empty string or array has no keys either
            lines.append("    if d.__class__ is not dict or d:")
        lines += ["        missed(None)", f"        {_MISS}"]
        lines.append("    values = DEFAULTS.copy()")
    deferred: dict[str, Deferral] = {}
    for index, (field, key) in enumerate(pairs):
        value = "v"
        if shape is not None:
            if key not in shape:
                # Absent: the generic builder leaves the default, in `values` already,
                # or defers it; only the deferral is needed (for `DEFAULTS`).
                deferral = field_lines(field, key, "_", {}, strict, build, _MODELS)[1]
                if deferral is not None:
                    deferred[field.name] = deferral
                continue
            value = f"f{fetched.index(key)}"  # fetched above
        inner = shape.get(key) if shape is not None else None  # the sample's value
        field_source, deferral = field_lines(
            field,
            key,
            f"a{index}",
            namespace,
            strict,
            build,
            _MODELS,
            value != "v",
            value,
            sample=inner,
        )
        lines += field_source
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
        and factory_of(field) is None
        and field.name not in deferred
    }
    if strict:  # (never specialised)
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
        lines += ["    values['raw'] = d", *_MAKE, f"    {_DONE}"]
        if deferred:
            _defer(cls, deferred)
    lines = _without_idle_pass(lines)
    if shape is not None:
        lines += _list_lines(lines)
    source = "\n".join(lines) + "\n"
    kind = "build" if build else "check"
    filename = f"<octogen {kind} {cls.__qualname__} {next(_generated_names)}>"
    # Registered with linecache so tracebacks through generated code show its source.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)
    if shape is not None:
        namespace["build"].each = namespace["build_list"]  # see `_wire_shapes.each_of`
    return namespace[kind]  # type: ignore[no-any-return]  # defined by the exec above


# The statements of a specialised builder that `_list_lines` rewrites: the miss and the
# return become appends, and the instance is made after the loop instead.
_MISS = "return generic(d)"
_MAKE = ("    instance = new(cls)", "    set_dict(instance, values)")
_DONE = "return instance"


def _without_idle_pass(lines: list[str]) -> list[str]:
    """`lines` without the `pass` statements that share their block with another (the
    per-field code writes one where a check stores nothing): each would run as a NOP,
    about a dozen an item of a search page."""
    kept: list[str] = []
    for line in lines:
        if line.strip() == "pass" and kept and not kept[-1].split("#")[0].rstrip().endswith(":"):
            continue  # not the first statement of its block, so not the only one
        kept.append(line)
    return kept


def _list_lines(lines: list[str]) -> list[str]:
    """A specialised builder's `lines` (`def build(d):` ...) as `build_list(items)`: the
    same body in one loop over a list, saving a call per item (about 50 ns). The loop
    keeps each item's `values` where the builder makes its instance; the instances are
    made and given their values after it, in two C-speed passes (`map`), which saves
    about 60 ns an item over making each in the loop. An item that misses is built by
    the generic builder and kept as its values (the instance it made is dropped). An
    error names the index of the item that raised it (the length of the list so far)."""
    each = [
        "def build_list(items):",
        "    out = []",
        "    append = out.append",
        "    try:",
        "        for d in items:",
    ]
    for line in lines[1:]:
        indent = " " * (len(line) - len(line.lstrip()) + 8)
        if line.strip() == _MISS:
            each += [f"{indent}append(vars(generic(d)))", f"{indent}continue"]
        elif line.strip() == _DONE:
            each.append(f"{indent}append(values)")
        elif line not in _MAKE:
            each.append(f"        {line}")
    return [
        *each,
        "    except ShapeError as exc:",
        "        raise exc.within(len(out)) from None",
        "    made = [*map(new, repeat(cls, len(out)))]",
        "    consume(map(set_dict, made, out))",
        "    return made",
    ]


def _dict_setter(cls: type) -> Callable[[object, dict[str, Any]], None]:
    """What sets the `__dict__` of a `cls` instance: the `__set__` of its `__dict__`
    descriptor, which `object.__setattr__(instance, "__dict__", values)` would find and
    call (called directly, it skips that lookup: about 30 ns an instance)."""
    for klass in cls.__mro__:
        descriptor = vars(klass).get("__dict__")
        if isinstance(descriptor, types.GetSetDescriptorType):
            return descriptor.__set__
    raise TypeError(f"{cls.__qualname__}: wire models must have a __dict__")


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
