"""Reading form fields (all strings) into SDK arguments.

A value that does not parse is passed on as typed, so the SDK's own
`InvalidRequestError` names the argument and says what it expects.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from .errors import invalid

# Above the API's 5 MiB limit for an HTML page, so the SDK (not the form parser) refuses
# a page between the two with its own message; beyond this the playground refuses it.
MAX_FIELD_BYTES = 8 * 1024 * 1024


def number(text: str | None) -> int | float | str | None:
    """`"20"` → 20, `"9.5"` → 9.5, `""` → None, anything else unchanged (for the SDK to refuse)."""
    if text is None or not text.strip():
        return None
    text = text.strip()
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text


def text_or_none(text: str | None) -> str | None:
    """The stripped text, or None when blank."""
    return text.strip() or None if text is not None else None


def facets(text: str | None) -> dict[str, list[str]] | None:
    """`gender=female; color_family=Black,Blue` (or one pair a line) → a facets mapping.

    Raises:
        octogen.InvalidRequestError: A part is not `name=value[,value]`.
    """
    if text is None or not text.strip():
        return None
    result: dict[str, list[str]] = {}
    for part in text.replace("\n", ";").split(";"):
        if not part.strip():
            continue
        name, sep, values = part.partition("=")
        listed = [value.strip() for value in values.split(",") if value.strip()]
        if not sep or not name.strip() or not listed:
            raise invalid(
                f"`facets`: {part.strip()!r} is not name=value[,value] "
                "(e.g. gender=female; color_family=Black,Blue)",
                "facets",
            )
        result.setdefault(name.strip(), []).extend(listed)
    return result or None


def facets_text(value: dict[str, list[str]] | None) -> str:
    """A facets mapping back as the form's text."""
    return "; ".join(f"{name}={','.join(values)}" for name, values in (value or {}).items())


def json_object(text: str | None, argument: str = "payload") -> dict[str, Any]:
    """A JSON object from a form field; blank means `{}`.

    Raises:
        octogen.InvalidRequestError: Not JSON, or JSON but not an object.
    """
    if text is None or not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise invalid(
            f"`{argument}` is not valid JSON: {error.msg} at line {error.lineno} "
            f"column {error.colno}",
            argument,
        ) from None
    if not isinstance(value, dict):
        raise invalid(
            f"`{argument}` must be a JSON object of the call's arguments; "
            f"got {type(value).__name__}",
            argument,
        )
    return value


async def read_form(request: Request) -> dict[str, str]:
    """A POSTed form's text fields, each up to `MAX_FIELD_BYTES` (Starlette's default is
    1 MiB).

    Raises:
        octogen.InvalidRequestError: The form is too large or does not parse.
    """
    try:
        form = await request.form(max_part_size=MAX_FIELD_BYTES)
    except HTTPException as error:
        raise invalid(
            f"the form could not be read: {error.detail} "
            f"(each field may hold up to {MAX_FIELD_BYTES // (1024 * 1024)} MiB)",
            "form",
        ) from None
    return {name: value for name, value in form.items() if isinstance(value, str)}
