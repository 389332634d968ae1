"""`octogen lookup --from-file FILE`: look up every URL of a file (or stdin) with
`lookup_many`, one JSON line per URL in input order, resumable with `--skip-done`.

Each line is written and flushed as soon as its turn comes, so an interrupted run leaves
only whole lines behind, and `--skip-done out.jsonl` starts again after the last of them.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from .._core.operations import MAX_CONCURRENCY, CachePolicy, ResolutionMode
from .._wire import dumps
from ._session import Session

if TYPE_CHECKING:  # models load when a command runs, not for --help
    from .._models.outcome import LookupOutcome

_F = TypeVar("_F", bound=Callable[..., Any])


def bulk_options(command: _F) -> _F:
    """Add `--from-file`, `--concurrency` and `--skip-done` to the `lookup` command."""
    command = click.option(
        "--skip-done",
        type=click.Path(dir_okay=False),
        metavar="OUT.jsonl",
        help="With --from-file: skip the URLs this earlier output already found "
        "(resume a run: append to the same file with >>).",
    )(command)
    command = click.option(
        "--concurrency",
        type=click.IntRange(1, MAX_CONCURRENCY),
        default=8,
        show_default=True,
        help=f"With --from-file: lookups in flight at most (1-{MAX_CONCURRENCY}).",
    )(command)
    return click.option(
        "--from-file",
        type=click.File("r", encoding="utf-8"),
        metavar="FILE",
        help="Look up every URL of FILE, one a line ('-': stdin); writes one JSON line "
        "per URL, in input order.",
    )(command)


def check_bulk_usage(url: str | None, source: IO[str] | None, output_format: str | None) -> None:
    """A usage error for a wrong mix of `lookup`'s options when it has no single URL."""
    if source is None:
        raise click.UsageError("give a URL, or --from-file FILE ('-' for stdin)")
    if url is not None:
        raise click.UsageError("give a URL or --from-file, not both")
    if output_format is not None:
        raise click.UsageError("--from-file writes one JSON line per URL; --format does not apply")


def run_bulk(
    session: Session,
    source: IO[str] | None,
    *,
    concurrency: int,
    skip_done: str | None,
    resolution_mode: ResolutionMode | None,
    cache_policy: CachePolicy | None,
) -> None:
    """Look up every URL of `source`; one JSON line each on stdout, a summary on stderr.

    Exits 0 when every lookup succeeded, 1 when any failed (each failure is in its line).
    """
    assert source is not None  # check_bulk_usage said so
    done = _found_urls(skip_done) if skip_done else set()
    progress = BulkProgress()
    client = session.client()  # lookup_many paces on the rate-limit headers by itself
    urls = progress.skipping(_urls_of(source), done)
    outcomes = client.products.lookup_many(
        urls,
        concurrency=concurrency,
        resolution_mode=resolution_mode,
        cache_policy=cache_policy,
    )
    with progress:
        for outcome in outcomes:
            click.echo(dumps(outcome.to_dict()).decode())
            sys.stdout.flush()
            progress.count(outcome)
    click.echo(f"octogen: {progress.summary()}", err=True)
    if progress.failed:
        click.get_current_context().exit(1)


def _urls_of(lines: Iterable[str]) -> Iterator[str]:
    """The URLs of a file: one a line, blank lines and `#` comments left out."""
    for line in lines:
        url = line.strip()
        if url and not url.startswith("#"):
            yield url


def _found_urls(path: str) -> set[str]:
    """The URLs an earlier run's output found (`"ok": true`); a missing file is none, and
    a torn last line (an interrupted write) is ignored."""
    found: set[str] = set()
    try:
        with open(path, encoding="utf-8") as lines:
            for line in lines:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and record.get("ok") is True:
                    url = record.get("url")
                    if isinstance(url, str):
                        found.add(url)
    except FileNotFoundError:
        pass
    return found


class BulkProgress:
    """Counts outcomes; draws one progress line on stderr when stderr is a terminal."""

    def __init__(self) -> None:
        self.found = 0
        self.failed = 0
        self.skipped = 0
        self._started = time.monotonic()
        self._progress: Progress | None = None
        self._task: Any = None
        isatty = getattr(sys.stderr, "isatty", None)
        if isatty is not None and isatty():
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.fields[line]}"),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
                refresh_per_second=8,
                redirect_stdout=False,
            )
            self._task = self._progress.add_task("lookup", line=self._line())

    def __enter__(self) -> BulkProgress:
        if self._progress is not None:
            self._progress.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def skipping(self, urls: Iterable[str], done: set[str]) -> Iterator[str]:
        """`urls` without those in `done`, counting the ones left out."""
        for url in urls:
            if url in done:
                self.skipped += 1
                continue
            yield url

    def count(self, outcome: LookupOutcome) -> None:
        """Count one outcome written."""
        if outcome.ok:
            self.found += 1
        else:
            self.failed += 1
        if self._progress is not None:
            self._progress.update(self._task, line=self._line())

    def _line(self) -> str:
        seconds = time.monotonic() - self._started
        looked_up = self.found + self.failed
        rate = looked_up / seconds if seconds > 0 else 0.0
        skipped = f", {self.skipped:,} skipped" if self.skipped else ""
        return (
            f"{looked_up:,} looked up: {self.found:,} found, {self.failed:,} failed"
            f"{skipped} ({rate:,.1f} URLs/s)"
        )

    def summary(self) -> str:
        """One line for stderr when the run ends."""
        return f"{self._line()} in {time.monotonic() - self._started:.2f} s"
