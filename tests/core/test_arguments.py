"""Every wrong argument raises InvalidRequestError naming it, and nothing is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import respx

import octogen
from octogen import Facet, InvalidRequestError

Call = Callable[[octogen.Client], Any]

INVALID_CALLS: list[tuple[str, Call]] = [
    ("limit", lambda c: c.products.search(limit=0)),
    ("limit", lambda c: c.products.search(limit=101)),
    ("limit", lambda c: c.products.search(limit=True)),
    ("limit", lambda c: c.products.search(limit="50")),
    ("price_min", lambda c: c.products.search(price_min=200, price_max=100)),
    ("price_min", lambda c: c.products.search(price_min=-1)),
    ("price_max", lambda c: c.products.search(price_max=float("nan"))),
    ("price_max", lambda c: c.products.search(price_max="cheap")),
    ("catalog", lambda c: c.products.search(catalog="")),
    ("catalog", lambda c: c.products.search(catalog=3)),
    ("cursor", lambda c: c.products.search(cursor="  ")),
    ("q", lambda c: c.products.search(q=42)),
    ("facets", lambda c: c.products.search(facets={"gender": []})),
    ("facets", lambda c: c.products.search(facets=[Facet(name="gender", values=[])])),
    ("facets", lambda c: c.products.search(facets=[{"name": "gender"}])),
    ("facets", lambda c: c.products.search(facets=[{"name": "", "values": ["x"]}])),
    ("facets", lambda c: c.products.search(facets={"is_activewear": [True]})),
    ("facets", lambda c: c.products.search(facets="gender=female")),
    ("facets", lambda c: c.products.search(facets=[("gender", "female")])),
    ("page_size", lambda c: c.products.iter_search(page_size=500)),
    ("max_items", lambda c: c.products.iter_search(max_items=-1)),
    ("price_min", lambda c: c.products.iter_search(price_min=5, price_max=1)),
    ("url", lambda c: c.products.lookup("")),
    ("url", lambda c: c.products.lookup("warrenlotas.com/products/black-hoodie")),
    ("url", lambda c: c.products.lookup("ftp://warrenlotas.com/x")),
    ("url", lambda c: c.products.lookup("https://")),
    ("url", lambda c: c.products.lookup(None)),
    ("resolution_mode", lambda c: c.products.lookup("https://x.test/p", resolution_mode="index")),
    ("cache_policy", lambda c: c.products.lookup("https://x.test/p", cache_policy="always")),
    (
        "cache_policy",
        lambda c: c.products.lookup(
            "https://x.test/p", resolution_mode="index_only", cache_policy="refresh"
        ),
    ),
    ("limit", lambda c: c.products.with_response.search(limit=1000)),
    # A lone surrogate (a bad decode, `surrogateescape`, half an emoji) cannot be sent.
    ("q", lambda c: c.products.search(q="hoodie \udcff")),
    ("q", lambda c: c.products.search(q="\ud83d")),
    ("catalog", lambda c: c.products.search(catalog="north\udc80wind")),
    ("cursor", lambda c: c.products.search(cursor="abc\ud800")),
    ("facets", lambda c: c.products.search(facets={"gender": "fem\udcffale"})),
    ("facets", lambda c: c.products.search(facets={"gend\udcffer": "female"})),
    ("facets", lambda c: c.products.search(facets=[Facet(name="fit", values=["\ud800"])])),
    ("q", lambda c: c.products.iter_search(q="\udcff")),
    ("url", lambda c: c.products.lookup("https://shop.test/p/\udcff")),
    ("url", lambda c: c.products.with_response.lookup("https://shop.test/\ud83d")),
]


@pytest.mark.parametrize(("argument", "call"), INVALID_CALLS)
def test_an_invalid_argument_is_named_and_nothing_is_sent(
    api: respx.MockRouter, client: octogen.Client, argument: str, call: Call
) -> None:
    route = api.route()  # matches any request
    with pytest.raises(InvalidRequestError, match=f"`{argument}`") as caught:
        call(client)
    assert caught.value.argument == argument
    assert isinstance(caught.value, ValueError)
    assert route.call_count == 0


MISSPELT_CALLS: list[tuple[str, str, Call]] = [
    ("max_price", "; did you mean `price_max`?", lambda c: c.products.search(max_price=100)),
    ("limt", "; did you mean `limit`?", lambda c: c.products.search(limt=10)),
    ("limt", "; did you mean `limit`?", lambda c: c.products.with_response.search(limt=10)),
    ("limit", "", lambda c: c.products.iter_search(limit=10)),
    ("mode", "", lambda c: c.products.lookup("https://x.test/p", mode="auto")),
]


@pytest.mark.parametrize(("keyword", "hint", "call"), MISSPELT_CALLS)
def test_an_unknown_keyword_is_pythons_type_error_with_the_nearest_name(
    api: respx.MockRouter, client: octogen.Client, keyword: str, hint: str, call: Call
) -> None:
    route = api.route()
    with pytest.raises(TypeError) as caught:
        call(client)
    assert str(caught.value).endswith(f"unexpected keyword argument '{keyword}'{hint}")
    assert route.call_count == 0


def test_messages_quote_what_the_caller_wrote(client: octogen.Client) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        client.products.search(limit=500)
    assert str(caught.value) == "`limit` must be between 1 and 100; got 500"


def test_iter_search_checks_arguments_at_the_call_not_at_the_first_item(
    client: octogen.Client,
) -> None:
    with pytest.raises(InvalidRequestError):
        client.products.iter_search(page_size=0)  # no next() needed


def test_boundary_values_are_accepted(api: respx.MockRouter, client: octogen.Client) -> None:
    api.post("/products/search").respond(json={"items": [], "nextCursor": None})
    client.products.search(limit=1, price_min=0, price_max=0)
    client.products.search(limit=100)
    api.post("/products/lookup").respond(
        json={"source": "indexed", "product": {"uuid": "u", "productUrl": "HTTP://X.test/p"}}
    )
    client.products.lookup("HTTP://X.test/p", resolution_mode="index_only")


def test_a_surrogate_is_named_by_position_and_the_text_around_it_is_fine(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    with pytest.raises(InvalidRequestError, match="position 7") as caught:
        client.products.search(q="hoodie \udcff")
    assert "lone surrogate" in str(caught.value)
    str(caught.value).encode("utf-8")  # the message itself can be printed and logged
