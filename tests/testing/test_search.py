"""`POST /products/search` on the fake: the contract's filter semantics, against the dataset."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import octogen
from octogen.testing import FakeOctogen

VIEWS = [product.view for product in FakeOctogen().dataset.products]


def search_all(raw: httpx.Client, body: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item of a search, following cursors (bounded)."""
    items: list[dict[str, Any]] = []
    cursor = None
    for _ in range(400):
        page = raw.post("/products/search", json={**body, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["nextCursor"]
        if cursor is None:
            return items
    raise AssertionError("paging did not end")


def test_a_query_matches_every_word_in_title_brand_tags_or_description(raw: httpx.Client) -> None:
    items = search_all(raw, {"q": "linen dress"})
    assert items
    expected = {
        view["uuid"]
        for view in VIEWS
        if all(
            word in " ".join([view["title"], view["brand"]["name"], *view["tags"],
                              view["description"]]).lower()
            for word in ("linen", "dress")
        )
    }  # fmt: skip
    assert {item["uuid"] for item in items} == expected
    assert all(0 <= item["displayMatchScore"] <= 100 for item in items)


def test_title_matches_rank_first(raw: httpx.Client) -> None:
    items = search_all(raw, {"q": "linen"})
    in_title = ["linen" in item["title"].lower() for item in items]
    assert in_title == sorted(in_title, reverse=True)
    assert any(in_title) and not all(in_title)


def test_values_of_one_facet_are_ored_and_facets_are_anded(raw: httpx.Client) -> None:
    facets = [
        {"name": "color_family", "values": ["Black", "White"]},
        {"name": "gender", "values": ["female"]},
    ]
    items = search_all(raw, {"facets": facets})
    expected = {
        view["uuid"]
        for view in VIEWS
        if view["enrichment"]["color_family"][0] in ("Black", "White")
        and view["enrichment"]["gender"] == "female"
    }
    assert {item["uuid"] for item in items} == expected and expected


@pytest.mark.parametrize(
    ("name", "value", "read"),
    [
        ("brand_name", "Nightshift", lambda v: v["brand"]["name"]),
        ("brand_slug", "puddle-co", lambda v: v["brand"]["slug"]),
        ("raw_brand_name", "TRAILCRAFT", lambda v: v["enrichment"]["raw_brand_name"]),
        ("product_type", "hoodie", lambda v: v["enrichment"]["type"]),
        ("age_groups", "toddler", lambda v: v["audience"]["ageGroups"][0]),
        ("color", "olive", lambda v: v["enrichment"]["color"][0]),
        ("is_activewear", "true", lambda v: str(v["enrichment"]["is_activewear"]).lower()),
        ("category_path.depth_1", "Outerwear", lambda v: v["enrichment"]["category_path"][1]),
        ("fit", "relaxed", lambda v: v["enrichment"]["attributes"]["fit"][0]),
        (
            "attribute_facets.material",
            "linen",
            lambda v: v["enrichment"]["attributes"]["material"][0],
        ),
    ],
)
def test_every_facet_name_filters_on_its_field(
    raw: httpx.Client, name: str, value: str, read: Any
) -> None:
    items = search_all(raw, {"facets": [{"name": name, "values": [value]}]})
    expected = {view["uuid"] for view in VIEWS if read(view) == value}
    assert expected, f"the demo has no {name}={value}"
    assert {item["uuid"] for item in items} == expected


def test_price_bounds_are_inclusive_on_the_current_price(raw: httpx.Client) -> None:
    price = VIEWS[0]["currentPrice"]
    items = search_all(raw, {"price_min": price, "price_max": price})
    assert items and all(item["currentPrice"] == price for item in items)
    cheap = search_all(raw, {"price_max": 40})
    assert {i["uuid"] for i in cheap} == {v["uuid"] for v in VIEWS if v["currentPrice"] <= 40}


def test_a_catalog_scopes_the_search(raw: httpx.Client) -> None:
    items = search_all(raw, {"catalog": "littlesprout", "limit": 100})
    assert len(items) == 80 and {item["catalogKey"] for item in items} == {"littlesprout"}


def test_an_unknown_catalog_is_404_catalog_not_found(sdk: octogen.Client) -> None:
    with pytest.raises(octogen.OctogenNotFoundError) as caught:
        sdk.products.search("hoodie", catalog="nope")
    assert caught.value.detail == "catalog_not_found"


def test_limit_defaults_to_50(raw: httpx.Client) -> None:
    page = raw.post("/products/search", json={}).json()
    assert len(page["items"]) == 50 and page["nextCursor"]


def test_a_malformed_cursor_means_the_first_page(raw: httpx.Client) -> None:
    first = raw.post("/products/search", json={"limit": 5}).json()
    garbled = raw.post("/products/search", json={"limit": 5, "cursor": "%%not-a-cursor"}).json()
    assert garbled["items"] == first["items"]


def test_search_items_are_list_items_not_full_views(raw: httpx.Client) -> None:
    (item,) = raw.post("/products/search", json={"limit": 1}).json()["items"]
    assert "productUrl" in item and "variants" not in item and "enrichment" not in item


FILTERS = st.fixed_dictionaries(
    {},
    optional={
        "q": st.sampled_from(["hoodie", "black", "linen dress", "organic", "boots", "zzz"]),
        "catalog": st.sampled_from(["northwind", "maisonlune", "atlasstreet", "littlesprout"]),
        "price_max": st.integers(20, 400),
        "facets": st.lists(
            st.fixed_dictionaries(
                {
                    "name": st.sampled_from(["color_family", "gender", "brand_name"]),
                    "values": st.lists(
                        st.sampled_from(["Black", "Blue", "female", "unisex", "Atlas", "Linea"]),
                        min_size=1,
                        max_size=3,
                    ),
                }
            ),
            max_size=2,
        ),
    },
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(filters=FILTERS, limit=st.integers(1, 100))
def test_paging_returns_every_match_once_in_a_stable_order(
    raw: httpx.Client, filters: dict[str, Any], limit: int
) -> None:
    everything = raw.post("/products/search", json={**filters, "limit": 100}).json()
    paged = search_all(raw, {**filters, "limit": limit})
    assert len(paged) == len({item["uuid"] for item in paged}), "no duplicates"
    if everything["nextCursor"] is None:
        assert [item["uuid"] for item in paged] == [item["uuid"] for item in everything["items"]]


def test_paging_through_the_whole_dataset_returns_every_product_once(raw: httpx.Client) -> None:
    uuids = [item["uuid"] for item in search_all(raw, {"limit": 7})]
    assert sorted(uuids) == sorted(view["uuid"] for view in VIEWS)
