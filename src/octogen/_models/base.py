"""`WireModel`: what every response model shares (`.raw`, `to_dict`, `from_dict`)."""

from typing import Any, Self

import attrs

from .. import _wire
from .._field_methods import FieldMethods
from .._types import JSONObject, JSONValue


@attrs.frozen(kw_only=True, slots=False, eq=False, repr=False)
class WireModel(FieldMethods):
    """Base of the response models.

    Response models keep a `__dict__` rather than slots: the wire builder then creates an
    instance with one `__dict__` assignment instead of one `object.__setattr__` per field
    (a 100-item page builds about three times faster; see bench/run.py). A nested model
    (`brand`, `rating`, ...) is checked when the response arrives but built on first
    read; equality, hash, repr, pickling, copying and `attrs.evolve` all see it built.

    Attributes:
        raw: The JSON mapping the model was built from, unknown fields included
            (empty for a model constructed in code). Not part of equality or repr.
            Nested models not read yet are built from it: read it, do not change it.
    """

    raw: JSONObject = attrs.field(factory=dict, eq=False, repr=False)

    @classmethod
    def from_dict(cls, data: JSONValue) -> Self:
        """Build the model from its wire-format (camelCase) mapping.

        Raises:
            OctogenResponseError: `data` does not have this model's shape.
        """
        return _wire.build(cls, data)

    def to_dict(self) -> JSONObject:
        """The model in wire format (camelCase keys, ISO 8601 datetimes), keeping any
        fields from `.raw` that the model has no attribute for."""
        return _wire.to_wire(self)

    def __getstate__(self) -> dict[str, Any]:
        # Pickle and copy take the instance's __dict__: a nested model that the builder
        # left to build on first access (see _wire_read) is built into it first.
        return _wire.built_state(self)
