"""`client.voyages` and `client.coverage.url_lists`: what goes on the wire, what comes
back, and what is refused before anything is sent."""

from __future__ import annotations

import asyncio
import json
import typing
from collections.abc import Coroutine, Iterator
from typing import Any

import httpx
import pytest
import respx

import octogen
from octogen import APIResponse, UrlChangeResult, UrlMembership
from octogen._resources.voyages import Voyages
from tests.support import API_KEY, BASE_URL

VOYAGE = {
    "taskId": "2026-07-13-09-15-02-example",
    "domain": "example.com",
    "status": "queued",
    "phase": "discovering_site",
    "phaseLabel": "Discovering site",
    "progressPercent": 0,
    "createdAt": "2026-07-13T09:15:02Z",
    "updatedAt": "2026-07-13T09:15:02Z",
    "completedAt": None,
    "error": None,
    "result": None,
}
DONE = {
    **VOYAGE,
    "status": "completed",
    "phase": "complete",
    "progressPercent": 100,
    "completedAt": "2026-07-13T10:41:55Z",
    "result": {"catalog": "example", "productCount": 1834, "search": "/v1/products/search"},
}
URL_LIST = {
    "urlListId": "cul_01KZAC9QSY5RWSTZ63FGBS50F2",
    "name": "q3-campaign",
    "status": "provisioning",
    "urlCount": 0,
    "bigQuery": None,
    "createdAt": "2026-08-05T20:14:03Z",
    "updatedAt": "2026-08-05T20:14:03Z",
}
LIST_ID = URL_LIST["urlListId"]


def sent_json(route: respx.Route, index: int = -1) -> Any:
    return json.loads(route.calls[index].request.content)


def echo_changes(request: httpx.Request) -> httpx.Response:
    urls = json.loads(request.content)["urls"]
    accepted = [{"url": url, "normalizedUrl": url.lower()} for url in urls if "bad" not in url]
    rejected = [
        {"url": url, "code": "invalid_url", "message": "no"} for url in urls if "bad" in url
    ]
    count = int(request.headers.get("x-count", "0"))
    body = {"accepted": accepted, "rejected": rejected, "urlCount": count, "requestId": "r"}
    return httpx.Response(200, json=body)


def echo_memberships(request: httpx.Request) -> httpx.Response:
    urls = json.loads(request.content)["urls"]
    results = [
        {"url": u, "normalizedUrl": u, "present": u.endswith("0"), "addedAt": None} for u in urls
    ]
    return httpx.Response(200, json={"results": results})


# --- voyages -------------------------------------------------------------------------------


