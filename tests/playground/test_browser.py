"""The playground in Debian's Chromium, driven by Playwright, on a uvicorn server.

Skipped (loudly) where `/usr/bin/chromium` is missing, unless OCTOGEN_REQUIRE_BROWSER=1
(as in .ci/run), where a missing browser fails instead. Never downloads a browser.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from playground.app import create_app
from playground.screenshots import CHROMIUM, SHOTS, choose_scenario, launch, take_screenshots
from playground.server import serve_in_thread

from .conftest import FAST_FAKE

PAGE_TIMEOUT_MS = 10_000


def _require_browser() -> None:
    if os.path.exists(CHROMIUM):
        return
    reason = (
        f"BROWSER TESTS NOT RUN: {CHROMIUM} is missing "
        "(apt-get install chromium; .ci/run does and sets OCTOGEN_REQUIRE_BROWSER=1)"
    )
    if os.environ.get("OCTOGEN_REQUIRE_BROWSER") == "1":
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The playground served on a free loopback port for this module's tests."""
    _require_browser()
    with serve_in_thread(create_app(secret_key="browser", fake_options=FAST_FAKE)) as url:
        yield url


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, shared by the module's tests."""
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = launch(playwright.chromium)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Any, base_url: str) -> Iterator[Any]:
    """A fresh browser context (its own session) at the dashboard."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(PAGE_TIMEOUT_MS)
    tab.goto(base_url + "/")
    yield tab
    context.close()


def search(page: Any, query: str) -> None:
    """Type `query` into the search form and submit it."""
    page.click("nav >> text=Search")
    page.fill("input[name=q]", query)
    page.fill("input[name=limit]", "4")
    with page.expect_navigation():
        page.click("form.form button[type=submit]")


def test_a_search_on_the_fake_shows_cards_and_a_log_entry(page: Any) -> None:
    search(page, "linen dress")
    assert page.locator("[data-testid=result]").count() == 4
    entries = page.locator("[data-testid=request-log] [data-testid=request-log-entry]")
    assert entries.count() == 1
    assert "200" in entries.first.locator("[data-testid=log-status]").inner_text()
    images = page.locator("[data-testid=result] img")
    assert images.count() == 0  # the demo hosts cannot load: placeholders instead
    assert page.locator("[data-testid=result] .no-image").count() == 4


def test_choosing_429_shows_retry_after_and_each_attempt(page: Any) -> None:
    choose_scenario(page, "429")
    search(page, "hoodie")
    card = page.locator("[data-testid=error]")
    assert "OctogenRateLimitError" in card.inner_text()
    assert page.locator("[data-testid=retry-after]").inner_text() in ("1 s", "1.0 s")
    attempts = page.locator("[data-testid=request-log-entry] [data-testid=log-attempt]")
    assert attempts.all_inner_texts() == ["2", "1"]


def test_failover_shows_the_switch_of_base_url(page: Any) -> None:
    choose_scenario(page, "failover")
    search(page, "dress")
    assert page.locator("[data-testid=result]").count() == 4
    rows = page.locator("[data-testid=request-log-entry]")
    served, dead = rows.nth(0), rows.nth(1)
    assert "failed over to" in dead.inner_text()
    served_url = served.locator("[data-testid=log-base-url]").inner_text()
    assert served_url in dead.inner_text()  # "failed over to <the served URL>"
    assert dead.locator("[data-testid=log-base-url]").inner_text() != served_url


def test_lookup_from_a_card_opens_the_product(page: Any) -> None:
    search(page, "linen dress")
    title = page.locator("[data-testid=result] h3").first.inner_text()
    with page.expect_navigation():
        page.locator("[data-testid=lookup-link]").first.click()
    assert page.locator("[data-testid=product-title]").inner_text() == title
    assert page.locator("[data-testid=variants] tbody tr").count() >= 1


def test_similar_products_from_a_search_card(page: Any) -> None:
    search(page, "linen dress")
    title = page.locator("[data-testid=result] h3").first.inner_text()
    with page.expect_navigation():
        page.locator("[data-testid=similar-link]").first.click()
    assert page.url.split("?")[0].endswith("/similar")
    assert title in page.locator("[data-testid=similar-source]").inner_text()
    cards = page.locator("[data-testid=result] h3")
    assert cards.count() == 12
    assert title not in cards.all_inner_texts()  # the source is never among the results
    assert page.locator("[data-testid=error]").count() == 0
    newest = page.locator("[data-testid=request-log-entry]").first.inner_text()
    assert "/products/more-like-this" in newest and "200" in newest


def test_coverage_create_add_check_delete(page: Any) -> None:
    page.click("nav >> text=Coverage")
    page.fill("input[name=name]", "browser-list")
    with page.expect_navigation():
        page.click("[data-testid=create-list]")
    assert "browser-list" in page.locator("[data-testid=url-list] h2").inner_text()
    page.fill("textarea[name=urls]", "https://shop.example/p/1\nhttps://shop.example/p/2")
    with page.expect_navigation():
        page.click("[data-testid=add-urls]")
    assert page.locator("[data-testid=url-count]").inner_text() == "2"
    assert page.locator("[data-testid=member]").count() == 2
    page.fill("textarea[name=urls]", "https://SHOP.example/p/2/\nhttps://shop.example/p/3")
    with page.expect_navigation():
        page.click("[data-testid=check-urls]")
    assert page.locator("[data-testid=present]").all_inner_texts() == ["yes", "no"]
    with page.expect_navigation():
        page.click("[data-testid=delete-link]")
    assert page.locator("[data-testid=confirm-delete]").count() == 1
    page.check("input[name=confirm]")
    with page.expect_navigation():
        page.click("[data-testid=delete-confirm]")
    assert "Deleted 'browser-list'" in page.locator("[data-testid=notice]").inner_text()
    assert page.locator("[data-testid=error]").count() == 0
    statuses = page.locator("[data-testid=request-log-entry] [data-testid=log-status]")
    assert all(text.startswith("20") for text in statuses.all_inner_texts())


def test_resolve_from_pasted_html(page: Any) -> None:
    page.click("nav >> text=Resolve HTML")
    page.fill("input[name=url]", "https://example.com/products/blue-linen-dress")
    page.fill(
        "textarea[name=html]",
        '<script type="application/ld+json">{"@type": "Product", "name": "Blue linen dress", '
        '"offers": {"price": "89.00", "priceCurrency": "EUR"}}</script>',
    )
    with page.expect_navigation():
        page.click("form.form button[type=submit]")
    assert page.locator("[data-testid=product-title]").inner_text() == "Blue linen dress"
    assert "json_ld" in page.locator("[data-testid=resolution]").inner_text()
    assert "89.00 EUR" in page.locator("[data-testid=product]").inner_text()


def test_diagnostics_smoke_passes(page: Any) -> None:
    page.click("nav >> text=Diagnostics")
    with page.expect_navigation():
        page.click("[data-testid=run-smoke]")
    lines = page.locator("[data-testid=smoke-result]")
    assert lines.count() == 5
    assert all(text.startswith("PASS") for text in lines.all_inner_texts())


def test_the_screenshot_script_writes_the_pictures(chromium: Any, tmp_path: Path) -> None:
    written = take_screenshots(tmp_path, widths=("phone",), shots=SHOTS[:2], browser=chromium)
    assert [path.name for path in written] == ["search-phone.png", "lookup-phone.png"]
    for path in written:
        data = path.read_bytes()
        assert data.startswith(b"\x89PNG")
        assert int.from_bytes(data[16:20], "big") == 390  # IHDR: the picture's width
