"""The playground is development-only: the wheel never carries it."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_the_wheel_holds_octogen_and_not_the_playground(tmp_path: Path) -> None:
    uv = shutil.which("uv")
    if uv is None:
        pytest.skip("NOT RUN: `uv` is not on PATH to build the wheel")
    subprocess.run(
        [uv, "build", "--wheel", "--out-dir", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    [wheel] = tmp_path.glob("octogen-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "octogen/__init__.py" in names
    assert not [name for name in names if name.startswith("playground") or "/playground/" in name]
