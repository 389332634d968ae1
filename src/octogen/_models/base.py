"""`WireModel`: what every response model shares (`.raw`, `to_dict`, `from_dict`)."""

from typing import Self

import attrs

from .. import _wire
from .._types import JSONObject, JSONValue


@attrs.frozen(kw_only=True, slots=False)
class WireModel:
    """Base of the response models.

    Response models keep a `__dict__` rather than slots: the wire builder then creates an
    instance with one `__dict__` assignment instead of one `object.__setattr__` per field
    (a 100-item page builds about three times faster; see bench/parse.py).

    Attributes:
        raw: The JSON mapping the model was built from, unknown fields included
            (empty for a model constructed in code). Not part of equality or repr.
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
