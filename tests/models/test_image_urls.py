"""`ProductSummary.images` reads image objects (the live API) and URL strings (v1) as
URLs: each object as its `cdnUrl`, else its `url`; one pass for either form."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octogen import OctogenResponseError, ProductSummary, _wire, _wire_read
from octogen._wire_values import ShapeError, read_image_urls

ITEM = {"uuid": "u", "productUrl": "https://x/p"}


def images_of(images: Any) -> list[str]:
    return _wire.build(ProductSummary, {**ITEM, "images": images}).images


def test_live_image_objects_read_as_their_cdn_urls() -> None:
    images = [{"url": "https://x/a.jpg", "cdnUrl": "https://cdn/a.webp", "width": 800}] * 2
    assert images_of(images) == ["https://cdn/a.webp", "https://cdn/a.webp"]


def test_an_object_without_a_cdn_url_reads_as_its_url_whatever_its_neighbours() -> None:
    images = [
        {"url": "https://x/a.jpg", "cdnUrl": "https://cdn/a.webp"},
        {"url": "https://x/b.jpg"},
        {"url": "https://x/c.jpg", "cdnUrl": None},
        {"url": "https://x/d.jpg", "cdnUrl": ""},
        "https://x/e.jpg",
    ]
    assert images_of(images) == [
        "https://cdn/a.webp",
        "https://x/b.jpg",
        "https://x/c.jpg",
        "https://x/d.jpg",
        "https://x/e.jpg",
    ]


def test_v1_url_strings_are_taken_as_they_are() -> None:
    urls = ["https://x/a.jpg", "https://x/b.jpg"]
    assert read_image_urls(urls, "images") is urls


@pytest.mark.parametrize(
    ("images", "path", "expected"),
    [
        ([{"cdnUrl": 5, "url": "https://x/a.jpg"}], "$.images[0]", "an image with a `url`"),
        (["https://x/a.jpg", {"width": 1}], "$.images[1]", "an image with a `url`"),
        ([{"cdnUrl": "https://cdn/a.webp"}, 7], "$.images[1]", "an image URL or image object"),
        ({"url": "https://x/a.jpg"}, "$.images", "an array of images"),
    ],
)
def test_an_unreadable_image_names_its_index(images: Any, path: str, expected: str) -> None:
    with pytest.raises(OctogenResponseError, match=expected) as caught:
        images_of(images)
    assert caught.value.path == path


def element_by_element(value: Any) -> list[str]:
    """The reading, one element at a time: what the one-pass reader must agree with."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list):
        raise ShapeError("an array of images", value, "images")
    urls = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            url = item.get("cdnUrl") or item.get("url")
            if not isinstance(url, str):
                raise ShapeError("an image with a `url` string", item, "images", index)
            urls.append(url)
        elif isinstance(item, str):
            urls.append(item)
        else:
            raise ShapeError("an image URL or image object", item, "images", index)
    return urls


url_values = st.none() | st.text(max_size=8) | st.integers(0, 9)
image_objects = st.fixed_dictionaries(
    {}, optional={"url": url_values, "cdnUrl": url_values, "width": st.integers(0, 9)}
)


@given(st.none() | st.text(max_size=8) | st.lists(st.text(max_size=8) | image_objects | st.none()))
def test_the_one_pass_reading_agrees_with_reading_element_by_element(value: Any) -> None:
    try:
        expected = element_by_element(value)
    except ShapeError as error:
        with pytest.raises(ShapeError) as caught:
            read_image_urls(value, "images")
        assert (caught.value.path, caught.value.expected) == (error.path, error.expected)
    else:
        assert read_image_urls(value, "images") == expected


LIVE_ITEM = {**ITEM, "images": [{"url": "https://x/a.jpg", "cdnUrl": "https://cdn/a.webp"}]}
# Lists of the live form, or close to it: every object has a `cdnUrl`, perhaps empty or null.
near_live = st.lists(
    st.fixed_dictionaries({"cdnUrl": url_values}, optional={"url": url_values}), min_size=1
)


@given(
    near_live
    | st.none()
    | st.text(max_size=8)
    | st.lists(st.text(max_size=8) | image_objects | st.none())
)
def test_the_builders_inline_reading_agrees_with_the_reader(value: Any) -> None:
    """The builders read the live form inline and hand anything else to the reader: the
    generic builder and one specialised for the live form both read what it reads."""
    generic = _wire_read.builder_for(ProductSummary, False)
    specialised = _wire_read.specialised(ProductSummary, LIVE_ITEM, generic, lambda _: None)
    item = {**ITEM, "images": value}
    try:
        expected = read_image_urls(value, "images") if value is not None else []
    except ShapeError as error:
        for build in (generic, specialised):
            with pytest.raises(ShapeError) as caught:
                build(item)
            assert (caught.value.path, caught.value.expected) == (error.path, error.expected)
    else:
        for build in (generic, specialised):
            assert build(item).images == expected
