"""Every bad response becomes a typed Octogen*Error, never a library exception."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
import respx
from hypothesis import given, settings
from hypothesis import strategies as st

import octogen
from octogen import (
    OctogenAPIError,
    OctogenAuthenticationError,
    OctogenBadRequestError,
    OctogenForbiddenError,
    OctogenNotFoundError,
    OctogenRateLimitError,
    OctogenResponseError,
    OctogenServerError,
    OctogenValidationError,
)
from octogen import _errors as octogen_errors
from octogen._core import exchange
from tests.support import API_KEY, BASE_URL, load_fixture, open_client

HTML_502 = (
    "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body></html>"
)


@pytest.mark.parametrize(
    ("status", "detail", "error_class"),
    [
        (400, "bad_request", OctogenBadRequestError),
        (401, "invalid_api_key", OctogenAuthenticationError),
        (403, "catalog_not_granted", OctogenForbiddenError),
        (404, "product_not_found", OctogenNotFoundError),
        (409, "conflict", OctogenAPIError),
        (422, "invalid_product_url", OctogenValidationError),
        (429, "rate_limit_exceeded", OctogenRateLimitError),
        (500, "internal_error", OctogenServerError),
        (502, "product_lookup_upstream_failed", OctogenServerError),
        (503, "product_lookup_fallback_unavailable", OctogenServerError),
        (504, "product_lookup_timed_out", OctogenServerError),
    ],
)
def test_each_status_maps_to_its_error_class(
    api: respx.MockRouter,
    client: octogen.Client,
    status: int,
    detail: str,
    error_class: type[OctogenAPIError],
) -> None:
    api.post("/products/lookup").respond(
        status, json={"detail": detail}, headers={"X-Request-ID": "req_9"}
    )
    with pytest.raises(error_class) as caught:
        client.products.lookup("https://shop.test/p")
    error = caught.value
    assert type(error) is error_class
    assert error.status_code == status
    assert error.detail == detail
    assert error.request_id == "req_9"
    assert error.body == {"detail": detail}
    assert error.response is not None and error.response.status_code == status
    assert str(error).startswith(f"{status} ")
    assert detail in str(error) and "req_9" in str(error)
    assert "\n" not in str(error)


def test_validation_errors_expose_their_entries(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/search").respond(422, json=load_fixture("validation_error.json"))
    with pytest.raises(OctogenValidationError) as caught:
        client.products.search("x")
    (entry,) = caught.value.errors
    assert entry["loc"] == ["body", "limit"]
    assert entry["type"] == "less_than_equal"
    assert "body.limit: Input should be less than or equal to 100" in str(caught.value)


def test_a_string_422_detail_has_no_entries(api: respx.MockRouter, client: octogen.Client) -> None:
    api.post("/products/lookup").respond(422, json={"detail": "unsafe_url"})
    with pytest.raises(OctogenValidationError) as caught:
        client.products.lookup("http://169.254.169.254/latest")
    assert caught.value.errors == []
    assert caught.value.detail == "unsafe_url"


def test_rate_limit_error_carries_retry_after_and_the_bucket(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/search").respond(
        429,
        json={"detail": "rate_limit_exceeded"},
        headers={
            "Retry-After": "7",
            "X-RateLimit-Limit": "600",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": "1795000000",
        },
    )
    with pytest.raises(OctogenRateLimitError) as caught:
        client.products.search("x")
    assert caught.value.retry_after == 7.0
    assert caught.value.rate_limit is not None and caught.value.rate_limit.remaining == 0
    assert "retry after 7 s" in str(caught.value)


def test_an_html_502_page_becomes_a_server_error_with_its_text(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.post("/products/search").respond(502, text=HTML_502, headers={"Content-Type": "text/html"})
    with pytest.raises(OctogenServerError) as caught:
        client.products.search("x")
    assert caught.value.detail == HTML_502
    assert caught.value.body == HTML_502
    assert str(caught.value).startswith("502 Bad Gateway: 502 Bad Gateway 502 Bad Gateway nginx")


def test_an_empty_error_body_still_reads(api: respx.MockRouter, client: octogen.Client) -> None:
    api.get("/catalogs").respond(503)
    with pytest.raises(OctogenServerError, match="503 Service Unavailable: no detail given"):
        client.catalogs.list()


def test_an_error_body_echoing_the_key_is_redacted(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.get("/catalogs").respond(400, text=f"<pre>Authorization: Bearer {API_KEY}</pre>")
    with pytest.raises(OctogenBadRequestError) as caught:
        client.catalogs.list()
    assert API_KEY not in str(caught.value)
    assert API_KEY not in str(caught.value.detail)


@pytest.mark.parametrize(
    ("body", "match"),
    [
        (b'{"items": [{"uuid": "a", "produ', "not valid JSON"),
        (b"<html>ok</html>", "not valid JSON"),
        (b"", "not valid JSON"),
        (b'{"items": {"uuid": "a"}}', r"\$\.items: expected an array"),
        (b'{"items": [{"uuid": "a"}]}', r"\$\.items\[0\]\.productUrl is missing"),
        (b'["not", "a", "page"]', r"\$: expected an object"),
    ],
)
def test_an_unreadable_2xx_body_is_a_response_error(
    api: respx.MockRouter, client: octogen.Client, body: bytes, match: str
) -> None:
    api.post("/products/search").respond(200, content=body, headers={"X-Request-ID": "req_5"})
    with pytest.raises(OctogenResponseError, match=match) as caught:
        client.products.search("x")
    assert caught.value.status_code == 200
    assert caught.value.request_id == "req_5"
    assert "req_5" in str(caught.value)


def test_a_huge_body_is_refused(
    api: respx.MockRouter, client: octogen.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_RESPONSE_BYTES", 1024)
    api.post("/products/search").respond(200, content=b"[" + b"0," * 2000 + b"0]")
    with pytest.raises(OctogenResponseError, match="exceeds"):
        client.products.search("x")


def test_a_huge_streamed_body_without_length_is_refused(
    api: respx.MockRouter, client: octogen.Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exchange, "MAX_RESPONSE_BYTES", 1024)

    class Chunks(httpx.SyncByteStream, httpx.AsyncByteStream):
        """10 000 bytes in 100 chunks, with no Content-Length (for either client)."""

        def __iter__(self) -> Iterator[bytes]:
            for _ in range(100):
                yield b" " * 100

        async def __aiter__(self) -> AsyncIterator[bytes]:
            for chunk in self:
                yield chunk

    api.post("/products/search").respond(200, stream=Chunks())
    with pytest.raises(OctogenResponseError, match="exceeds"):
        client.products.search("x")


def test_a_redirect_is_not_followed_and_is_an_api_error(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    api.get("/catalogs").respond(301, headers={"Location": "https://elsewhere.test/"})
    with pytest.raises(OctogenAPIError) as caught:
        client.catalogs.list()
    assert caught.value.status_code == 301


def test_a_closed_client_says_so(api: respx.MockRouter, client: octogen.Client) -> None:
    client.close()
    client.close()  # idempotent
    with pytest.raises(octogen.OctogenError, match="closed"):
        client.catalogs.list()


def test_is_closed_tells_whether_the_client_can_still_send(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    derived = client.with_options(read_timeout=5)
    assert client.is_closed is False and derived.is_closed is False
    derived.close()  # a derived client does not own the pool
    assert derived.is_closed is True and client.is_closed is False
    client.close()
    assert client.is_closed is True
    assert client.with_options(read_timeout=6).is_closed is True  # the shared pool is gone


def test_error_classes_form_the_documented_tree() -> None:
    assert issubclass(octogen.ConfigurationError, ValueError)
    assert issubclass(octogen.InvalidRequestError, ValueError)
    assert issubclass(octogen.OctogenTimeoutError, octogen.OctogenConnectionError)
    for name in (
        "MissingAPIKeyError", "ConfigurationError", "InvalidRequestError",
        "OctogenConnectionError", "OctogenResponseError", "OctogenAPIError",
    ):  # fmt: skip
        assert issubclass(getattr(octogen, name), octogen.OctogenError)


# --- an error is built from any body, and never raises while being built ----------------


@pytest.mark.parametrize(
    "detail",
    [
        [{"loc": 5, "msg": "bad", "type": "x"}],
        [{"loc": "body", "msg": "bad"}],
        [{"loc": None}],
        [{"loc": [{"deep": 1}], "msg": None}],
        [{"msg": ["a", "list"]}],
        [5, "text"],
        {"nested": {"dict": True}},
    ],
)
def test_a_strangely_shaped_422_detail_still_builds_the_error(
    api: respx.MockRouter, client: octogen.Client, detail: object
) -> None:
    api.post("/products/search").respond(422, json={"detail": detail})
    with pytest.raises(OctogenValidationError) as caught:
        client.products.search("x")
    assert caught.value.detail == detail
    assert str(caught.value).startswith("422 Unprocessable")
    assert isinstance(caught.value.errors, list)


def test_a_5xx_with_a_scalar_loc_is_still_retried(client_kind: str) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        api.post("/products/search").mock(
            side_effect=[
                httpx.Response(503, json={"detail": [{"loc": 5, "msg": "busy"}]}),
                httpx.Response(200, json=load_fixture("search_page.json")),
            ]
        )
        options = {"api_key": API_KEY, "base_url": BASE_URL, "retry_interval": 0}
        with open_client(client_kind, max_retries=1, **options) as client:
            assert client.products.search("x").items
        assert api.calls.call_count == 2


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(["loc", "msg", "type", "detail", "x"]), children)
    ),
    max_leaves=20,
)
STATUSES = st.integers(min_value=300, max_value=599)


@settings(max_examples=300, deadline=None)
@given(
    status=st.integers(min_value=100, max_value=999),
    body=JSON_VALUES,
    hint=st.none() | st.sampled_from(["the catalog key is case-sensitive"]),
)
def test_any_json_body_and_status_build_an_error_without_raising(
    status: int, body: object, hint: str | None
) -> None:
    detail = body.get("detail", body) if isinstance(body, dict) else body
    error = octogen_errors.error_class_for_status(status)(
        status_code=status,
        detail=detail,
        body=body,
        hint=hint,  # type: ignore[arg-type]
    )
    line = str(error)
    assert line.startswith(str(status)) and "\n" not in line
    repr(error)
    if isinstance(error, OctogenValidationError):
        assert all(isinstance(entry, dict) for entry in error.errors)


@settings(max_examples=60, deadline=None)
@given(status=STATUSES, body=JSON_VALUES)
def test_any_json_error_body_from_the_api_becomes_its_typed_error(
    status: int, body: object
) -> None:
    with respx.mock(base_url=BASE_URL) as api:
        api.post("/products/search").respond(status, json=body)
        with (
            octogen.Client(api_key=API_KEY, base_url=BASE_URL, max_retries=0) as client,
            pytest.raises(OctogenAPIError) as caught,
        ):
            client.products.search("x")
    assert caught.value.status_code == status
    assert type(caught.value) is octogen_errors.error_class_for_status(status)
