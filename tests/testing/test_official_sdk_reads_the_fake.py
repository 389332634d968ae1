"""The fake speaks the live API well enough for a client nobody here wrote: the official
async SDK (`octogen-ai-sdk`, whose pydantic models are checked against the published
OpenAPI document) reads its answers over a socket without a validation error."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest

from octogen.testing import DEMO_API_KEY, FakeOctogen

official = pytest.importorskip("octogen_ai_sdk", reason="the official SDK is a dev dependency")


def with_official_client(base_url: str, scenario: Callable[[Any], Awaitable[None]]) -> None:
    async def run() -> None:
        client = official.OctogenClient(api_key=DEMO_API_KEY, base_url=base_url, timeout=10)
        try:
            await asyncio.wait_for(scenario(client), timeout=60)
        finally:
            await client.aclose()

    asyncio.run(run())


def test_the_official_sdk_reads_search_pages_lookups_and_similar_products() -> None:
    fake = FakeOctogen()
    seen: dict[str, Any] = {}

    async def scenario(client: Any) -> None:
        page = await client.search_products(q="dress", limit=5)
        assert page.items, "the fake's demo catalog has dresses"
        second = await client.search_products(q="dress", limit=5, cursor=page.next_cursor)
        assert {item.uuid for item in page.items}.isdisjoint(i.uuid for i in second.items)
        product = page.items[0]
        lookup = await client.lookup_product(product.product_url)
        similar = await client.more_like_this_products(source_uuid=product.uuid, limit=4)
        seen.update(page=page, lookup=lookup, similar=similar, product=product)

    with fake.serve() as base_url:
        with_official_client(base_url, scenario)

    assert seen["lookup"].product.uuid == seen["product"].uuid
    assert seen["lookup"].product.enrichment is not None  # the live, list-valued shape
    assert seen["similar"].items
    assert seen["product"].uuid not in {item.uuid for item in seen["similar"].items}


def test_the_official_sdk_keeps_a_coverage_list_on_the_fake() -> None:
    fake = FakeOctogen()
    seen: dict[str, Any] = {}

    async def scenario(client: Any) -> None:
        created = await client.create_coverage_url_list(name="official-sdk")
        urls = ["https://shop.example/p/1", "https://shop.example/p/2", "not a url"]
        added = await client.add_coverage_url_list_urls(created.url_list_id, urls=urls)
        contains = await client.check_coverage_url_list_urls(created.url_list_id, urls=urls[:1])
        members = await client.list_coverage_url_list_urls(created.url_list_id)
        lists = await client.list_coverage_url_lists()
        deleted = await client.delete_coverage_url_list(created.url_list_id)
        seen.update(added=added, contains=contains, members=members, lists=lists, deleted=deleted)

    with fake.serve() as base_url:
        with_official_client(base_url, scenario)

    assert len(seen["members"].items) == 2
    assert seen["added"].rejected and seen["added"].rejected[0].url == "not a url"
    assert [list_.name for list_ in seen["lists"].items] == ["official-sdk"]
    assert seen["deleted"].status == "delete_pending"
