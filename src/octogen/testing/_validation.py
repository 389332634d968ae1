"""Request-body validation that answers like FastAPI (pydantic v2, lax mode) does: a 422
whose `detail` lists every problem as `{"loc", "msg", "type", "input", "ctx"?}`.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from typing import Any

ValidationIssue = dict[str, Any]
Location = tuple[str | int, ...]


class BodyValidator:
    """Collects the problems of one request body, then reads as a 422 `detail` array.

    `BodyValidator("query")` checks query parameters instead: each `loc` then starts
    with `"query"`, as FastAPI's do (`"path"` for path parameters). The lax readers
    accept the strings a query carries (`integer` reads `"5"`).
    """

    def __init__(self, source: str = "body") -> None:
        self.source = source
        self.issues: list[ValidationIssue] = []

    def add(
        self,
        loc: Location,
        kind: str,
        message: str,
        value: Any,
        ctx: dict[str, Any] | None = None,
    ) -> None:
        issue: ValidationIssue = {"type": kind, "loc": [self.source, *loc], "msg": message}
        issue["input"] = value
        if ctx is not None:
            issue["ctx"] = ctx
        self.issues.append(issue)

    def missing(self, loc: Location, parent: Any) -> None:
        self.add(loc, "missing", "Field required", parent)

    def string(self, loc: Location, value: Any, *, optional: bool = True) -> str | None:
        if value is None and optional:
            return None
        if isinstance(value, str):
            return value
        self.add(loc, "string_type", "Input should be a valid string", value)
        return None

    def integer(self, loc: Location, value: Any) -> int | None:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int):
            return value
        if isinstance(value, float) and math.isfinite(value):
            if value.is_integer():
                return int(value)
            self.add(
                loc,
                "int_from_float",
                "Input should be a valid integer, got a number with a fractional part",
                value,
            )
            return None
        if isinstance(value, str):
            try:
                return int(value.strip())
            except ValueError:
                self.add(
                    loc,
                    "int_parsing",
                    "Input should be a valid integer, unable to parse string as an integer",
                    value,
                )
                return None
        self.add(loc, "int_type", "Input should be a valid integer", value)
        return None

    def number(self, loc: Location, value: Any) -> float | None:
        if value is None:
            return None
        if isinstance(value, bool | int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip())
            except ValueError:
                self.add(
                    loc,
                    "float_parsing",
                    "Input should be a valid number, unable to parse string as a number",
                    value,
                )
                return None
        self.add(loc, "float_type", "Input should be a valid number", value)
        return None

    def between(self, loc: Location, value: int, low: int, high: int) -> None:
        if value < low:
            self.add(
                loc,
                "greater_than_equal",
                f"Input should be greater than or equal to {low}",
                value,
                {"ge": low},
            )
        elif value > high:
            self.add(
                loc,
                "less_than_equal",
                f"Input should be less than or equal to {high}",
                value,
                {"le": high},
            )

    def choice(self, loc: Location, value: Any, choices: Sequence[str]) -> str | None:
        if value in choices:
            return str(value)
        quoted = [f"'{choice}'" for choice in choices]
        expected = ", ".join(quoted[:-1]) + f" or {quoted[-1]}"
        self.add(loc, "enum", f"Input should be {expected}", value, {"expected": expected})
        return None

    def string_list(self, loc: Location, value: Any) -> list[str] | None:
        if not isinstance(value, list):
            self.add(loc, "list_type", "Input should be a valid list", value)
            return None
        strings = [
            self.string((*loc, index), item, optional=False) for index, item in enumerate(value)
        ]
        return [item for item in strings if item is not None]


def read_json_object(body: bytes, validator: BodyValidator) -> dict[str, Any] | None:
    """The body as a JSON object, or None with the problem recorded (as FastAPI words it)."""
    if not body.strip():
        validator.issues.append(
            {"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}
        )
        return None
    try:
        value = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        position = getattr(exc, "pos", 0)
        message = getattr(exc, "msg", str(exc))
        validator.issues.append(
            {
                "type": "json_invalid",
                "loc": ["body", position],
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": message},
            }
        )
        return None
    if not isinstance(value, dict):
        validator.issues.append(
            {
                "type": "model_attributes_type",
                "loc": ["body"],
                "msg": "Input should be a valid dictionary or object to extract fields from",
                "input": value,
            }
        )
        return None
    return value
