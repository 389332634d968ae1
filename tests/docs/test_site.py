"""The docs site's structure: an API reference page for every public name, every page in
the navigation, and one test command everywhere it is written down."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import octogen
import octogen.testing

from .blocks import ROOT, blocks_of

REFERENCE = ROOT / "docs" / "reference"
DIRECTIVE = re.compile(r"^:::\s+(\S+)", re.MULTILINE)


def documented_objects() -> set[str]:
    return {name for page in REFERENCE.glob("*.md") for name in DIRECTIVE.findall(page.read_text())}


@pytest.mark.parametrize("name", [n for n in octogen.__all__ if n != "__version__"])
def test_every_public_name_has_its_entry_in_the_api_reference(name: str) -> None:
    assert f"octogen.{name}" in documented_objects(), (
        f"octogen.{name} is public but not in docs/reference/: add `::: octogen.{name}`"
    )


@pytest.mark.parametrize("name", octogen.testing.__all__)
def test_every_name_of_the_fake_has_its_entry_in_the_api_reference(name: str) -> None:
    assert f"octogen.testing.{name}" in documented_objects()


def test_the_version_is_mentioned_in_the_reference() -> None:
    assert "octogen.__version__" in (REFERENCE / "responses.md").read_text()


def nav_pages() -> set[str]:
    text = (ROOT / "mkdocs.yml").read_text()
    nav = text[text.index("\nnav:") :]
    return set(re.findall(r"([\w/.-]+\.md)\s*$", nav, re.MULTILINE))


def test_every_doc_page_is_in_the_navigation_and_every_entry_exists() -> None:
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert pages == nav_pages()


def command_in(text: str) -> str:
    (command,) = {
        line.strip() for line in text.splitlines() if line.strip().startswith("uv run ruff check")
    }
    return command


def test_the_readme_the_quickstart_and_ci_run_the_same_test_command() -> None:
    readme = command_in((ROOT / "README.md").read_text())
    assert readme.endswith("uv run mkdocs build --strict")
    assert command_in((ROOT / "docs" / "quickstart.md").read_text()) == readme
    assert command_in((ROOT / ".ci" / "run").read_text()) == readme


def test_the_readme_tries_the_main_job_without_the_dev_dependencies() -> None:
    (try_it,) = [
        b.code
        for b in blocks_of(ROOT / "README.md")
        if b.language == "bash" and "--mock search" in b.code
    ]
    (command,) = [line for line in try_it.splitlines() if "--mock search" in line]
    assert command.startswith("uv run --no-dev --extra cli octogen --mock search")


def test_the_site_builds_strictly_and_searches_with_nothing_fetched(tmp_path: Path) -> None:
    """Built from disk it needs no network: the search index is inlined in a script (so
    search works from file:// too), and no page loads a script, stylesheet or font from
    elsewhere."""
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(site)],
        cwd=ROOT,
        check=True,
        timeout=120,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert (site / "search" / "search_index.js").read_text().startswith("var __index = {")
    external = re.compile(r"""<(?:script|link)\b[^>]*(?:src|href)="(?:https?:)?//[^"]*\"""")
    for page in site.rglob("*.html"):
        loads = [tag for tag in external.findall(page.read_text()) if 'rel="canonical"' not in tag]
        assert loads == [], f"{page.relative_to(site)} loads {loads}"
