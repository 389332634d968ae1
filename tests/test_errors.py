"""Every bad response becomes a typed Octogen*Error, never a library exception."""

from __future__ import annotations

import multiprocessing
import pickle
from collections.abc import AsyncIterator, Iterator
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime, timedelta

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
from octogen.testing import FakeOctogen
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
        (409, "url_list_name_conflict", octogen.OctogenConflictError),
        (413, "request_body_too_large", octogen.OctogenPayloadTooLargeError),
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


# --- pickling: every error round-trips, and the key never travels with it --------------


def sample_response(status: int) -> httpx.Response:
    """A response as the client leaves it on an error: read, with the request that the
    key went out on, the body echoing the key (as a debug proxy might)."""
    request = httpx.Request(
        "POST",
        f"{BASE_URL}/products/search",
        headers={"Authorization": f"Bearer {API_KEY}", "X-API-Key": API_KEY},
        content=b'{"q":"hoodie"}',
    )
    response = httpx.Response(
        status,
        headers={"X-Request-ID": "req_1", "X-Echo": f"Bearer {API_KEY}"},
        content=f'{{"detail":"boom","echo":"{API_KEY}"}}'.encode(),
        request=request,
    )
    response.elapsed = timedelta(milliseconds=84)  # what the transport sets when it is read
    return response


def every_error_class() -> set[type[octogen.OctogenError]]:
    found: set[type[octogen.OctogenError]] = set()
    pending: list[type[octogen.OctogenError]] = [octogen.OctogenError]
    while pending:
        cls = pending.pop()
        found.add(cls)
        pending.extend(cls.__subclasses__())
    return {cls for cls in found if cls.__module__.split(".")[0] == "octogen"}


def sample_error(cls: type[octogen.OctogenError]) -> octogen.OctogenError:
    """An instance of `cls` with every attribute set to something other than its default."""
    if issubclass(cls, OctogenRateLimitError):
        rate_limit = octogen.RateLimit(
            limit=60, remaining=0, reset_at=datetime(2026, 1, 2, tzinfo=UTC)
        )
        return cls(
            status_code=429, detail="rate_limit_exceeded", request_id="req_1",
            response=sample_response(429), body={"detail": "rate_limit_exceeded"},
            hint="slow down", retry_after=2.5, rate_limit=rate_limit,
        )  # fmt: skip
    if issubclass(cls, OctogenAPIError):
        status = {v: k for k, v in reversed(octogen_errors.ERROR_CLASS_BY_STATUS.items())}.get(
            cls, 503 if cls is OctogenServerError else 409
        )
        detail = [{"loc": ["body", "limit"], "msg": "too big", "type": "x"}]
        return cls(
            status_code=status, detail=detail, request_id="req_1",
            response=sample_response(status), body={"detail": detail}, hint="a hint",
        )  # fmt: skip
    if issubclass(cls, octogen.OctogenConnectionError):
        return cls("connect failed", method="POST", url=f"{BASE_URL}/x", request_id="req_2")
    if issubclass(cls, OctogenResponseError):
        return cls(
            "bad body", path="$.items[3].brand", status_code=200, request_id="req_3",
            response=sample_response(200),
        )  # fmt: skip
    if issubclass(cls, octogen.ConfigurationError):
        return cls("`pool_size` must be positive", option="pool_size")
    if issubclass(cls, octogen.InvalidRequestError):
        return cls("`limit` must be between 1 and 100", argument="limit")
    return cls("no API key")


def key_pieces(key: str, size: int = 12) -> list[bytes]:
    return [key[start : start + size].encode() for start in range(len(key) - size + 1)]


def assert_no_key_in(data: bytes, key: str = API_KEY) -> None:
    assert key.encode() not in data
    leaked = [piece for piece in key_pieces(key) if piece in data]
    assert not leaked, f"pieces of the key in the pickle: {leaked[:3]}"


@pytest.mark.parametrize(
    "cls", sorted(every_error_class(), key=lambda cls: cls.__name__), ids=lambda c: c.__name__
)
def test_every_error_class_round_trips_through_pickle(cls: type[octogen.OctogenError]) -> None:
    error = sample_error(cls)
    for protocol in range(pickle.DEFAULT_PROTOCOL, pickle.HIGHEST_PROTOCOL + 1):
        data = pickle.dumps(error, protocol=protocol)
        assert_no_key_in(data)
        copy = pickle.loads(data)
        assert type(copy) is cls
        assert str(copy) == str(error) and copy.args == error.args
        for name, value in vars(error).items():
            if name != "response":
                assert getattr(copy, name) == value, name
        if getattr(error, "response", None) is not None:
            response, original = copy.response, error.response
            assert response.status_code == original.status_code
            assert response.headers["x-request-id"] == "req_1"
            assert response.json()["detail"] == "boom"
            assert response.request.url == original.request.url
            assert response.request.headers["authorization"] == "[redacted]"
            assert response.elapsed == original.elapsed


