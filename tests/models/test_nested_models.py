"""A nested model (`brand`, `rating`, `enrichment`, ...) is checked when the response
arrives and built when it is first read; nothing a user can observe through the model
tells the two apart, except that the work is not done for fields never read."""

from __future__ import annotations

import copy
import pickle
import threading
from typing import Any

import attrs
import pytest
from hypothesis import given

from octogen import (
    Brand,
    Identifiers,
    Image,
    LookupResult,
    OctogenResponseError,
    ProductDetails,
    ProductPage,
    ProductSummary,
    Rating,
    _wire,
    _wire_read,
)
from tests.models.test_model_properties import wire_items

ITEM: dict[str, Any] = {
    "uuid": "prod_1",
    "productUrl": "https://x/p",
    "brand": {"name": "Warren Lotas", "slug": "warren-lotas", "url": None},
    "rating": {"average": 4.5, "count": 120},
    "primaryImage": {"url": "https://x/i.jpg", "cdnUrl": "https://cdn/i.webp", "width": 800},
}
BRAND = Brand(name="Warren Lotas", slug="warren-lotas")
RATING = Rating(average=4.5, count=120)
IMAGE = Image(url="https://x/i.jpg", cdn_url="https://cdn/i.webp", width=800)


def item(**changes: Any) -> ProductSummary:
    (read,) = _wire.build(ProductPage, {"items": [{**ITEM, **changes}]}).items
    return read


def test_a_nested_model_is_built_on_first_read_and_then_kept() -> None:
    read = item()
    assert "brand" not in vars(read)  # checked at the call, not built yet
    assert read.brand == BRAND
    assert vars(read)["brand"] is read.brand  # built once, then an ordinary attribute
    assert read.rating == RATING
    assert read.primary_image == IMAGE


@given(wire_items())
def test_a_nested_model_read_late_equals_one_built_from_its_source(payload: dict[str, Any]) -> None:
    read = _wire.build(ProductSummary, payload)
    for name, key, model in [
        ("brand", "brand", Brand),
        ("rating", "rating", Rating),
        ("primary_image", "primaryImage", Image),
    ]:
        source = payload.get(key)
        expected = None if source is None else _wire.build(model, source)
        assert getattr(read, name) == expected


def test_an_absent_or_null_nested_model_reads_as_none() -> None:
    assert item(brand=None).brand is None
    absent = {key: value for key, value in ITEM.items() if key != "rating"}
    assert _wire.build(ProductSummary, absent).rating is None


@pytest.mark.parametrize(
    ("changes", "path", "expected"),
    [
        ({"rating": {"count": "many"}}, "$.items[0].rating.count", "an integer"),
        ({"rating": {"average": True}}, "$.items[0].rating.average", "a number"),
        ({"brand": {"name": "A", "slug": 5}}, "$.items[0].brand.slug", "a string"),
        ({"primaryImage": {"cdnUrl": "https://cdn/i.webp"}}, "$.items[0].primaryImage.url",
         "missing"),
        ({"primaryImage": 7}, "$.items[0].primaryImage", "an object"),
    ],
)  # fmt: skip
def test_a_malformed_nested_model_fails_at_the_call_with_its_path(
    changes: dict[str, Any], path: str, expected: str
) -> None:
    with pytest.raises(OctogenResponseError, match=expected) as caught:
        item(**changes)
    assert caught.value.path == path


def test_a_model_nested_in_a_nested_model_is_checked_at_the_call() -> None:
    enrichment = {"canonical_brand": {"brand_name": "A", "brand_enrichment": {"founded_year": "x"}}}
    payload = {"source": "indexed", "product": {**ITEM, "enrichment": enrichment}}
    with pytest.raises(OctogenResponseError) as caught:
        _wire.build(LookupResult, payload)
    path = "$.product.enrichment.canonical_brand.brand_enrichment.founded_year"
    assert caught.value.path == path


def test_strict_mode_rejects_an_unknown_key_inside_a_nested_model() -> None:
    page = {"items": [{**ITEM, "brand": {"name": "A", "logoUrl": "https://x/l.png"}}]}
    assert _wire.build(ProductPage, page).items[0].brand == Brand(name="A")
    with pytest.raises(OctogenResponseError) as caught:
        _wire.build(ProductPage, page, strict=True)
    assert caught.value.path == "$.items[0].brand.logoUrl"


