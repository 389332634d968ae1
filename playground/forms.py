"""Reading form fields (all strings) into SDK arguments.

A value that does not parse is passed on as typed, so the SDK's own
`InvalidRequestError` names the argument and says what it expects.
"""

from __future__ import annotations

import json
import re
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


def facets(text: str | None, argument: str = "facets") -> dict[str, list[str]] | None:
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
                f"`{argument}`: {part.strip()!r} is not name=value[,value] "
                "(e.g. gender=female; color_family=Black,Blue)",
                argument,
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


def lines(text: str | None) -> list[str]:
    """The non-blank lines of `text` (pasted or uploaded URLs, one a line), stripped;
    commas and spaces separate too, as no URL holds one unescaped."""
    return [part for part in re.split(r"[\s,]+", text or "") if part]


def listed(text: str | None) -> list[str] | None:
    """`northwind, maisonlune` → a list; blank → None."""
    return lines(text) or None


async def read_form(
    request: Request, files: tuple[str, ...] = ()
) -> tuple[dict[str, str], dict[str, bytes]]:
    """A POSTed form's text fields, each up to `MAX_FIELD_BYTES` (Starlette's default is
    1 MiB), and the contents of the file fields named in `files` (an empty upload is
    left out).

    Raises:
        octogen.InvalidRequestError: The form is too large or does not parse, or an
            uploaded file is over `MAX_FIELD_BYTES`.
    """
    limit = f"each field may hold up to {MAX_FIELD_BYTES // (1024 * 1024)} MiB"
    try:
        form = await request.form(max_part_size=MAX_FIELD_BYTES)
    except HTTPException as error:
        raise invalid(f"the form could not be read: {error.detail} ({limit})", "form") from None
    fields = {name: value for name, value in form.items() if isinstance(value, str)}
    uploads: dict[str, bytes] = {}
    try:
        for name in files:
            upload = form.get(name)
            if upload is None or isinstance(upload, str):
                continue
            data = await upload.read(MAX_FIELD_BYTES + 1)
            if len(data) > MAX_FIELD_BYTES:
                raise invalid(f"the file in `{name}` is too large ({limit})", name)
            if data:
                uploads[name] = data
    finally:
        await form.close()  # the spooled files, at once
    return fields, uploads


def uploaded_text(data: bytes, argument: str) -> str:
    """An uploaded text file (URLs, one a line) as text.

    Raises:
        octogen.InvalidRequestError: It is not UTF-8.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise invalid(f"the file for `{argument}` is not UTF-8 text", argument) from None
