"""`octogen --help` starts light: the fake and the smoke checks load only for the commands
that use them (bench/run.py measures the start-up time; no test asserts a time)."""

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
