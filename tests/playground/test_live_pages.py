"""The live API's pages on the fake: similar products, resolve from HTML, refresh,
voyages and coverage lists; their forms, results and error cards."""

from __future__ import annotations

import html
import re

from fastapi import FastAPI

from .conftest import TestClient, choose, csrf_of, log_rows

PRODUCT = "https://maisonlune.example/products/relaxed-charcoal-linen-dress-5"
PRODUCT_HTML = (
    '<html><head><script type="application/ld+json">{"@type": "Product", '
    '"name": "Blue linen dress", "brand": {"name": "Acme"}, "image": "/dress.jpg", '
    '"offers": {"price": "89.00", "priceCurrency": "EUR"}}</script></head></html>'
)


def errors(page: str) -> list[str]:
    """The classes of the error cards on a page."""
    return re.findall(r'data-testid="error-class">(\w+)<', page)


def text(page: str) -> str:
    """The page with its HTML entities read (`'` for `&#39;`)."""
    return html.unescape(page)


def textarea(page: str, name: str) -> str:
    """The text of the page's `<textarea name=...>`, entities read."""
    found = re.search(rf'<textarea id="{name}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, name
    return text(found.group(1))


def last_body(app: FastAPI) -> dict:  # type: ignore[type-arg]
    session = next(iter(app.state.sessions._sessions.values()))
    return session.backend.fake.last_request.body  # type: ignore[no-any-return]


# --- similar ------------------------------------------------------------------------------


def test_every_search_card_links_to_its_similar_products(browser: TestClient) -> None:
    search = browser.get("/search", params={"catalog": "maisonlune", "limit": "2"}).text
    links = re.findall(r'data-testid="similar-link" href="([^"]+)"', search)
    assert len(links) == 2 and all(link.startswith("/similar?url=") for link in links)
    page = browser.get(html.unescape(links[0])).text
    assert 'data-testid="similar-source"' in page
    assert page.count('data-testid="result"') == 12  # the API's default limit
    assert errors(page) == []
    assert "/products/more-like-this" in log_rows(page)[0]


def test_similar_sends_the_forms_filters_as_the_sdks_arguments(
    browser: TestClient, app: FastAPI
) -> None:
    page = browser.get(
        "/similar",
        params={
            "url": PRODUCT,
            "catalogs": "northwind, maisonlune",
            "price_preference": "lower",
            "include_facets": "gender=female",
            "limit": "3",
        },
    ).text
    assert page.count('data-testid="result"') <= 3
    assert "<option selected>lower</option>" in page  # the form, filled
    body = last_body(app)
    assert body["catalogs"] == ["northwind", "maisonlune"]
    assert body["price_preference"] == "lower"
    assert body["include_facets"] == [{"name": "gender", "values": ["female"]}]
    assert body["limit"] == 3


def test_similar_pages_follow_the_cursor(browser: TestClient) -> None:
    first = browser.get("/similar", params={"url": PRODUCT, "limit": "3"}).text
    link = re.search(r'data-testid="next-page" href="([^"]+)"', first)
    assert link
    second = browser.get(html.unescape(link.group(1))).text
    titles = lambda page: re.findall(r"<h3>(.*?)</h3>", page)  # noqa: E731
    assert len(titles(second)) == 3 and not set(titles(first)) & set(titles(second))


def test_similar_with_two_sources_shows_the_sdks_error_and_sends_nothing(
    browser: TestClient,
) -> None:
    page = browser.get("/similar", params={"url": PRODUCT, "uuid": "abc"}).text
    assert errors(page) == ["InvalidRequestError"]
    assert log_rows(page) == [] and "Traceback" not in page
    bad_facets = browser.get("/similar", params={"url": PRODUCT, "exclude_facets": "x"}).text
    assert "<code>exclude_facets</code>" in bad_facets


def test_similar_to_an_unknown_product_is_a_404_card(browser: TestClient) -> None:
    page = browser.get("/similar", params={"url": "https://northwind.example/products/nope"})
    assert errors(page.text) == ["OctogenNotFoundError"] and "product_not_found" in page.text


def test_the_lookup_page_links_to_similar_products(browser: TestClient) -> None:
    page = browser.get("/lookup", params={"url": PRODUCT}).text
    assert 'data-testid="similar-link" href="/similar?url=' in page


# --- resolve from HTML --------------------------------------------------------------------


def test_the_resolve_form_is_filled_from_the_query_string_and_sends_nothing(
    browser: TestClient,
) -> None:
    page = browser.get("/resolve", params={"url": "https://example.com/p", "html": "<p>x"}).text
    assert 'value="https://example.com/p"' in page and "&lt;p&gt;x</textarea>" in page
    assert 'enctype="multipart/form-data"' in page and 'name="csrf_token"' in page
    assert log_rows(page) == []


def test_resolve_reads_a_product_from_pasted_html(browser: TestClient) -> None:
    page = browser.post(
        "/resolve",
        data={
            "csrf_token": csrf_of(browser),
            "html": PRODUCT_HTML,
            "url": "https://example.com/p/1",
        },
    ).text
    assert 'data-testid="product-title">Blue linen dress<' in page
    assert "source <code>client_html</code>" in page
    assert 'data-testid="resolution">json_ld complete' in page
    assert "Blue linen dress" in textarea(page, "html")  # the form keeps the pasted HTML


def test_resolve_reads_an_uploaded_file_instead_of_the_textarea(browser: TestClient) -> None:
    page = browser.post(
        "/resolve",
        data={"csrf_token": csrf_of(browser), "html": "", "url": "https://example.com/p/1"},
        files={"html_file": ("page.html", PRODUCT_HTML.encode(), "text/html")},
    ).text
    assert 'data-testid="product-title">Blue linen dress<' in page
    assert "From the uploaded file." in page


def test_an_html_file_over_5_mib_shows_the_sdks_invalid_request_error(
    browser: TestClient,
) -> None:
    page = browser.post(
        "/resolve",
        data={"csrf_token": csrf_of(browser), "url": "https://example.com/p/1"},
        files={"html_file": ("big.html", b"<p>" + b"x" * (5 * 1024 * 1024), "text/html")},
    ).text
    assert errors(page) == ["InvalidRequestError"]
    assert "the API takes at most 5,242,880 (5 MiB)" in text(page)
    assert "<code>html</code>" in page
    assert log_rows(page) == [] and "Traceback" not in page


def test_a_file_too_large_to_read_gets_the_error_card_too(browser: TestClient) -> None:
    page = browser.post(
        "/resolve",
        data={"csrf_token": csrf_of(browser)},
        files={"html_file": ("huge.html", b"x" * (9 * 1024 * 1024), "text/html")},
    ).text
    assert errors(page) == ["InvalidRequestError"] and "each field may hold up to 8 MiB" in page


def test_resolve_without_html_or_markup_shows_the_card(browser: TestClient) -> None:
    token = csrf_of(browser)
    empty = browser.post("/resolve", data={"csrf_token": token, "html": ""}).text
    assert errors(empty) == ["InvalidRequestError"] and "<code>html</code>" in empty
    plain = browser.post(
        "/resolve", data={"csrf_token": token, "html": "<p>hello</p>", "url": "https://e.com/p"}
    ).text
    assert errors(plain) == ["OctogenNotFoundError"] and "product_not_found" in plain


def test_resolve_refuses_a_post_without_the_csrf_token(browser: TestClient) -> None:
    response = browser.post("/resolve", data={"html": PRODUCT_HTML})
    assert response.status_code == 403 and log_rows(response.text) == []


# --- refresh ------------------------------------------------------------------------------


def test_the_refresh_form_is_filled_from_the_query_string(browser: TestClient) -> None:
    page = browser.get("/refresh", params={"urls": PRODUCT, "catalog": "maisonlune"}).text
    assert f">{PRODUCT}</textarea>" in page and 'value="maisonlune"' in page
    assert log_rows(page) == []


def test_refresh_shows_what_was_scheduled_and_what_was_not(browser: TestClient) -> None:
    page = browser.post(
        "/refresh",
        data={
            "csrf_token": csrf_of(browser),
            "urls": f"{PRODUCT}\nhttps://northwind.example/products/nope\n",
        },
    ).text
    assert "1 scheduled, 1 not, of 2" in page
    assert page.count('data-testid="accepted-target"') == 1
    [rejected] = re.findall(r'data-testid="rejected-target">.*?</tr>', page, re.S)
    assert "product_not_found" in rejected


def test_refresh_reads_urls_from_an_uploaded_file(browser: TestClient) -> None:
    page = browser.post(
        "/refresh",
        data={"csrf_token": csrf_of(browser), "urls": ""},
        files={"urls_file": ("urls.txt", f"{PRODUCT}\n".encode(), "text/plain")},
    ).text
    assert "1 scheduled, 0 not, of 1" in page


def test_refresh_with_nothing_or_a_bad_url_shows_the_sdks_error(browser: TestClient) -> None:
    token = csrf_of(browser)
    nothing = browser.post("/refresh", data={"csrf_token": token}).text
    assert errors(nothing) == ["InvalidRequestError"] and "<code>urls</code>" in nothing
    bad = browser.post("/refresh", data={"csrf_token": token, "urls": "not-a-url"}).text
    assert errors(bad) == ["InvalidRequestError"] and log_rows(bad) == []


# --- voyages ------------------------------------------------------------------------------


def start(browser: TestClient, domain: str) -> str:
    return browser.post("/voyages", data={"csrf_token": csrf_of(browser), "domain": domain}).text


def test_starting_a_voyage_shows_it_new_and_lists_it_with_quotas(browser: TestClient) -> None:
    page = start(browser, "https://www.shop-one.com/products")
    assert "Started a new voyage for <strong>shop-one.com</strong> (202)" in page
    assert 'data-testid="voyage-status">queued<' in page
    assert page.count('data-testid="voyage-row"') == 1
    assert 'data-testid="quotas"' in page
    assert re.findall(r"<small>(\d+/\d+)</small>", page) == ["1/5", "1/20"]
    assert 'aria-valuenow="0"' in page  # the progress bar of a queued voyage


def test_a_domain_the_fake_serves_is_joined_already_completed(browser: TestClient) -> None:
    page = start(browser, "maisonlune.example")
    assert 'data-testid="voyage-status">completed<' in page
    assert 'aria-valuenow="100"' in page
    assert 'href="/search?catalog=maisonlune&amp;limit=20"' in page


def test_a_voyage_opens_by_task_id_and_an_unknown_one_is_a_404_card(
    browser: TestClient,
) -> None:
    started = start(browser, "shop-two.com")
    task_id = re.search(r"<dt>task_id</dt><dd><code>([^<]+)</code>", started)
    assert task_id
    page = browser.get("/voyages", params={"task_id": task_id.group(1)}).text
    assert 'data-testid="voyage"' in page and "shop-two.com" in page
    missing = browser.get("/voyages", params={"task_id": "nope"}).text
    assert errors(missing) == ["OctogenNotFoundError"] and "voyage_not_found" in missing
    assert 'data-testid="voyages"' in missing  # the list is still there below the card


def test_voyage_errors_show_their_cards(browser: TestClient) -> None:
    blocked = start(browser, "blocked.example")
    assert errors(blocked) == ["OctogenConflictError"] and "voyage_domain_blocked" in blocked
    invalid = start(browser, "localhost")
    assert errors(invalid) == ["OctogenValidationError"]
    empty = start(browser, "")
    assert errors(empty) == ["InvalidRequestError"] and "<code>domain</code>" in empty


def test_the_voyage_list_filters_by_status(browser: TestClient) -> None:
    start(browser, "shop-three.com")
    page = browser.get("/voyages", params={"status": "completed"}).text
    assert "<option selected>completed</option>" in page
    assert 'data-testid="voyage-row"' not in page and "No voyages completed yet" in page


# --- coverage -----------------------------------------------------------------------------


def create(browser: TestClient, name: str) -> tuple[str, str]:
    """Create a list; the page and the new list's id."""
    page = browser.post("/coverage", data={"csrf_token": csrf_of(browser), "name": name}).text
    found = re.search(r'name="url_list_id" value="([^"]+)"', page)
    assert found, page
    return page, found.group(1)


def urls(browser: TestClient, list_id: str, action: str, listed: str, **files: bytes) -> str:
    return browser.post(
        "/coverage/urls",
        data={
            "csrf_token": csrf_of(browser),
            "url_list_id": list_id,
            "action": action,
            "urls": listed,
        },
        files={name: (f"{name}.txt", data, "text/plain") for name, data in files.items()},
    ).text


def test_coverage_create_add_check_browse_remove_and_delete(browser: TestClient) -> None:
    page, list_id = create(browser, "q3-campaign")
    assert 'data-testid="url-list-status">provisioning<' in page
    added = urls(browser, list_id, "add", "https://shop.example/p/1\nhttps://SHOP.example/p/2/")
    assert "Added: 2 accepted, 0 rejected; the list has 2 URLs" in added
    assert added.count('data-testid="member"') == 2
    checked = urls(browser, list_id, "check", "https://shop.example/p/2\nhttps://shop.example/p/9")
    assert re.findall(r'data-testid="present">(\w+)<', checked) == ["yes", "no"]
    assert "https://shop.example/p/9</textarea>" in checked  # kept, to check again
    removed = urls(browser, list_id, "remove", "https://shop.example/p/1")
    assert "Removed: 1 accepted" in removed and removed.count('data-testid="member"') == 1
    confirm = browser.get("/coverage/delete", params={"url_list_id": list_id}).text
    assert 'data-testid="confirm-delete"' in confirm and "Delete “q3-campaign”?" in confirm
    deleted = browser.post(
        "/coverage/delete",
        data={"csrf_token": csrf_of(browser), "url_list_id": list_id, "confirm": "yes"},
    ).text
    assert "Deleted 'q3-campaign'" in text(deleted) and "delete_pending" in deleted


def test_urls_are_read_from_an_uploaded_file_too(browser: TestClient) -> None:
    _, list_id = create(browser, "from-a-file")
    page = urls(
        browser, list_id, "add", "https://shop.example/a", urls_file=b"https://shop.example/b\n"
    )
    assert "the list has 2 URLs" in page


def test_deleting_needs_the_confirmation_box(browser: TestClient) -> None:
    _, list_id = create(browser, "keep-me")
    page = browser.post(
        "/coverage/delete", data={"csrf_token": csrf_of(browser), "url_list_id": list_id}
    ).text
    assert errors(page) == ["InvalidRequestError"] and "<code>confirm</code>" in page
    assert "keep-me" in browser.get("/coverage").text


def test_a_name_that_exists_shows_a_conflict_card_above_the_lists(browser: TestClient) -> None:
    create(browser, "twice")
    page = browser.post("/coverage", data={"csrf_token": csrf_of(browser), "name": "twice"}).text
    assert errors(page) == ["OctogenConflictError"]
    assert "url_list_name_conflict" in page and 'class="status">409<' in page
    assert page.count('data-testid="url-list-row"') == 1
    assert 'name="name" value="twice"' in page  # the form keeps what was typed


def test_scenario_409_shows_one_conflict_card_on_coverage(browser: TestClient) -> None:
    choose(browser, "409")
    for page in (
        browser.get("/coverage").text,
        browser.post("/coverage", data={"csrf_token": csrf_of(browser), "name": "x"}).text,
    ):
        assert errors(page) == ["OctogenConflictError"]
        assert "<code>conflict</code>" in page


def test_coverage_bad_input_shows_the_sdks_errors(browser: TestClient) -> None:
    token = csrf_of(browser)
    empty_name = browser.post("/coverage", data={"csrf_token": token, "name": ""}).text
    assert errors(empty_name) == ["InvalidRequestError"] and "<code>name</code>" in empty_name
    _, list_id = create(browser, "inputs")
    no_urls = urls(browser, list_id, "add", "")
    assert errors(no_urls) == ["InvalidRequestError"] and "<code>urls</code>" in no_urls
    assert 'data-testid="url-list"' in no_urls  # the list is still shown under the card
    bad_action = urls(browser, list_id, "drop", "https://shop.example/p")
    assert errors(bad_action) == ["InvalidRequestError"] and "unknown action" in bad_action
    missing = browser.get("/coverage", params={"url_list_id": "cul_nope"}).text
    assert errors(missing) == ["OctogenNotFoundError"] and "url_list_not_found" in missing


def test_coverage_members_page_by_cursor(browser: TestClient) -> None:
    _, list_id = create(browser, "paged")
    urls(browser, list_id, "add", "\n".join(f"https://shop.example/p/{n}" for n in range(5)))
    first = browser.get("/coverage", params={"url_list_id": list_id, "limit": "3"}).text
    assert first.count('data-testid="member"') == 3
    link = re.search(r'data-testid="next-page" href="([^"]+)"', first)
    assert link
    second = browser.get(html.unescape(link.group(1))).text
    assert second.count('data-testid="member"') == 2


def test_coverage_posts_need_the_csrf_token(browser: TestClient) -> None:
    for path, data in (
        ("/coverage", {"name": "x"}),
        ("/coverage/urls", {"url_list_id": "x", "action": "add", "urls": "https://e.com"}),
        ("/coverage/delete", {"url_list_id": "x", "confirm": "yes"}),
        ("/voyages", {"domain": "example.com"}),
        ("/refresh", {"urls": PRODUCT}),
    ):
        assert browser.post(path, data=data).status_code == 403, path


# --- diagnostics --------------------------------------------------------------------------


def test_diagnostics_runs_every_new_operations_example(browser: TestClient) -> None:
    token = csrf_of(browser)
    browser.post("/coverage", data={"csrf_token": token, "name": "for-diagnostics"})
    expected = {
        "products.more_like_this": "SimilarProductsPage",
        "products.refresh": "RefreshResult",
        "products.resolve_from_html": "LookupResult",
        "products.lookup_many": "list[LookupOutcome]",
        "voyages.start": "Voyage",
        "voyages.list": "VoyagePage",
        "coverage.url_lists.create": "UrlList",
        "coverage.url_lists.list": "UrlListPage",
        "coverage.url_lists.get": "UrlList",
        "coverage.url_lists.add_urls": "UrlChangeResult",
        "coverage.url_lists.remove_urls": "UrlChangeResult",
        "coverage.url_lists.check_urls": "list[UrlMembership]",
        "coverage.url_lists.list_urls": "UrlListUrlsPage",
        "coverage.url_lists.delete": "UrlList",
    }
    form = browser.get("/diagnostics").text
    for operation, result in expected.items():
        assert f"<option>{operation}</option>" in form or f"<option selected>{operation}" in form
        example = browser.get("/diagnostics", params={"operation": operation}).text
        payload = text(
            re.search(r'<textarea id="payload"[^>]*>(.*?)</textarea>', example, re.S).group(1)
        )  # type: ignore[union-attr]
        page = browser.post(
            "/diagnostics",
            data={"csrf_token": token, "operation": operation, "payload": payload},
        ).text
        assert errors(page) == [], (operation, errors(page))
        assert f"<code>{result}</code>" in page, operation


def test_diagnostics_names_a_missing_or_unknown_argument_of_the_new_calls(
    browser: TestClient,
) -> None:
    token = csrf_of(browser)
    for operation, payload, message in (
        ("voyages.start", "{}", "`domain` is required by voyages.start"),
        ("coverage.url_lists.add_urls", '{"url_list_id": "x"}', "`urls` is required"),
        ("products.more_like_this", '{"ulr": "x"}', "did you mean `url`?"),
    ):
        page = browser.post(
            "/diagnostics", data={"csrf_token": token, "operation": operation, "payload": payload}
        ).text
        assert errors(page) == ["InvalidRequestError"] and message in text(page), operation
