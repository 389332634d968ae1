"""The built-in demo dataset: deterministic, realistic, and valid per the contract."""

from __future__ import annotations

import gc
import hashlib
import json
import threading

import pytest

import octogen
from octogen import _wire
from octogen.testing import Dataset, FakeOctogen, _demo
from octogen.testing._urls import normalize_url

# The demo's catalogs, products and on-demand pages, pinned: README, docs and tests quote
# them, so a change to what the seed gives must be deliberate (update the digest then).
DEMO_DIGEST = "4f8c797243dabe2d570d9dcf5d9a46ab1ac1f028f607beff0108ed0027256a26"


def test_the_same_seed_gives_the_same_products() -> None:
    first, second = Dataset.demo(), Dataset.demo()
    assert [p.view for p in first.products] == [p.view for p in second.products]
    assert Dataset.demo(seed=1).products[0].view != first.products[0].view


def test_the_demo_is_built_with_the_cycle_collector_paused_then_left_as_it_was(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Its thousands of acyclic dicts would make the collector walk the whole process for
    nothing (`octogen --mock` builds one at start-up)."""
    from octogen.testing import _dataset

    seen: list[bool] = []
    draw = _dataset.draw_demo_products

    def recording(*args: int) -> list[_demo.ProductDraw]:
        seen.append(gc.isenabled())
        return draw(*args)

    monkeypatch.setattr(_dataset, "draw_demo_products", recording)
    assert gc.isenabled()
    Dataset.demo()
    assert gc.isenabled()
    gc.disable()
    try:
        Dataset.demo()
        assert not gc.isenabled()
    finally:
        gc.enable()
    assert seen == [False, False]


def test_the_demo_is_exactly_the_products_the_docs_quote() -> None:
    dataset = Dataset.demo()
    document = {
        "catalogs": dataset.catalogs,
        "products": [product.view for product in dataset.products],
        "off_index": dataset.off_index_pages,
    }
    digest = hashlib.sha256(json.dumps(document, sort_keys=True).encode()).hexdigest()
    assert digest == DEMO_DIGEST


def test_a_demo_product_is_built_only_when_something_reads_more_than_its_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`octogen --mock search` starts faster: a word search reads the words of every
    product, but builds only the products of the page it answers."""
    built: list[str] = []
    build = _demo._build_view

    def recording(draw: _demo.ProductDraw) -> dict[str, object]:
        built.append(draw.url)
        return build(draw)

    monkeypatch.setattr(_demo, "_build_view", recording)
    fake = FakeOctogen()
    built.clear()  # the few pages in no catalog are built with the dataset
    with fake.client() as client:
        assert client.products.search("nothing matches this", limit=5).items == []
        assert built == []
        (item,) = client.products.search("dress", limit=1).items
    assert built == [item.product_url]


def test_the_pages_in_no_catalog_are_made_once_when_a_lookup_first_needs_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from octogen.testing import _dataset

    made: list[int] = []
    build = _dataset.build_off_index_pages

    def recording(seed: int) -> list[dict[str, object]]:
        made.append(seed)
        return build(seed)

    monkeypatch.setattr(_dataset, "build_off_index_pages", recording)
    fake = FakeOctogen()
    with fake.client() as client:
        client.products.search("dress")
        assert made == []
        page = client.products.lookup("https://shop.example.com/p/lightweight-rust-trench-coat-1")
        assert page.product.title == "Lightweight Rust Trench Coat"
        client.products.lookup("https://warrenlotas.com/products/black-hoodie")
    assert made == [_demo.DEFAULT_SEED]
    assert len(fake.dataset.off_index_pages) == 15


def test_a_demo_products_words_are_those_of_its_view() -> None:
    for draw in _demo.draw_demo_products():
        view = draw.view()
        assert draw.searchable() == {
            "title": view["title"],
            "brand": {"name": view["brand"]["name"]},
            "tags": view["tags"],
            "description": view["description"],
        }
        assert (draw.catalog_key, draw.url) == (view["catalogKey"], view["productUrl"])


def test_every_word_a_product_can_match_is_in_its_searched_text() -> None:
    """Search skips splitting a product into words when the query word is not in its
    text: that must never skip a product that has the word."""
    odd = {
        "catalogKey": "mine",
        "productUrl": "https://my.shop/p/odd",
        "title": "CAFÉ-Racer Jacket (Size XS/S)",
        "brand": {"name": "Ünïcode & Co."},
        "tags": ["T-Shirts", None, "", "ΟΔΟΣ road"],
        "description": "Wax_cotton; 100%recycled.",
    }
    mine = Dataset(catalogs=[{"catalog": "mine"}], products=[odd])
    for product in [*Dataset.demo().products, *mine.products]:
        assert product.word_weights
        for word in product.word_weights:
            assert word in product.searched_text, (product.sequence, word)


def test_demo_product_urls_are_indexed_as_normalized_and_found_by_lookup() -> None:
    dataset = Dataset.demo()
    for product in dataset.products:
        url = product.view["productUrl"]
        assert normalize_url(url) == url
        variant = url.replace("https://", "http://www.") + "/?utm_source=mail#reviews"
        assert dataset.find_indexed(variant) is product


def test_a_product_added_after_the_demo_with_the_url_of_one_of_its_products_wins() -> None:
    dataset = Dataset.demo()
    theirs = dataset.products[3].view
    dataset.add_products([{**theirs, "uuid": "prod_mine", "title": "Mine"}])
    found = dataset.find_indexed(theirs["productUrl"])
    assert found is not None and found.view["uuid"] == "prod_mine"
    assert dataset.find_indexed(dataset.products[4].view["productUrl"]) is dataset.products[4]


def test_a_demo_products_view_is_one_dict_whoever_asks_first() -> None:
    product = Dataset.demo().products[7]
    seen: list[dict[str, object]] = []
    threads = [threading.Thread(target=lambda: seen.append(product.view)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(seen) == 4 and all(view is seen[0] for view in seen)
    assert product.view is seen[0]


def test_the_demo_has_four_catalogs_of_a_few_hundred_products() -> None:
    dataset = Dataset.demo()
    catalogs = dataset.catalogs
    assert len(catalogs) == 4
    assert sum(catalog["productCount"] for catalog in catalogs) == len(dataset.products) == 320
    assert len({product.view["uuid"] for product in dataset.products}) == 320
    assert len({product.view["productUrl"] for product in dataset.products}) == 320


def test_demo_products_read_as_octogen_products_in_strict_mode() -> None:
    for product in Dataset.demo().products:
        view = dict(product.view)
        enrichment = view.pop("enrichment")  # carries extra keys, as the real API does
        typed = _wire.build(octogen.Product, view, strict=True)
        assert typed.uuid and typed.catalog_key and typed.title
        assert _wire.build(octogen.Enrichment, enrichment).color_family


def test_the_demo_covers_what_the_contract_describes() -> None:
    views = [product.view for product in Dataset.demo().products]
    assert any(view["originalPrice"] for view in views), "some products are discounted"
    assert any(isinstance(view["currentPrice"], int) for view in views), "integer prices"
    assert any(view["rating"] is None for view in views)
    assert {view["currency"] for view in views} == {"USD", "EUR"}
    genders = {view["enrichment"]["gender"] for view in views}
    assert genders == {"male", "female", "unisex"}
    age_groups = {group for view in views for group in view["audience"]["ageGroups"]}
    assert age_groups == {"infant", "toddler", "kids", "adult"}
    assert all(view["variants"] and view["sizes"] and view["images"] for view in views)
    assert any(view["enrichment"]["is_activewear"] for view in views)


def test_users_can_serve_their_own_catalogs_and_products() -> None:
    dataset = Dataset(
        catalogs=[{"catalog": "mine", "displayName": "My Shop"}],
        products=[
            {"catalogKey": "mine", "productUrl": "https://my.shop/p/1", "title": "Blue Mug"},
            octogen.ProductSummary(
                uuid="prod_2", catalog_key="mine", product_url="https://my.shop/p/2", title="Cup"
            ),
        ],
    )
    with FakeOctogen(dataset=dataset).client() as client:
        (catalog,) = client.catalogs.list()
        assert (catalog.catalog, catalog.product_count) == ("mine", 2)
        assert [item.title for item in client.products.search("mug").items] == ["Blue Mug"]
        assert client.products.lookup("https://my.shop/p/2").product.uuid == "prod_2"


def test_a_product_of_an_unknown_catalog_is_refused() -> None:
    with pytest.raises(ValueError, match="not in the dataset"):
        Dataset(products=[{"catalogKey": "nope", "productUrl": "https://x.example/p"}])
