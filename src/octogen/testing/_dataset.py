"""`Dataset`: the catalogs and products a fake serves, indexed for search and lookup."""

from __future__ import annotations

import functools
import gc
import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, Protocol

from .._models.base import WireModel
from ._demo import (
    DEFAULT_PRODUCTS_PER_CATALOG,
    DEFAULT_SEED,
    build_demo_catalogs,
    build_off_index_pages,
    draw_demo_products,
)
from ._urls import normalize_url

# The fields of `MerchantProductListItem` (CONTRACT.md, with the live card fields of
# CONTRACT-LIVE.md §1.6b): search returns these.
LIST_ITEM_FIELDS = (
    "uuid", "catalogKey", "catalogDisplayName", "productUrl", "title", "brand",
    "currentPrice", "originalPrice", "currency", "imageUrl", "primaryImage", "images",
    "rating", "inStock", "colors", "sizes", "gender", "categoryPath", "isActive",
    "displayMatchScore", "rawScore", "updatedAt",
)  # fmt: skip

_WORD = re.compile(r"[a-z0-9]+")


def words_of(text: str | None) -> list[str]:
    """Lower-case words, the unit of keyword matching."""
    return _WORD.findall(text.lower()) if text else []


class ProductDraft(Protocol):
    """A product whose view is built when first needed (a demo product: `_demo.ProductDraw`)."""

    @property
    def catalog_key(self) -> str:
        """The key of the product's catalog."""
        ...

    @property
    def url(self) -> str:
        """The product's page, already normalized (`normalize_url(url) == url`)."""
        ...

    def searchable(self) -> dict[str, Any]:
        """The fields of `view()` that a word search reads (title, brand, tags, description)."""
        ...

    def view(self) -> dict[str, Any]:
        """The product as the API sends it."""
        ...


# Views are built one at a time, so that two threads asking at once get the same dict.
_BUILDING = threading.Lock()


class IndexedProduct:
    """One product, with what search needs worked out on its first use (a search for
    words reads every product's `word_weights`, but `list_item` only of the page it
    returns, and `facet_values` only when filtering). A drafted product (the demo's)
    builds even its `view` on first use: its words come from the draft alone.
    """

    # A plain class, not attrs: `octogen --mock` defines it at every start.
    __slots__ = (
        "_draft",
        "_facet_values",
        "_list_item",
        "_searched",
        "_searched_text",
        "_view",
        "_word_weights",
        "catalog_display_name",
        "catalog_key",
        "sequence",
    )

    def __init__(
        self,
        *,
        sequence: int,
        view: dict[str, Any] | ProductDraft,
        catalog_display_name: str | None = None,
    ) -> None:
        self.sequence = sequence
        self.catalog_display_name = catalog_display_name
        self._draft: ProductDraft | None
        self._view: dict[str, Any] | None
        if isinstance(view, dict):
            self._draft, self._view = None, view
            self.catalog_key: str = view["catalogKey"]
        else:
            self._draft, self._view = view, None
            self.catalog_key = view.catalog_key
        self._list_item: dict[str, Any] | None = None
        self._facet_values: dict[str, frozenset[str]] | None = None
        self._searched: tuple[str, str, str] | None = None
        self._searched_text: str | None = None
        self._word_weights: dict[str, int] | None = None

    def __repr__(self) -> str:
        return f"<IndexedProduct {self.sequence} of {self.catalog_key!r}>"

    @property
    def view(self) -> dict[str, Any]:
        """The product as the API sends it (`MerchantProductView`, camelCase)."""
        if self._view is not None:
            return self._view
        with _BUILDING:
            if self._view is None:
                assert self._draft is not None
                self._view = self._draft.view()
            return self._view

    @property
    def list_item(self) -> dict[str, Any]:
        """The product as search lists it."""
        if self._list_item is None:
            self._list_item = list_item_of(self.view, self.catalog_display_name)
        return self._list_item

    @property
    def facet_values(self) -> dict[str, frozenset[str]]:
        """The values the product holds for each facet name."""
        if self._facet_values is None:
            self._facet_values = facet_values_of(self.view)
        return self._facet_values

    @property
    def searched_text(self) -> str:
        """All that a word search reads of the product, lower-cased: a word that is not in
        this text is none of `word_weights` (a quicker test than splitting it into words)."""
        if self._searched_text is None:
            self._searched_text = " ".join(self._searched_texts())
        return self._searched_text

    @property
    def word_weights(self) -> dict[str, int]:
        """Words weighted by where they appear: title 3, brand 2, tags 1, description 1."""
        if self._word_weights is None:
            self._word_weights = _word_weights(self._searched_texts())
        return self._word_weights

    def _searched_texts(self) -> tuple[str, str, str]:
        if self._searched is None:
            draft = self._draft if self._view is None else None
            self._searched = searched_texts_of(self.view if draft is None else draft.searchable())
        return self._searched


