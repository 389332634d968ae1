"""`octogen search`: one page as a table, JSON, JSON Lines or CSV; `--all` streams every
match with one page in memory."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

import pytest
import respx

from octogen.testing import Dataset, FakeOctogen
from tests.support import API_KEY, BASE_URL, load_fixture

from .conftest import octogen


def expected_page(query: str, **options: object) -> dict[str, object]:
    """The page the built-in fake sends for this search, as it sent it."""
    with FakeOctogen().client() as client:
        return client.products.search(query, **options).raw  # type: ignore[arg-type]


def test_search_prints_the_page_as_a_table_with_the_next_cursor() -> None:
    page = expected_page("linen dress", limit=5)

    result = octogen("--mock", "search", "linen dress", "--limit", "5", "--format", "table")

    assert result.exit_code == 0, result.stderr
    for item in page["items"]:  # type: ignore[attr-defined]
        assert item["title"] in result.stdout
        assert item["productUrl"] in result.stdout
    assert f"--cursor {page['nextCursor']}" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_search_json_is_the_page_as_the_api_sent_it() -> None:
    result = octogen("--mock", "search", "hoodie", "--limit", "3", "--format", "json")

    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == expected_page("hoodie", limit=3)


def test_search_jsonl_writes_one_product_per_line() -> None:
    page = expected_page("hoodie", limit=4)

    result = octogen("--mock", "search", "hoodie", "--limit", "4", "--format", "jsonl")

    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == page["items"]


def test_search_csv_has_a_header_and_one_row_per_product() -> None:
    page = expected_page("hoodie", limit=4)

    result = octogen("--mock", "search", "hoodie", "--limit", "4", "--format", "csv")

    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    items = page["items"]
    assert [row["uuid"] for row in rows] == [item["uuid"] for item in items]  # type: ignore[attr-defined]
    first, wire = rows[0], items[0]  # type: ignore[index]
    assert first["brand"] == wire["brand"]["name"]
    assert float(first["currentPrice"]) == wire["currentPrice"]
    assert first["updatedAt"] == wire["updatedAt"]
    assert first["isActive"] == "true"


def test_piped_output_defaults_to_json_lines_with_no_table_or_colour() -> None:
    result = octogen("--mock", "search", "hoodie", "--limit", "3")

    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert all(line.startswith("{") and line.endswith("}") for line in lines)
    assert "┃" not in result.stdout and "\x1b[" not in result.stdout


def test_the_cursor_continues_with_the_next_page() -> None:
    first = expected_page("hoodie", limit=2)

    result = octogen(
        "--mock", "search", "hoodie", "--limit", "2", "--cursor", str(first["nextCursor"])
    )

    following = expected_page("hoodie", limit=2, cursor=first["nextCursor"])
    assert [json.loads(line) for line in result.stdout.splitlines()] == following["items"]


def test_facets_or_within_a_name_and_and_across_names() -> None:
    facets = {"color_family": ["Black", "White"], "gender": ["female"]}

    result = octogen(
        "--mock", "search", "dress",
        "--facet", "color_family=Black", "--facet", "color_family=White",
        "--facet", "gender=female", "--price-max", "300", "--limit", "100",
    )  # fmt: skip

    page = expected_page("dress", facets=facets, price_max=300, limit=100)
    assert page["items"], "the filter should match something"
    assert [json.loads(line) for line in result.stdout.splitlines()] == page["items"]


def test_search_of_one_catalog() -> None:
    result = octogen("--mock", "search", "--catalog", "littlesprout", "--limit", "50")

    items = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(items) == 50
    assert {item["catalogKey"] for item in items} == {"littlesprout"}


def test_a_search_that_matches_nothing_says_so_instead_of_an_empty_table() -> None:
    result = octogen("--mock", "search", "zzzz-no-such-thing", "--format", "table")

    assert result.exit_code == 0, result.stderr
    assert result.stdout == "No products match 'zzzz-no-such-thing'.\n"


def test_no_match_with_filters_says_the_filters_count_too() -> None:
    result = octogen("--mock", "search", "hoodie", "--price-max", "1", "--format", "table")

    assert result.stdout == "No products match 'hoodie' with these filters.\n"


def test_no_match_as_data_is_still_empty_data() -> None:
    result = octogen("--mock", "search", "zzzz-no-such-thing", "--format", "jsonl")

    assert result.exit_code == 0
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("name", "built_in"),
    [("colour", "color"), ("gendre", "gender"), ("category_path.depth1", "category_path.depth_1")],
)
def test_a_facet_name_close_to_a_built_in_one_is_warned_about(name: str, built_in: str) -> None:
    result = octogen("--mock", "search", "dress", "--facet", f"{name}=red")

    assert result.exit_code == 0  # a warning: any other name is a legal attribute facet
    assert f"octogen: warning: facet `{name}` is not built in; did you mean `{built_in}`?" in (
        result.stderr
    )


@pytest.mark.parametrize("name", ["color", "brand_slug", "fit", "attribute_facets.fit"])
def test_built_in_and_attribute_facet_names_pass_without_a_warning(name: str) -> None:
    result = octogen("--mock", "search", "dress", "--facet", f"{name}=x", "--limit", "1")

    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize("every_page", [[], ["--all"]])
def test_an_unknown_catalog_points_at_octogen_catalogs(every_page: list[str]) -> None:
    result = octogen("--mock", "search", "hoodie", "--catalog", "nope", *every_page)

    assert result.exit_code == 4
    error = result.stderr.splitlines()[-1]
    assert error.startswith("octogen: error: 404 Not Found: catalog_not_found (request id ")
    assert error.endswith(
        "; see `octogen catalogs` for the catalogs your key can search, "
        "or leave out --catalog nope to search them all"
    )


def test_a_catalog_the_key_may_not_search_points_at_octogen_catalogs_too() -> None:
    fake = FakeOctogen(api_keys=[API_KEY], grants={API_KEY: ["northwind"]})
    with fake.serve() as base_url:
        result = octogen(
            "--base-url", base_url, "--api-key", API_KEY,
            "search", "hoodie", "--catalog", "littlesprout",
        )  # fmt: skip

    assert result.exit_code == 3
    assert "catalog_access_denied" in result.stderr
    assert "see `octogen catalogs`" in result.stderr


def test_other_not_found_errors_carry_no_catalog_hint() -> None:
    result = octogen(
        "--mock", "lookup", "https://nowhere.example/products/x", "--mode", "index_only"
    )

    assert result.exit_code == 4
    assert "octogen catalogs" not in result.stderr


@pytest.mark.parametrize(
    ("arguments", "complaint"),
    [
        (["--facet", "gender"], "'gender' is not NAME=VALUE"),
        (["--limit", "101"], "101 is not in the range 1<=x<=100"),
        (["--max-items", "5"], "--max-items applies to --all only"),
        (["--all", "--cursor", "abc"], "--cursor cannot be combined with --all"),
        (["--all", "--format", "table"], "use --format jsonl, csv or json"),
        (["--format", "xml"], "'xml' is not one of"),
    ],
)
def test_wrong_options_are_usage_errors(arguments: list[str], complaint: str) -> None:
    result = octogen("--mock", "search", "hoodie", *arguments)

    assert result.exit_code == 2
    assert complaint in result.stderr
    assert result.stdout == ""


# --- --all: the export ------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_catalog() -> Iterator[tuple[Dataset, list[str]]]:
    """4,000 products served over a loopback socket."""
    dataset = Dataset.demo(products_per_catalog=1000)
    with FakeOctogen(dataset=dataset, api_keys=[API_KEY]).serve() as base_url:
        yield dataset, ["--base-url", base_url, "--api-key", API_KEY]


def test_all_exports_every_product_exactly_once(
    big_catalog: tuple[Dataset, list[str]],
) -> None:
    dataset, served = big_catalog

    result = octogen(*served, "search", "--all", "--format", "jsonl")

    assert result.exit_code == 0, result.stderr
    uuids = [json.loads(line)["uuid"] for line in result.stdout.splitlines()]
    assert len(uuids) == 4000
    assert len(set(uuids)) == 4000
    assert set(uuids) == {product.view["uuid"] for product in dataset.products}
    assert "exported 4,000 products from 40 pages" in result.stderr


def test_all_as_csv_streams_every_match_with_one_header(
    big_catalog: tuple[Dataset, list[str]],
) -> None:
    _, served = big_catalog

    result = octogen(*served, "search", "hoodie", "--all", "--limit", "37", "--format", "csv")

    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.exit_code == 0, result.stderr
    assert len(rows) > 37  # several pages
    assert len({row["uuid"] for row in rows}) == len(rows)
    assert all("hoodie" in row["title"].lower() for row in rows)


def test_all_as_json_is_one_array_and_max_items_stops_it() -> None:
    result = octogen("--mock", "search", "--all", "--max-items", "150", "--format", "json")

    assert result.exit_code == 0, result.stderr
    items = json.loads(result.stdout)
    assert len(items) == 150
    assert len({item["uuid"] for item in items}) == 150


def test_all_with_no_match_writes_an_empty_array() -> None:
    result = octogen("--mock", "search", "zzzz-no-such-thing", "--all", "--format", "json")

    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_a_page_failing_mid_export_is_an_error_not_a_short_file(
    fake: FakeOctogen, served: list[str]
) -> None:
    fake.queue("ok", "ok", "503", path="/products/search")

    result = octogen(*served, "--max-retries", "0", "search", "--all", "--limit", "50")

    assert result.exit_code == 7
    assert len(result.stdout.splitlines()) == 100  # the pages before the failure, kept
    assert "stopped: exported 100 products from 2 pages" in result.stderr
    assert "503 Service Unavailable" in result.stderr


@respx.mock
def test_exports_carry_each_product_as_the_api_sent_it() -> None:
    """A newer API's fields (`rawScore`, image objects) reach the file untouched."""
    newer = load_fixture("search_page_newer.json")
    respx.post(f"{BASE_URL}/products/search").respond(json=newer)

    result = octogen("--base-url", BASE_URL, "--api-key", API_KEY, "search", "--all")

    assert result.exit_code == 0, result.stderr
    assert [json.loads(line) for line in result.stdout.splitlines()] == newer["items"]
