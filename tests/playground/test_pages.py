"""Every page on the fake: forms filled from the query string, results, error cards."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from .conftest import TestClient, cell, csrf_of, log_rows


def test_the_dashboard_shows_the_configuration_and_transport_stats(browser: TestClient) -> None:
    page = browser.get("/").text
    assert 'data-testid="scenario">fake' in page
    assert '"mode": "mock"' in html.unescape(page)  # client.transport_stats()
    assert "https://fake.octogen.invalid/v1" in page
    assert "No calls yet." in page


def test_a_search_on_the_fake_shows_product_cards_and_a_log_entry(browser: TestClient) -> None:
    page = browser.get("/search", params={"q": "linen dress", "limit": "3"}).text
    assert page.count('data-testid="result"') == 3
    assert 'name="q" type="search" value="linen dress"' in page  # the form, filled
    assert 'name="limit" inputmode="numeric" value="3"' in page
    [row] = log_rows(page)
    assert cell(row, "log-status") == "200"
    assert "/products/search" in row


def test_the_next_page_link_follows_the_cursor_to_other_products(browser: TestClient) -> None:
    first = browser.get("/search", params={"catalog": "northwind", "limit": "4"}).text
    link = re.search(r'data-testid="next-page" href="([^"]+)"', first)
    assert link
    second = browser.get(html.unescape(link.group(1))).text
    titles = lambda page: re.findall(r"<h3>(.*?)</h3>", page)  # noqa: E731
    assert len(titles(second)) == 4
    assert not set(titles(first)) & set(titles(second))


def test_filters_reach_the_sdk_as_its_arguments(browser: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    browser.get(
        "/search",
        params={"q": "", "facets": "gender=female", "price_min": "10", "price_max": "200.5"},
    )
    session = next(iter(app.state.sessions._sessions.values()))
    body = session.backend.fake.last_request.body
    assert body["facets"] == [{"name": "gender", "values": ["female"]}]
    assert body["price_min"] == 10 and body["price_max"] == 200.5


def test_a_bad_number_shows_the_sdks_invalid_request_error(browser: TestClient) -> None:
    page = browser.get("/search", params={"q": "dress", "price_min": "cheap"}).text
    assert 'data-testid="error"' in page
    assert "InvalidRequestError" in page
    assert "`price_min` must be a non-negative number; got &#39;cheap&#39;" in page
    assert "Traceback" not in page
    assert log_rows(page) == []  # nothing was sent


def test_facets_that_do_not_parse_name_the_facets_argument(browser: TestClient) -> None:
    page = browser.get("/search", params={"facets": "gender"}).text
    assert "InvalidRequestError" in page and "<code>facets</code>" in page


def test_lookup_shows_the_product_in_full(browser: TestClient) -> None:
    search = browser.get("/search", params={"catalog": "maisonlune", "limit": "1"}).text
    link = re.search(r'data-testid="lookup-link" href="([^"]+)"', search)
    assert link
    page = browser.get(html.unescape(link.group(1))).text
    assert 'data-testid="product"' in page
    for part in ('data-testid="variants"', 'data-testid="sizes"', 'data-testid="colors"'):
        assert part in page
    assert "materials" in page
    assert 'class="no-image"' in page  # the demo hosts never load: a placeholder, no <img>
    assert "cdn.octogen-demo.example" not in re.sub(r"<pre>.*?</pre>", "", page, flags=re.S)


def test_lookup_modes_are_sent_and_the_form_keeps_them(browser: TestClient, app) -> None:  # type: ignore[no-untyped-def]
    page = browser.get(
        "/lookup",
        params={
            "url": "https://maisonlune.example/products/relaxed-charcoal-linen-dress-5",
            "resolution_mode": "on_demand_only",
            "cache_policy": "refresh",
        },
    ).text
    assert "<option selected>on_demand_only</option>" in page
    assert "<option selected>refresh</option>" in page
    session = next(iter(app.state.sessions._sessions.values()))
    body = session.backend.fake.last_request.body
    assert body["resolutionMode"] == "on_demand_only"
    assert body["onDemandCachePolicy"] == "refresh"


def test_lookup_without_a_url_shows_the_sdks_message(browser: TestClient) -> None:
    page = browser.get("/lookup", params={"url": ""}).text
    assert "InvalidRequestError" in page and "`url` must be a non-empty http(s) URL" in page


def test_an_unknown_product_shows_a_404_card(browser: TestClient) -> None:
    page = browser.get("/lookup", params={"url": "https://northwind.example/products/nope"}).text
    assert "OctogenNotFoundError" in page and "product_not_found" in page


def test_catalogs_lists_the_four_demo_catalogs_with_a_search_link(browser: TestClient) -> None:
    page = browser.get("/catalogs").text
    assert page.count('data-testid="catalog"') == 4
    assert 'href="/search?catalog=maisonlune&amp;limit=20"' in page


def test_the_diagnostics_form_is_filled_from_the_query_string(browser: TestClient) -> None:
    page = browser.get(
        "/diagnostics", params={"operation": "products.lookup", "payload": '{"url": "x"}'}
    ).text
    assert "<option selected>products.lookup</option>" in page
    assert "{&#34;url&#34;: &#34;x&#34;}" in page


def test_diagnostics_runs_a_call_and_shows_its_typed_result(browser: TestClient) -> None:
    page = browser.post(
        "/diagnostics",
        data={
            "csrf_token": csrf_of(browser),
            "operation": "products.search",
            "payload": '{"q": "hoodie", "limit": 2}',
        },
    ).text
    assert 'data-testid="typed-result"' in page
    assert "<code>ProductPage</code>" in page
    catalogs = browser.post(
        "/diagnostics",
        data={"csrf_token": csrf_of(browser), "operation": "catalogs.list", "payload": ""},
    ).text
    assert "<code>list[Catalog]</code>" in catalogs


def test_diagnostics_bad_input_shows_an_invalid_request_error(browser: TestClient) -> None:
    cases = {
        ("products.search", "{not json"): "`payload` is not valid JSON",
        ("products.search", "[1, 2]"): "`payload` must be a JSON object",
        ("products.lookup", "{}"): "`url` is required by products.lookup",
        ("products.search", '{"limt": 5}'): "unexpected argument `limt`",
        ("products.nope", "{}"): "unknown operation",
    }
    for (operation, payload), message in cases.items():
        page = browser.post(
            "/diagnostics",
            data={"csrf_token": csrf_of(browser), "operation": operation, "payload": payload},
        ).text
        assert 'data-testid="error"' in page, operation
        assert "InvalidRequestError" in page
        assert message in html.unescape(page), message
        assert "Traceback" not in page


def test_run_smoke_passes_every_check_on_the_fake(browser: TestClient) -> None:
    page = browser.post("/diagnostics/smoke", data={"csrf_token": csrf_of(browser)}).text
    lines = re.findall(r'data-testid="smoke-result" class="(\w+)"', page)
    assert lines == ["pass"] * 5
    assert "smoke: 5 passed" in page
    assert len(log_rows(page)) >= 3  # the smoke's calls are in the log too


class _Inputs(HTMLParser):
    """Collects form fields, labels and the URLs a page loads."""

    def __init__(self) -> None:
        super().__init__()
        self.fields: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.in_label = 0
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "label":
            self.in_label += 1
            if found.get("for"):
                self.labelled.add(str(found["for"]))
        elif tag in ("input", "select", "textarea") and found.get("type") != "hidden":
            self.fields.append({**found, "wrapped": "yes" if self.in_label else None})
        if tag in ("script", "img") and found.get("src"):
            self.loads.append(str(found["src"]))
        if tag == "link" and found.get("href"):
            self.loads.append(str(found["href"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


PAGES = (
    "/",
    "/search?q=dress&limit=2",
    "/lookup",
    "/similar?url=https://maisonlune.example/products/relaxed-charcoal-linen-dress-5&limit=2",
    "/resolve",
    "/refresh",
    "/voyages",
    "/coverage",
    "/catalogs",
    "/diagnostics",
)


def _with_a_url_list(client: TestClient) -> tuple[str, ...]:
    """PAGES, and the pages of a new coverage list (its members, its delete confirmation)."""
    page = client.post("/coverage", data={"csrf_token": csrf_of(client), "name": "labels"}).text
    found = re.search(r'name="url_list_id" value="([^"]+)"', page)
    assert found
    list_id = found.group(1)
    return (*PAGES, f"/coverage?url_list_id={list_id}", f"/coverage/delete?url_list_id={list_id}")


def test_every_input_of_every_page_has_a_label(browser: TestClient) -> None:
    browser.post(
        "/settings",
        data={"csrf_token": csrf_of(browser), "api_key": "octo_live_xxxxxxxxxxxxxxxx1234"},
    )
    for path in _with_a_url_list(browser):
        parser = _Inputs()
        parser.feed(browser.get(path).text)
        assert parser.fields, path
        for field in parser.fields:
            assert field["wrapped"] or field.get("id") in parser.labelled, (path, field)


def test_pages_load_nothing_from_other_hosts(browser: TestClient) -> None:
    for path in _with_a_url_list(browser):
        parser = _Inputs()
        parser.feed(browser.get(path).text)
        assert parser.loads, path
        assert all(url.startswith("/static/") for url in parser.loads), parser.loads
    for asset in ("playground.css", "playground.js", "placeholder.svg", "icon.svg"):
        assert browser.get(f"/static/{asset}").status_code == 200


def test_large_diagnostics_payloads_reach_the_sdk_and_huge_ones_get_the_error_card(
    browser: TestClient,
) -> None:
    token = csrf_of(browser)
    two_mib = "{" + "x" * (2 * 1024 * 1024)  # past Starlette's 1 MiB default: still read
    page = browser.post(
        "/diagnostics",
        data={"csrf_token": token, "operation": "products.search", "payload": two_mib},
    )
    assert page.status_code == 200
    assert "`payload` is not valid JSON" in html.unescape(page.text)
    huge = "x" * (9 * 1024 * 1024)
    page = browser.post(
        "/diagnostics",
        data={"csrf_token": token, "operation": "products.search", "payload": huge},
    )
    assert page.status_code == 200
    assert 'data-testid="error"' in page.text and "InvalidRequestError" in page.text
    assert "each field may hold up to 8 MiB" in page.text