def facet_values_of(view: Mapping[str, Any]) -> dict[str, frozenset[str]]:
    """The values a product holds for each facet name of CONTRACT.md (and its attributes)."""
    values: dict[str, set[str]] = {}

    def add(name: str, value: Any) -> None:
        if value is None:
            return
        items = value if isinstance(value, list) else [value]
        for item in items:
            if isinstance(item, bool):
                values.setdefault(name, set()).add("true" if item else "false")
            elif isinstance(item, str | int | float):
                values.setdefault(name, set()).add(str(item))

    brand = view.get("brand") or {}
    enrichment = view.get("enrichment") or {}
    audience = view.get("audience") or {}
    add("brand_name", brand.get("name"))
    add("brand_slug", brand.get("slug"))
    add("raw_brand_name", enrichment.get("raw_brand_name") or brand.get("name"))
    add("product_type", enrichment.get("type"))
    add("gender", enrichment.get("gender") or audience.get("genders"))
    add("age_groups", enrichment.get("age_groups") or audience.get("ageGroups"))
    add("color", enrichment.get("color"))
    add("color_family", enrichment.get("color_family"))
    add("is_activewear", enrichment.get("is_activewear"))
    for depth, segment in enumerate(enrichment.get("category_path") or []):
        add(f"category_path.depth_{depth}", segment)
    for name, value in (enrichment.get("attributes") or {}).items():
        add(f"attribute_facets.{name}", value)
    return {name: frozenset(found) for name, found in values.items()}


def list_item_of(view: Mapping[str, Any], catalog_display_name: str | None) -> dict[str, Any]:
    """The search result for a product view, as the live API lists it: the view's own
    list-item fields plus the card fields (`colors` as labels, `gender` and
    `categoryPath` from the enrichment, `primaryImage` from the first image)."""
    item = {key: view.get(key) for key in LIST_ITEM_FIELDS}
    enrichment = view.get("enrichment") or {}
    genders = (view.get("audience") or {}).get("genders") or []
    labels = [c.get("label") if isinstance(c, Mapping) else c for c in view.get("colors") or []]
    images = view.get("images") or []
    first = images[0] if images else None
    item.update(
        catalogDisplayName=view.get("catalogDisplayName", catalog_display_name),
        primaryImage=view.get("primaryImage")
        or ({"url": first} if isinstance(first, str) else first),
        colors=[label for label in labels if isinstance(label, str)],
        gender=enrichment.get("gender") or (genders[0] if len(genders) == 1 else None),
        categoryPath=enrichment.get("category_path"),
        isActive=True if view.get("isActive") is None else view["isActive"],
    )
    return item


def searched_texts_of(view: Mapping[str, Any]) -> tuple[str, str, str]:
    """What a word search reads of a product, lower-cased, by weight: its title, its
    brand's name, and its tags and description."""
    brand = view.get("brand") or {}
    light = [tag for tag in view.get("tags") or [] if tag]
    light.append(view.get("description") or "")
    title = view.get("title") or ""
    return title.lower(), (brand.get("name") or "").lower(), " ".join(light).lower()


