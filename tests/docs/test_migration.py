"""The migration guide covers every public name of the official SDK, octogen-ai-sdk.

`fixtures/octogen_ai_sdk_0.10.0.json` lists that SDK's `__all__`, each `OctogenClient`
method with its parameters, and the environment variables it reads, as read from its
published wheel (`pip download --no-deps octogen-ai-sdk==0.10.0`). When the guide is
updated for a newer release, so is the fixture.
"""

from __future__ import annotations

import json
import re

import pytest

import octogen

from .blocks import ROOT

GUIDE = (ROOT / "docs" / "migration.md").read_text()
OFFICIAL = json.loads(
    (ROOT / "tests" / "docs" / "fixtures" / "octogen_ai_sdk_0.10.0.json").read_text()
)
PROSE = re.sub(r"^```.*?^```", "", GUIDE, flags=re.MULTILINE | re.DOTALL)  # no code blocks
QUOTED = set(re.findall(r"`([^`]+)`", PROSE))
# Names in backticks, also inside a quoted call such as `lookup_product(url, ...)`.
WORDS = {word for quoted in QUOTED for word in re.findall(r"[A-Za-z_]\w*", quoted)}


def test_the_guide_names_the_version_it_maps() -> None:
    assert f"**{OFFICIAL['version']}**" in GUIDE


@pytest.mark.parametrize("name", OFFICIAL["all"])
def test_every_public_name_of_the_official_sdk_is_mapped(name: str) -> None:
    assert name in QUOTED, f"docs/migration.md does not map `{name}`"


@pytest.mark.parametrize(
    ("method", "parameter"),
    [(m, p) for m, params in OFFICIAL["methods"].items() for p in [None, *params]],
)
def test_every_method_and_parameter_of_the_official_client_is_mapped(
    method: str, parameter: str | None
) -> None:
    if method == "__init__":
        assert "OctogenClient(...)" in QUOTED
    else:
        assert method in WORDS, f"docs/migration.md does not map `{method}`"
    if parameter is not None:
        assert parameter in WORDS, f"docs/migration.md does not map `{method}({parameter}=)`"


@pytest.mark.parametrize("variable", OFFICIAL["environment"])
def test_every_environment_variable_of_the_official_sdk_is_mapped(variable: str) -> None:
    assert variable in QUOTED


def test_every_octogen_name_the_guide_cites_exists_or_is_marked_planned() -> None:
    for line in PROSE.splitlines():
        cited = set(re.findall(r"`octogen\.([A-Za-z_]\w*)", line))
        missing = {name for name in cited if not hasattr(octogen, name)} - {"testing"}
        assert not missing or "planned" in line, f"{sorted(missing)} do not exist: {line}"
