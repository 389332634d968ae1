"""The items of a list are built by a builder specialised for the keys they have, once
their class has built enough of them; nothing a user can observe tells it from the
generic builder: the same models, the same errors with the same paths, strict mode as it
was. Nested models are checked inline in their parent's builder, as their checker would."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from octogen import (
    Brand,
    Image,
    OctogenResponseError,
    ProductPage,
    ProductSummary,
    Rating,
    _wire,
    _wire_fields,
    _wire_read,
    _wire_shapes,
)
from octogen._wire_shapes import Shapes
from octogen._wire_values import ShapeError
from tests.models.test_model_properties import json_values, wire_brands, wire_images, wire_items

ITEM: dict[str, Any] = {
    "uuid": "prod_1",
    "productUrl": "https://x/p",
    "title": "Hoodie",
    "brand": {"name": "Warren Lotas", "slug": "warren-lotas", "url": None},
    "rating": {"average": 4.5, "count": 120},
    "currentPrice": 180,
    "images": [{"url": "https://x/1.jpg", "cdnUrl": "https://cdn/1.jpg"}],
    "updatedAt": "2026-05-19T18:04:10Z",
}
GENERIC = _wire_read.builder_for(ProductSummary, False)
# Keys the live API may add that the models do not know.
unknown_keys = st.dictionaries(st.sampled_from(["badge", "sellerId", "x"]), json_values, max_size=2)


def wire_ratings() -> st.SearchStrategy[dict[str, Any]]:
    average = st.none() | st.floats(0, 5)
    return st.fixed_dictionaries({}, optional={"average": average, "count": st.integers(0, 9)})


items = st.builds(lambda item, extra: {**extra, **item}, wire_items(), unknown_keys)


def shapes(learn_after: int = 1) -> Shapes:
    """A fresh dispatcher for `ProductSummary` items, learning after `learn_after` items."""
    return Shapes(
        GENERIC,
        lambda keys, missed: _wire_read.specialised(ProductSummary, keys, GENERIC, missed),
        learn_after,
    )


def outcome(build: Any, data: Any) -> Any:
    """What building `data` gives: the model, or the error message with its path."""
    try:
        return build(data)
    except ShapeError as exc:
        return exc.to_response_error().args


def same_model(built: ProductSummary, generic: ProductSummary, source: dict[str, Any]) -> None:
    assert built == generic  # equality reads every field, deferred ones included
    assert built.raw is source
    assert built.to_dict() == generic.to_dict()
    assert built.brand == generic.brand and built.primary_image == generic.primary_image


@given(items, items)
def test_a_specialised_builder_builds_what_the_generic_one_does(
    item: dict[str, Any], other: dict[str, Any]
) -> None:
    dispatch = shapes()
    built = dispatch.specialised(item)
    assert built is not None  # the required keys are in every item drawn
    same_model(built(item), GENERIC(item), item)
    # An item of another shape is handed to the generic builder (a miss).
    misses = len(dispatch.missed)
    same_model(built(other), GENERIC(other), other)
    assert len(dispatch.missed) == misses + (frozenset(other) != frozenset(item))


bad_values = st.sampled_from([1, 2.5, True, "text", "", [1], ["a", None], {}, {"name": 5}, None])


@given(items, st.data())
def test_a_malformed_value_fails_alike_on_both_paths(item: dict[str, Any], data: Any) -> None:
    key = data.draw(st.sampled_from(sorted(item)))
    bad = {**item, key: data.draw(bad_values | json_values)}
    for sample in (item, bad):  # learnt from a good item, or from this one
        built = shapes().specialised(sample)
        assert built is not None
        assert outcome(built, bad) == outcome(GENERIC, bad)


@pytest.mark.parametrize(
    ("key", "nested"),
    [("brand", wire_brands()), ("rating", wire_ratings()), ("primaryImage", wire_images())],
)
@given(data=st.data())
def test_a_malformed_value_in_a_nested_model_fails_alike_on_both_paths(
    key: str, nested: Any, data: Any
) -> None:
    item = {**data.draw(items), key: data.draw(nested)}
    inner = data.draw(st.sampled_from([*sorted(item[key]), "name", "average", "url"]))
    bad = {**item, key: {**item[key], inner: data.draw(bad_values | json_values)}}
    built = shapes().specialised(item)  # learnt with the good nested object's keys
    assert built is not None
    assert outcome(built, bad) == outcome(GENERIC, bad)
    assert outcome(built, item) == GENERIC(item)


@pytest.mark.parametrize(
    ("key", "nested"),
    [("brand", wire_brands()), ("rating", wire_ratings()), ("primaryImage", wire_images())],
)
@given(data=st.data())
def test_a_nested_object_with_as_many_other_keys_fails_alike_on_both_paths(
    key: str, nested: Any, data: Any
) -> None:
    item = {**data.draw(items), key: data.draw(nested.filter(bool))}
    dropped = data.draw(st.sampled_from(sorted(item[key])))
    added = data.draw(
        st.sampled_from(["name", "slug", "url", "average", "count", "cdnUrl", "x"]).filter(
            lambda name: name not in item[key]
        )
    )
    other = {name: value for name, value in item[key].items() if name != dropped}
    bad = {**item, key: {**other, added: data.draw(bad_values | json_values)}}
    built = shapes().specialised(item)  # learnt with the good nested object's keys
    assert built is not None
    assert outcome(built, bad) == outcome(GENERIC, bad)


def generic_list(page: list[Any]) -> Any:
    """What building `page` item by item with the generic builder gives."""
    try:
        return _wire_shapes.build_each(GENERIC, page)
    except ShapeError as exc:
        return exc.to_response_error().args


@given(items, st.lists(items | bad_values | json_values, max_size=6), st.data())
def test_a_list_built_in_the_specialised_loop_is_the_generic_builders_list(
    item: dict[str, Any], others: list[Any], data: Any
) -> None:
    """A specialised builder builds a whole list in one loop (`build_list`): the same
    models, misses handed to the generic builder, an error naming the item's index."""
    dispatch = shapes()
    dispatch.build_list([item])  # learnt `item`'s shape
    assert dispatch.current is not dispatch.generic
    page = data.draw(st.permutations([item, item, *others]))
    try:
        built = dispatch.build_list(page)
    except ShapeError as exc:
        assert exc.to_response_error().args == generic_list(page)
    else:
        for model, source in zip(built, page, strict=True):
            same_model(model, GENERIC(source), source)


