"""Failure scenarios: each misbehaves as it would in production, in-process and over a
socket, and the SDK turns each into its typed error."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen, Scenario
from tests.support import run_fresh


@pytest.mark.parametrize(
    ("scenario", "error", "detail"),
    [
        ("401", octogen.OctogenAuthenticationError, "invalid_api_key"),
        ("403", octogen.OctogenForbiddenError, "forbidden"),
        ("404", octogen.OctogenNotFoundError, "catalog_not_found"),
        ("429", octogen.OctogenRateLimitError, "rate_limit_exceeded"),
        ("500", octogen.OctogenServerError, "internal_server_error"),
        ("503", octogen.OctogenServerError, "service_unavailable"),
        ("504", octogen.OctogenServerError, "gateway_timeout"),
    ],
)
def test_a_status_scenario_raises_its_error(
    fake: FakeOctogen, sdk: octogen.Client, scenario: str, error: type, detail: str
) -> None:
    fake.queue(scenario)
    with pytest.raises(error) as caught:
        sdk.products.search("hoodie")
    assert caught.value.detail == detail
    assert caught.value.request_id == fake.last_request.headers["x-request-id"]


def test_lookup_scenarios_carry_the_lookup_details(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("504", "404")
    with pytest.raises(octogen.OctogenServerError, match="product_lookup_timed_out"):
        sdk.products.lookup("https://shop.example.com/p/x")
    with pytest.raises(octogen.OctogenNotFoundError, match="product_not_found"):
        sdk.products.lookup("https://shop.example.com/p/x")


def test_a_429_scenario_carries_retry_after(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue(Scenario.status_code(429, retry_after=7))
    with pytest.raises(octogen.OctogenRateLimitError) as caught:
        sdk.catalogs.list()
    assert caught.value.retry_after == 7
    assert caught.value.rate_limit is not None and caught.value.rate_limit.remaining == 0


def test_ok_lets_requests_through_so_a_later_page_can_fail(
    fake: FakeOctogen, sdk: octogen.Client
) -> None:
    fake.queue("ok", "ok", "503", path="/products/search")
    pages = sdk.products.with_response.iter_search(page_size=10)

    assert len(next(pages).data.items) == 10
    assert len(next(pages).data.items) == 10
    with pytest.raises(octogen.OctogenServerError, match="service_unavailable"):
        next(pages)


def test_a_502_is_an_html_page_from_a_proxy(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("502")
    with pytest.raises(octogen.OctogenServerError) as caught:
        sdk.catalogs.list()
    assert caught.value.status_code == 502
    assert "<h1>502 Bad Gateway</h1>" in caught.value.body
    assert "\n" not in str(caught.value)


def test_slow_answers_after_its_delay(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("slow:0.3")
    started = time.monotonic()
    assert sdk.catalogs.list()
    assert time.monotonic() - started >= 0.3


def test_timeout_outlasts_the_read_timeout(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("timeout:5")
    started = time.monotonic()
    with sdk.with_options(read_timeout=0.2) as quick, pytest.raises(octogen.OctogenTimeoutError):
        quick.catalogs.list()
    assert 0.2 <= time.monotonic() - started < 2
    assert sdk.catalogs.list(), "the pool is still usable"


def test_network_error_drops_the_connection(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("network-error")
    with pytest.raises(octogen.OctogenConnectionError):
        sdk.catalogs.list()
    assert fake.last_request.status is None and fake.last_request.scenario == "network-error"
    assert sdk.catalogs.list()


def test_malformed_json_is_a_response_error(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("malformed-json")
    with pytest.raises(octogen.OctogenResponseError):
        sdk.products.search("hoodie")


def test_a_truncated_body_is_a_connection_error(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.queue("truncated-body")
    with pytest.raises(octogen.OctogenConnectionError):
        sdk.products.search("hoodie")
    assert sdk.products.search("hoodie").items


def test_flaky_fails_the_next_calls_then_succeeds(fake: FakeOctogen) -> None:
    fake.flaky(2, "503")
    with fake.client(max_retries=2, retry_interval=0.01) as client:
        assert client.catalogs.list()
    assert [(r.status, r.scenario) for r in fake.requests] == [
        (503, "503"),
        (503, "503"),
        (200, None),
    ]


def test_a_standing_scenario_applies_until_cleared(fake: FakeOctogen, sdk: octogen.Client) -> None:
    fake.set_scenario("500", path="/products/lookup")
    assert sdk.products.search("hoodie").items, "other paths answer normally"
    for _ in range(2):
        with pytest.raises(octogen.OctogenServerError):
            sdk.products.lookup("https://shop.example.com/p/x")
    fake.set_scenario(None)
    with pytest.raises(octogen.OctogenNotFoundError):
        sdk.products.lookup("https://shop.example.com/p/x")


def test_queued_scenarios_come_before_the_standing_one(fake: FakeOctogen) -> None:
    fake.set_scenario("503")
    fake.queue("404")
    with fake.client(max_retries=0) as client:
        with pytest.raises(octogen.OctogenNotFoundError):
            client.catalogs.list()
        with pytest.raises(octogen.OctogenServerError):
            client.catalogs.list()
    fake.clear_scenarios()
    with fake.client() as client:
        assert client.catalogs.list()


def test_requests_are_recorded_with_the_key_redacted(fake: FakeOctogen) -> None:
    key = "octo_live_0123456789abcdef0123456789abcdef_c2VjcmV0"
    with fake.client(api_key=key) as client:
        client.products.search("hoodie", limit=3, facets={"gender": "female"})
    recorded = fake.last_request
    assert (recorded.method, recorded.path, recorded.status) == ("POST", "/products/search", 200)
    assert recorded.body == {
        "q": "hoodie",
        "limit": 3,
        "facets": [{"name": "gender", "values": ["female"]}],
    }
    assert key not in repr(fake.requests)
    assert recorded.headers["authorization"] == "Bearer octo_live_…" + key[-4:]


@pytest.mark.parametrize("name", ["slow", "slow:0.1", "timeout:2", "429:3", "network-error"])
def test_scenario_names_parse(name: str) -> None:
    assert Scenario.parse(name).name == name.partition(":")[0]


@pytest.mark.parametrize("name", ["teapot", "418", "503:2", "slow:-1", "slow:soon"])
def test_a_bad_scenario_name_is_refused_with_the_names_that_exist(name: str) -> None:
    with pytest.raises(ValueError, match="scenario"):
        Scenario.parse(name)


def test_a_raw_answer_is_sent_exactly_with_only_the_request_id_added(
    fake: FakeOctogen, raw: httpx.Client
) -> None:
    fake.queue(Scenario.raw(429, headers={"Retry-After": "0.3"}, json={"detail": "later"}))
    response = raw.get("/nowhere", headers={"X-Request-ID": "mine"})
    assert (response.status_code, response.json()) == (429, {"detail": "later"})
    assert response.headers["Retry-After"] == "0.3"
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Request-ID"] == "mine"
    assert "X-RateLimit-Remaining" not in response.headers
    assert (fake.last_request.status, fake.last_request.scenario) == (429, "raw")


def test_a_raw_answer_may_be_any_bytes_and_headers(fake: FakeOctogen, raw: httpx.Client) -> None:
    headers = [("Content-Type", "text/plain"), ("X-Request-ID", "theirs"), ("X-Extra", "1")]
    fake.queue(Scenario.raw(200, headers=headers, body="not json"), path="/catalogs")
    response = raw.get("/catalogs")
    assert (response.status_code, response.text) == (200, "not json")
    assert response.headers["X-Request-ID"] == "theirs"
    assert response.headers["Content-Type"] == "text/plain"
    assert response.headers["X-Extra"] == "1"
    assert raw.get("/catalogs").json()[0]["catalog"], "then the normal answer"


def test_the_sdk_reads_a_raw_429s_fractional_retry_after(
    fake: FakeOctogen, sdk: octogen.Client
) -> None:
    fake.queue(Scenario.raw(429, headers={"Retry-After": "0.3"}, json={"detail": "slow_down"}))
    with pytest.raises(octogen.OctogenRateLimitError) as caught:
        sdk.catalogs.list()
    assert caught.value.retry_after == 0.3
    assert caught.value.detail == "slow_down"


@pytest.mark.parametrize(
    ("status", "arguments"),
    [(101, {}), (600, {}), (200, {"body": b"x", "json": {"a": 1}})],
)
def test_a_raw_answer_refuses_what_http_cannot_carry(
    status: int, arguments: dict[str, Any]
) -> None:
    with pytest.raises(ValueError, match="raw answer"):
        Scenario.raw(status, **arguments)


SCENARIOS_LOAD_WHEN_FIRST_USED = """
import sys
import octogen.testing
from octogen.testing import FakeOctogen
fake = FakeOctogen()
with fake.client(max_retries=0) as client:
    client.catalogs.list()
print("octogen.testing._scenarios" in sys.modules)
from octogen.testing import SCENARIO_NAMES, Scenario
fake.queue("503")
print(Scenario.parse("503").status, "network-error" in SCENARIO_NAMES, fake.handle(
    "GET", "/v1/catalogs", {"Authorization": "Bearer k"}, b"").status)
print(FakeOctogen(scenario="404").handle("GET", "/v1/catalogs", {}, b"").status)
"""


def test_scenarios_load_when_first_named_or_set_and_then_work_as_always() -> None:
    """A fake that answers normally (`octogen --mock`) starts without them."""
    printed = run_fresh(SCENARIOS_LOAD_WHEN_FIRST_USED)
    assert printed.split("\n")[:3] == ["False", "503 True 503", "404"]
