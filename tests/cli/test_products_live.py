"""`octogen similar`, `octogen refresh` and `octogen resolve`, against `--mock` and a fake
on a socket: formats, exit codes, and the arguments refused before any request."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from octogen._exit_codes import ExitCode
from octogen.testing import FakeOctogen, Scenario

from .conftest import octogen

DEMO = FakeOctogen().dataset
A_PRODUCT = DEMO.products[0].view
PAGE = (
    '<html><head><link rel="canonical" href="https://example.com/products/dress">'
    '<script type="application/ld+json">{"@type": "Product", "name": "Blue Linen Dress", '
    '"brand": "Example Brand", "image": "/dress.jpg", '
    '"offers": {"price": "148.00", "priceCurrency": "USD"}}</script></head></html>'
)


def a_url_from_search() -> str:
    found = json.loads(octogen("--mock", "search", "hoodie", "--format", "json").stdout)
    return str(found["items"][0]["productUrl"])


def test_similar_prints_products_like_a_url_found_by_search() -> None:
    url = a_url_from_search()
    result = octogen("--mock", "similar", url, "--format", "table", "--limit", "5")
    assert result.exit_code == 0, result.stderr
    source = next(p.view for p in DEMO.products if p.view["productUrl"] == url)
    assert f"Like {source['title']}" in result.stdout
    assert result.stdout.count("https://") == 5
    assert url not in result.stdout.split("\n", 1)[1]  # never the source itself
    assert "--cursor" in result.stdout


def test_similar_as_json_jsonl_and_csv_carry_the_same_products() -> None:
    args = ["--mock", "similar", "--uuid", A_PRODUCT["uuid"], "--limit", "4"]
    as_json = json.loads(octogen(*args, "--format", "json", "--debug").stdout)
    as_jsonl = octogen(*args, "--format", "jsonl").stdout.splitlines()
    as_csv = list(csv.DictReader(io.StringIO(octogen(*args, "--format", "csv").stdout)))
    uuids = [item["uuid"] for item in as_json["items"]]
    assert len(uuids) == 4 and A_PRODUCT["uuid"] not in uuids
    assert as_json["source"]["uuid"] == A_PRODUCT["uuid"]
    assert as_json["effectiveQuery"]["limit"] == 4
    assert [json.loads(line)["uuid"] for line in as_jsonl] == uuids
    assert [row["uuid"] for row in as_csv] == uuids


def test_similar_reads_an_image_file(tmp_path: Path) -> None:
    image = tmp_path / "coat.jpg"
    image.write_bytes(b"\xff\xd8\xff a coat")
    result = octogen("--mock", "similar", "--image", str(image), "--format", "json")
    assert result.exit_code == 0, result.stderr
    page = json.loads(result.stdout)
    assert page["sourceImage"]["hash"] and page["resolution"] == "image_query_generation"


def test_similar_sends_catalogs_facets_and_price(fake: FakeOctogen, served: list[str]) -> None:
    result = octogen(
        *served, "similar", A_PRODUCT["productUrl"], "--catalog", "northwind",
        "--catalog", "atlasstreet", "--facet", "gender=female", "--exclude", "color_family=Black",
        "--price", "lower", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert fake.last_request.body == {
        "source": {"url": A_PRODUCT["productUrl"]},
        "catalogs": ["northwind", "atlasstreet"],
        "include_facets": [{"name": "gender", "values": ["female"]}],
        "exclude_facets": [{"name": "color_family", "values": ["Black"]}],
        "price_preference": "lower",
        "limit": 12,
    }


def test_similar_without_a_source_is_a_usage_error_and_sends_nothing(
    fake: FakeOctogen, served: list[str]
) -> None:
    result = octogen(*served, "similar")
    assert result.exit_code == ExitCode.USAGE
    assert "exactly one source" in result.stderr
    assert fake.requests == []


def test_an_unknown_source_is_not_found() -> None:
    result = octogen("--mock", "similar", "https://nowhere.example/products/x")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("octogen: error: 404 Not Found")


def test_refresh_takes_urls_uuids_and_a_file(tmp_path: Path) -> None:
    listed = tmp_path / "urls.txt"
    second = DEMO.products[1].view["productUrl"]
    listed.write_text(f"# to refresh\n{second}\n\nhttps://nowhere.example/p\n")
    result = octogen(
        "--mock", "refresh", A_PRODUCT["productUrl"], "--from-file", str(listed),
        "--uuid", DEMO.products[2].view["uuid"], "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["submitted"] == 4
    assert [t["url"] for t in body["accepted"]] == [
        A_PRODUCT["productUrl"],
        second,
        DEMO.products[2].view["productUrl"],
    ]
    assert [r["code"] for r in body["rejected"]] == ["product_not_found"]
    assert "3 accepted, 1 rejected" in result.stderr


def test_refresh_with_nothing_accepted_exits_1_and_shows_why() -> None:
    result = octogen("--mock", "refresh", "https://nowhere.example/p", "--format", "table")
    assert result.exit_code == ExitCode.ERROR
    assert "product_not_found" in result.stdout
    assert "0 accepted, 1 rejected" in result.stderr


def test_refresh_without_targets_is_a_usage_error() -> None:
    result = octogen("--mock", "refresh")
    assert result.exit_code == ExitCode.USAGE
    assert "at least one product" in result.stderr


def test_a_refresh_the_api_cannot_take_now_is_a_server_error(
    fake: FakeOctogen, served: list[str]
) -> None:
    fake.set_scenario("503", path="/products/refresh")
    result = octogen(*served, "--max-retries", "0", "refresh", A_PRODUCT["productUrl"])
    assert result.exit_code == ExitCode.SERVER
    assert "product_refresh_unavailable" in result.stderr


def test_resolve_reads_a_saved_page(tmp_path: Path) -> None:
    page = tmp_path / "dress.html"
    page.write_text(PAGE)
    url = "https://example.com/products/dress?size=M"
    as_table = octogen("--mock", "resolve", str(page), "--url", url, "--format", "table")
    assert as_table.exit_code == 0, as_table.stderr
    assert "Blue Linen Dress" in as_table.stdout and "json_ld" in as_table.stdout
    as_json = json.loads(octogen("--mock", "resolve", str(page), "--url", url).stdout)
    assert as_json["source"] == "client_html" and as_json["requestedUrl"] == url


def test_resolve_of_an_empty_file_is_a_usage_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("")
    result = octogen("--mock", "resolve", str(page))
    assert result.exit_code == ExitCode.USAGE
    assert "`html` is empty" in result.stderr


def test_resolve_of_a_page_without_a_product_is_not_found(tmp_path: Path) -> None:
    page = tmp_path / "about.html"
    page.write_text("<html><title>About</title></html>")
    result = octogen("--mock", "resolve", str(page), "--url", "https://example.com/about")
    assert result.exit_code == ExitCode.NOT_FOUND


def test_a_conflict_and_a_payload_too_large_have_their_exit_codes(
    fake: FakeOctogen, served: list[str]
) -> None:
    fake.queue(Scenario.parse("409"), Scenario.parse("413"))
    conflict = octogen(*served, "similar", A_PRODUCT["productUrl"])
    too_large = octogen(*served, "similar", A_PRODUCT["productUrl"])
    assert conflict.exit_code == ExitCode.CONFLICT == 8
    assert "409 Conflict" in conflict.stderr
    assert too_large.exit_code == ExitCode.USAGE
    assert "413" in too_large.stderr
