"""Decoding response bodies: with orjson (`octogen[fast]`) and without it (the default
install), the same bodies read the same, and what cannot be read is an
`OctogenResponseError`, never a bare `RecursionError`, `OverflowError` or `ValueError`."""

from __future__ import annotations

import pytest
import respx

import octogen
from octogen import LookupResult, OctogenResponseError, ProductPage, _wire
from tests.models.conftest import Decode

PAGE = (
    b'{"items": [{"uuid": "u", "productUrl": "https://x/p", "title": "Caf\xc3\xa9",'
    b' "currentPrice": 180, "rating": {"average": 4.5, "count": 3}}], "nextCursor": null}'
)


def test_a_page_reads_the_same_with_either_decoder(decode: Decode) -> None:
    page = _wire.build(ProductPage, decode(PAGE))
    (item,) = page.items
    assert item.title == "Café"
    assert item.current_price == 180.0 and type(item.current_price) is float
    assert _wire.build(ProductPage, decode(PAGE.decode())) == page  # str bodies too


@pytest.mark.parametrize(
    "body",
    [
        b'{"items": [',
        b"<html>502 Bad Gateway</html>",
        b"",
        b"\xff\xfe{}",
        b'{"items": [], "nextCursor": NaN}',
        b'{"items": [], "score": Infinity}',
        b'{"items": [], "score": -Infinity}',
    ],
    ids=[
        "truncated", "html", "empty", "bad utf-8", "NaN", "Infinity", "-Infinity",
    ],
)  # fmt: skip
def test_a_body_that_is_not_json_is_a_response_error(decode: Decode, body: bytes) -> None:
    with pytest.raises(OctogenResponseError, match="not valid JSON") as caught:
        decode(body)
    assert caught.value.path is None  # nothing was read


@pytest.mark.parametrize("depth", [2_000, 100_000])
def test_deeply_nested_json_is_a_response_error(decode: Decode, depth: int) -> None:
    body = b'{"items": ' + b"[" * depth + b"]" * depth + b"}"
    with pytest.raises(OctogenResponseError, match="not valid JSON"):
        decode(body)


@pytest.mark.parametrize(
    "number",
    [b"1" + b"0" * 400, b"-" + b"9" * 400, b"1e400", b"-2.5E+999", b"9" * 400 + b".5"],
    ids=["400-digit integer", "negative", "1e400", "exponent", "400-digit decimal"],
)
def test_a_number_beyond_float_range_where_a_price_belongs_is_a_response_error(
    decode: Decode, number: bytes
) -> None:
    # orjson refuses the number itself; the stdlib reads it (exactly, or as inf), and the
    # builder then refuses it as a price.
    body = b'{"items": [{"uuid": "u", "productUrl": "p", "currentPrice": ' + number + b"}]}"
    with pytest.raises(OctogenResponseError) as caught:
        _wire.build(ProductPage, decode(body))
    assert caught.value.path in (None, "$.items[0].currentPrice")


def test_a_huge_integer_in_a_float_field_names_its_path() -> None:
    payload = {"items": [{"uuid": "u", "productUrl": "p", "rating": {"average": 10**400}}]}
    with pytest.raises(OctogenResponseError, match="within the range of a float") as caught:
        _wire.build(ProductPage, payload)
    assert caught.value.path == "$.items[0].rating.average"


def test_an_infinite_float_in_a_number_field_names_its_path() -> None:
    payload = {"items": [{"uuid": "u", "productUrl": "p", "rawScore": float("inf")}]}
    with pytest.raises(OctogenResponseError, match="within the range of a float") as caught:
        _wire.build(ProductPage, payload)
    assert caught.value.path == "$.items[0].rawScore"


def test_an_unknown_huge_number_does_not_matter_to_the_stdlib_reader(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Without orjson a number the models do not read stays in `.raw` as the stdlib reads
    # it (orjson refuses the whole body: see docs/responses.md "Decoding").
    monkeypatch.setattr(_wire, "orjson", None)
    body = b'{"items": [], "totalEstimate": 1' + b"0" * 400 + b', "spread": 1e400}'
    page = _wire.build(ProductPage, _wire.loads(body))
    assert page.raw["totalEstimate"] == 10**400
    assert page.raw["spread"] == float("inf")


def test_a_lookup_body_decodes_and_reads_both_ways(decode: Decode) -> None:
    body = (
        b'{"source": "indexed", "matchedVia": "exact", "warnings": [],'
        b' "product": {"uuid": "u", "productUrl": "https://x/p",'
        b' "enrichment": {"color": ["black"], "canonical_brand": {"brand_uuid": "b",'
        b' "brand_name": "Acme"}}}}'
    )
    result = _wire.build(LookupResult, decode(body))
    assert result.matched_via == "exact"
    assert result.product.enrichment is not None
    assert result.product.enrichment.color == ["black"]


def test_request_bodies_are_compact_utf_8_with_either_encoder(decode: Decode) -> None:
    assert _wire.dumps({"q": "café", "limit": 2}) == '{"q":"café","limit":2}'.encode()


NESTED = b"[" * 100_000 + b"]" * 100_000
HUGE = b'{"items": [{"uuid": "u", "productUrl": "p", "currentPrice": 1' + b"0" * 400 + b"}]}"


@pytest.mark.parametrize("body", [NESTED, HUGE], ids=["deeply nested", "400-digit number"])
def test_a_call_answered_with_an_unreadable_2xx_raises_a_response_error(
    api: respx.MockRouter, client: octogen.Client, decode: Decode, body: bytes
) -> None:
    api.post("/products/search").respond(200, content=body)
    with pytest.raises(OctogenResponseError):
        client.products.search("hoodie")


@pytest.mark.parametrize("body", [NESTED, HUGE], ids=["deeply nested", "400-digit number"])
def test_a_call_answered_with_an_unreadable_5xx_raises_a_server_error(
    api: respx.MockRouter, client: octogen.Client, decode: Decode, body: bytes
) -> None:
    api.post("/products/search").respond(503, content=body)
    with pytest.raises(octogen.OctogenServerError) as caught:
        client.products.search("hoodie")
    assert caught.value.status_code == 503
