"""`octogen catalogs`, `octogen lookup`, and the global options every command shares."""

from __future__ import annotations

import csv
import io
import json

from octogen import __version__
from octogen.testing import FakeOctogen

from .conftest import octogen

DEMO = FakeOctogen().dataset
A_PRODUCT_URL = DEMO.products[0].view["productUrl"]
OFF_INDEX_URL = DEMO.off_index_pages[0]["productUrl"]


def test_catalogs_table_shows_key_name_count_and_last_indexed() -> None:
    result = octogen("--mock", "catalogs", "--format", "table")

    assert result.exit_code == 0, result.stderr
    for catalog in DEMO.catalogs:
        assert catalog["catalog"] in result.stdout
        assert catalog["displayName"] in result.stdout
        assert catalog["lastIndexedAt"][:10] in result.stdout
    assert "Last indexed" in result.stdout


def test_catalogs_as_json_jsonl_and_csv_carry_the_same_catalogs() -> None:
    keys = [catalog["catalog"] for catalog in DEMO.catalogs]

    as_json = json.loads(octogen("--mock", "catalogs", "--format", "json").stdout)
    as_jsonl = octogen("--mock", "catalogs", "--format", "jsonl").stdout.splitlines()
    as_csv = list(
        csv.DictReader(io.StringIO(octogen("--mock", "catalogs", "--format", "csv").stdout))
    )

    assert [catalog["catalog"] for catalog in as_json] == keys
    assert [json.loads(line)["catalog"] for line in as_jsonl] == keys
    assert [row["catalog"] for row in as_csv] == keys
    assert [int(row["productCount"]) for row in as_csv] == [80] * len(keys)


def test_lookup_table_shows_the_product_and_where_it_came_from() -> None:
    result = octogen("--mock", "lookup", A_PRODUCT_URL + "?utm_source=mail", "--format", "table")

    assert result.exit_code == 0, result.stderr
    assert DEMO.products[0].view["title"] in result.stdout
    assert "indexed" in result.stdout
    assert "in stock" in result.stdout


def test_lookup_json_is_the_result_as_the_api_sent_it() -> None:
    with FakeOctogen().client() as client:
        expected = client.products.lookup(A_PRODUCT_URL).raw

    result = octogen("--mock", "lookup", A_PRODUCT_URL)

    assert result.exit_code == 0, result.stderr
    written = json.loads(result.stdout)
    assert written.pop("requestId") != expected.pop("requestId")  # one per call
    assert written == expected


def test_lookup_modes_and_refresh_reach_the_api() -> None:
    on_demand = json.loads(octogen("--mock", "lookup", OFF_INDEX_URL).stdout)
    refreshed = json.loads(octogen("--mock", "lookup", OFF_INDEX_URL, "--refresh").stdout)
    index_only = octogen("--mock", "lookup", OFF_INDEX_URL, "--mode", "index_only")

    assert on_demand["source"] == "on_demand"
    assert refreshed["cacheStatus"] == "refresh"
    assert index_only.exit_code == 4
    assert "product_not_found" in index_only.stderr


def test_version_names_the_package_version() -> None:
    result = octogen("--version")

    assert result.exit_code == 0
    assert __version__ in result.stdout


def test_verbose_logs_each_request_to_stderr() -> None:
    result = octogen("--mock", "--verbose", "catalogs", "--format", "json")

    assert result.exit_code == 0
    # Nothing left the process: the log names the fake, not the production API.
    assert "octogen: GET https://fake.octogen.invalid/v1/catalogs -> 200" in result.stderr
    assert "api.octogen.ai" not in result.stderr
    assert json.loads(result.stdout)  # the log stays out of the data


def test_without_verbose_only_warnings_reach_stderr(fake: FakeOctogen, served: list[str]) -> None:
    fake.queue("503")

    result = octogen(*served, "catalogs", "--format", "json")

    assert result.exit_code == 0
    [warning] = result.stderr.splitlines()
    assert warning.startswith("octogen: warning: GET ")
    assert "503 Service Unavailable" in warning
    assert "retrying in" in warning
