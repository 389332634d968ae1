"""Each state-changing operation of the live API is retried by its own rule
(CONTRACT-LIVE.md §7): a list is never created twice after an ambiguous failure, a quota
429 is final, a migrating list is tried again, a stale cursor is not."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest
import respx

import octogen
from tests.support import API_KEY, BASE_URL, make_client

LIST_ID = "cul_1"
URL_LIST = {"urlListId": LIST_ID, "name": "n", "status": "provisioning", "urlCount": 0}
VOYAGE = {"taskId": "t", "domain": "a.com", "status": "queued", "phase": "discovering_site"}
CHANGES = {"accepted": [], "rejected": [], "urlCount": 0, "requestId": "r"}


def failing(kind: str) -> Any:
    if kind == "refused":
        return httpx.ConnectError("refused")
    if kind == "read timeout":
        return httpx.ReadTimeout("slow")
    if kind == "reset":
        return httpx.RemoteProtocolError("reset")
    status, _, detail = kind.partition(" ")
    return httpx.Response(int(status), json={"detail": detail or "x"})


def client(**options: Any) -> Any:
    settings = {"retry_interval": 0.001, "max_retry_delay": 0.002, "max_retries": 2}
    return make_client(api_key=API_KEY, base_url=BASE_URL, **{**settings, **options})


Operation = tuple[str, str, Callable[[Any], Any], dict[str, Any], int]
ONE_LIST = f"/coverage/url-lists/{LIST_ID}"
URLS = f"{ONE_LIST}/urls"
RESULTS: dict[str, Any] = {"results": []}
ONE = ["https://a.b/"]


def lists(made: Any) -> Any:
    return made.coverage.url_lists


OPERATIONS: dict[str, Operation] = {
    "create": ("POST", "/coverage/url-lists", lambda c: lists(c).create("n"), URL_LIST, 201),
    "delete": ("DELETE", ONE_LIST, lambda c: lists(c).delete(LIST_ID), URL_LIST, 202),
    "add_urls": ("POST", URLS, lambda c: lists(c).add_urls(LIST_ID, ONE), CHANGES, 200),
    "remove_urls": (
        "POST",
        f"{URLS}/remove",
        lambda c: lists(c).remove_urls(LIST_ID, ONE),
        CHANGES,
        200,
    ),
    "check_urls": (
        "POST",
        f"{URLS}/contains",
        lambda c: lists(c).check_urls(LIST_ID, ONE),
        RESULTS,
        200,
    ),
    "start": ("POST", "/voyage", lambda c: c.voyages.start("a.com"), VOYAGE, 202),
}

ALWAYS = {"refused", "503 url_lists_unavailable", "429 rate_limit_exceeded"}
AMBIGUOUS = {"read timeout", "reset", "500 internal", "502 bad_gateway"}
RETRIED: dict[str, set[str]] = {
    "create": ALWAYS,
    "delete": ALWAYS | AMBIGUOUS,
    "add_urls": ALWAYS | AMBIGUOUS | {"409 url_list_migrating"},
    "remove_urls": ALWAYS | AMBIGUOUS | {"409 url_list_migrating"},
    "check_urls": ALWAYS | AMBIGUOUS,
    "start": ALWAYS | AMBIGUOUS,
}
FAILURES = sorted(ALWAYS | AMBIGUOUS | {"409 url_list_migrating", "409 url_list_deleting"})


@pytest.mark.parametrize("failure", FAILURES)
@pytest.mark.parametrize("name", list(OPERATIONS))
def test_each_operation_is_retried_only_where_its_rule_allows(name: str, failure: str) -> None:
    method, path, call, body, status = OPERATIONS[name]
    with respx.mock(base_url=BASE_URL) as api, client() as made:
        route = api.request(method, path)
        route.side_effect = [failing(failure), httpx.Response(status, json=body)]
        if failure in RETRIED[name]:
            call(made)
            assert route.call_count == 2
        else:
            with pytest.raises(octogen.OctogenError):
                call(made)
            assert route.call_count == 1


def test_create_is_not_sent_again_after_a_read_timeout_even_with_retries_left() -> None:
    with respx.mock(base_url=BASE_URL) as api, client(max_retries=5) as made:
        route = api.post("/coverage/url-lists").mock(side_effect=httpx.ReadTimeout("slow"))
        with pytest.raises(octogen.OctogenTimeoutError):
            made.coverage.url_lists.create("q3")
        assert route.call_count == 1


def test_a_voyage_quota_429_is_never_retried_and_reaches_the_caller_whole() -> None:
    quota = {"code": "voyage_quota_exceeded", "quota": "concurrent", "limit": 5, "used": 5}
    with respx.mock(base_url=BASE_URL) as api, client(max_retries=5) as made:
        route = api.post("/voyage").respond(
            429, json={"detail": quota}, headers={"Retry-After": "0"}
        )
        with pytest.raises(octogen.OctogenRateLimitError) as refused:
            made.voyages.start("a.com")
        assert route.call_count == 1
    assert refused.value.detail == quota
    code = getattr(refused.value, "code", None)
    assert code in (None, "voyage_quota_exceeded")  # `.code` lands with the errors issue


def test_a_stale_cursor_raises_at_once() -> None:
    with respx.mock(base_url=BASE_URL) as api, client(max_retries=5) as made:
        route = api.get(f"/coverage/url-lists/{LIST_ID}/urls").respond(
            400, json={"detail": "invalid_cursor"}
        )
        with pytest.raises(octogen.OctogenBadRequestError) as stale:
            made.coverage.url_lists.list_urls(LIST_ID, cursor="old")
        assert stale.value.detail == "invalid_cursor"
        assert route.call_count == 1


def test_a_migrating_list_is_tried_again_until_the_migration_ends() -> None:
    migrating = httpx.Response(409, json={"detail": "url_list_migrating"})
    with respx.mock(base_url=BASE_URL) as api, client(max_retries=3) as made:
        route = api.post(f"/coverage/url-lists/{LIST_ID}/urls")
        route.side_effect = [migrating, migrating, httpx.Response(200, json=CHANGES)]
        assert made.coverage.url_lists.add_urls(LIST_ID, ["https://a.b/"]).url_count == 0
        assert route.call_count == 3
