"""The API key never appears in anything the command writes: data, tables, logs, smoke
lines, errors or tracebacks."""

from __future__ import annotations

import pytest

from octogen.testing import FakeOctogen
from tests.support import API_KEY

from .conftest import octogen

# A fragment of the key's secret part: a redaction that kept it would still leak.
SECRET_PART = API_KEY.split("_")[2][:12]


@pytest.mark.parametrize(
    "command",
    [
        ["catalogs", "--format", "table"],
        ["catalogs", "--format", "csv"],
        ["search", "hoodie", "--format", "json"],
        ["search", "--all", "--max-items", "120", "--format", "jsonl"],
        ["lookup", "https://shop.example.com/p/nope", "--mode", "index_only"],
        ["smoke"],
    ],
)
@pytest.mark.parametrize("scenario", [None, "401", "429", "500", "network-error"])
def test_the_key_is_in_no_output(
    fake: FakeOctogen, served: list[str], command: list[str], scenario: str | None
) -> None:
    fake.set_scenario(scenario)

    result = octogen(*served, "--verbose", "--max-retries", "1", *command)

    output = result.stdout + result.stderr
    assert API_KEY not in output
    assert SECRET_PART not in output
    assert result.exit_code == 0 or scenario is not None or command[0] == "lookup"