def test_the_sample_covers_the_whole_tree() -> None:
    assert len(every_error_class()) == 17
    assert octogen.OctogenValidationError in every_error_class()


def test_a_pickled_error_from_a_real_call_holds_no_piece_of_the_key(client_kind: str) -> None:
    fake = FakeOctogen(api_keys=[API_KEY])
    with (
        open_client(client_kind, api_key=API_KEY, transport=fake.transport()) as client,
        pytest.raises(OctogenNotFoundError) as caught,
    ):
        client.products.search("hoodie", catalog="no-such-catalog")
    error = caught.value
    assert error.response is not None
    assert API_KEY in error.response.request.headers["authorization"]  # in memory, yes
    data = pickle.dumps(error)
    assert_no_key_in(data)
    copy = pickle.loads(data)
    assert (copy.status_code, copy.detail) == (404, "catalog_not_found")
    assert copy.request_id == error.request_id and str(copy) == str(error)


def test_a_refused_key_is_not_in_the_pickle_either(client_kind: str) -> None:
    wrong = "octo_live_ffffffffffffffffffffffffffffffff_d3Jvbmcta2V5LXZhbHVl"
    fake = FakeOctogen(api_keys=[API_KEY])
    with (
        open_client(client_kind, api_key=wrong, transport=fake.transport()) as client,
        pytest.raises(OctogenAuthenticationError) as caught,
    ):
        client.catalogs.list()
    assert_no_key_in(pickle.dumps(caught.value), wrong)


def search_a_missing_catalog() -> None:
    """Runs in a worker process: raises the SDK's 404 error, to be pickled back."""
    with FakeOctogen(api_keys=[API_KEY]).client(api_key=API_KEY, max_retries=0) as client:
        client.products.search("hoodie", catalog="no-such-catalog")


def test_an_error_raised_in_a_process_pool_reaches_the_parent_whole() -> None:
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        future = pool.submit(search_a_missing_catalog)
        with pytest.raises(OctogenNotFoundError) as caught:
            future.result(timeout=120)
    error = caught.value
    assert (error.status_code, error.detail) == (404, "catalog_not_found")
    assert error.request_id and error.request_id in str(error)
    assert error.response is not None and error.response.status_code == 404
    assert error.response.request.headers["authorization"] == "[redacted]"


# --- error.code: the reason to branch on, whatever the shape of `detail` -----------------


@pytest.mark.parametrize(
    ("status", "body", "code", "says"),
    [
        (
            404,
            {"detail": "product_not_found"},
            "product_not_found",
            "404 Not Found: product_not_found",
        ),
        (
            429,
            {"detail": {"code": "voyage_quota_exceeded", "message": "Monthly cap reached"}},
            "voyage_quota_exceeded",
            "429 Too Many Requests: voyage_quota_exceeded: Monthly cap reached",
        ),
        (
            429,
            {"detail": {"code": "voyage_quota_exceeded", "limit": 5}},
            "voyage_quota_exceeded",
            "429 Too Many Requests: voyage_quota_exceeded",
        ),
        (
            422,
            {"detail": [{"loc": ["body", "limit"], "msg": "too big", "type": "less_than"}]},
            "validation_error",
            "422 Unprocessable Entity: body.limit: too big",
        ),
        (400, {"requestId": "r", "rejected": []}, None, "400 Bad Request: "),
        (409, {"detail": {"limit": 5}}, None, "409 Conflict: {'limit': 5}"),
    ],
)
def test_every_api_error_carries_a_code_and_says_it(
    api: respx.MockRouter,
    client: octogen.Client,
    status: int,
    body: dict[str, object],
    code: str | None,
    says: str,
) -> None:
    api.post("/products/lookup").respond(status, json=body)
    with pytest.raises(OctogenAPIError) as caught:
        client.products.lookup("https://shop.test/p")
    assert caught.value.code == code
    assert str(caught.value).startswith(says)


def test_a_body_that_is_not_json_has_no_code(api: respx.MockRouter, client: octogen.Client) -> None:
    api.post("/products/lookup").respond(502, text=HTML_502)
    with pytest.raises(OctogenServerError) as caught:
        client.products.lookup("https://shop.test/p")
    assert caught.value.code is None
    assert "502 Bad Gateway" in str(caught.value)


def test_the_code_survives_pickling() -> None:
    error = octogen.OctogenConflictError(status_code=409, detail="url_list_deleting", body={})
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is octogen.OctogenConflictError
    assert copy.code == "url_list_deleting" and str(copy) == str(error)
