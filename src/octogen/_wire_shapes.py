"""Builders specialised for the keys an item has, and when a list of models uses them.

The items of one response (and of the next page) almost always have the same keys. For a
class whose lists have built enough items, `_wire_read` generates a builder for the set
of keys the items have, from the same field readings as the generic builder: it reads
the keys it knows are present by subscript and skips the known fields it knows are
absent. Its guard proves the item has exactly the learnt keys (unknown ones included,
so the live API's extra keys stay allowed): the length of the dict matches and every
learnt key is there. Any other item (a different shape, a string, a non-object) goes to
the generic builder, which alone raises for a malformed shape, so errors and readings
are the generic builder's. Strict mode never uses these.

Compiling a builder costs about a millisecond: a class learns only after its lists
have built `LEARN_AFTER` items generically, and at most `MAX_SHAPES` shapes. Once every
`WINDOW` items tried, when more than a third were misses, the most common shape of the
list at hand is tried (learnt if new); when none holds half the list, it is the shape
that missed, or no room is left, the class goes back to the generic builder for good.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from ._types import JSONValue
from ._wire_values import build_each

LEARN_AFTER = 1000  # items built generically before a class learns the shape of its items
MAX_SHAPES = 4  # shapes learnt per class, at most
WINDOW = 100  # items tried on a specialised builder between looks at its misses

Builder = Callable[[JSONValue], Any]
# Writes the builder specialised for a set of keys; it hands a value that does not fit
# to the generic builder after calling the second argument with None (to count it). None
# when no object with those keys can be built (a required key is not among them).
Specialise = Callable[[dict[str, Any], Callable[[None], None]], Builder | None]


def each_of(builder: Builder) -> Callable[[list[JSONValue]], list[Any]]:
    """What builds a list with `builder`: the loop generated with it, for a specialised
    builder (its `each`: the same body, no call per item), else `build_each`."""
    each = getattr(builder, "each", None)
    return each if each is not None else partial(build_each, builder)


class Shapes:
    """The builders of one class's list items: the generic one, the ones learnt for sets
    of keys, and the one each item is handed to first (`current`)."""

    __slots__ = (
        "_current",
        "_each",
        "_learnt",
        "_lock",
        "_specialise",
        "built",
        "generic",
        "learn_after",
        "missed",
        "tried",
    )

    def __init__(
        self, generic: Builder, specialise: Specialise, learn_after: int = LEARN_AFTER
    ) -> None:
        self.generic = generic
        self.current = generic
        self.learn_after = learn_after
        self.built = 0  # items built generically, until `learn_after`
        self.tried = 0  # items handed to the current specialised builder, this window
        # Of those, the items it handed to the generic builder: one None each (a list's
        # C-speed `append` is the cheapest count a generated builder can keep).
        self.missed: list[None] = []
        self._specialise = specialise
        self._learnt: dict[frozenset[str], Builder | None] = {}
        self._lock = threading.Lock()

    @property
    def current(self) -> Builder:
        """The builder each item is handed to first."""
        return self._current

    @current.setter
    def current(self, builder: Builder) -> None:
        self._current = builder
        self._each = each_of(builder)

    def build_list(self, items: list[JSONValue]) -> list[Any]:
        """Build each item (or raise ShapeError naming the index), trying the current
        builder first; then adapt to the shapes the list held, when it is time to."""
        built = self._each(items)
        if self._current is self.generic:
            if self.built < self.learn_after:
                self.built += len(items)
                if self.built >= self.learn_after:
                    self._adapt(items)
        else:
            self.tried += len(items)
            if self.tried >= WINDOW:
                # A miss costs more than a hit saves (about 0.1 µs for a dict of
                # another length, 0.45 µs for one of the same length, against 0.35 µs
                # saved): more than a third of misses and the list's shape is looked at.
                if len(self.missed) * 3 > self.tried:
                    self._adapt(items)
                self.tried = 0
                self.missed.clear()
        return built

    def specialised(self, sample: dict[str, Any]) -> Builder | None:
        """The builder for objects with exactly the keys of `sample` (learnt now if new
        and there is room; the keys of its nested objects too), or None."""
        keys = frozenset(sample)
        if keys not in self._learnt:
            if len(self._learnt) >= MAX_SHAPES:
                return None
            self._learnt[keys] = self._specialise(sample, self.missed.append)
        return self._learnt[keys]

    def _adapt(self, items: list[JSONValue]) -> None:
        """Try the most common shape of `items`; when none holds half of them, or it is
        the shape whose misses brought us here (a large minority of other shapes), go
        back to the generic builder for good: learning stops."""
        with self._lock:
            objects = [item for item in items if item.__class__ is dict]
            shapes = Counter(frozenset(item) for item in objects)
            chosen: Builder | None = None
            if shapes:
                keys, seen = shapes.most_common(1)[0]
                if seen * 2 > len(items):
                    sample = next(item for item in objects if keys == item.keys())
                    chosen = self.specialised(sample)
            if chosen is self.current:
                chosen = None
            self.current = chosen or self.generic
            if chosen is None:
                self.built = self.learn_after
