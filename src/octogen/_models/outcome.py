"""`LookupOutcome`: what `products.lookup_many` yields for each URL it was given."""

import attrs

from .._errors import OctogenError
from .._field_methods import FieldMethods
from .._types import JSONObject
from . import reads_as_octogen
from .lookup import LookupResult


@attrs.frozen(kw_only=True, eq=False, repr=False)
class LookupOutcome(FieldMethods):
    """The outcome of looking one URL up in `products.lookup_many`: a result or an error.

    Attributes:
        url: The URL as it was given.
        result: The lookup's result, or None when it failed.
        error: Why it failed (an `OctogenError`: not found, refused, rate limited after
            every retry, ...), or None when it succeeded.
    """

    url: str
    result: LookupResult | None = None
    error: OctogenError | None = attrs.field(default=None, eq=False)

    @property
    def ok(self) -> bool:
        """True when the lookup succeeded (`result` is set)."""
        return self.error is None

    def to_dict(self) -> JSONObject:
        """One JSON object: `url`, `ok`, then `result` (as the API sent it) or `error`
        (`type`, `message`, and `status`, `detail`, `request_id` when the API answered)."""
        if self.result is not None:
            return {"url": self.url, "ok": True, "result": self.result.to_dict()}
        error: JSONObject = {"type": type(self.error).__name__, "message": str(self.error)}
        for name, key in (("status_code", "status"), ("detail", "detail")):
            value = getattr(self.error, name, None)
            if isinstance(value, str | int):
                error[key] = value
        request_id = getattr(self.error, "request_id", None)
        if isinstance(request_id, str):
            error["request_id"] = request_id
        return {"url": self.url, "ok": False, "error": error}


reads_as_octogen(LookupOutcome)