def _word_weights(texts: tuple[str, str, str]) -> dict[str, int]:
    # Lightest first: a word ends with the weight of the heaviest place it appears in.
    title, brand, light = texts
    weights = dict.fromkeys(_WORD.findall(light), 1)
    weights.update(dict.fromkeys(_WORD.findall(brand), 2))
    weights.update(dict.fromkeys(_WORD.findall(title), 3))
    return weights


def _as_wire(item: Mapping[str, Any] | WireModel, what: str) -> dict[str, Any]:
    if isinstance(item, WireModel):
        return item.to_dict()
    if isinstance(item, Mapping):
        return dict(item)
    raise TypeError(f"{what} must be a dict in the API's shape or an octogen model; got {item!r}")


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while the demo is drawn. Its objects hold no cycle,
    and the collections they would set off (one of them, at times, over every object of
    the process, every module it has imported too) would find nothing.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


class Dataset:
    """The catalogs and products a `FakeOctogen` serves.

    `Dataset.demo()` is the built-in deterministic demo; `Dataset(catalogs=..., products=...)`
    serves your own. Products are dicts in the API's shape (camelCase, as `lookup`
    returns them) or `octogen.Product` / `ProductSummary` models; catalogs are dicts in
    the shape of `GET /catalogs` or `octogen.Catalog` models. A catalog's `productCount`
    is counted for you when you leave it out.
    """

    def __init__(
        self,
        *,
        catalogs: Iterable[Mapping[str, Any] | WireModel] = (),
        products: Iterable[Mapping[str, Any] | WireModel] = (),
        off_index_pages: Iterable[Mapping[str, Any] | WireModel] = (),
    ) -> None:
        self._lock = threading.Lock()
        self._catalogs: dict[str, dict[str, Any]] = {}
        self._products: list[IndexedProduct] = []
        self._by_url: dict[str, IndexedProduct] = {}
        # Drafted products not yet in `_by_url`: only a lookup needs their URLs.
        self._unindexed: list[tuple[ProductDraft, IndexedProduct]] = []
        self._off_index: dict[str, dict[str, Any]] = {}
        # Pages made when first asked for (the demo's: no search reads them).
        self._pending_off_index: Callable[[], Iterable[dict[str, Any]]] | None = None
        for catalog in catalogs:
            self.add_catalog(catalog)
        self.add_products(products)
        for page in off_index_pages:
            view = _as_wire(page, "an off-index page")
            self._off_index[normalize_url(view["productUrl"])] = view

    @classmethod
    def demo(
        cls,
        *,
        seed: int = DEFAULT_SEED,
        products_per_catalog: int = DEFAULT_PRODUCTS_PER_CATALOG,
    ) -> Dataset:
        """The built-in demo: 4 catalogs of `products_per_catalog` products each (80 by
        default), plus a dozen pages on `https://shop.example.com/p/...` that are in no
        catalog and that `lookup` resolves on demand. The same `seed` gives the same data.
        """
        with _collector_paused():
            draws = draw_demo_products(seed, products_per_catalog)
            dataset = cls(catalogs=build_demo_catalogs(draws))
            dataset._add_drafts(draws)
        dataset._pending_off_index = functools.partial(build_off_index_pages, seed)
        return dataset

    def add_catalog(self, catalog: Mapping[str, Any] | WireModel) -> None:
        """Add (or replace) a catalog, in the shape of one `GET /catalogs` item."""
        wire = _as_wire(catalog, "a catalog")
        if not isinstance(wire.get("catalog"), str) or not wire["catalog"]:
            raise ValueError(f"a catalog needs a non-empty 'catalog' key; got {wire!r}")
        wire.setdefault("displayName", wire["catalog"])
        wire.setdefault("sourceBaseUrl", None)
        wire.setdefault("lastIndexedAt", None)
        with self._lock:
            self._catalogs[wire["catalog"]] = wire

    def add_products(self, products: Iterable[Mapping[str, Any] | WireModel]) -> None:
        """Add products (full views or list items) to the index, after those already in it.

        Raises:
            ValueError: A product has no `productUrl`, or names a catalog that is unknown.
        """
        with self._lock:
            self._index_drafts()  # first, so that a later product's URL wins, as always
            for product in products:
                view = _as_wire(product, "a product")
                url = view.get("productUrl")
                if not isinstance(url, str) or not url:
                    raise ValueError(f"a product needs a 'productUrl'; got {view!r}")
                catalog = view.get("catalogKey")
                if catalog not in self._catalogs:
                    raise ValueError(
                        f"product {url} names catalog {catalog!r}, which is not in the dataset; "
                        "add the catalog first"
                    )
                sequence = len(self._products)
                view.setdefault("uuid", f"prod_user_{sequence:06d}")
                view.setdefault("images", [])
                indexed = IndexedProduct(
                    sequence=sequence,
                    view=view,
                    catalog_display_name=self._catalogs[catalog].get("displayName"),
                )
                self._products.append(indexed)
                self._by_url[normalize_url(url)] = indexed

    def _add_drafts(self, drafts: Iterable[ProductDraft]) -> None:
        """Add products whose views are built when first needed, of known catalogs."""
        with self._lock:
            for draft in drafts:
                indexed = IndexedProduct(
                    sequence=len(self._products),
                    view=draft,
                    catalog_display_name=self._catalogs[draft.catalog_key].get("displayName"),
                )
                self._products.append(indexed)
                self._unindexed.append((draft, indexed))

    def _index_drafts(self) -> None:
        """Put the drafted products in the URL index (the caller holds the lock)."""
        for draft, indexed in self._unindexed:
            self._by_url[draft.url] = indexed  # a demo URL is normalized already
        self._unindexed.clear()

    @property
    def catalogs(self) -> list[dict[str, Any]]:
        """Every catalog, as `GET /catalogs` lists them (counting products when needed)."""
        with self._lock:
            counts: dict[str, int] = {}
            for product in self._products:
                counts[product.catalog_key] = counts.get(product.catalog_key, 0) + 1
            return [
                {**catalog, "productCount": catalog.get("productCount", counts.get(key, 0))}
                for key, catalog in self._catalogs.items()
            ]

    @property
    def catalog_keys(self) -> frozenset[str]:
        """The key of every catalog (without counting products, unlike `catalogs`)."""
        with self._lock:
            return frozenset(self._catalogs)

    @property
    def products(self) -> Sequence[IndexedProduct]:
        """Every indexed product, in index order."""
        with self._lock:
            return tuple(self._products)

    @property
    def off_index_pages(self) -> list[dict[str, Any]]:
        """The pages in no catalog that an on-demand lookup resolves."""
        return list(self._off_index_by_url().values())

    def catalog(self, key: str) -> dict[str, Any] | None:
        """The catalog called `key`, or None."""
        return self._catalogs.get(key)

    def find_indexed(self, url: str) -> IndexedProduct | None:
        """The indexed product whose page is `url` (after normalization), or None."""
        key = normalize_url(url)
        with self._lock:
            self._index_drafts()
            return self._by_url.get(key)

    def find_off_index(self, url: str) -> dict[str, Any] | None:
        """A page in no catalog that an on-demand lookup can resolve, or None."""
        return self._off_index_by_url().get(normalize_url(url))

    def _off_index_by_url(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            if self._pending_off_index is not None:
                for view in self._pending_off_index():
                    self._off_index[normalize_url(view["productUrl"])] = view
                self._pending_off_index = None
            return self._off_index