def test_a_malformed_item_names_its_index_and_field_on_the_specialised_path() -> None:
    dispatch = shapes()
    dispatch.build_list([ITEM, ITEM])
    assert dispatch.current is not dispatch.generic
    bad = {**ITEM, "brand": {"name": 5}}
    with pytest.raises(ShapeError) as caught:
        dispatch.build_list([ITEM, ITEM, ITEM, bad])
    assert caught.value.to_response_error().args == (
        "response field $[3].brand.name: expected a string, got the number 5",
    )


# The guards test lengths, not classes: a string or an array as long as the learnt
# object has keys must still go to the generic reading (a bare string names a brand).
@pytest.mark.parametrize(
    "value", ["x" * len(ITEM), ["x"] * len(ITEM), "abc", ["a", "b", "c"], "ab", [1, 2], "", []]
)
@pytest.mark.parametrize("where", ["item", "brand", "rating"])
@pytest.mark.parametrize("learnt", [ITEM, {**ITEM, "rating": {}}])
def test_a_string_or_array_as_long_as_a_learnt_object_reads_as_the_generic_builder_does(
    value: Any, where: str, learnt: dict[str, Any]
) -> None:
    dispatch = shapes()
    dispatch.build_list([learnt, learnt])
    assert dispatch.current is not dispatch.generic
    bad = value if where == "item" else {**learnt, where: value}
    expected = generic_list([learnt, bad])  # the models, or the error's message
    try:
        built = dispatch.build_list([learnt, bad])
    except ShapeError as exc:
        assert exc.to_response_error().args == expected
    else:
        assert not isinstance(expected, tuple), expected
        for model, source in zip(built, [learnt, bad], strict=True):
            same_model(model, GENERIC(source), source)


