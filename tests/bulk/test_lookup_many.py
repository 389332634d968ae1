"""`products.lookup_many`: every URL's outcome, in input order, with at most `concurrency`
requests in flight, memory bounded by a window, failures kept per URL; sync and async."""

from __future__ import annotations

import _thread
import asyncio
import itertools
import json
import threading
import time
from collections.abc import Iterator

import pytest

import octogen
from octogen import InvalidRequestError, LookupOutcome, OctogenNotFoundError
from octogen._resources.bulk import WINDOW_PER_SLOT
from octogen.testing import FakeOctogen
from tests.bulk.conftest import MeasuringResponder, serve
from tests.support import API_KEY, open_client


def test_outcomes_come_in_input_order_even_when_later_urls_answer_first(
    fake: FakeOctogen, product_urls: list[str], client_kind: str
) -> None:
    urls = product_urls[:24]
    # The earlier a URL, the slower its answer: completion order is the reverse of input.
    rank = {url: index for index, url in enumerate(urls)}
    responder = MeasuringResponder(
        fake, lambda body: 0.002 * (len(urls) - rank[json.loads(body)["url"]])
    )
    for server in serve(responder):
        with open_client(client_kind, api_key=API_KEY, base_url=server.base_url) as client:
            outcomes = list(client.products.lookup_many(urls, concurrency=6))

    assert [outcome.url for outcome in outcomes] == urls
    assert all(outcome.ok for outcome in outcomes)
    assert [o.result.product.product_url for o in outcomes if o.result] == urls


@pytest.mark.parametrize("concurrency", [1, 3, 8])
def test_no_more_than_concurrency_requests_reach_the_server_at_once(
    measured: tuple[MeasuringResponder, str],
    product_urls: list[str],
    client_kind: str,
    concurrency: int,
) -> None:
    responder, base_url = measured
    with open_client(client_kind, api_key=API_KEY, base_url=base_url) as client:
        urls = product_urls[: 3 * concurrency]
        outcomes = list(client.products.lookup_many(urls, concurrency=concurrency))

    assert len(outcomes) == responder.answered == 3 * concurrency
    assert responder.peak <= concurrency
    assert responder.peak == concurrency  # 100 ms a request: the slots do fill up


def test_a_huge_generator_is_read_only_a_window_ahead_of_what_was_yielded(
    fake: FakeOctogen, product_urls: list[str], client_kind: str
) -> None:
    pulled = 0

    def hundred_thousand_urls() -> Iterator[str]:
        nonlocal pulled
        for url in itertools.islice(itertools.cycle(product_urls), 100_000):
            pulled += 1
            yield url

    concurrency = 4
    window = concurrency * WINDOW_PER_SLOT
    ahead: list[int] = []
    with open_client(client_kind, api_key=API_KEY, transport=fake.transport()) as client:
        outcomes = client.products.lookup_many(hundred_thousand_urls(), concurrency=concurrency)
        for yielded, outcome in enumerate(itertools.islice(outcomes, 300), start=1):
            assert outcome.ok
            ahead.append(pulled - yielded)
        outcomes.close()  # as leaving a `for` loop early does

    assert max(ahead) <= window
    assert pulled <= 300 + window  # the other 99,700 URLs were never read
    assert len(fake.requests) <= 300 + window


def test_each_failure_stays_with_its_url_and_the_others_go_on(
    fake: FakeOctogen, product_urls: list[str], client_kind: str
) -> None:
    missing = "https://unknown-shop.example/products/nothing-here"
    urls = [product_urls[0], "not a url", missing, product_urls[1], None, product_urls[2]]
    with open_client(
        client_kind, api_key=API_KEY, transport=fake.transport(), max_retries=0
    ) as client:
        outcomes = list(client.products.lookup_many(urls, concurrency=3))  # type: ignore[arg-type]

    assert [outcome.ok for outcome in outcomes] == [True, False, False, True, False, True]
    assert [outcome.url for outcome in outcomes] == [*urls[:4], "None", urls[5]]
    assert isinstance(outcomes[1].error, InvalidRequestError)
    assert isinstance(outcomes[2].error, OctogenNotFoundError)
    assert outcomes[2].result is None
    assert isinstance(outcomes[4].error, InvalidRequestError)
    assert len(fake.requests) == 4  # the two invalid URLs were never sent


def test_a_server_error_that_outlasts_the_retries_is_that_urls_outcome(
    fake: FakeOctogen, product_urls: list[str], client_kind: str
) -> None:
    fake.queue("503")
    with open_client(
        client_kind, api_key=API_KEY, transport=fake.transport(), max_retries=0
    ) as client:
        outcomes = list(client.products.lookup_many(product_urls[:5], concurrency=1))

    assert [outcome.ok for outcome in outcomes] == [False, True, True, True, True]
    assert isinstance(outcomes[0].error, octogen.OctogenServerError)


