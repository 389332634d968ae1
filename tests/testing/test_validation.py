"""Bad request bodies get FastAPI's 422 shape: every problem with `loc`, `msg`, `type`,
`input` and, for bounds, `ctx`."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import octogen
from octogen.testing._validation import BodyValidator


def detail_of(response: httpx.Response) -> list[dict[str, Any]]:
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    return detail


def test_a_limit_above_100_is_less_than_equal(raw: httpx.Client) -> None:
    detail = detail_of(raw.post("/products/search", json={"limit": 500}))
    assert detail == [
        {
            "type": "less_than_equal",
            "loc": ["body", "limit"],
            "msg": "Input should be less than or equal to 100",
            "input": 500,
            "ctx": {"le": 100},
        }
    ]


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({"limit": 0}, ["body", "limit"], "greater_than_equal"),
        ({"limit": "many"}, ["body", "limit"], "int_parsing"),
        ({"limit": 2.5}, ["body", "limit"], "int_from_float"),
        ({"limit": None}, ["body", "limit"], "int_type"),
        ({"q": 5}, ["body", "q"], "string_type"),
        ({"price_min": "cheap"}, ["body", "price_min"], "float_parsing"),
        ({"price_max": [1]}, ["body", "price_max"], "float_type"),
        ({"facets": "color=black"}, ["body", "facets"], "list_type"),
        ({"facets": ["color"]}, ["body", "facets", 0], "model_type"),
        ({"facets": [{"values": ["x"]}]}, ["body", "facets", 0, "name"], "missing"),
        ({"facets": [{"name": "color", "values": [1]}]}, ["body", "facets", 0, "values", 0],
         "string_type"),
    ],
)  # fmt: skip
def test_each_bad_search_field_is_named(
    raw: httpx.Client, body: dict[str, Any], loc: list[Any], kind: str
) -> None:
    (issue,) = detail_of(raw.post("/products/search", json=body))
    assert (issue["loc"], issue["type"]) == (loc, kind)
    assert issue["msg"] and "input" in issue


def test_every_problem_is_reported_at_once(raw: httpx.Client) -> None:
    detail = detail_of(raw.post("/products/search", json={"limit": 0, "q": 1}))
    assert {tuple(issue["loc"]) for issue in detail} == {("body", "limit"), ("body", "q")}


def test_lax_values_are_accepted_as_fastapi_does(raw: httpx.Client) -> None:
    response = raw.post("/products/search", json={"limit": "3", "price_max": "100"})
    assert response.status_code == 200 and len(response.json()["items"]) == 3


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"{not json", "json_invalid"), (b"[1, 2]", "model_attributes_type"), (b"", "missing")],
)
def test_a_body_that_is_not_an_object_is_refused(
    raw: httpx.Client, content: bytes, kind: str
) -> None:
    headers = {"Content-Type": "application/json"}
    (issue,) = detail_of(raw.post("/products/search", content=content, headers=headers))
    assert issue["type"] == kind and issue["loc"][0] == "body"


@pytest.mark.parametrize(
    ("body", "loc", "kind"),
    [
        ({}, ["body", "url"], "missing"),
        ({"url": 7}, ["body", "url"], "string_type"),
        ({"url": "https://a.example/p", "resolutionMode": "fast"}, ["body", "resolutionMode"],
         "enum"),
        ({"url": "https://a.example/p", "onDemandCachePolicy": "never"},
         ["body", "onDemandCachePolicy"], "enum"),
        ({"url": "https://a.example/p", "resolutionMode": "index_only",
          "onDemandCachePolicy": "refresh"}, ["body", "onDemandCachePolicy"], "value_error"),
    ],
)  # fmt: skip
def test_each_bad_lookup_field_is_named(
    raw: httpx.Client, body: dict[str, Any], loc: list[Any], kind: str
) -> None:
    (issue,) = detail_of(raw.post("/products/lookup", json=body))
    assert (issue["loc"], issue["type"]) == (loc, kind)


class _WidenLimit(httpx.BaseTransport):
    """Rewrites each search body to `{"limit": 500}` on its way to the fake."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        bad = httpx.Request(request.method, request.url, headers=headers, content=b'{"limit": 500}')
        bad.extensions = request.extensions
        return self.inner.handle_request(bad)


def test_the_sdk_reads_the_fakes_422_as_a_validation_error(fake: Any) -> None:
    # The SDK checks arguments before sending, so smuggle a bad body past it.
    transport = _WidenLimit(fake.transport())
    with (
        octogen.Client(api_key="k", transport=transport, max_retries=0) as client,
        pytest.raises(octogen.OctogenValidationError) as caught,
    ):
        client.products.search("x")
    assert caught.value.errors[0]["loc"] == ["body", "limit"]


def test_a_query_validator_names_query_parameters_as_fastapi_does() -> None:
    validator = BodyValidator("query")
    assert validator.integer(("limit",), "5") == 5
    assert validator.integer(("limit",), "many") is None
    validator.between(("limit",), 0, 1, 100)
    assert [(issue["loc"], issue["type"]) for issue in validator.issues] == [
        (["query", "limit"], "int_parsing"),
        (["query", "limit"], "greater_than_equal"),
    ]
