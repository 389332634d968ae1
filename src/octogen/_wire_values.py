"""Reading one decoded JSON value: `ShapeError` and the readers the generated builders call.

The builders of `_wire_read` check the common case inline and call these for the rest:
the lossless readings of docs/responses.md (an integer where a float is documented, a
string where a list of strings is, image objects where URLs were) and the errors that
name what could not be read. A `ShapeError`'s path grows as it unwinds through the
builders; `_wire.build` turns it into the `OctogenResponseError` that names it, e.g.
`$.items[3].brand.name`.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar

from ._errors import OctogenResponseError
from ._types import JSONValue

T = TypeVar("T")


class _Missing:
    __repr__ = lambda self: "MISSING"  # noqa: E731


MISSING: Any = _Missing()


class ShapeError(Exception):
    """Raised inside generated builders; the path grows as it unwinds."""

    def __init__(self, expected: str, got: object, *path: str | int) -> None:
        super().__init__(expected)
        self.expected = expected
        self.got = got
        self.path: list[str | int] = list(path)

    def within(self, part: str | int) -> ShapeError:
        self.path.insert(0, part)
        return self

    def to_response_error(self) -> OctogenResponseError:
        path = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.path)
        if self.got is MISSING:
            message = f"response field {path} is missing (expected {self.expected})"
        else:
            message = f"response field {path}: expected {self.expected}, got {_describe(self.got)}"
        return OctogenResponseError(message, path=path)


def _describe(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the string {value[:40]!r}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - JSON has no other types


def build_each(builder: Callable[[JSONValue], T], items: list[JSONValue]) -> list[T]:
    try:
        return [builder(item) for item in items]
    except ShapeError as exc:
        # Rare path: find which element failed so the path names its index.
        for index, item in enumerate(items):
            try:
                builder(item)
            except ShapeError:
                raise exc.within(index) from None
        raise  # pragma: no cover - the failing element is always found again


def check_each(checker: Callable[[JSONValue], None], items: list[JSONValue]) -> None:
    for index, item in enumerate(items):
        try:
            checker(item)
        except ShapeError as exc:
            raise exc.within(index) from None


def read_float(value: JSONValue, key: str) -> float:
    # Only reached when the value is not a finite float; bool is an int subclass, and
    # never a number on this API, hence the exact class test.
    if value.__class__ is float:  # inf, from a literal such as 1e400 (the stdlib decoder)
        raise ShapeError("a number within the range of a float", value, key)
    if value.__class__ is int:
        try:
            return float(value)
        except OverflowError:  # an integer of 309 digits or more (the stdlib decoder)
            raise ShapeError("a number within the range of a float", value, key) from None
    raise ShapeError("a number", value, key)


def read_int(value: JSONValue, key: str) -> int:
    if value.__class__ is float and value.is_integer():
        return int(value)
    raise ShapeError("an integer", value, key)


def read_datetime(value: JSONValue, key: str) -> datetime:
    if value.__class__ is str:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    raise ShapeError("an ISO 8601 datetime", value, key)


def read_str_list(value: JSONValue, key: str) -> list[str]:
    if value.__class__ is not list:
        if value.__class__ is str:  # lossless: one value where several may be
            return [value]
        raise ShapeError("an array of strings", value, key)
    for index, item in enumerate(value):
        if item.__class__ is not str:
            raise ShapeError("a string", item, key, index)
    return value  # checked element by element above


def read_str_list_map(value: JSONValue, key: str) -> dict[str, list[str]]:
    """An object of string arrays (`{"fit": ["relaxed"]}`); a bare string value is a
    one-item array (the older `{"fit": "relaxed"}`)."""
    if value.__class__ is not dict:
        raise ShapeError("an object of string arrays", value, key)
    if all(
        item.__class__ is list and all(element.__class__ is str for element in item)
        for item in value.values()
    ):
        return value  # already the live form, checked above
    read: dict[str, list[str]] = {}
    for name, item in value.items():
        try:
            read[name] = read_str_list(item, name)
        except ShapeError as exc:
            raise exc.within(key) from None
    return read


def read_image_urls(value: JSONValue, key: str) -> list[str]:
    """`images` as URL strings: v1 sends strings, the live API sends image objects
    `{"url", "cdnUrl", ...}` (CONTRACT-LIVE.md §1.6b); an object reads as its `cdnUrl`,
    else its `url`. A field reader (`READER` metadata) for `ProductSummary.images`.

    The live form, objects that all have a `cdnUrl`, is read in one pass at C speed; the
    v1 form (all strings) is taken as it is; anything else goes element by element.
    """
    if value.__class__ is list:
        try:
            urls = list(map(_cdn_url, value))
        except (KeyError, TypeError):  # a string, or an object without `cdnUrl`
            pass
        else:
            for url in urls:
                if url.__class__ is not str or not url:
                    break
            else:
                return urls
    return _read_image_urls(value, key)


_cdn_url = operator.itemgetter("cdnUrl")

# Readers whose common case the generated builders write inline (`_wire_fields`), calling
# the reader for any other value: a list of objects, each read as the non-empty string it
# holds under this key. Each reader takes that case as it is, as its fast path above.
INLINE_READERS: dict[Callable[[JSONValue, str], Any], str] = {read_image_urls: "cdnUrl"}


def _read_image_urls(value: JSONValue, key: str) -> list[str]:
    if value is None:
        return []
    if value.__class__ is not list:
        if value.__class__ is str:  # lossless: one URL where several may be
            return [value]
        raise ShapeError("an array of images", value, key)
    for item in value:  # the v1 form, all strings, is taken as it is
        if item.__class__ is not str:
            break
    else:
        return value  # every element checked above
    urls: list[str] = []
    for index, item in enumerate(value):
        if item.__class__ is str:
            urls.append(item)
        elif item.__class__ is dict:
            url = item.get("cdnUrl") or item.get("url")
            if url.__class__ is not str:
                raise ShapeError("an image with a `url` string", item, key, index)
            urls.append(url)
        else:
            raise ShapeError("an image URL or image object", item, key, index)
    return urls
