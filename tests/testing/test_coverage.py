"""The fake's coverage URL lists: limits, unique names, normalization, capacity, the
provisioning → active → delete_pending lifecycle, cursors, and every documented status
(CONTRACT-LIVE.md §5)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen
from octogen.testing._coverage import MAX_LIST_URLS, normalize_list_url
from tests.testing.test_live_state import Clock

BASE = "https://api.octogen.ai/v1"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeOctogen:
    return FakeOctogen(clock=clock, organizations={"a1": "acme", "g1": "globex"})


@pytest.fixture
def acme(fake: FakeOctogen) -> Iterator[octogen.Client]:
    with fake.client(api_key="a1", max_retries=0) as client:
        yield client


@pytest.fixture
def raw(fake: FakeOctogen) -> Iterator[httpx.Client]:
    headers = {"Authorization": "Bearer a1"}
    with httpx.Client(transport=fake.transport(), base_url=BASE, headers=headers) as client:
        yield client


def detail_of(error: pytest.ExceptionInfo[octogen.OctogenAPIError]) -> Any:
    return (error.value.status_code, error.value.detail)


@pytest.mark.parametrize(
    ("url", "normalized"),
    [
        ("https://shop.example/products/dress?utm_source=newsletter", "https://shop.example/products/dress"),
        ("http://SHOP.example/products/dress/", "https://shop.example/products/dress"),
        ("HTTPS://Shop.Example/products/dress#reviews", "https://shop.example/products/dress"),
        ("https://shop.example/p?color=red&gclid=x&size=m", "https://shop.example/p?color=red&size=m"),
        ("https:///products/dress", None),
        ("ftp://shop.example/file", None),
        ("shop.example/products/dress", None),
    ],
)  # fmt: skip
def test_urls_are_normalized_as_the_coverage_api_does(url: str, normalized: str | None) -> None:
    assert normalize_list_url(url) == normalized


def test_variants_of_one_page_are_one_member_and_removing_any_variant_removes_it(
    acme: octogen.Client,
) -> None:
    lists = acme.coverage.url_lists
    list_id = lists.create("variants").url_list_id
    added = lists.add_urls(
        list_id,
        ["https://shop.example/a", "http://SHOP.example/a/", "https://shop.example/a#x"],
    )
    assert added.url_count == 1 and len(added.accepted) == 3
    assert [entry.url for entry in lists.iter_urls(list_id)] == ["https://shop.example/a"]
    again = lists.add_urls(list_id, ["https://shop.example/a"])
    assert again.url_count == 1  # a set-add: re-adding changes nothing
    removed = lists.remove_urls(list_id, ["HTTP://shop.example/a/?utm_campaign=z"])
    assert removed.url_count == 0
    assert lists.remove_urls(list_id, ["https://shop.example/a"]).url_count == 0


def test_an_unnormalizable_url_is_rejected_alone(acme: octogen.Client) -> None:
    lists = acme.coverage.url_lists
    list_id = lists.create("mixed").url_list_id
    result = lists.add_urls(list_id, ["https://shop.example/a", "https:///products/dress"])
    assert [change.url for change in result.accepted] == ["https://shop.example/a"]
    assert [(r.url, r.code) for r in result.rejected] == [
        ("https:///products/dress", "invalid_url")
    ]
    assert result.url_count == 1 and result.request_id


def test_five_live_lists_at_most_and_names_unique_among_live_lists(
    acme: octogen.Client, fake: FakeOctogen
) -> None:
    lists = acme.coverage.url_lists
    made = [lists.create(f"list-{index}") for index in range(5)]
    with pytest.raises(octogen.OctogenAPIError) as taken:
        lists.create("list-0")
    assert detail_of(taken) == (409, "url_list_name_conflict")
    with pytest.raises(octogen.OctogenAPIError) as full:
        lists.create("list-5")
    assert detail_of(full) == (409, "url_list_limit_exceeded")
    lists.delete(made[0].url_list_id)  # frees its name and its slot at once
    assert lists.create("list-0").name == "list-0"
    with fake.client(api_key="g1", max_retries=0) as globex:
        assert globex.coverage.url_lists.create("list-1").name == "list-1"  # per organization
        assert [item.name for item in globex.coverage.url_lists.iter()] == ["list-1"]


def test_a_list_is_provisioning_then_active_then_delete_pending_then_gone(
    acme: octogen.Client, clock: Clock
) -> None:
    lists = acme.coverage.url_lists
    list_id = lists.create("life").url_list_id
    lists.add_urls(list_id, ["https://shop.example/a"])  # provisioning never blocks edits
    clock.now += 30
    active = lists.get(list_id)
    assert active.status == "active" and active.big_query is not None
    assert active.big_query.view_id == "products_current_v1"
    assert active.big_query.last_exported_at is None
    clock.now += 86_400
    exported = lists.get(list_id).big_query
    assert exported is not None and exported.last_exported_at is not None
    pending = lists.delete(list_id)
    assert pending.status == "delete_pending"
    assert lists.delete(list_id).status == "delete_pending"  # a repeat answers the same
    assert [item.status for item in lists.iter()] == ["delete_pending"]
    for edit in (lists.add_urls, lists.remove_urls):
        with pytest.raises(octogen.OctogenAPIError) as deleting:
            edit(list_id, ["https://shop.example/b"])
        assert detail_of(deleting) == (409, "url_list_deleting")
    clock.now += 60
    for call in (lists.get, lists.delete):
        with pytest.raises(octogen.OctogenNotFoundError) as gone:
            call(list_id)
        assert gone.value.detail == "url_list_not_found"
    assert list(lists.iter()) == []


def test_a_list_holds_at_most_100000_urls_and_a_batch_past_it_adds_nothing(
    acme: octogen.Client,
) -> None:
    lists = acme.coverage.url_lists
    list_id = lists.create("big").url_list_id
    full = lists.add_urls(list_id, (f"https://s.example/{i}" for i in range(MAX_LIST_URLS)))
    assert full.url_count == MAX_LIST_URLS
    with pytest.raises(octogen.OctogenAPIError) as over:
        lists.add_urls(list_id, ["https://s.example/0", "https://s.example/new"])
    assert detail_of(over) == (409, "list_url_capacity_exceeded")
    assert lists.get(list_id).url_count == MAX_LIST_URLS
    assert lists.add_urls(list_id, ["http://S.example/5/"]).url_count == MAX_LIST_URLS


def test_cursors_page_in_insertion_order_and_a_bad_one_is_invalid_cursor(
    acme: octogen.Client, raw: httpx.Client
) -> None:
    lists = acme.coverage.url_lists
    first = lists.create("one").url_list_id
    other = lists.create("two").url_list_id
    lists.add_urls(first, [f"https://shop.example/{i}" for i in range(5)])
    page = lists.list_urls(first, limit=2)
    assert [entry.url for entry in page.items] == [
        "https://shop.example/0",
        "https://shop.example/1",
    ]
    assert page.next_cursor is not None
    rest = lists.list_urls(first, cursor=page.next_cursor, limit=2)
    assert rest.items[0].url == "https://shop.example/2"
    for cursor in ("garbage!", page.next_cursor):  # another list's cursor is stale for `other`
        with pytest.raises(octogen.OctogenBadRequestError) as bad:
            lists.list_urls(other, cursor=cursor)
        assert bad.value.detail == "invalid_cursor"
    with pytest.raises(octogen.OctogenBadRequestError):
        lists.list(cursor="garbage!")
    assert [item.name for item in lists.list(limit=1).items] == ["two"]  # newest first
    assert raw.get("/coverage/url-lists", params={"limit": 101}).status_code == 422


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"urls": []}, ["body", "urls"]),
        ({"urls": ["https://a.example/"] * 1001}, ["body", "urls"]),
        ({"urls": ["https://a.example/" + "x" * 2048]}, ["body", "urls", 0]),
        ({"urls": [7]}, ["body", "urls", 0]),
        ({}, ["body", "urls"]),
    ],
)
def test_a_request_the_limits_refuse_is_a_422_naming_the_field(
    acme: octogen.Client, raw: httpx.Client, body: dict[str, Any], where: list[Any]
) -> None:
    list_id = acme.coverage.url_lists.create("limits").url_list_id
    for suffix in ("", "/remove", "/contains"):
        answer = raw.post(f"/coverage/url-lists/{list_id}/urls{suffix}", json=body)
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"] == where


@pytest.mark.parametrize("name", ["", "n" * 81])
def test_a_name_outside_1_to_80_characters_is_a_422(raw: httpx.Client, name: str) -> None:
    answer = raw.post("/coverage/url-lists", json={"name": name})
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"] == ["body", "name"]


def test_every_list_operation_answers_url_list_not_found_for_an_unknown_id(
    raw: httpx.Client,
) -> None:
    path = "/coverage/url-lists/cul_unknown"
    body = {"urls": ["https://a.example/"]}
    answers = [
        raw.get(path),
        raw.delete(path),
        raw.get(f"{path}/urls"),
        raw.post(f"{path}/urls", json=body),
        raw.post(f"{path}/urls/remove", json=body),
        raw.post(f"{path}/urls/contains", json=body),
    ]
    assert {(a.status_code, a.json()["detail"]) for a in answers} == {(404, "url_list_not_found")}


def test_status_scenarios_answer_the_coverage_details(
    fake: FakeOctogen, acme: octogen.Client, raw: httpx.Client
) -> None:
    list_id = acme.coverage.url_lists.create("scenarios").url_list_id
    fake.queue("503", path="/coverage/url-lists")
    fake.queue("409", path=f"/coverage/url-lists/{list_id}/urls")
    assert raw.get("/coverage/url-lists").json()["detail"] == "url_lists_unavailable"
    migrating = raw.post(f"/coverage/url-lists/{list_id}/urls", json={"urls": ["https://a.b/"]})
    assert (migrating.status_code, migrating.json()["detail"]) == (409, "url_list_migrating")


def test_a_create_whose_connection_dropped_is_not_sent_again_but_a_503_is(
    fake: FakeOctogen,
) -> None:
    with fake.client(api_key="a1", max_retries=3, retry_interval=0.001) as client:
        fake.queue("network-error", path="/coverage/url-lists")
        with pytest.raises(octogen.OctogenConnectionError):
            client.coverage.url_lists.create("dropped")
        assert [r.path for r in fake.requests] == ["/coverage/url-lists"]
        # The list was not made (the fake dropped the request), so the name is free.
        fake.queue("503", path="/coverage/url-lists")
        assert client.coverage.url_lists.create("dropped").name == "dropped"
        assert [r.status for r in fake.requests] == [None, 503, 201]


def test_concurrent_batches_from_many_threads_all_land(fake: FakeOctogen) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with fake.serve() as base_url, octogen.Client(api_key="a1", base_url=base_url) as client:
        lists = client.coverage.url_lists
        list_id = lists.create("busy").url_list_id

        def add(worker: int) -> int:
            urls = (f"https://shop.example/{worker}/{i}" for i in range(1500))
            return lists.add_urls(list_id, urls).url_count

        with ThreadPoolExecutor(max_workers=6) as pool:
            counts = list(pool.map(add, range(6)))
        assert lists.get(list_id).url_count == 9000
        assert max(counts) == 9000
