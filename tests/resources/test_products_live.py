"""`client.products` beyond search and lookup (CONTRACT-LIVE.md §3): more like this,
refresh and resolve-from-html. What goes on the wire, what comes back, and what is
refused before anything is sent."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import respx

import octogen
from octogen import (
    InvalidRequestError,
    RefreshRejection,
    RefreshResult,
    RefreshTarget,
    SimilarProductsPage,
    SourceProduct,
)
from tests.support import API_KEY, BASE_URL, open_client

SOURCE_URL = "https://warrenlotas.com/products/black-hoodie"


def sent_json(route: respx.Route, index: int = -1) -> Any:
    return json.loads(route.calls[index].request.content)


def similar_page(uuids: list[str], next_cursor: str | None = None, **extra: Any) -> dict[str, Any]:
    items = [{"uuid": uuid, "productUrl": f"https://shop.test/{uuid}"} for uuid in uuids]
    return {"items": items, "nextCursor": next_cursor, **extra}


PRODUCT_SOURCE = {
    "catalogKey": "warrenlotas",
    "uuid": "prod_01HX4Q",
    "productUrl": SOURCE_URL,
    "title": "Black Hoodie",
}


# --- more like this: the request ---------------------------------------------------------


def test_more_like_this_sends_a_url_source_and_the_default_limit(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page(["a"]))
    client.products.more_like_this(SOURCE_URL)
    assert sent_json(route) == {"source": {"url": SOURCE_URL}, "limit": 12}


def test_more_like_this_sends_every_option_in_the_contract_names(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page(["a"]))
    client.products.more_like_this(
        uuid="prod_01HX4Q",
        catalogs=["warrenlotas", "northwind"],
        include_facets={"gender": "female"},
        exclude_facets=[octogen.Facet(name="color_family", values=["Black"])],
        price_preference="lower",
        retrieval_embedding_columns=["style_embedding", "tags_embedding"],
        ranking_embedding_columns=["embedding"],
        cursor="abc",
        limit=2,
        debug=True,
    )
    assert sent_json(route) == {
        "source": {"uuid": "prod_01HX4Q"},
        "catalogs": ["warrenlotas", "northwind"],
        "include_facets": [{"name": "gender", "values": ["female"]}],
        "exclude_facets": [{"name": "color_family", "values": ["Black"]}],
        "price_preference": "lower",
        "retrieval_embedding_columns": ["style_embedding", "tags_embedding"],
        "ranking_embedding_columns": ["embedding"],
        "cursor": "abc",
        "limit": 2,
        "debug": True,
    }


def test_the_retired_catalog_field_is_never_sent(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page([]))
    client.products.more_like_this(SOURCE_URL, catalogs=["warrenlotas"])
    assert "catalog" not in sent_json(route)
    with pytest.raises(TypeError, match="catalogs"):
        client.products.more_like_this(SOURCE_URL, catalog="warrenlotas")  # type: ignore[call-arg]


def test_an_image_url_source_is_sent_for_the_api_to_fetch(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page([]))
    client.products.more_like_this(image_url="https://images.shop.example/coat.jpg")
    assert sent_json(route)["source"] == {"image": {"url": "https://images.shop.example/coat.jpg"}}


def test_image_bytes_are_sent_base64(api: respx.MockRouter, client: octogen.Client) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page([]))
    image = b"\xff\xd8\xff\xe0 a small jpeg"
    client.products.more_like_this(image=image, price_preference="any")
    source = sent_json(route)["source"]
    assert base64.b64decode(source["image"]["b64"]) == image
    assert sent_json(route)["price_preference"] == "any"


@pytest.mark.parametrize(
    "source",
    [{"image": b"jpeg bytes"}, {"image_url": "https://images.shop.example/coat.jpg"}],
    ids=["image", "image_url"],
)
def test_an_image_source_waits_at_least_15_seconds_for_the_answer(
    client_kind: str, source: dict[str, Any]
) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/products/more-like-this").respond(json=similar_page([]))
        options = {"api_key": API_KEY, "base_url": BASE_URL, "read_timeout": 2.0}
        with open_client(client_kind, **options) as client:
            client.products.more_like_this(**source)
            client.products.more_like_this(SOURCE_URL)
        image_timeout = route.calls[0].request.extensions["timeout"]
        product_timeout = route.calls[1].request.extensions["timeout"]
        assert image_timeout["read"] == 15.0
        assert product_timeout["read"] == 2.0


def test_a_longer_read_timeout_is_kept_for_images(client_kind: str) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/products/more-like-this").respond(json=similar_page([]))
        options = {"api_key": API_KEY, "base_url": BASE_URL, "read_timeout": 40.0}
        with open_client(client_kind, **options) as client:
            client.products.more_like_this(image=b"jpeg")
        assert route.calls[0].request.extensions["timeout"]["read"] == 40.0


def test_call_timeout_still_bounds_an_image_source(client_kind: str) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        route = api.post("/products/more-like-this").respond(json=similar_page([]))
        options = {"api_key": API_KEY, "base_url": BASE_URL, "read_timeout": 2.0}
        with open_client(client_kind, **options, call_timeout=5.0) as client:
            client.products.more_like_this(image=b"jpeg")
        assert route.calls[0].request.extensions["timeout"]["read"] <= 5.0


# --- more like this: the answer ----------------------------------------------------------


def test_a_product_source_page_reads_its_source_and_items(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    body = similar_page(["prod_01HY2B"], "eyJz", source=PRODUCT_SOURCE, requestId="req_1")
    api.post("/products/more-like-this").respond(json=body)
    page = client.products.more_like_this(SOURCE_URL, limit=1)
    assert isinstance(page, SimilarProductsPage) and isinstance(page, octogen.ProductPage)
    assert page.source == SourceProduct(
        catalog_key="warrenlotas",
        uuid="prod_01HX4Q",
        product_url=SOURCE_URL,
        title="Black Hoodie",
    )
    assert [item.uuid for item in page.items] == ["prod_01HY2B"]
    assert page.next_cursor == "eyJz" and page.has_next_page
    assert page.source_image_hash is None and page.resolution is None
    assert page.effective_query is None
    assert page.raw["requestId"] == "req_1"


def test_an_image_source_page_reads_its_hash_resolution_and_effective_query(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    effective = {"text": "cropped tweed jacket", "degradedToTextFallback": False, "limit": 1}
    body = similar_page(
        ["prod_01J0AA"],
        sourceImage={"hash": "3f9a0c7e51b2"},
        resolution="cached_image_query",
        effectiveQuery=effective,
    )
    api.post("/products/more-like-this").respond(json=body)
    page = client.products.more_like_this(image_url="https://images.test/c.jpg", debug=True)
    assert page.source is None
    assert page.source_image_hash == "3f9a0c7e51b2"
    assert page.resolution == "cached_image_query"
    assert page.effective_query == effective


def test_iter_more_like_this_follows_cursors_with_the_same_request(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this")
    route.side_effect = [
        httpx.Response(200, json=similar_page(["a", "b"], "c1")),
        httpx.Response(200, json=similar_page(["c"], None)),
    ]
    found = client.products.iter_more_like_this(
        SOURCE_URL, catalogs=["warrenlotas"], price_preference="higher", page_size=2
    )
    assert [item.uuid for item in found] == ["a", "b", "c"]
    first, second = sent_json(route, 0), sent_json(route, 1)
    assert first == {
        "source": {"url": SOURCE_URL},
        "catalogs": ["warrenlotas"],
        "price_preference": "higher",
        "limit": 2,
    }
    assert second == {**first, "cursor": "c1"}


def test_iter_more_like_this_stops_at_max_items(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page(["a", "b"], "c1"))
    found = list(client.products.iter_more_like_this(uuid="u", max_items=1))
    assert [item.uuid for item in found] == ["a"]
    assert route.call_count == 1


def test_with_response_iter_more_like_this_yields_each_page(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/more-like-this")
    route.side_effect = [
        httpx.Response(200, json=similar_page(["a"], "c1")),
        httpx.Response(200, json=similar_page(["b"], None)),
    ]
    pages = list(client.products.with_response.iter_more_like_this(uuid="u"))
    assert [response.status_code for response in pages] == [200, 200]
    assert all(isinstance(response.data, SimilarProductsPage) for response in pages)


@pytest.mark.parametrize(
    ("status", "error_class", "says"),
    [
        (404, octogen.OctogenNotFoundError, "not visible to this key"),
        (413, octogen.OctogenPayloadTooLargeError, "8 MB"),
        (400, octogen.OctogenBadRequestError, "400 Bad Request"),
        (422, octogen.OctogenValidationError, "422"),
    ],
)
def test_more_like_this_errors_have_their_classes(
    api: respx.MockRouter,
    client: octogen.Client,
    status: int,
    error_class: type[octogen.OctogenAPIError],
    says: str,
) -> None:
    api.post("/products/more-like-this").respond(status, json={"detail": "x"})
    with pytest.raises(error_class, match=says):
        client.products.more_like_this(SOURCE_URL)


# --- more like this: refused before anything is sent -----------------------------------

BIG_IMAGE = b"\0" * 8_000_001


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({}, "url"),
        ({"url": SOURCE_URL, "uuid": "u"}, "uuid"),
        ({"uuid": "u", "image": b"x"}, "image"),
        ({"url": "not a url"}, "url"),
        ({"uuid": "  "}, "uuid"),
        ({"image_url": "http://images.test/c.jpg"}, "image_url"),
        ({"image": "a path.jpg"}, "image"),
        ({"image": b""}, "image"),
        ({"image": BIG_IMAGE}, "image"),
        ({"url": SOURCE_URL, "catalogs": []}, "catalogs"),
        ({"url": SOURCE_URL, "catalogs": "warrenlotas"}, "catalogs"),
        ({"url": SOURCE_URL, "catalogs": [f"c{i}" for i in range(101)]}, "catalogs"),
        ({"url": SOURCE_URL, "catalogs": ["ok", ""]}, "catalogs"),
        ({"url": SOURCE_URL, "include_facets": "gender"}, "include_facets"),
        ({"url": SOURCE_URL, "exclude_facets": {"gender": []}}, "exclude_facets"),
        ({"url": SOURCE_URL, "price_preference": "cheaper"}, "price_preference"),
        ({"image": b"x", "price_preference": "lower"}, "price_preference"),
        ({"image_url": "https://i.test/c.jpg", "price_preference": "higher"}, "price_preference"),
        (
            {"url": SOURCE_URL, "retrieval_embedding_columns": ["colour"]},
            "retrieval_embedding_columns",
        ),
        ({"url": SOURCE_URL, "ranking_embedding_columns": []}, "ranking_embedding_columns"),
        ({"url": SOURCE_URL, "limit": 0}, "limit"),
        ({"url": SOURCE_URL, "limit": 101}, "limit"),
        ({"url": SOURCE_URL, "cursor": ""}, "cursor"),
        ({"url": SOURCE_URL, "debug": "yes"}, "debug"),
    ],
)
def test_more_like_this_refuses_a_wrong_argument_by_name_before_sending(
    api: respx.MockRouter, client: octogen.Client, arguments: dict[str, Any], argument: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.products.more_like_this(**arguments)
    assert caught.value.argument == argument
    assert f"`{argument}`" in str(caught.value)
    assert not api.calls


def test_an_image_of_exactly_8_mb_is_sent(api: respx.MockRouter, client: octogen.Client) -> None:
    route = api.post("/products/more-like-this").respond(json=similar_page([]))
    client.products.more_like_this(image=b"\0" * 8_000_000)
    assert route.call_count == 1


def test_iter_more_like_this_checks_its_arguments_at_the_call(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.products.iter_more_like_this(SOURCE_URL, page_size=0)
    assert caught.value.argument == "page_size"
    with pytest.raises(InvalidRequestError) as caught:
        client.products.iter_more_like_this()
    assert caught.value.argument == "url"
    assert not api.calls


# --- refresh -------------------------------------------------------------------------------


def refresh_answer(targets: list[dict[str, Any]], *, reject: set[str] = frozenset()) -> Any:  # type: ignore[assignment]
    """A 202 (or 400 when nothing was accepted) refresh body for `targets`."""
    accepted = [target for target in targets if target.get("url", target.get("uuid")) not in reject]
    rejected = [
        {"target": target, "code": "product_not_found", "message": "No such product."}
        for target in targets
        if target.get("url", target.get("uuid")) in reject
    ]
    body = {
        "requestId": f"req_{len(targets)}",
        "submitted": len(targets),
        "workflowId": "wf_1" if accepted else None,
        "workflowError": None,
        "accepted": accepted,
        "rejected": rejected,
    }
    return httpx.Response(202 if accepted else 400, json=body)


def test_refresh_sends_urls_then_uuids_pinned_to_a_catalog(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/refresh").mock(
        side_effect=lambda request: refresh_answer(json.loads(request.content)["targets"])
    )
    result = client.products.refresh(
        ["https://shop.test/a", "https://shop.test/b"], uuids=["u1"], catalog="warrenlotas"
    )
    assert sent_json(route) == {
        "targets": [
            {"catalog": "warrenlotas", "url": "https://shop.test/a"},
            {"catalog": "warrenlotas", "url": "https://shop.test/b"},
            {"catalog": "warrenlotas", "uuid": "u1"},
        ]
    }
    assert isinstance(result, RefreshResult)
    assert result.submitted == 3 and result.workflow_id == "wf_1" and result.rejected == []
    assert result.accepted[0] == RefreshTarget(url="https://shop.test/a", catalog="warrenlotas")


def test_refresh_reads_the_contract_example(api: respx.MockRouter, client: octogen.Client) -> None:
    body = {
        "requestId": "0b6f5a8e",
        "submitted": 2,
        "workflowId": "a7d3c2e1",
        "workflowError": None,
        "accepted": [{"catalog": "warrenlotas", "url": "https://warrenlotas.com/products/x"}],
        "rejected": [
            {
                "target": {"url": "https://shared.example/products/1"},
                "code": "ambiguous_url",
                "message": "Several active crawled catalogs hold this URL; add catalog.",
            }
        ],
    }
    api.post("/products/refresh").respond(202, json=body)
    response = client.products.with_response.refresh(
        ["https://warrenlotas.com/products/x", "https://shared.example/products/1"]
    )
    assert response.status_code == 202
    result = response.data
    assert result.request_id == "0b6f5a8e"
    assert result.rejected == [
        RefreshRejection(
            target=RefreshTarget(url="https://shared.example/products/1"),
            code="ambiguous_url",
            message="Several active crawled catalogs hold this URL; add catalog.",
        )
    ]


def counting(urls: list[str], seen: list[int]) -> Iterator[str]:
    """Yields `urls`, recording in `seen[0]` how many were taken so far."""
    for url in urls:
        seen[0] += 1
        yield url


def test_1200_targets_go_in_3_batches_in_order_one_batch_held_at_a_time(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    urls = [f"https://shop.test/p/{number}" for number in range(1200)]
    taken = [0]
    taken_when_sent: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        taken_when_sent.append(taken[0])
        targets = json.loads(request.content)["targets"]
        return refresh_answer(targets, reject={"https://shop.test/p/700"})

    route = api.post("/products/refresh").mock(side_effect=answer)
    result = client.products.refresh(counting(urls, taken))
    assert [len(sent_json(route, index)["targets"]) for index in range(3)] == [500, 500, 200]
    # The generator is read one batch ahead of nothing: batch n is built when it is sent.
    assert taken_when_sent == [500, 1000, 1200]
    assert [target.url for target in result.accepted] == [u for u in urls if not u.endswith("/700")]
    assert [rejection.target.url for rejection in result.rejected] == ["https://shop.test/p/700"]
    assert result.submitted == 1200
    assert result.request_id == "req_200"  # the last batch's
    assert result.to_dict()["submitted"] == 1200


def test_a_batch_that_accepted_nothing_lands_in_rejected_instead_of_raising(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    urls = [f"https://shop.test/p/{number}" for number in range(501)]
    api.post("/products/refresh").mock(
        side_effect=lambda request: refresh_answer(
            json.loads(request.content)["targets"], reject={"https://shop.test/p/500"}
        )
    )
    response = client.products.with_response.refresh(urls)
    result = response.data
    assert response.status_code == 400  # the last batch's status
    assert len(result.accepted) == 500
    assert [(r.target.url, r.code) for r in result.rejected] == [
        ("https://shop.test/p/500", "product_not_found")
    ]


def test_a_single_batch_that_accepted_nothing_returns_the_result(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/refresh").mock(
        side_effect=lambda request: refresh_answer(
            json.loads(request.content)["targets"], reject={"u1", "u2"}
        )
    )
    result = client.products.refresh(uuids=["u1", "u2"])
    assert result.accepted == [] and result.workflow_id is None
    assert [rejection.target.uuid for rejection in result.rejected] == ["u1", "u2"]


@pytest.mark.parametrize(
    "body",
    [
        {"detail": "bad_request"},
        {"requestId": "r", "detail": "x"},
        {"error": "bad request"},
        {"requestId": "r"},
        ["not", "an", "object"],
    ],
)
def test_a_400_without_a_refresh_body_is_the_usual_error(
    api: respx.MockRouter, client: octogen.Client, body: Any
) -> None:
    api.post("/products/refresh").respond(400, json=body)
    with pytest.raises(octogen.OctogenBadRequestError):
        client.products.refresh(uuids=["u1"])


def test_a_400_on_another_operation_is_never_read_as_a_result(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/search").respond(400, json={"items": [], "nextCursor": None})
    with pytest.raises(octogen.OctogenBadRequestError):
        client.products.search("x")


@pytest.mark.parametrize(
    ("status", "detail", "error_class"),
    [
        (403, "catalog_not_granted", octogen.OctogenForbiddenError),
        (422, [{"loc": ["body", "targets"], "msg": "too many", "type": "too_long"}],
         octogen.OctogenValidationError),
        (503, "product_refresh_unavailable", octogen.OctogenServerError),
    ],
)  # fmt: skip
def test_refresh_errors_have_their_classes_and_codes(
    api: respx.MockRouter,
    client: octogen.Client,
    status: int,
    detail: Any,
    error_class: type[octogen.OctogenAPIError],
) -> None:
    api.post("/products/refresh").respond(status, json={"detail": detail})
    with pytest.raises(error_class) as caught:
        client.products.refresh(uuids=["u1"], catalog="warrenlotas")
    assert caught.value.code == (detail if isinstance(detail, str) else "validation_error")


def test_a_failed_batch_raises_and_the_later_ones_are_not_sent(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/refresh")
    route.side_effect = [
        lambda request: refresh_answer(json.loads(request.content)["targets"]),
        httpx.Response(403, json={"detail": "catalog_not_granted"}),
    ]
    with pytest.raises(octogen.OctogenForbiddenError):
        client.products.refresh(uuids=[f"u{n}" for n in range(1500)])
    assert route.call_count == 2


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({}, "urls"),
        ({"urls": [], "uuids": []}, "urls"),
        ({"urls": "https://shop.test/a"}, "urls"),
        ({"urls": None}, "urls"),
        ({"urls": ["https://shop.test/a", "shop.test/b"]}, "urls"),
        ({"uuids": "u1"}, "uuids"),
        ({"uuids": ["u1", ""]}, "uuids"),
        ({"uuids": [7]}, "uuids"),
        ({"uuids": ["u1"], "catalog": ""}, "catalog"),
    ],
)
def test_refresh_refuses_a_wrong_argument_by_name_before_sending(
    api: respx.MockRouter, client: octogen.Client, arguments: dict[str, Any], argument: str
) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.products.refresh(**arguments)
    assert caught.value.argument == argument
    assert not api.calls


# --- resolve from html -------------------------------------------------------------------

PAGE = (
    '<html><head><script type="application/ld+json">{"@type": "Product", '
    '"name": "Blue Linen Dress"}</script></head></html>'
)
CLIENT_HTML_RESULT = {
    "requestId": "req_01JX7K",
    "source": "client_html",
    "product": {
        "uuid": None,
        "catalogKey": None,
        "isActive": None,
        "productUrl": "https://example.com/products/blue-linen-dress",
        "title": "Blue Linen Dress",
        "brand": {"name": "Example Brand"},
        "imageUrl": None,
        "primaryImage": {"url": "https://example.com/media/dress.jpg"},
        "images": [{"url": "https://example.com/media/dress.jpg"}],
        "currentPrice": 148.0,
        "currency": "USD",
        "inStock": True,
    },
    "requestedUrl": "https://example.com/products/blue-linen-dress?size=M",
    "resolvedUrl": None,
    "canonicalUrl": "https://example.com/products/blue-linen-dress",
    "resolution": {
        "completeness": "complete",
        "method": "json_ld",
        "rendered": False,
        "missingFields": [],
    },
    "cacheStatus": None,
    "warnings": [],
}


@pytest.mark.parametrize("html", [PAGE, PAGE.encode()], ids=["str", "bytes"])
def test_resolve_from_html_sends_the_page_and_reads_the_lookup_envelope(
    api: respx.MockRouter, client: octogen.Client, html: str | bytes
) -> None:
    route = api.post("/products/resolve-from-html").respond(json=CLIENT_HTML_RESULT)
    url = "https://example.com/products/blue-linen-dress?size=M"
    result = client.products.resolve_from_html(html, url=url)
    assert sent_json(route) == {"html": PAGE, "url": url}
    assert isinstance(result, octogen.LookupResult)
    assert result.source == "client_html"
    assert result.product.uuid is None and result.product.title == "Blue Linen Dress"
    assert result.product.images == ["https://example.com/media/dress.jpg"]
    assert result.resolution is not None and result.resolution.method == "json_ld"
    assert result.canonical_url == "https://example.com/products/blue-linen-dress"


def test_resolve_from_html_without_a_url_sends_only_the_html(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/products/resolve-from-html").respond(json=CLIENT_HTML_RESULT)
    client.products.resolve_from_html(PAGE)
    assert sent_json(route) == {"html": PAGE}


FIVE_MIB = 5 * 1024 * 1024


@pytest.mark.parametrize(
    ("arguments", "argument", "says"),
    [
        ({"html": ""}, "html", "empty"),
        ({"html": "  \n "}, "html", "empty"),
        ({"html": b""}, "html", "empty"),
        ({"html": None}, "html", "str or bytes"),
        ({"html": b"\xff\xfe<html>"}, "html", "UTF-8"),
        ({"html": "\ud800"}, "html", "surrogate"),
        ({"html": "a" * (FIVE_MIB + 1)}, "html", "5 MiB"),
        ({"html": "é" * (FIVE_MIB // 2 + 1)}, "html", "5 MiB"),  # counted in UTF-8 bytes
        ({"html": '"' * (FIVE_MIB - 10)}, "html", "8 MiB"),  # each quote escapes to two
        ({"html": PAGE, "url": "not a url"}, "url", "http"),
    ],
)
def test_resolve_from_html_refuses_a_wrong_argument_before_sending(
    api: respx.MockRouter,
    client: octogen.Client,
    arguments: dict[str, Any],
    argument: str,
    says: str,
) -> None:
    with pytest.raises(InvalidRequestError, match=says) as caught:
        client.products.resolve_from_html(**arguments)
    assert caught.value.argument == argument
    assert not api.calls


def test_html_of_exactly_5_mib_is_sent(api: respx.MockRouter, client: octogen.Client) -> None:
    route = api.post("/products/resolve-from-html").respond(json=CLIENT_HTML_RESULT)
    client.products.resolve_from_html("a" * FIVE_MIB)
    assert route.call_count == 1


@pytest.mark.parametrize(
    ("status", "detail", "error_class"),
    [
        (404, "product_not_found", octogen.OctogenNotFoundError),
        (413, "request_body_too_large", octogen.OctogenPayloadTooLargeError),
        (422, "validation_error", octogen.OctogenValidationError),
        (429, "product_resolution_rate_limited", octogen.OctogenRateLimitError),
        (503, "product_resolution_unavailable", octogen.OctogenServerError),
        (504, "product_resolution_timed_out", octogen.OctogenServerError),
    ],
)
def test_resolve_from_html_errors_have_their_classes_and_codes(
    api: respx.MockRouter,
    client: octogen.Client,
    status: int,
    detail: str,
    error_class: type[octogen.OctogenAPIError],
) -> None:
    headers = {"Retry-After": "2"} if status == 429 else {}
    wire: object = detail
    if status == 422:  # a list naming the field, never echoing the document
        wire = [
            {
                "loc": ["body", "html"],
                "msg": "String should have at most 5242880 characters",
                "type": "string_too_long",
            }
        ]
    api.post("/products/resolve-from-html").respond(status, json={"detail": wire}, headers=headers)
    with pytest.raises(error_class) as caught:
        client.products.resolve_from_html(PAGE)
    assert caught.value.code == detail
    assert (detail if status != 422 else "body.html") in str(caught.value)
