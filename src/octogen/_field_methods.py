"""`FieldMethods`: equality, hash and repr of an attrs class, written once for all of them.

For every class it decorates, attrs writes the source of `__eq__`, `__hash__` and
`__repr__` and compiles it: about half of the 0.6 ms a class costs to create, paid at
every start of the process for every class on the way (a `--mock` search creates about
50). A frozen class declared `@attrs.frozen(..., eq=False, repr=False)` that inherits
`FieldMethods` gets the same results from the three methods below, which read the
class's `attrs.fields` (once per class) instead:

- `==` compares instances of exactly the same class field by field (a field's `eq_key`
  applied, fields with `eq=False` skipped), and is `NotImplemented` for anything else;
- `hash()` hashes the same fields, salted by the class, so equal instances hash equal;
- `repr()` is `Name(field=value, ...)`, skipping `repr=False` fields and using a field's
  own `repr` callable, and writes `...` for an instance already being represented
  (a cycle), as attrs' repr does.

Only for frozen classes: a mutable one would stay hashable through the inherited
`__hash__`, where attrs makes it unhashable.
"""

import threading
from collections.abc import Callable
from typing import Any, NamedTuple

import attrs


class _Plan(NamedTuple):
    """What the three methods read of one class's fields."""

    eq: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    hash: tuple[tuple[str, Callable[[Any], Any] | None], ...]
    repr: tuple[tuple[str, Callable[[Any], str] | None], ...]
    salt: int


_plans: dict[type, _Plan] = {}
_representing = threading.local()  # the ids of the instances being represented


def _plan(cls: type) -> _Plan:
    try:
        return _plans[cls]
    except KeyError:
        pass
    fields = attrs.fields(cls)
    plan = _Plan(
        eq=tuple((field.name, field.eq_key) for field in fields if field.eq),
        hash=tuple(
            (field.name, field.eq_key)
            for field in fields
            if field.hash is True or (field.hash is None and field.eq)
        ),
        repr=tuple(
            (field.name, None if field.repr is True else field.repr)
            for field in fields
            if field.repr is not False
        ),
        salt=hash(f"{cls.__module__}.{cls.__qualname__}"),
    )
    return _plans.setdefault(cls, plan)


class FieldMethods:
    """Equality, hash and repr from the attrs fields of a frozen class (see the module)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        for name, key in _plan(self.__class__).eq:
            mine, theirs = getattr(self, name), getattr(other, name)
            if key is not None:
                mine, theirs = key(mine), key(theirs)
            if not mine == theirs:
                return False
        return True

    def __hash__(self) -> int:
        plan = _plan(self.__class__)
        values = [
            getattr(self, name) if key is None else key(getattr(self, name))
            for name, key in plan.hash
        ]
        return hash((plan.salt, *values))

    def __repr__(self) -> str:
        try:
            working: set[int] = _representing.ids
        except AttributeError:
            working = _representing.ids = set()
        if id(self) in working:
            return "..."
        working.add(id(self))
        try:
            shown = []
            for name, show in _plan(self.__class__).repr:
                value = getattr(self, name)
                shown.append(f"{name}={value!r}" if show is None else f"{name}={show(value)}")
            return f"{self.__class__.__qualname__.rsplit('>.', 1)[-1]}({', '.join(shown)})"
        finally:
            working.discard(id(self))
