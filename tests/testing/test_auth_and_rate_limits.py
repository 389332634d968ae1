"""Who may call the fake, and how often: keys, grants, revocation and the token bucket."""

from __future__ import annotations

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen
from tests.testing.conftest import FAKE_BASE


def post_search(fake: FakeOctogen, headers: dict[str, str]) -> httpx.Response:
    with httpx.Client(transport=fake.transport(), base_url=FAKE_BASE) as raw:
        return raw.post("/products/search", json={"limit": 1}, headers=headers)


@pytest.mark.parametrize(
    ("headers", "detail"),
    [
        ({}, "missing_api_key"),
        ({"Authorization": "Basic dXNlcjpwYXNz"}, "invalid_authorization_header"),
        ({"Authorization": "Bearer "}, "invalid_authorization_header"),
    ],
)
def test_a_request_without_a_bearer_token_is_401(headers: dict[str, str], detail: str) -> None:
    response = post_search(FakeOctogen(), headers)
    assert (response.status_code, response.json()) == (401, {"detail": detail})


def test_only_the_configured_keys_are_accepted() -> None:
    fake = FakeOctogen(api_keys=["good-key"])
    with fake.client(api_key="good-key") as client:
        assert client.products.search(limit=1).items
    with (
        fake.client(api_key="other-key", max_retries=0) as client,
        pytest.raises(octogen.OctogenAuthenticationError) as caught,
    ):
        client.products.search(limit=1)
    assert caught.value.detail == "invalid_api_key"
    assert "other-key" not in str(caught.value)


def test_a_revoked_key_is_refused_from_then_on() -> None:
    fake = FakeOctogen()
    with fake.client(api_key="key-1", max_retries=0) as client:
        client.catalogs.list()
        fake.revoke_key("key-1")
        with pytest.raises(octogen.OctogenAuthenticationError, match="api_key_revoked"):
            client.catalogs.list()


def test_grants_limit_the_catalogs_a_key_sees_and_searches() -> None:
    fake = FakeOctogen(grants={"shop-key": ["maisonlune"]})
    with fake.client(api_key="shop-key", max_retries=0) as client:
        assert [catalog.catalog for catalog in client.catalogs.list()] == ["maisonlune"]
        assert {item.catalog_key for item in client.products.search(limit=100).items} == {
            "maisonlune"
        }
        with pytest.raises(octogen.OctogenForbiddenError, match="catalog_access_denied"):
            client.products.search(catalog="northwind")
        northwind_url = fake.dataset.products[0].view["productUrl"]
        with pytest.raises(octogen.OctogenForbiddenError):
            client.products.lookup(northwind_url)
    with fake.client(api_key="any-other-key") as client:
        assert len(client.catalogs.list()) == 4


def test_every_answer_reports_the_bucket(sdk: octogen.Client) -> None:
    sdk.catalogs.list()
    first = sdk.rate_limit
    sdk.products.search(limit=1)
    second = sdk.rate_limit
    assert first is not None and second is not None
    assert first.limit == second.limit == 6000
    assert second.remaining == first.remaining - 1


def test_an_empty_bucket_answers_429_with_retry_after() -> None:
    fake = FakeOctogen(rate_limit=3, rate_limit_window=60)
    headers = {"Authorization": "Bearer k"}
    statuses = [post_search(fake, headers).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    refused = post_search(fake, headers)
    assert refused.json() == {"detail": "rate_limit_exceeded"}
    assert refused.headers["Retry-After"] == "20"  # one token back every 60/3 s
    assert refused.headers["X-RateLimit-Remaining"] == "0"


def test_the_bucket_refills_with_time() -> None:
    now = [1_000_000.0]
    fake = FakeOctogen(rate_limit=2, rate_limit_window=60, clock=lambda: now[0])
    headers = {"Authorization": "Bearer k"}
    assert [post_search(fake, headers).status_code for _ in range(3)] == [200, 200, 429]
    now[0] += 30
    response = post_search(fake, headers)
    assert response.status_code == 200
    assert response.headers["X-RateLimit-Reset"] == str(int(now[0]) + 60)


def test_keys_of_one_organization_share_a_bucket_and_others_do_not() -> None:
    fake = FakeOctogen(rate_limit=2, organizations={"a1": "acme", "a2": "acme", "b1": "globex"})
    assert post_search(fake, {"Authorization": "Bearer a1"}).status_code == 200
    assert post_search(fake, {"Authorization": "Bearer a2"}).status_code == 200
    assert post_search(fake, {"Authorization": "Bearer a1"}).status_code == 429
    assert post_search(fake, {"Authorization": "Bearer b1"}).status_code == 200


def test_the_sdk_waits_out_the_fakes_429_and_succeeds() -> None:
    fake = FakeOctogen(rate_limit=1, rate_limit_window=1.0)
    with fake.client(max_retries=2, max_retry_after=5) as client:
        client.catalogs.list()
        assert client.catalogs.list()  # refused once, waits Retry-After: 1, then served
    assert [request.status for request in fake.requests] == [200, 429, 200]


def test_the_request_id_is_echoed_or_made_up(raw: httpx.Client) -> None:
    assert raw.get("/catalogs", headers={"X-Request-ID": "mine"}).headers["X-Request-ID"] == "mine"
    assert raw.get("/catalogs").headers["X-Request-ID"].startswith("req_")


def test_unknown_paths_and_methods_answer_as_fastapi_does(raw: httpx.Client) -> None:
    assert (raw.get("/products").status_code, raw.get("/products").json()) == (
        404,
        {"detail": "Not Found"},
    )
    wrong = raw.get("/products/search")
    assert (wrong.status_code, wrong.headers["Allow"]) == (405, "POST")
