"""The fenced Python blocks of README.md and docs/, read as the test suite runs them."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import attrs

ROOT = Path(__file__).parents[2]
# A block that cannot run says why, on the line right before its fence:
#     <!-- not-run: it needs a Django project's settings -->
NOT_RUN = re.compile(r"^\s*<!--\s*not-run(?::\s*(?P<reason>.*?))?\s*-->\s*$")
FENCE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)\s*(?P<info>[\w+-]*)")


@attrs.frozen
class Block:
    """One fenced block: where it is, its language, its code, and why it is not run."""

    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    code: str
    not_run: str | None  # the reason, "" when the marker gives none, None when it runs

    @property
    def where(self) -> str:
        return f"{self.path.relative_to(ROOT)}:{self.line}"


def documents() -> list[Path]:
    """README.md and every page under docs/, in a stable order."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def blocks_of(path: Path) -> list[Block]:
    """Every fenced block of a markdown file, indented ones (in lists) included."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[Block] = []
    index = 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        fence = opening["fence"]
        end = index + 1
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        previous = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        marker = NOT_RUN.match(previous)
        found.append(
            Block(
                path=path,
                line=index + 1,
                language=opening["info"].lower(),
                code=textwrap.dedent("\n".join(lines[index + 1 : end])),
                not_run=(marker["reason"] or "") if marker else None,
            )
        )
        index = end + 1
    return found


def python_blocks() -> list[Block]:
    """Every ```python block of the documents."""
    return [b for path in documents() for b in blocks_of(path) if b.language in {"python", "py"}]
