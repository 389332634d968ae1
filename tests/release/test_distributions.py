"""The wheel and the sdist hold what a release should, and nothing else.

Both are built once per run with `uv build` into a temporary directory (bounded in
time), then read with zipfile and tarfile, never installed.
"""

from __future__ import annotations

import email
import functools
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from pathlib import Path

import pytest

import octogen

ROOT = Path(__file__).parents[2]
VERSION = octogen.__version__
DIST_INFO = f"octogen-{VERSION}.dist-info/"
SDIST_ROOT = f"octogen-{VERSION}/"
# Beside the package, the sdist carries its metadata and the documents PyPI shows.
SDIST_TOP_LEVEL = {
    "PKG-INFO",
    "pyproject.toml",
    "README.md",
    "CHANGELOG.md",
    "LICENSE",
    ".gitignore",
}
NEVER_SHIPPED = ("playground", "bench", "tests/", "examples", "docs/", "__pycache__", ".pyc")


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    uv = shutil.which("uv")
    assert uv, "uv builds the distributions; install it with `pip install uv`"
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [uv, "build", "--quiet", "--out-dir", str(out), str(ROOT)],
        check=True,
        timeout=120,
        capture_output=True,
    )
    return out


@pytest.fixture(scope="module")
def wheel_names(dist: Path) -> list[str]:
    (wheel,) = dist.glob("*.whl")
    assert wheel.name == f"octogen-{VERSION}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        return archive.namelist()


@pytest.fixture(scope="module")
def sdist_names(dist: Path) -> list[str]:
    (sdist,) = dist.glob("*.tar.gz")
    assert sdist.name == f"octogen-{VERSION}.tar.gz"
    with tarfile.open(sdist) as archive:
        return [member.name for member in archive.getmembers() if member.isfile()]


@pytest.fixture(scope="module")
def metadata(dist: Path) -> Message:
    (wheel,) = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return email.message_from_bytes(archive.read(DIST_INFO + "METADATA"))


def source_files() -> set[str]:
    package = ROOT / "src"
    return {
        path.relative_to(package).as_posix()
        for path in (package / "octogen").rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


def test_the_wheel_holds_only_the_package_and_its_metadata(wheel_names: list[str]) -> None:
    strays = [n for n in wheel_names if not n.startswith(("octogen/", DIST_INFO))]
    assert strays == []
    assert [n for n in wheel_names if any(bad in n for bad in NEVER_SHIPPED)] == []


def test_the_wheel_holds_every_source_file_and_py_typed(wheel_names: list[str]) -> None:
    assert "octogen/py.typed" in wheel_names
    assert "octogen/testing/__init__.py" in wheel_names  # the fake ships
    assert {n for n in wheel_names if n.startswith("octogen/")} == source_files()


def test_the_wheel_carries_the_license_and_the_commands(wheel_names: list[str]) -> None:
    assert DIST_INFO + "licenses/LICENSE" in wheel_names
    assert DIST_INFO + "entry_points.txt" in wheel_names


def test_the_metadata_names_the_license_urls_and_only_the_four_dependencies(
    metadata: Message,
) -> None:
    assert metadata["Name"] == "octogen"
    assert metadata["Version"] == VERSION
    assert metadata["License-Expression"] == "MIT"
    urls = dict(url.split(", ", 1) for url in metadata.get_all("Project-URL", []))
    assert set(urls) == {"Documentation", "Changelog", "Source", "Issues"}
    assert all(url.startswith("https://") for url in urls.values())
    required = [
        d.split(">")[0].split("<")[0].split("=")[0].strip()
        for d in metadata.get_all("Requires-Dist", [])
        if "extra ==" not in d
    ]
    assert sorted(required) == ["attrs", "httpx", "sniffio", "tenacity"]
    assert metadata.get_payload(), "the README is the long description"


def test_the_sdist_holds_the_package_and_its_documents_without_tests(
    sdist_names: list[str],
) -> None:
    assert all(n.startswith(SDIST_ROOT) for n in sdist_names)
    relative = [n.removeprefix(SDIST_ROOT) for n in sdist_names]
    top_level = {n for n in relative if "/" not in n}
    assert top_level == SDIST_TOP_LEVEL
    package = {n.removeprefix("src/") for n in relative if n.startswith("src/")}
    assert package == source_files()
    assert set(relative) == top_level | {f"src/{n}" for n in package}


def test_no_built_artifact_is_committed() -> None:
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "*.whl", "*.tar.gz", "site/*"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    ).stdout.split()
    assert tracked == []


def test_the_wheel_installs_alone_in_a_clean_venv_and_passes_its_smoke_check(
    dist: Path, tmp_path: Path
) -> None:
    """As the publishing runbook does, but offline: from uv's cache, or not at all."""
    uv = shutil.which("uv")
    assert uv
    (wheel,) = dist.glob("*.whl")
    venv = tmp_path / "venv"
    python = venv / "bin" / "python"
    run = functools.partial(subprocess.run, check=True, timeout=120, capture_output=True)
    run([uv, "venv", "--quiet", "--python", sys.executable, str(venv)])
    installed = subprocess.run(
        [uv, "pip", "install", "--quiet", "--offline", "--python", str(python), str(wheel)],
        timeout=120,
        capture_output=True,
        text=True,
    )
    if installed.returncode != 0:
        pytest.skip(f"the dependencies are not in uv's cache (offline): {installed.stderr}")
    smoke = run([str(python), "-m", "octogen", "--mock"], cwd=tmp_path, text=True)
    assert re.fullmatch(r"smoke: \d+ passed in .*", smoke.stdout.strip().splitlines()[-1])
    version = run([str(python), "-c", "import octogen; print(octogen.__file__)"], cwd=tmp_path)
    assert str(venv) in version.stdout.decode(), "imported from the source tree, not the wheel"
    assert run([str(python), "-c", "import click"], check=False).returncode != 0  # no CLI extra
