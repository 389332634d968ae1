"""The fake's voyages: one per normalized domain, phases on the fake's clock, quotas per
organization, and every documented status (CONTRACT-LIVE.md §4)."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

import octogen
from octogen.testing import FakeOctogen
from tests.testing.test_live_state import START, Clock

BASE = "https://api.octogen.ai/v1"


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fake(clock: Clock) -> FakeOctogen:
    organizations = {"a1": "acme", "a2": "acme", "g1": "globex", "m1": "merchant-co"}
    return FakeOctogen(clock=clock, organizations=organizations)


def as_key(fake: FakeOctogen, key: str) -> httpx.Client:
    headers = {"Authorization": f"Bearer {key}"}
    return httpx.Client(transport=fake.transport(), base_url=BASE, headers=headers)


@pytest.fixture
def acme(fake: FakeOctogen) -> Iterator[octogen.Client]:
    with fake.client(api_key="a1", max_retries=0) as client:
        yield client


def test_another_organization_joins_the_same_voyage_and_sees_it_only_once_it_asked(
    fake: FakeOctogen, acme: octogen.Client
) -> None:
    voyage = acme.voyages.start("example.com")
    with fake.client(api_key="g1", max_retries=0) as globex:
        with pytest.raises(octogen.OctogenNotFoundError) as unseen:
            globex.voyages.get(voyage.task_id)
        assert unseen.value.detail == "voyage_not_found"
        joined = globex.voyages.with_response.start("http://WWW.example.com:8080/x")
        assert (joined.status_code, joined.data.task_id) == (200, voyage.task_id)
        assert globex.voyages.get(voyage.task_id).task_id == voyage.task_id
        quotas = globex.voyages.list().quotas
        assert quotas is not None and quotas.concurrent is not None
        assert quotas.concurrent.used == 0  # joined voyages use no quota


def test_progress_never_decreases_and_statuses_follow_the_phases(
    acme: octogen.Client, clock: Clock
) -> None:
    task_id = acme.voyages.start("example.com").task_id
    seen = []
    for _ in range(30):
        voyage = acme.voyages.get(task_id)
        seen.append((voyage.status, voyage.phase, voyage.progress_percent))
        clock.now += 300
    progress = [entry[2] for entry in seen]
    assert progress == sorted(progress) and progress[-1] == 100
    phases = list(dict.fromkeys(entry[1] for entry in seen))
    assert phases == [
        "discovering_site",
        "sampling_products",
        "building_extraction",
        "in_review",
        "publishing_catalog",
        "complete",
    ]
    assert "in_review" in {entry[0] for entry in seen}


def test_a_cancelled_voyage_is_terminal_without_error(acme: octogen.Client, clock: Clock) -> None:
    task_id = acme.voyages.start("cancel-me.com").task_id
    clock.now += 7200
    voyage = acme.voyages.get(task_id)
    assert voyage.status == "cancelled" and voyage.is_terminal and voyage.error is None


def test_a_domain_the_fake_serves_is_joined_completed(fake: FakeOctogen) -> None:
    catalog = fake.dataset.catalogs[0]
    with fake.client(api_key="a1", max_retries=0) as client:
        joined = client.voyages.with_response.start(catalog["sourceBaseUrl"])
    assert joined.status_code == 200 and joined.data.status == "completed"
    assert joined.data.result is not None and joined.data.result.catalog == catalog["catalog"]


def test_the_concurrent_quota_refuses_a_sixth_voyage_with_an_object_detail_until_one_ends(
    acme: octogen.Client, clock: Clock
) -> None:
    for index in range(5):
        acme.voyages.start(f"shop{index}.com")
    with pytest.raises(octogen.OctogenRateLimitError) as refused:
        acme.voyages.start("shop5.com")
    assert refused.value.status_code == 429
    detail = refused.value.detail
    assert isinstance(detail, dict)
    assert (detail["code"], detail["quota"], detail["limit"]) == (
        "voyage_quota_exceeded",
        "concurrent",
        5,
    )
    clock.now += 7200
    assert acme.voyages.with_response.start("shop5.com").status_code == 202


def test_the_monthly_quota_counts_voyages_started_this_utc_month(
    acme: octogen.Client, clock: Clock
) -> None:
    for index in range(20):
        acme.voyages.start(f"month{index}.com")
        clock.now += 7200  # each completes before the next: only the monthly cap counts
    with pytest.raises(octogen.OctogenRateLimitError) as refused:
        acme.voyages.start("month20.com")
    assert isinstance(refused.value.detail, dict) and refused.value.detail["quota"] == "monthly"
    page = acme.voyages.list(limit=100)
    assert page.quotas is not None and page.quotas.monthly is not None
    assert (page.quotas.monthly.used, page.quotas.monthly.limit) == (20, 20)
    assert page.quotas.monthly.resets_at is not None
    clock.now = page.quotas.monthly.resets_at.timestamp() + 1
    assert acme.voyages.with_response.start("month20.com").status_code == 202


@pytest.mark.parametrize(
    ("domain", "status", "detail"),
    [
        ("blocked.example", 409, "voyage_domain_blocked"),
        ("https://www.amazon.com/dp/x", 409, "voyage_domain_blocked"),
        ("localhost", 422, "voyage_invalid_domain"),
        ("10.0.0.7", 422, "voyage_invalid_domain"),
        ("printer.local", 422, "voyage_invalid_domain"),
        ("intranet", 422, "voyage_invalid_domain"),
    ],
)
def test_blocked_and_invalid_domains_are_refused(
    fake: FakeOctogen, domain: str, status: int, detail: str
) -> None:
    with as_key(fake, "a1") as raw:
        answer = raw.post("/voyage", json={"domain": domain})
    assert (answer.status_code, answer.json()) == (status, {"detail": detail})


def test_a_merchant_organization_may_not_use_voyages(fake: FakeOctogen) -> None:
    with as_key(fake, "m1") as raw:
        for answer in (raw.post("/voyage", json={"domain": "a.com"}), raw.get("/voyage")):
            assert answer.json() == {"detail": "voyage_org_type_forbidden"}
            assert answer.status_code == 403


def test_list_filters_by_status_pages_newest_first_and_checks_its_query(
    fake: FakeOctogen, acme: octogen.Client, clock: Clock
) -> None:
    ids = []
    for index in range(3):
        ids.append(acme.voyages.start(f"page{index}.com").task_id)
        clock.now += 10
    assert [voyage.task_id for voyage in acme.voyages.iter(page_size=2)] == ids[::-1]
    assert acme.voyages.list(status="completed").items == []
    assert len(acme.voyages.list(status="queued").items) == 3
    with as_key(fake, "a1") as raw:
        assert raw.get("/voyage", params={"limit": 0}).status_code == 422
        assert raw.get("/voyage", params={"status": "sleeping"}).status_code == 422
        assert raw.get("/voyage", params={"cursor": "nonsense"}).status_code == 422


def test_a_503_scenario_answers_voyage_unavailable(fake: FakeOctogen) -> None:
    fake.queue("503", path="/voyage")
    with as_key(fake, "a1") as raw:
        answer = raw.post("/voyage", json={"domain": "a.com"})
    assert (answer.status_code, answer.json()["detail"]) == (503, "voyage_unavailable")


def test_the_clock_starts_where_the_test_set_it(acme: octogen.Client) -> None:
    voyage = acme.voyages.start("clock.com")
    assert voyage.created_at is not None and voyage.created_at.timestamp() == START
