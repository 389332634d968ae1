"""The progress line of `octogen search --all`: items, pages, rate and the rate-limit
bucket, drawn on stderr only when stderr is a terminal, so that logs and pipes stay clean.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from types import TracebackType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from .._response import APIResponse

if TYPE_CHECKING:  # models load when a command runs, not for --help
    from .._models.product import ProductSummary
    from .._models.search import ProductPage


class _RateColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        speed = task.speed
        return Text(f"{speed:,.0f} items/s" if speed else "… items/s")


class ExportProgress:
    """Counts what an export fetched; draws it while it runs when stderr is a terminal.

    Use as a context manager and call `page()` with each page's response.
    """

    def __init__(self, *, total: int | None) -> None:
        self.items = 0
        self.pages = 0
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task = None
        if _stderr_is_terminal():
            columns: list[ProgressColumn] = [SpinnerColumn()]
            if total is not None:
                columns.append(BarColumn())
            columns += [
                TextColumn("{task.completed:,} items"),
                TextColumn("{task.fields[pages]:,} pages"),
                _RateColumn(),
                TextColumn("rate limit {task.fields[rate_limit]}"),
                TimeElapsedColumn(),
            ]
            # redirect_stdout off: rich would send the export's own output (stdout,
            # maybe a file) to the terminal; stderr stays redirected so that log lines
            # print above the bar.
            self._progress = Progress(
                *columns,
                console=Console(stderr=True),
                transient=True,
                refresh_per_second=8,
                redirect_stdout=False,
            )
            self._task = self._progress.add_task("export", total=total, pages=0, rate_limit="…")

    def __enter__(self) -> ExportProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def items_of(self, pages: Iterable[APIResponse[ProductPage]]) -> Iterator[ProductSummary]:
        """The products of `pages`, counting each page as it arrives."""
        for response in pages:
            self.page(response)
            yield from response.data.items

    def page(self, response: APIResponse[ProductPage]) -> None:
        """Count one page that was fetched."""
        self.pages += 1
        self.items += len(response.data.items)
        if self._progress is not None and self._task is not None:
            rate_limit = response.rate_limit
            remaining = f"{rate_limit.remaining}/{rate_limit.limit}" if rate_limit else "n/a"
            self._progress.update(
                self._task, completed=self.items, pages=self.pages, rate_limit=remaining
            )

    def summary(self) -> str:
        """One line for stderr when the export ends."""
        seconds = time.monotonic() - self._started
        rate = self.items / seconds if seconds > 0 else 0.0
        pages = f"{self.pages:,} page" + ("" if self.pages == 1 else "s")
        return (
            f"exported {self.items:,} products from {pages} "
            f"in {seconds:.2f} s ({rate:,.0f} products/s)"
        )


def _stderr_is_terminal() -> bool:
    isatty = getattr(sys.stderr, "isatty", None)
    return bool(isatty and isatty())