def test_start_sends_the_domain_and_shows_created_or_joined_in_the_status(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/voyage")
    route.side_effect = [httpx.Response(202, json=VOYAGE), httpx.Response(200, json=VOYAGE)]
    created = client.voyages.with_response.start("https://www.example.com/products")
    joined = client.voyages.with_response.start("example.com")
    assert sent_json(route, 0) == {"domain": "https://www.example.com/products"}
    assert (created.status_code, joined.status_code) == (202, 200)
    assert created.data == joined.data
    assert created.data.task_id == "2026-07-13-09-15-02-example"


def test_get_sends_the_task_id_as_one_encoded_segment(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.get("/voyage/a%2Fb").respond(json=DONE)
    voyage = client.voyages.get("a/b")
    assert route.calls.last.request.url.raw_path == b"/v1/voyage/a%2Fb"
    assert voyage.is_terminal and voyage.result is not None
    assert (voyage.result.catalog, voyage.result.product_count) == ("example", 1834)
    assert voyage.result.raw["search"] == "/v1/products/search"  # unknown keys kept


def test_list_sends_its_query_and_reads_the_quotas(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    quotas = {
        "concurrent": {"limit": 5, "used": 3},
        "monthly": {
            "limit": 20,
            "used": 12,
            "periodStart": "2026-07-01",
            "resetsAt": "2026-08-01T00:00:00Z",
        },
    }
    route = api.get("/voyage").respond(
        json={"items": [VOYAGE], "nextCursor": None, "quotas": quotas}
    )
    page = client.voyages.list(status="running", cursor="c1", limit=10)
    assert dict(route.calls.last.request.url.params) == {
        "status": "running",
        "cursor": "c1",
        "limit": "10",
    }
    assert page.quotas is not None and page.quotas.monthly is not None
    assert page.quotas.concurrent is not None and page.quotas.concurrent.used == 3
    assert page.quotas.monthly.resets_at is not None and page.quotas.monthly.resets_at.month == 8
    assert not page.has_next_page


def test_iter_follows_query_cursors(api: respx.MockRouter, client: octogen.Client) -> None:
    route = api.get("/voyage")
    route.side_effect = [
        httpx.Response(200, json={"items": [VOYAGE], "nextCursor": "c2", "quotas": None}),
        httpx.Response(200, json={"items": [DONE], "nextCursor": None}),
    ]
    statuses = [voyage.status for voyage in client.voyages.iter(status="queued", page_size=1)]
    assert statuses == ["queued", "completed"]
    assert dict(route.calls[1].request.url.params) == {
        "status": "queued",
        "limit": "1",
        "cursor": "c2",
    }


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda c: c.voyages.start(""), "domain"),
        (lambda c: c.voyages.start("a b.com"), "domain"),
        (lambda c: c.voyages.start(None), "domain"),
        (lambda c: c.voyages.get(""), "task_id"),
        (lambda c: c.voyages.list(status="sleeping"), "status"),
        (lambda c: c.voyages.list(limit=0), "limit"),
        (lambda c: c.voyages.iter(page_size=101), "page_size"),
        (lambda c: c.voyages.wait("t", poll_interval=0), "poll_interval"),
        (lambda c: c.voyages.wait("t", timeout=-1), "timeout"),
        (lambda c: c.voyages.wait(""), "task_id"),
    ],
)
def test_voyage_arguments_are_checked_before_anything_is_sent(
    api: respx.MockRouter, client: octogen.Client, call: Any, argument: str
) -> None:
    with pytest.raises(octogen.InvalidRequestError) as refused:
        result = call(client)
        list(result) if isinstance(result, Iterator) else None
    assert refused.value.argument == argument
    assert not api.calls


def test_wait_polls_every_interval_until_terminal(api: respx.MockRouter) -> None:
    route = api.get("/voyage/t1")
    route.side_effect = [httpx.Response(200, json=VOYAGE)] * 3 + [httpx.Response(200, json=DONE)]
    slept: list[float] = []
    with octogen.Client(api_key=API_KEY, base_url=BASE_URL) as client:
        voyages = Voyages(client._transport, sleep=slept.append)
        assert voyages.wait("t1").status == "completed"
    assert slept == [300.0, 300.0, 300.0] and route.call_count == 4


def test_wait_sleeps_no_longer_than_the_time_left_then_raises_a_timeout(
    api: respx.MockRouter,
) -> None:
    api.get("/voyage/t1").respond(json=VOYAGE)
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    with octogen.Client(api_key=API_KEY, base_url=BASE_URL) as client:
        voyages = Voyages(client._transport, sleep=sleep, clock=lambda: now[0])
        with pytest.raises(octogen.OctogenTimeoutError, match="still 'queued'"):
            voyages.wait("t1", poll_interval=300, timeout=700)
    assert slept == [300.0, 300.0, 100.0]


def test_async_wait_awaits_its_sleep(api: respx.MockRouter) -> None:
    api.get("/voyage/t1").mock(
        side_effect=[httpx.Response(200, json=VOYAGE), httpx.Response(200, json=DONE)]
    )
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async def run() -> octogen.Voyage:
        async with octogen.AsyncClient(api_key=API_KEY, base_url=BASE_URL) as client:
            client.voyages._sleep = sleep
            return await client.voyages.wait("t1", poll_interval=5)

    assert asyncio.run(run()).status == "completed"
    assert slept == [5.0]


# --- URL lists -----------------------------------------------------------------------------


