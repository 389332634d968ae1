"""Every example in examples/ runs to completion with no key and no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).parents[2] / "examples"
RUNNABLE = sorted(
    path for path in EXAMPLES.glob("*.py") if 'if __name__ == "__main__"' in path.read_text()
) + sorted(path.parent for path in EXAMPLES.glob("*/__main__.py"))  # run as `python -m`


def test_there_are_examples_to_run() -> None:
    assert RUNNABLE


@pytest.mark.parametrize("example", RUNNABLE, ids=lambda path: path.name)
def test_example_runs(example: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("OCTO_")}
    result = subprocess.run(
        [sys.executable, *(["-m", example.name] if example.is_dir() else [str(example)])],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        cwd=EXAMPLES,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()
    assert "Traceback" not in result.stderr
