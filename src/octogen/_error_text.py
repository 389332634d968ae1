"""How an error reads: an API `detail` of any shape in one line, and spelling hints."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ._types import JSONValue

_DETAIL_PREVIEW_CHARS = 200  # an error message quotes at most this much of a body


def describe_detail(detail: JSONValue) -> str:
    """A short one-line rendering of an error `detail` (string, validation list, or text).

    Never raises, whatever JSON the body held: it is called while an error is built.
    """
    if isinstance(detail, list) and detail:
        text = _describe_entry(detail[0])
        if len(detail) > 1:
            text += f" (+{len(detail) - 1} more)"
        return one_line_preview(text)
    if detail is None or detail == "" or detail == []:
        return "no detail given"
    return one_line_preview(detail if isinstance(detail, str) else _text(detail))


def _describe_entry(entry: JSONValue) -> str:
    """`body.limit: must be <= 100` from a `{"loc", "msg", "type"}` entry of any shape."""
    if not isinstance(entry, dict):
        return _text(entry)
    location = entry.get("loc")
    if isinstance(location, list):
        where = ".".join(_text(part) for part in location)
    else:  # a scalar (or absent) `loc`: some servers send `"loc": "body"` or `5`
        where = "" if location is None else _text(location)
    message = entry.get("msg")
    if message is None:
        message = entry.get("type") or "invalid value"
    what = _text(message)
    return f"{where}: {what}" if where else what


def _text(value: JSONValue) -> str:
    if isinstance(value, str):
        return value
    try:
        return str(value)
    except RecursionError:  # JSON nested deeper than repr can go
        return "(deeply nested JSON)"


_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def one_line_preview(text: str) -> str:
    """Collapse markup and whitespace (an HTML 502 page becomes its words) and truncate."""
    if "<" in text:
        text = _TAG.sub(" ", text)
    text = _SPACE.sub(" ", text).strip()
    if len(text) > _DETAIL_PREVIEW_CHARS:
        text = text[: _DETAIL_PREVIEW_CHARS - 1] + "…"
    return text or "empty body"


def did_you_mean(name: str, candidates: Iterable[str]) -> str:
    """`"; did you mean `x`?"` for the candidate nearest to a mistyped name, else `""`."""
    options = list(candidates)
    words = sorted(name.split("_"))
    for option in options:  # the same words in another order: max_price → price_max
        if sorted(option.split("_")) == words:
            return f"; did you mean `{option}`?"
    import difflib  # only when a name is wrong: `import octogen` stays lighter

    close = difflib.get_close_matches(name, options, n=1)
    return f"; did you mean `{close[0]}`?" if close else ""
