"""Voyages and coverage URL lists end to end on the fake, in-process and over a real
socket, with both clients: a voyage runs to its catalog as the fake's clock moves, and a
URL list takes 10,000 URLs from a generator, answers for them, gives them back and is
deleted."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

import octogen
from octogen.testing import FakeOctogen

START = 1_780_000_000.0  # 2026-05-28, mid-month


class Clock:
    """The fake's clock: set by the test, and moving `tick` seconds at every reading
    (so that a voyage advances while `wait` polls)."""

    def __init__(self, now: float = START, tick: float = 0.0) -> None:
        self.now = now
        self.tick = tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeOctogen:
    return FakeOctogen(clock=clock)


def test_a_voyage_is_started_joined_followed_and_waited_for_until_its_catalog(
    sdk: octogen.Client, clock: Clock
) -> None:
    started = sdk.voyages.with_response.start("https://www.Shop-Example.com/products")
    assert started.status_code == 202
    voyage = started.data
    assert (voyage.domain, voyage.status, voyage.progress_percent) == (
        "shop-example.com",
        "queued",
        0,
    )
    assert not voyage.is_terminal
    joined = sdk.voyages.with_response.start("shop-example.com")
    assert (joined.status_code, joined.data.task_id) == (200, voyage.task_id)

    clock.now += 2000
    running = sdk.voyages.get(voyage.task_id)
    assert (running.status, running.phase) == ("running", "building_extraction")
    assert running.progress_percent > voyage.progress_percent

    clock.tick = 300  # every request the fake answers moves its clock on
    done = sdk.voyages.wait(voyage.task_id, poll_interval=0.001, timeout=30)
    assert done.is_terminal and done.status == "completed" and done.progress_percent == 100
    assert done.result is not None and done.result.catalog == "shopexample"
    assert done.completed_at is not None


def test_a_failing_voyage_ends_failed_with_its_error(sdk: octogen.Client, clock: Clock) -> None:
    voyage = sdk.voyages.start("fail-shop.com")
    clock.now += 7200
    failed = sdk.voyages.wait(voyage.task_id, poll_interval=0.001, timeout=5)
    assert (failed.status, failed.phase) == ("failed", "failed")
    assert failed.error is not None and failed.error.code == "extraction_failed"
    assert failed.result is None


def test_wait_gives_up_after_its_timeout(sdk: octogen.Client) -> None:
    voyage = sdk.voyages.start("slow-shop.com")
    with pytest.raises(octogen.OctogenTimeoutError, match="still 'queued'"):
        sdk.voyages.wait(voyage.task_id, poll_interval=0.01, timeout=0.05)


def urls(count: int) -> Iterator[str]:
    for index in range(count):
        yield f"https://shop.example/products/{index}?utm_source=mail"


def test_a_url_list_takes_ten_thousand_urls_answers_for_them_and_is_deleted(
    sdk: octogen.Client, clock: Clock
) -> None:
    lists = sdk.coverage.url_lists
    created = lists.with_response.create("q3-campaign")
    assert created.status_code == 201
    url_list = created.data
    assert (url_list.status, url_list.url_count, url_list.big_query) == ("provisioning", 0, None)

    added = lists.add_urls(url_list.url_list_id, urls(10_000))
    assert added.url_count == 10_000 and not added.rejected
    assert [change.url for change in added.accepted] == list(urls(10_000))
    assert added.accepted[7].normalized_url == "https://shop.example/products/7"

    checked = lists.check_urls(
        url_list.url_list_id,
        ["HTTP://SHOP.example/products/9999/", "https://shop.example/products/10000"],
    )
    assert [membership.present for membership in checked] == [True, False]
    assert checked[0].added_at is not None and checked[1].added_at is None

    members = list(lists.iter_urls(url_list.url_list_id))
    assert [member.url for member in members] == list(urls(10_000))

    clock.now += 60
    active = lists.get(url_list.url_list_id)
    assert active.status == "active" and active.big_query is not None
    assert [item.url_list_id for item in lists.iter()] == [url_list.url_list_id]

    deleted = lists.with_response.delete(url_list.url_list_id)
    assert (deleted.status_code, deleted.data.status) == (202, "delete_pending")
    clock.now += 120
    with pytest.raises(octogen.OctogenNotFoundError) as gone:
        lists.get(url_list.url_list_id)
    assert gone.value.detail == "url_list_not_found"