@given(st.lists(items, min_size=1, max_size=8), st.integers(1, 12))
def test_pages_whose_items_vary_in_shape_build_the_generic_models(
    pages: list[dict[str, Any]], learn_after: int
) -> None:
    dispatch = shapes(learn_after)
    for _ in range(3):
        for built, source in zip(dispatch.build_list(pages), pages, strict=True):
            same_model(built, GENERIC(source), source)


def test_a_page_alternating_between_shapes_is_still_right() -> None:
    other = {**ITEM, "badge": "new"}
    del other["title"]
    dispatch = shapes()
    dispatch.build_list([ITEM] * 10)
    assert dispatch.current is not dispatch.generic  # learnt ITEM's shape
    page = [ITEM, other] * 100
    for _ in range(3):
        built = dispatch.build_list(page)
        for model, source in zip(built, page, strict=True):
            same_model(model, GENERIC(source), source)
    assert built[1].title is None and built[0].title == "Hoodie"


def test_a_class_learns_after_enough_items_and_follows_a_new_shape() -> None:
    dispatch = shapes(learn_after=30)
    dispatch.build_list([ITEM] * 20)
    assert dispatch.current is dispatch.generic  # not yet: compiling costs ~1 ms
    dispatch.build_list([ITEM] * 20)
    first = dispatch.current
    assert first is not dispatch.generic
    newer = {**ITEM, "inStock": True}
    dispatch.build_list([newer] * (_wire_shapes.WINDOW + 1))  # every item a miss
    assert dispatch.current not in (first, dispatch.generic)
    assert dispatch.build_list([newer])[0].in_stock is True


def test_shapes_too_varied_send_a_class_back_to_the_generic_builder_for_good() -> None:
    dispatch = shapes()
    dispatch.build_list([ITEM])
    varied = [{**ITEM, f"extra{n}": n} for n in range(_wire_shapes.WINDOW)]
    dispatch.build_list(varied)
    assert dispatch.current is dispatch.generic
    dispatch.build_list([ITEM] * 50)
    assert dispatch.current is dispatch.generic


def test_a_class_learns_a_bounded_number_of_shapes() -> None:
    dispatch = shapes()
    for n in range(_wire_shapes.MAX_SHAPES + 2):
        dispatch.build_list([{**ITEM, f"extra{n}": n}] * _wire_shapes.WINDOW)
    assert dispatch.current is dispatch.generic
    assert len(dispatch._learnt) == _wire_shapes.MAX_SHAPES


