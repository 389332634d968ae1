"""`client.products`: what goes on the wire, and what comes back."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
import respx

import octogen
from octogen import Facet, FacetName, ProductPage
from tests.support import API_KEY, BASE_URL, load_fixture


def sent_json(route: respx.Route, index: int = -1) -> Any:
    return json.loads(route.calls[index].request.content)


def page_of(uuids: list[str], next_cursor: str | None) -> dict[str, Any]:
    items = [{"uuid": uuid, "productUrl": f"https://shop.test/{uuid}"} for uuid in uuids]
    return {"items": items, "nextCursor": next_cursor}


def test_search_sends_only_the_fields_that_are_set(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search").respond(json=load_fixture("search_page.json"))
    client.products.search("hoodie")
    assert sent_json(route) == {"q": "hoodie", "limit": 50}


def test_search_sends_every_filter_in_the_contract_names(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search").respond(json=load_fixture("search_page.json"))
    client.products.search(
        "linen dress",
        catalog="warrenlotas",
        facets={"gender": "female", FacetName.COLOR_FAMILY: ["Blue", "Green"]},
        price_min=10,
        price_max=150.5,
        cursor="abc",
        limit=20,
    )
    assert sent_json(route) == {
        "catalog": "warrenlotas",
        "q": "linen dress",
        "facets": [
            {"name": "gender", "values": ["female"]},
            {"name": "color_family", "values": ["Blue", "Green"]},
        ],
        "price_min": 10,
        "price_max": 150.5,
        "cursor": "abc",
        "limit": 20,
    }


@pytest.mark.parametrize(
    "facets",
    [
        [Facet(name=FacetName.GENDER, values=["female"]), Facet(name="fit", values=["relaxed"])],
        [{"name": "gender", "values": ["female"]}, {"name": "fit", "values": ["relaxed"]}],
        {"gender": "female", "fit": ["relaxed"]},
        ({"name": "gender", "values": ("female",)}, Facet(name="fit", values=["relaxed"])),
    ],
)
def test_facets_in_every_accepted_form_are_sent_as_the_contract_list(
    api: respx.MockRouter, client: octogen.Client, facets: Any
) -> None:
    route = api.post("/products/search").respond(json=load_fixture("search_page.json"))
    client.products.search(facets=facets)
    assert sent_json(route)["facets"] == [
        {"name": "gender", "values": ["female"]},
        {"name": "fit", "values": ["relaxed"]},
    ]


def test_search_returns_a_typed_page(api: respx.MockRouter, client: octogen.Client) -> None:
    api.post("/products/search").respond(json=load_fixture("search_page.json"))
    page = client.products.search("hoodie")
    assert isinstance(page, ProductPage)
    assert page.items[0].brand is not None and page.items[0].brand.name == "Warren Lotas"
    assert page.next_cursor == "eyJzZWFyY2hBZnRlciI6Wy4uLl19"


def test_the_next_page_is_asked_for_with_the_cursor(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search")
    route.side_effect = [
        httpx.Response(200, json=page_of(["a"], "c1")),
        httpx.Response(200, json=page_of(["b"], None)),
    ]
    first = client.products.search("dress", price_max=150)
    second = client.products.search("dress", price_max=150, cursor=first.next_cursor)
    assert sent_json(route, 1) == {"q": "dress", "price_max": 150, "cursor": "c1", "limit": 50}
    assert [item.uuid for item in second.items] == ["b"]
    assert not second.has_next_page


def test_iter_search_follows_cursors_lazily(api: respx.MockRouter, client: octogen.Client) -> None:
    route = api.post("/products/search")
    route.side_effect = [
        httpx.Response(200, json=page_of(["a", "b"], "c1")),
        httpx.Response(200, json=page_of(["c", "d"], "c2")),
        httpx.Response(200, json=page_of(["e"], None)),
    ]
    items = client.products.iter_search("hoodie", facets={"gender": "male"}, page_size=2)
    assert route.call_count == 0  # nothing is fetched before the first item is asked for
    assert next(items).uuid == "a"
    assert route.call_count == 1
    assert [item.uuid for item in items] == ["b", "c", "d", "e"]
    assert route.call_count == 3
    bodies = [sent_json(route, index) for index in range(3)]
    assert [body.get("cursor") for body in bodies] == [None, "c1", "c2"]
    assert all(body["limit"] == 2 and body["facets"] for body in bodies)


def test_iter_search_stops_at_max_items_without_fetching_more(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search")
    route.side_effect = [
        httpx.Response(200, json=page_of(["a", "b", "c"], "c1")),
        httpx.Response(200, json=page_of(["d", "e", "f"], "c2")),
    ]
    items = list(client.products.iter_search("x", page_size=3, max_items=4))
    assert [item.uuid for item in items] == ["a", "b", "c", "d"]
    assert route.call_count == 2
    assert list(client.products.iter_search("x", max_items=0)) == []
    assert route.call_count == 2


def test_iter_search_stops_at_an_empty_page_even_with_a_fresh_cursor(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search")
    route.side_effect = [
        httpx.Response(200, json=page_of(["a", "b"], "c1")),
        httpx.Response(200, json=page_of([], "c2")),  # a server handing out cursors forever
        httpx.Response(200, json=page_of(["never"], "c3")),
    ]
    assert [item.uuid for item in client.products.iter_search("x", page_size=2)] == ["a", "b"]
    assert route.call_count == 2


def test_iter_search_raises_when_a_page_fails_instead_of_ending_quietly(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search")
    route.side_effect = [
        httpx.Response(200, json=page_of(["a"], "c1")),
        httpx.Response(404, json={"detail": "catalog_not_found"}),
    ]
    items = client.products.iter_search("x", catalog="gone")
    assert next(items).uuid == "a"
    with pytest.raises(octogen.OctogenNotFoundError):
        next(items)


def test_iter_search_refuses_a_repeated_cursor(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/search").respond(json=page_of(["a"], "same"))
    with pytest.raises(octogen.OctogenResponseError, match="a second time"):
        list(client.products.iter_search("x"))


def test_lookup_sends_the_url_and_only_given_options(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/lookup").respond(json=load_fixture("lookup_indexed.json"))
    url = "https://warrenlotas.com/products/black-hoodie"
    result = client.products.lookup(url)
    assert sent_json(route) == {"url": url}
    assert result.source == "indexed"
    assert result.product.details.materials == ["100% cotton"]
    client.products.lookup(url, resolution_mode="on_demand_only", cache_policy="refresh")
    assert sent_json(route) == {
        "url": url,
        "resolutionMode": "on_demand_only",
        "onDemandCachePolicy": "refresh",
    }


def test_with_response_gives_the_exchange_around_the_data(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/search").respond(
        json=load_fixture("search_page.json"),
        headers={
            "X-Request-ID": "req_42",
            "X-RateLimit-Limit": "600",
            "X-RateLimit-Remaining": "599",
            "X-RateLimit-Reset": "1795000000",
        },
    )
    response = client.products.with_response.search("hoodie")
    assert isinstance(response, octogen.APIResponse)
    assert isinstance(response.data, ProductPage)
    assert response.status_code == 200
    assert response.request_id == "req_42"
    assert response.headers["x-ratelimit-limit"] == "600"
    assert response.rate_limit is not None and response.rate_limit.remaining == 599
    assert response.attempts == 1
    assert response.elapsed >= 0
    assert response.base_url == BASE_URL
    assert response.http_response.json() == load_fixture("search_page.json")


def test_with_response_iter_search_yields_each_page(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search")
    route.side_effect = [
        httpx.Response(200, json=page_of(["a", "b"], "c1")),
        httpx.Response(200, json=page_of(["c", "d"], None)),
    ]
    pages = list(client.products.with_response.iter_search("x", page_size=2, max_items=3))
    assert [[item.uuid for item in page.data.items] for page in pages] == [["a", "b"], ["c"]]


def test_client_rate_limit_tracks_the_latest_response(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    assert client.rate_limit is None
    route = api.get("/catalogs")
    route.side_effect = [
        httpx.Response(
            200,
            json=[],
            headers={
                "X-RateLimit-Limit": "600",
                "X-RateLimit-Remaining": "10",
                "X-RateLimit-Reset": "1795000000",
            },
        ),
        httpx.Response(
            429,
            json={"detail": "rate_limit_exceeded"},
            headers={
                "X-RateLimit-Limit": "600",
                "X-RateLimit-Remaining": "0",
                "X-RateLimit-Reset": "1795000060",
            },
        ),
    ]
    client.catalogs.list()
    assert client.rate_limit is not None and client.rate_limit.remaining == 10
    with pytest.raises(octogen.OctogenRateLimitError):
        client.catalogs.list()
    assert client.rate_limit.remaining == 0  # error responses update it too


def test_every_request_carries_the_contract_headers(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/search").respond(json=load_fixture("search_page.json"))
    client.products.search("x")
    client.products.search("x")
    first, second = (call.request.headers for call in route.calls)
    assert first["authorization"] == f"Bearer {API_KEY}"
    assert first["accept"] == "application/json"
    assert first["content-type"] == "application/json"
    assert first["user-agent"].startswith("octogen-python/")
    assert first["x-request-id"] != second["x-request-id"]  # one id per logical call


def test_a_get_request_has_no_body_and_no_content_type(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.get("/catalogs").respond(json=[])
    client.catalogs.list()
    request = route.calls.last.request
    assert request.content == b""
    assert "content-type" not in request.headers


def test_user_agent_and_default_headers_are_sent(api: respx.MockRouter) -> None:
    route = api.get("/catalogs").respond(json=[])
    with octogen.Client(
        api_key=API_KEY,
        base_url=BASE_URL,
        user_agent="shopbot/1.2",
        default_headers={"X-Team": "search", "X-Request-ID": "mine"},
    ) as client:
        client.catalogs.list()
    headers = route.calls.last.request.headers
    assert headers["user-agent"].startswith("shopbot/1.2 octogen-python/")
    assert headers["x-team"] == "search"
    assert headers["x-request-id"] == "mine"


def test_with_options_can_send_another_key_over_the_same_pool(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.get("/catalogs").respond(json=[])
    other = client.with_options(api_key="octo_test_another_key_0000000000")
    other.catalogs.list()
    client.catalogs.list()
    first, second = (call.request.headers["authorization"] for call in route.calls)
    assert first == "Bearer octo_test_another_key_0000000000"
    assert second == f"Bearer {API_KEY}"