def test_create_sends_the_name_and_reads_the_201(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post("/coverage/url-lists").respond(201, json=URL_LIST)
    created = client.coverage.url_lists.with_response.create("q3-campaign")
    assert sent_json(route) == {"name": "q3-campaign"}
    assert created.status_code == 201 and created.data.url_list_id == LIST_ID
    assert created.data.big_query is None


def test_list_get_delete_and_list_urls_use_their_paths(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    lists = client.coverage.url_lists
    pending = {**URL_LIST, "status": "delete_pending"}
    api.get("/coverage/url-lists").respond(json={"items": [URL_LIST], "nextCursor": None})
    api.get(f"/coverage/url-lists/{LIST_ID}").respond(json=URL_LIST)
    api.delete(f"/coverage/url-lists/{LIST_ID}").respond(202, json=pending)
    entries = {
        "items": [{"url": "u", "normalizedUrl": "n", "addedAt": "2026-08-05T20:16:41Z"}],
        "nextCursor": None,
    }
    urls = api.get(f"/coverage/url-lists/{LIST_ID}/urls").respond(json=entries)
    assert lists.list(limit=10).items[0].name == "q3-campaign"
    assert lists.get(LIST_ID).status == "provisioning"
    assert lists.delete(LIST_ID).status == "delete_pending"
    page = lists.list_urls(LIST_ID, cursor="b2Zm", limit=100)
    assert dict(urls.calls.last.request.url.params) == {"cursor": "b2Zm", "limit": "100"}
    assert page.items[0].normalized_url == "n" and page.items[0].added_at is not None


def test_add_urls_sends_batches_of_1000_in_input_order_and_merges_them(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post(f"/coverage/url-lists/{LIST_ID}/urls").mock(side_effect=echo_changes)
    urls = [f"https://shop.example/{i}" for i in range(2500)] + ["https://bad.example/"]
    result = client.coverage.url_lists.add_urls(LIST_ID, urls)
    assert [len(sent_json(route, i)["urls"]) for i in range(route.call_count)] == [1000, 1000, 501]
    assert [change.url for change in result.accepted] == urls[:-1]
    assert [rejection.url for rejection in result.rejected] == ["https://bad.example/"]


def test_a_generator_is_read_one_batch_at_a_time(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    read = [0]
    read_when_sent: list[int] = []

    def urls() -> Iterator[str]:
        for index in range(3000):
            read[0] = index + 1
            yield f"https://shop.example/{index}"

    def answer(request: httpx.Request) -> httpx.Response:
        read_when_sent.append(read[0])
        return echo_changes(request)

    api.post(f"/coverage/url-lists/{LIST_ID}/urls").mock(side_effect=answer)
    client.coverage.url_lists.add_urls(LIST_ID, urls())
    assert read_when_sent == [1000, 2000, 3000]


def test_a_failing_batch_raises_the_earlier_ones_stand_and_the_later_are_not_sent(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post(f"/coverage/url-lists/{LIST_ID}/urls/remove")
    route.side_effect = [
        echo_changes,
        httpx.Response(404, json={"detail": "url_list_not_found"}),
        echo_changes,
    ]
    with pytest.raises(octogen.OctogenNotFoundError):
        client.coverage.url_lists.remove_urls(
            LIST_ID, (f"https://s.example/{i}" for i in range(2500))
        )
    assert route.call_count == 2


def test_check_urls_returns_one_membership_per_url_in_input_order(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post(f"/coverage/url-lists/{LIST_ID}/urls/contains").mock(
        side_effect=echo_memberships
    )
    urls = [f"https://s.example/{i}" for i in range(1001)]
    memberships = client.coverage.url_lists.check_urls(LIST_ID, iter(urls))
    assert [m.url for m in memberships] == urls and route.call_count == 2
    assert [m.present for m in memberships[:11]] == [True] + [False] * 9 + [True]


def test_with_response_of_a_batched_call_is_the_last_batch_response_holding_the_merge(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post(f"/coverage/url-lists/{LIST_ID}/urls")
    route.side_effect = [
        httpx.Response(
            200, json={"accepted": [{"url": "a"}], "rejected": [], "urlCount": 1, "requestId": "r1"}
        ),
        httpx.Response(
            200,
            json={"accepted": [{"url": "b"}], "rejected": [], "urlCount": 2, "requestId": "r2"},
            headers={"X-Request-ID": "last"},
        ),
    ]
    response = client.coverage.url_lists.with_response.add_urls(LIST_ID, ["a"] * 1000 + ["b"])
    assert response.request_id == "last"
    assert [c.url for c in response.data.accepted] == ["a", "b"]
    assert (response.data.url_count, response.data.request_id) == (2, "r2")


@pytest.mark.parametrize(
    ("urls", "argument"),
    [
        ([], "urls"),
        ("https://shop.example/a", "urls"),
        (b"https://shop.example/a", "urls"),
        (None, "urls"),
        (["https://shop.example/a", 7], "urls[1]"),
        (["https://shop.example/a", ""], "urls[1]"),
        (["https://s.example/" + "x" * 2048], "urls[0]"),
        (["https://s.example/\ud800"], "urls[0]"),
    ],
)
@pytest.mark.parametrize("method", ["add_urls", "remove_urls", "check_urls"])
def test_url_arguments_are_checked_before_anything_is_sent(
    api: respx.MockRouter, client: octogen.Client, method: str, urls: Any, argument: str
) -> None:
    with pytest.raises(octogen.InvalidRequestError) as refused:
        getattr(client.coverage.url_lists, method)(LIST_ID, urls)
    assert refused.value.argument == argument
    assert not api.calls


def test_a_bad_url_in_a_later_batch_stops_before_that_batch_is_sent(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post(f"/coverage/url-lists/{LIST_ID}/urls").mock(side_effect=echo_changes)
    urls = [f"https://s.example/{i}" for i in range(1500)] + [None]
    with pytest.raises(octogen.InvalidRequestError) as refused:
        client.coverage.url_lists.add_urls(LIST_ID, urls)
    assert refused.value.argument == "urls[1500]"
    assert route.call_count == 1


def test_a_url_the_api_cannot_normalize_is_sent(
    api: respx.MockRouter, client: octogen.Client
) -> None:
    route = api.post(f"/coverage/url-lists/{LIST_ID}/urls").mock(side_effect=echo_changes)
    client.coverage.url_lists.add_urls(LIST_ID, ["https:///products/dress", "not a url at all"])
    assert sent_json(route)["urls"] == ["https:///products/dress", "not a url at all"]


@pytest.mark.parametrize(
    ("call", "argument"),
    [
        (lambda lists: lists.create(""), "name"),
        (lambda lists: lists.create("n" * 81), "name"),
        (lambda lists: lists.create(None), "name"),
        (lambda lists: lists.get(""), "url_list_id"),
        (lambda lists: lists.delete(" "), "url_list_id"),
        (lambda lists: lists.add_urls("", ["https://a.b/"]), "url_list_id"),
        (lambda lists: lists.list(limit=101), "limit"),
        (lambda lists: lists.list_urls(LIST_ID, cursor=""), "cursor"),
        (lambda lists: lists.iter_urls(LIST_ID, max_items=-1), "max_items"),
    ],
)
def test_url_list_arguments_are_checked_before_anything_is_sent(
    api: respx.MockRouter, client: octogen.Client, call: Any, argument: str
) -> None:
    with pytest.raises(octogen.InvalidRequestError) as refused:
        call(client.coverage.url_lists)
    assert refused.value.argument == argument
    assert not api.calls


def test_batched_methods_show_their_merged_return_types() -> None:
    sync = octogen.Client(api_key="k").coverage.url_lists
    aclient = octogen.AsyncClient(api_key="k").coverage.url_lists
    assert typing.get_type_hints(sync.add_urls)["return"] is UrlChangeResult
    assert typing.get_type_hints(sync.check_urls)["return"] == list[UrlMembership]
    assert (
        typing.get_type_hints(sync.with_response.remove_urls)["return"]
        == APIResponse[UrlChangeResult]
    )
    assert typing.get_type_hints(aclient.add_urls)["return"] == Coroutine[Any, Any, UrlChangeResult]
