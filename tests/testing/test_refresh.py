"""`POST /products/refresh` on the fake: targets resolved against its dataset, 202 or 400
with the same body, and the contract's refusals."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import Dataset, FakeOctogen, Scenario

PRODUCTS = FakeOctogen().dataset.products
FIRST, SECOND = PRODUCTS[0].view, PRODUCTS[90].view


def test_urls_and_uuids_resolve_to_their_catalog_and_canonical_url(sdk: octogen.Client) -> None:
    result = sdk.products.refresh(
        [FIRST["productUrl"] + "?utm_source=mail", "https://nowhere.example/products/x"],
        uuids=[SECOND["uuid"], "prod_no_such_product"],
    )
    assert result.submitted == 4
    assert [(t.catalog, t.url) for t in result.accepted] == [
        (FIRST["catalogKey"], FIRST["productUrl"]),
        (SECOND["catalogKey"], SECOND["productUrl"]),
    ]
    assert [(r.target.url, r.target.uuid, r.code) for r in result.rejected] == [
        ("https://nowhere.example/products/x", None, "product_not_found"),
        (None, "prod_no_such_product", "product_not_found"),
    ]
    assert result.workflow_id and result.request_id


def test_a_pinned_catalog_takes_a_url_not_indexed_yet(sdk: octogen.Client) -> None:
    url = "https://northwind-outfitters.example/products/new-drop"
    result = sdk.products.refresh([url], catalog="northwind")
    assert [(t.catalog, t.url) for t in result.accepted] == [("northwind", url)]


def test_a_url_two_catalogs_hold_is_ambiguous_until_pinned() -> None:
    shared = "https://shared.example/products/1"
    dataset = Dataset(
        catalogs=[{"catalog": "a"}, {"catalog": "b"}],
        products=[
            {"catalogKey": "a", "productUrl": shared, "title": "One"},
            {"catalogKey": "b", "productUrl": shared, "title": "One"},
        ],
    )
    with FakeOctogen(dataset=dataset).client() as client:
        response = client.products.with_response.refresh([shared])
        assert response.status_code == 400  # nothing accepted: a result, not an error
        [rejection] = response.data.rejected
        assert (rejection.target.url, rejection.code) == (shared, "ambiguous_url")
        assert "catalog" in (rejection.message or "")
        pinned = client.products.refresh([shared], catalog="b")
        assert [(t.catalog, t.url) for t in pinned.accepted] == [("b", shared)]


def test_1200_targets_go_in_three_requests_and_keep_their_order(fake: FakeOctogen) -> None:
    uuids = [product.view["uuid"] for product in fake.dataset.products] * 4  # 1,280
    with fake.client() as client:
        result = client.products.refresh(uuids=(uuid for uuid in uuids[:1200]))
    sent = [r for r in fake.requests if r.path == "/products/refresh"]
    assert [len(r.body["targets"]) for r in sent] == [500, 500, 200]  # type: ignore[index,call-overload]
    assert result.submitted == 1200 and not result.rejected
    by_uuid = {p.view["uuid"]: p.view["productUrl"] for p in fake.dataset.products}
    assert [t.url for t in result.accepted] == [by_uuid[uuid] for uuid in uuids[:1200]]


def test_a_catalog_the_key_may_not_use_is_403() -> None:
    fake = FakeOctogen(grants={"k": ["northwind"]})
    with fake.client(api_key="k") as client, pytest.raises(octogen.OctogenForbiddenError) as e:
        client.products.refresh(uuids=["u"], catalog="meridian")
    assert e.value.code == "catalog_not_granted"


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"targets": []},
        {"targets": [{"uuid": "u"}] * 501},
        {"targets": [{"uuid": "u", "url": "https://a.example/p"}]},
        {"targets": [{"catalog": "northwind"}]},
    ],
    ids=["missing", "empty", "501", "both", "neither"],
)
def test_the_fake_refuses_what_the_api_refuses(raw: httpx.Client, body: dict[str, Any]) -> None:
    response = raw.post("/products/refresh", json=body)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_a_503_is_retried_and_the_refresh_goes_through(fake: FakeOctogen) -> None:
    fake.queue("503", path="/products/refresh")
    with fake.client(retry_interval=0.001, max_retry_delay=0.002) as client:
        result = client.products.refresh(uuids=[FIRST["uuid"]])
    assert len(result.accepted) == 1
    assert [r.status for r in fake.requests] == [503, 202]
    assert fake.requests[0].scenario == "503"


@pytest.mark.parametrize(
    ("scenario", "error_class", "code"),
    [
        ("403", octogen.OctogenForbiddenError, "catalog_not_granted"),
        ("503", octogen.OctogenServerError, "product_refresh_unavailable"),
        ("422", octogen.OctogenValidationError, "unprocessable_entity"),
    ],
)
def test_scenarios_fail_refresh_with_its_details(
    fake: FakeOctogen,
    sdk: octogen.Client,
    scenario: str,
    error_class: type[octogen.OctogenAPIError],
    code: str,
) -> None:
    fake.queue(Scenario.parse(scenario), path="/products/refresh")
    with pytest.raises(error_class) as caught:
        sdk.products.refresh(uuids=[FIRST["uuid"]])
    assert caught.value.code == code
