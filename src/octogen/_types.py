"""Type aliases shared across the package."""

from typing import Any, TypeAlias

# Raw JSON as decoded from a response body. The one place `Any` stands in a public
# signature: JSON is dynamic, and a precise recursive alias makes every use a cast.
JSONValue: TypeAlias = Any
JSONObject: TypeAlias = dict[str, JSONValue]
