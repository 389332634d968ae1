"""`client.catalogs.list()`."""

from __future__ import annotations

import pytest
import respx

import octogen
from tests.support import load_fixture


def test_list_returns_typed_catalogs(api: respx.MockRouter, client: octogen.Client) -> None:
    api.get("/catalogs").respond(json=load_fixture("catalogs.json"))
    (catalog,) = client.catalogs.list()
    assert isinstance(catalog, octogen.Catalog)
    assert (catalog.catalog, catalog.display_name, catalog.product_count) == (
        "warrenlotas",
        "Warren Lotas",
        1248,
    )


def test_an_empty_listing_is_an_empty_list(api: respx.MockRouter, client: octogen.Client) -> None:
    api.get("/catalogs").respond(json=[])
    assert client.catalogs.list() == []


@pytest.mark.parametrize("status", [404, 410])
def test_a_retired_listing_says_it_is_not_available_to_the_key(
    api: respx.MockRouter, client: octogen.Client, status: int
) -> None:
    api.get("/catalogs").respond(status, json={"detail": "catalog_listing_retired"})
    with pytest.raises(octogen.OctogenNotFoundError) as caught:
        client.catalogs.list()
    assert caught.value.status_code == status
    assert caught.value.detail == "catalog_listing_retired"
    assert "catalog listing is not available to this key" in str(caught.value)
    assert "search without `catalog` covers every catalog" in str(caught.value)
    assert caught.value.code == "catalog_listing_retired"


def test_with_response_list(api: respx.MockRouter, client: octogen.Client) -> None:
    api.get("/catalogs").respond(json=load_fixture("catalogs.json"), headers={"X-Request-ID": "r1"})
    response = client.catalogs.with_response.list()
    assert response.request_id == "r1"
    assert response.data[0].catalog == "warrenlotas"
