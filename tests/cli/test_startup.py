"""`octogen --help` starts light: the fake, the smoke checks, the models and the commands
of other modules load only for the commands that use them (bench/run.py measures the
start-up time; no test asserts a time)."""

from __future__ import annotations

import subprocess
import sys

HELP_THEN_LIST_MODULES = """
import sys
sys.argv = ["octogen", "--help"]
from octogen._cli import main
try:
    main()
except SystemExit:
    pass
print(" ".join(sorted(sys.modules)), file=sys.stderr)
"""


def test_help_imports_neither_the_fake_nor_the_smoke_checks() -> None:
    result = subprocess.run(
        [sys.executable, "-c", HELP_THEN_LIST_MODULES],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    loaded = set(result.stderr.split())
    assert "Usage:" in result.stdout
    assert "octogen._cli._app" in loaded
    assert "octogen.testing" not in loaded
    assert "octogen._smoke" not in loaded


def run_cli(*arguments: str, modules: tuple[str, ...]) -> tuple[str, set[str]]:
    """Run `octogen <arguments>` in a fresh interpreter: its stdout, and which of `modules`
    were imported by the end."""
    code = (
        "import sys\n"
        f"sys.argv = ['octogen', *{arguments!r}]\n"
        "from octogen._cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(' '.join(m for m in {modules!r} if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout, set(result.stderr.split())


MODELS_AND_ROWS = (
    "octogen._models.product",
    "octogen._models.coverage",
    "octogen._models.voyage",
    "octogen._resources.products",
    "octogen._core.operations.products",
    "octogen._core.operations.coverage_and_voyages",
)
HANDLERS = ("octogen.testing._search", "octogen.testing._coverage", "octogen.testing._similar")
COMMAND_MODULES = ("octogen._cli._coverage", "octogen._cli._voyages", "octogen._cli._products_live")
FAKE_SERVER = ("octogen.testing._server",)
SCENARIOS = ("octogen.testing._scenarios",)  # for a fake told to misbehave only
CSV = ("csv",)  # for `--format csv` only
EXPORT_PROGRESS = ("octogen._cli._progress",)  # for `search --all` only


def test_help_imports_no_model_resource_or_operation_row() -> None:
    output, loaded = run_cli("--help", modules=MODELS_AND_ROWS)
    assert "Usage:" in output
    assert loaded == set()


def test_a_mock_search_imports_what_searching_needs_and_no_other_handler() -> None:
    modules = (*HANDLERS, *COMMAND_MODULES, *FAKE_SERVER, *SCENARIOS, *CSV, *EXPORT_PROGRESS)
    output, loaded = run_cli("--mock", "search", "dress", "--limit", "1", modules=modules)
    assert output.count("\n") == 1  # one JSON line
    assert loaded == {"octogen.testing._search"}
    output, loaded = run_cli("--mock", "search", "dress", "--format", "csv", modules=CSV)
    assert output.startswith("uuid,catalogKey,title,")
    assert loaded == {"csv"}


def test_help_lists_the_commands_of_other_modules_and_each_runs() -> None:
    output, loaded = run_cli("--help", modules=COMMAND_MODULES)
    for command in ("coverage", "voyage", "similar", "refresh", "resolve"):
        assert f"\n  {command} " in output
    assert loaded == set(COMMAND_MODULES)
    output, loaded = run_cli("voyage", "--help", modules=COMMAND_MODULES)
    assert "wait" in output
    assert loaded == {"octogen._cli._voyages"}


def test_the_command_exempts_what_it_imported_from_the_collection_at_exit() -> None:
    code = (
        "import gc, sys\n"
        "sys.argv = ['octogen', '--help']\n"
        "from octogen._cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    print(gc.get_freeze_count() > 0, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stderr.strip() == "True"