def test_an_outcome_reads_as_one_json_line() -> None:
    error = OctogenNotFoundError(status_code=404, detail="product_not_found", request_id="req_1")
    outcome = LookupOutcome(url="https://shop.example/p/1", error=error)

    assert not outcome.ok
    assert outcome.to_dict() == {
        "url": "https://shop.example/p/1",
        "ok": False,
        "error": {
            "type": "OctogenNotFoundError",
            "message": str(error),
            "status": 404,
            "detail": "product_not_found",
            "request_id": "req_1",
        },
    }


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ({"urls": "https://shop.example/p/1"}, "urls"),
        ({"urls": 42}, "urls"),
        ({"urls": [], "concurrency": 0}, "concurrency"),
        ({"urls": [], "concurrency": 101}, "concurrency"),
        ({"urls": [], "concurrency": True}, "concurrency"),
        ({"urls": [], "resolution_mode": "fast"}, "resolution_mode"),
        ({"urls": [], "resolution_mode": "index_only", "cache_policy": "refresh"}, "cache_policy"),
    ],
)
def test_wrong_arguments_are_refused_by_the_call_itself_before_any_request(
    fake: FakeOctogen, client_kind: str, arguments: dict[str, object], argument: str
) -> None:
    with (
        open_client(client_kind, api_key=API_KEY, transport=fake.transport()) as client,
        pytest.raises(InvalidRequestError) as raised,
    ):
        client.products.lookup_many(**arguments)

    assert raised.value.argument == argument
    assert fake.requests == []


@pytest.mark.sync_only
def test_ctrl_c_stops_the_run_and_leaves_the_client_usable(
    fake: FakeOctogen, product_urls: list[str]
) -> None:
    responder = MeasuringResponder(fake, lambda body: 0.3)
    for server in serve(responder):
        with octogen.Client(api_key=API_KEY, base_url=server.base_url) as client:
            timer = threading.Timer(0.15, _thread.interrupt_main)  # Ctrl-C, mid-request
            with pytest.raises(KeyboardInterrupt):
                timer.start()
                for _ in client.products.lookup_many(product_urls[:200], concurrency=4):
                    pass
            timer.join(timeout=5)
            result = client.products.lookup(product_urls[0])

        assert result.product.product_url == product_urls[0]
        # The lookups under way finish; the ones queued were cancelled, never sent.
        assert responder.answered <= 4 + 1 + 4


def test_cancelling_the_task_cancels_the_lookups_and_leaves_the_client_usable(
    fake: FakeOctogen, product_urls: list[str]
) -> None:
    responder = MeasuringResponder(fake, lambda body: 0.3)

    async def run(base_url: str) -> tuple[int, str]:
        async with octogen.AsyncClient(api_key=API_KEY, base_url=base_url) as client:
            seen = 0

            async def consume() -> None:
                nonlocal seen
                async for _ in client.products.lookup_many(product_urls[:200], concurrency=4):
                    seen += 1

            task = asyncio.create_task(consume())
            await asyncio.sleep(0.15)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            result = await asyncio.wait_for(client.products.lookup(product_urls[0]), 10)
            return seen, result.product.product_url

    for server in serve(responder):
        seen, found = asyncio.run(run(server.base_url))
        assert seen == 0
        assert found == product_urls[0]
        assert responder.answered <= 4 + 1 + 4


def test_a_run_paces_on_the_rate_limit_headers_and_draws_no_429(
    product_urls: list[str], client_kind: str
) -> None:
    """No `pace`, no `rate_limiter`: lookup_many still waits for tokens once the bucket the
    API reported (600 a minute: 10 a second) is spent, run after run of one client."""
    fake = FakeOctogen(rate_limit=600)
    first = list(itertools.islice(itertools.cycle(product_urls), 590))
    with open_client(
        client_kind, api_key=API_KEY, transport=fake.transport(), max_retries=0
    ) as client:
        started = time.monotonic()
        outcomes = list(client.products.lookup_many(first, concurrency=8))
        outcomes += list(client.products.lookup_many(product_urls[:20], concurrency=8))
        both_runs = time.monotonic() - started

    assert all(outcome.ok for outcome in outcomes)
    assert [request.status for request in fake.requests] == [200] * 610
    # 610 requests from a bucket of 600 refilled at 10 a second: the last ones waited for
    # the refill. (Not a speed claim: the lower bound pacing itself must respect.)
    assert both_runs >= 1.0
