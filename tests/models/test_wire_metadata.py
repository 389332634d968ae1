"""The builder knows a model's wire form from the model itself (a class marker and attrs
field metadata), never from class or field names."""

from __future__ import annotations

from typing import ClassVar

import attrs

from octogen import _wire
from octogen._models.base import WireModel


def shout(value: object, key: str) -> str:
    return str(value).upper()


@attrs.frozen(kw_only=True, slots=False)
class Enrichment(WireModel):  # the name of the real one, without its marker
    color_family: list[str] = attrs.field(factory=list)
    images: list[str] = attrs.field(factory=list)  # the name of a special field, plain


@attrs.frozen(kw_only=True, slots=False)
class Label(WireModel):
    _wire_snake_case: ClassVar[bool] = True

    short_name: str = attrs.field(metadata={_wire.TEXT_FORM: True})
    loud_text: str | None = attrs.field(default=None, metadata={_wire.READER: shout})


@attrs.frozen(kw_only=True, slots=False)
class Box(WireModel):
    label: Label | None = None


def test_a_class_is_snake_case_by_its_marker_not_by_its_name() -> None:
    assert _wire.wire_key(Enrichment, "color_family") == "colorFamily"
    assert _wire.wire_key(Label, "short_name") == "short_name"
    assert _wire.build(Enrichment, {"colorFamily": ["Blue"]}).color_family == ["Blue"]
    assert _wire.build(Enrichment, {"color_family": ["Blue"]}).color_family == []


def test_a_field_has_a_special_reader_by_its_metadata_not_by_its_name() -> None:
    plain = _wire.build(Enrichment, {"images": ["a", "b"]})
    assert plain.images == ["a", "b"]
    label = _wire.build(Label, {"short_name": "x", "loud_text": "quiet"})
    assert label.loud_text == "QUIET"


def test_a_bare_string_names_the_object_through_its_text_form_field() -> None:
    box = _wire.build(Box, {"label": "hello"})
    assert box.label == Label(short_name="hello")
    assert _wire.to_wire(box) == {"label": {"short_name": "hello", "loud_text": None}}