def test_pages_built_through_the_client_path_use_the_learnt_shape(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dispatch = _wire_read.list_builder_for(ProductSummary, False).__self__  # type: ignore[attr-defined]
    monkeypatch.setattr(dispatch, "current", dispatch.generic)
    monkeypatch.setattr(dispatch, "built", 0)
    monkeypatch.setattr(dispatch, "learn_after", 2)
    page = {"items": [ITEM, ITEM, {**ITEM, "brand": "Acme"}], "nextCursor": None}
    _wire.build(ProductPage, page)
    assert dispatch.current is not dispatch.generic
    read = _wire.build(ProductPage, page).items
    assert read[0].brand == Brand(name="Warren Lotas", slug="warren-lotas")
    assert read[2].brand == Brand(name="Acme")  # the text form, through the inline check
    bad = {"items": [ITEM, ITEM, {**ITEM, "rating": {"average": "high"}}]}
    with pytest.raises(OctogenResponseError, match=r"\$\.items\[2\]\.rating\.average") as caught:
        _wire.build(ProductPage, bad)
    assert caught.value.path == "$.items[2].rating.average"


def test_strict_mode_never_specialises_and_still_rejects_unknown_keys() -> None:
    page = {"items": [{**ITEM, "badge": "new"}] * 3}
    strict = _wire_read.list_builder_for(ProductSummary, True)
    assert not isinstance(getattr(strict, "__self__", None), Shapes)
    for _ in range(5):
        _wire.build(ProductPage, page)  # non-strict pages learn the shape with `badge`
    with pytest.raises(OctogenResponseError) as caught:
        _wire.build(ProductPage, page, strict=True)
    assert caught.value.path == "$.items[0].badge"


@pytest.mark.parametrize(
    ("key", "model"), [("brand", Brand), ("rating", Rating), ("primaryImage", Image)]
)
@given(value=json_values)
def test_an_inline_nested_check_fails_exactly_as_its_checker(
    key: str, model: type, value: Any
) -> None:
    item = {**ITEM, key: value}
    checker = _wire_read.checker_for(model, False)

    def checked(data: Any) -> None:
        if data is not None:
            try:
                checker(data)
            except ShapeError as exc:
                raise exc.within(key) from None

    expected = outcome(checked, value)
    got = outcome(GENERIC, item)
    if expected is None:
        assert isinstance(got, ProductSummary)
        assert getattr(got, {"primaryImage": "primary_image"}.get(key, key)) == (
            None if value is None else _wire.build(model, value)
        )
    else:
        assert got == expected


def test_objects_of_any_number_of_keys_get_a_specialised_builder() -> None:
    misses: list[Any] = []
    generic = _wire_read.builder_for(Rating, False)
    empty = _wire_read.specialised(Rating, {}, generic, misses.append)
    assert empty is not None and empty({}) == Rating() and empty({}).raw == {}
    assert empty({"count": 3}) == Rating(count=3) and misses == [None]  # counted, built
    one = _wire_read.specialised(Rating, {"count": 1}, generic, misses.append)
    assert one is not None and one({"count": 3}) == Rating(count=3) and misses == [None]
    with pytest.raises(ShapeError):
        one({"average": "high"})  # the generic builder's error
    assert _wire_read.specialised(Brand, {"slug": "x"}, generic, misses.append) is None
    for not_an_object in ("", [], 0, None, "ab", [1]):  # no keys either, or a length
        for built in (empty, one):
            assert outcome(built, not_an_object) == outcome(generic, not_an_object)


def test_a_shape_missing_on_a_large_minority_of_items_gives_way_to_the_generic_builder() -> None:
    dispatch = shapes()
    dispatch.build_list([ITEM])
    other = {**ITEM, "inStock": True}
    page = [ITEM, ITEM, ITEM, other, other] * 20  # 40% misses, ITEM's shape still first
    dispatch.build_list(page)
    assert dispatch.current is dispatch.generic
    dispatch.build_list([ITEM] * 200)
    assert dispatch.current is dispatch.generic  # for good


def test_a_few_misses_keep_the_specialised_builder() -> None:
    dispatch = shapes()
    dispatch.build_list([ITEM])
    learnt = dispatch.current
    page = [ITEM] * 9 + [{**ITEM, "inStock": True}]
    for _ in range(30):
        built = dispatch.build_list(page)
    assert dispatch.current is learnt
    assert built[9].in_stock is True and built[0].in_stock is None


def copied(text: str) -> str:
    """An equal string that is another object (as another decoder's key would be)."""
    return "".join(list(text))


def test_a_specialised_builder_reads_with_the_learnt_items_own_key_strings() -> None:
    learnt = {copied(key): value for key, value in ITEM.items()}
    own = next(key for key in learnt if key == "productUrl")
    assert _wire_fields.own_key(learnt, "productUrl") is own
    assert _wire_fields.own_key(learnt, "badge") == "badge"  # not in the sample: as given
    assert _wire_fields.own_key(None, "uuid") == "uuid"
    built = _wire_read.specialised(ProductSummary, learnt, GENERIC, lambda _: None)
    assert built is not None
    for item in (learnt, ITEM, {copied(key): value for key, value in ITEM.items()}):
        same_model(built(item), GENERIC(item), item)  # equal keys match, whatever object
