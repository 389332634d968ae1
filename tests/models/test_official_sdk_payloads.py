"""Every payload the official SDK's models accept parses here (CONTRACT-LIVE.md §1.6b).

The official SDK (`octogen-ai-sdk`) validates responses against models checked against
the published OpenAPI document: its hand-written `octogen_ai_sdk.models` (what its
client returns) and the generated mirror `octogen_ai_sdk.generated.models`. polyfactory
builds seeded, random instances of them; each is dumped by alias (the wire form) and
read by our builder. A failure prints the seed-independent index and the path.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest
from octogen_ai_sdk import models as handwritten
from octogen_ai_sdk.generated import models as generated
from polyfactory.factories.pydantic_factory import ModelFactory
from pydantic import BaseModel, ValidationError

from octogen import (
    Enrichment,
    LookupResult,
    OctogenResponseError,
    ProductPage,
    ProductSummary,
    _wire,
)

T = TypeVar("T")

LOOKUPS_PER_MODEL = 150  # x 2 model sets: 300 lookup payloads
PAGES_PER_MODEL = 50  # x 2 model sets: 100 search pages


def factory_for(model: type[BaseModel], seed: int) -> type[ModelFactory[Any]]:
    return type(
        f"{model.__name__}Factory",
        (ModelFactory,),
        {
            "__model__": model,
            "__random_seed__": seed,
            "__randomize_collection_length__": True,
            "__min_collection_length__": 0,
            "__max_collection_length__": 3,
            "__check_model__": False,
        },
    )


def wire_payloads(model: type[BaseModel], count: int, seed: int) -> list[dict[str, Any]]:
    """`count` instances of `model` in wire form. About half leave out their nulls, as a
    server that omits absent keys would, when the official model still accepts that (a
    required key such as the product's `uuid` may be null but not absent)."""
    factory = factory_for(model, seed)
    chooser = random.Random(seed)
    payloads = []
    for _ in range(count):
        instance = factory.build()
        payload = instance.model_dump(mode="json", by_alias=True)
        if chooser.random() < 0.5:
            sparse = instance.model_dump(mode="json", by_alias=True, exclude_none=True)
            try:
                model.model_validate(sparse)
            except ValidationError:
                pass
            else:
                payload = sparse
        model.model_validate(payload)  # valid under the official model, by construction
        payloads.append(payload)
    return payloads


LOOKUP_MODELS = {
    "handwritten": handwritten.MerchantProductUrlLookupResponse,
    "generated": generated.MerchantProductUrlLookupResponse,
}
PAGE_MODELS = {
    "handwritten": handwritten.ProgrammaticProductSearchPage,
    "generated": generated.ProgrammaticProductSearchPage,
}


def read_all(cls: type[T], payloads: list[dict[str, Any]]) -> list[T]:
    """Each payload read by our builder; the failures, listed with their index, fail it."""
    read, failures = [], []
    for index, payload in enumerate(payloads):
        try:
            read.append(_wire.build(cls, payload))
        except OctogenResponseError as exc:
            failures.append((index, str(exc)))
    assert failures == []
    return read


def as_utc(moment: datetime | None) -> datetime | None:
    """A naive datetime (the hand-written models allow them) is UTC, as we read it."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def image_urls(images: list[Any] | None) -> list[str]:
    return [image.cdn_url or image.url for image in images or ()]


def assert_same_item(ours: ProductSummary, theirs: Any) -> None:
    """Our reading of a list item (or the list-item part of a view) agrees with theirs."""
    assert (ours.uuid, ours.product_url, ours.title) == (
        theirs.uuid,
        theirs.product_url,
        theirs.title,
    )
    assert ours.images == image_urls(theirs.images)
    if theirs.primary_image is None:
        assert ours.primary_image is None
    else:
        assert ours.primary_image is not None
        assert ours.primary_image.url == theirs.primary_image.url
        assert ours.primary_image.cdn_url == theirs.primary_image.cdn_url
        assert ours.primary_image.width == theirs.primary_image.width
    assert ours.in_stock == theirs.in_stock
    assert ours.is_active == theirs.is_active
    assert ours.raw_score == theirs.raw_score
    assert ours.sizes == (theirs.sizes or [])
    assert ours.current_price == theirs.current_price
    assert ours.updated_at == as_utc(theirs.updated_at)


def assert_same_enrichment(ours: Enrichment | None, theirs: Any) -> None:
    if theirs is None:
        assert ours is None
        return
    assert ours is not None
    assert ours.type == theirs.model_dump(by_alias=True)["type"]
    assert ours.color == (theirs.color or [])
    assert ours.color_family == (theirs.color_family or [])
    assert ours.age_groups == (theirs.age_groups or [])
    assert ours.attributes == (theirs.attributes or {})
    assert ours.attribute_handles == (theirs.attribute_handles or {})
    assert [a.handle for a in ours.structured_attributes] == [
        a.handle for a in theirs.structured_attributes or ()
    ]
    if theirs.canonical_brand is None:
        assert ours.canonical_brand is None
    else:
        assert ours.canonical_brand is not None
        assert ours.canonical_brand.brand_name == theirs.canonical_brand.brand_name
        assert ours.canonical_brand.brand_uuid == theirs.canonical_brand.brand_uuid
        brand_enrichment = theirs.canonical_brand.brand_enrichment
        if brand_enrichment is not None:
            ours_brand = ours.canonical_brand.brand_enrichment
            assert ours_brand is not None
            assert ours_brand.founded_year == brand_enrichment.founded_year
            assert ours_brand.facet_style_identity == (brand_enrichment.facet_style_identity or [])


@pytest.mark.parametrize("source", sorted(LOOKUP_MODELS))
def test_every_lookup_the_official_models_accept_reads_the_same(source: str) -> None:
    model = LOOKUP_MODELS[source]
    payloads = wire_payloads(model, LOOKUPS_PER_MODEL, seed=1206)
    assert sum(1 for p in payloads if p["product"].get("enrichment")) > LOOKUPS_PER_MODEL / 4
    for payload, result in zip(payloads, read_all(LookupResult, payloads), strict=True):
        theirs = model.model_validate(payload)
        assert (result.source, result.request_id, result.matched_via) == (
            theirs.source,
            theirs.request_id,
            theirs.matched_via,
        )
        assert (result.normalized_url, result.resolved_url, result.canonical_url) == (
            theirs.normalized_url,
            theirs.resolved_url,
            theirs.canonical_url,
        )
        assert result.warnings == (theirs.warnings or [])
        assert_same_item(result.product, theirs.product)
        assert [c.label for c in result.product.colors] == [
            c.label for c in theirs.product.colors or ()
        ]
        assert_same_enrichment(result.product.enrichment, theirs.product.enrichment)
        assert _wire.build(LookupResult, result.to_dict()) == result


@pytest.mark.parametrize("source", sorted(PAGE_MODELS))
def test_every_search_page_the_official_models_accept_reads_the_same(source: str) -> None:
    model = PAGE_MODELS[source]
    payloads = wire_payloads(model, PAGES_PER_MODEL, seed=1207)
    assert sum(len(p.get("items") or ()) for p in payloads) > PAGES_PER_MODEL / 2
    for payload, page in zip(payloads, read_all(ProductPage, payloads), strict=True):
        theirs = model.model_validate(payload)
        assert page.request_id == theirs.request_id
        assert page.effective_query == payload.get("effectiveQuery")
        assert page.next_cursor == theirs.next_cursor
        for item, their_item in zip(page.items, theirs.items or (), strict=True):
            assert_same_item(item, their_item)
            assert item.colors == (their_item.colors or [])
            assert item.category_path == (their_item.category_path or [])
            assert item.catalog_display_name == their_item.catalog_display_name
        assert _wire.build(ProductPage, page.to_dict()) == page
