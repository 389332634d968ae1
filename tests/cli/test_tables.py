"""Tables keep URLs whole: never folded mid-URL; on a terminal they are hyperlinks (and
end in an ellipsis only when the terminal is too narrow); in a file they are complete."""

from __future__ import annotations

import re

import pytest

from octogen.testing import FakeOctogen

from .conftest import octogen

ANSI = re.compile(r"\x1b\[[0-9;]*m|\x1b\]8;[^\x1b]*\x1b\\")


def urls_of(query: str, limit: int) -> list[str]:
    with FakeOctogen().client() as client:
        return [item.product_url for item in client.products.search(query, limit=limit).items]


def on_a_terminal(monkeypatch: pytest.MonkeyPatch, columns: int) -> None:
    """rich draws as on a terminal of `columns` columns (colours, links)."""
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", str(columns))


def test_urls_stay_whole_on_a_terminal_wide_enough_for_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """124 columns hold these URLs once Brand wraps; rich's own layout folded one."""
    urls = urls_of("hoodie", 3)
    assert max(map(len, urls)) > 60
    on_a_terminal(monkeypatch, 124)

    result = octogen("--mock", "search", "hoodie", "--limit", "3", "--format", "table")

    assert result.exit_code == 0, result.stderr
    shown = ANSI.sub("", result.stdout)
    assert max(len(line) for line in shown.splitlines()) <= 124
    for url in urls:
        assert url in shown


@pytest.mark.parametrize("columns", [80, 100])
def test_urls_too_long_for_a_narrow_terminal_are_cut_with_an_ellipsis_never_folded(
    monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    urls = urls_of("hoodie", 3)
    on_a_terminal(monkeypatch, columns)

    result = octogen("--mock", "search", "hoodie", "--limit", "3", "--format", "table")

    shown = ANSI.sub("", result.stdout)
    assert max(len(line) for line in shown.splitlines()) <= columns
    for url in urls:
        assert url in shown or url[-4:] not in shown  # a folded URL's end is on the next line
    assert "…" in shown


def test_urls_on_a_terminal_are_hyperlinks(monkeypatch: pytest.MonkeyPatch) -> None:
    urls = urls_of("hoodie", 3)
    on_a_terminal(monkeypatch, 80)

    result = octogen("--mock", "search", "hoodie", "--limit", "3", "--format", "table")

    for url in urls:
        assert f";{url}\x1b\\" in result.stdout  # OSC 8: ESC ] 8 ; params ; URL ESC \


def test_a_table_in_a_file_has_every_url_whole_whatever_columns_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    urls = urls_of("hoodie", 5)

    result = octogen("--mock", "search", "hoodie", "--limit", "5", "--format", "table")

    assert result.exit_code == 0, result.stderr
    for url in urls:
        assert url in result.stdout
    assert "\x1b" not in result.stdout  # no colours, no links


def test_the_lookup_table_keeps_its_url_whole_and_linked(monkeypatch: pytest.MonkeyPatch) -> None:
    url = urls_of("hoodie", 1)[0]
    monkeypatch.setenv("COLUMNS", "60")

    in_a_file = octogen("--mock", "lookup", url, "--format", "table")
    on_a_terminal(monkeypatch, 120)
    on_screen = octogen("--mock", "lookup", url, "--format", "table")

    assert url in in_a_file.stdout
    assert f";{url}\x1b\\" in on_screen.stdout
    assert url in ANSI.sub("", on_screen.stdout)