def test_equality_hash_and_repr_see_the_nested_models() -> None:
    fresh, read = item(), item()
    assert read.brand == BRAND  # one read, one not
    assert fresh == read
    assert item() == ProductSummary(
        uuid="prod_1",
        product_url="https://x/p",
        brand=BRAND,
        rating=RATING,
        primary_image=IMAGE,
    )
    assert "brand=Brand(name='Warren Lotas'" in repr(item())
    assert hash(item().brand) == hash(BRAND)


def test_evolve_asdict_and_to_dict_see_the_nested_models() -> None:
    assert attrs.evolve(item(), title="Hoodie").brand == BRAND
    assert attrs.asdict(item())["rating"] == {"average": 4.5, "count": 120, "raw": ITEM["rating"]}
    assert item().to_dict()["brand"] == {
        "name": "Warren Lotas",
        "slug": "warren-lotas",
        "url": None,
        "description": None,
    }


@pytest.mark.parametrize(
    "duplicate",
    [
        lambda model: pickle.loads(pickle.dumps(model)),
        copy.copy,
        copy.deepcopy,
    ],
    ids=["pickle", "copy", "deepcopy"],
)
def test_pickles_and_copies_carry_the_nested_models(duplicate: Any) -> None:
    original = item()
    twin = duplicate(original)
    twin.raw["brand"] = "changed after the copy"  # the copy carries its values, built
    assert twin.brand == BRAND
    assert twin == original


def test_unknown_names_are_still_missing_attributes() -> None:
    assert not hasattr(item(), "availability")
    assert not hasattr(ProductSummary, "brand")  # a field, as on any attrs class
    with pytest.raises(AttributeError, match="brand"):
        ProductSummary.brand  # noqa: B018


def test_a_model_made_in_code_has_its_nested_models_as_given() -> None:
    made = ProductSummary(uuid="u", product_url="https://x/p", brand=BRAND)
    assert vars(made)["brand"] is BRAND
    assert made.rating is None


def test_concurrent_first_reads_get_one_object(monkeypatch: pytest.MonkeyPatch) -> None:
    both_building = threading.Barrier(2, timeout=10)
    build_brand = _wire_read.builder_for(Brand, False)

    def slow_build(data: Any) -> Any:
        both_building.wait()  # both threads are building the brand at the same time
        return build_brand(data)

    monkeypatch.setitem(_wire_read._builders, (Brand, False), slow_build)
    shared = item()
    seen: list[Brand | None] = []
    threads = [threading.Thread(target=lambda: seen.append(shared.brand)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(seen) == 2
    assert seen[0] is seen[1] is shared.brand


def test_a_source_changed_before_the_first_read_is_a_response_error() -> None:
    read = item()
    read.raw["brand"] = ["not", "a", "brand"]  # `.raw` is what was checked: leave it be
    with pytest.raises(OctogenResponseError) as caught:
        read.brand  # noqa: B018
    assert caught.value.path == "$.brand"


# -- defaults of absent lists and objects, made on first read ------------------------------


def test_an_absent_list_is_a_new_empty_list_made_on_first_read() -> None:
    one, other = item(), item(colors=None)  # absent and null read alike
    assert "colors" not in vars(one)  # nothing allocated for a field never read
    assert one.colors == [] and other.colors == []
    assert one.colors is one.colors  # made once, then an ordinary attribute
    one.colors.append("Black")  # each model has its own list, as attrs' factory gives
    assert other.colors == [] and item().colors == []


def test_an_absent_object_default_is_made_on_first_read() -> None:
    product = _wire.build(LookupResult, {"source": "indexed", "product": {**ITEM}}).product
    assert product.details == ProductDetails() and product.identifiers == Identifiers()
    assert product.variants == [] and product.enrichment is None


def test_defaults_made_late_equal_a_model_made_in_code_and_survive_pickling() -> None:
    made = ProductSummary(uuid="prod_1", product_url="https://x/p", brand=BRAND, rating=RATING)
    read = item(primaryImage=None)
    assert read == made and repr(read) == repr(made)
    assert pickle.loads(pickle.dumps(item())).sizes == []


def test_a_list_added_to_the_source_before_the_first_read_is_read_as_the_builder_would() -> None:
    read = item()
    read.raw["colors"] = "Black"  # `.raw` is what was checked: leave it be
    assert read.colors == ["Black"]
    late = item()
    late.raw["sizes"] = [1, 2]
    with pytest.raises(OctogenResponseError) as caught:
        late.sizes  # noqa: B018
    assert caught.value.path == "$.sizes[0]"
