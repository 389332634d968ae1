"""`octogen coverage create|list|get|delete|add|remove|check|urls`: coverage URL lists.

`add`, `remove` and `check` take URLs as arguments, from `--file`, or from stdin (one a
line; blank lines and `#` comments skipped), read lazily: a file of 100,000 URLs is sent
in batches of 1,000 without being held in memory.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING

import click
from rich.table import Table

from .._core.params import MAX_PAGE_SIZE
from ._output import (
    FORMATS,
    CsvColumn,
    format_option,
    print_table,
    resolve_format,
    write_items,
    write_json,
)
from ._session import Session

if TYPE_CHECKING:  # models load when a command runs, not for --help
    from .._models.coverage import UrlChangeResult, UrlList, UrlListEntry, UrlMembership

_FORMAT = format_option(("table", "json"), "json")
_DATA_FORMAT = format_option(FORMATS, "jsonl")
_FILE = click.option(
    "--file",
    "url_file",
    type=click.File("r", encoding="utf-8"),
    help="Read URLs from this file, one a line ('-' for stdin).",
)

MEMBERSHIP_COLUMNS: tuple[CsvColumn[UrlMembership], ...] = (
    CsvColumn("url", lambda m: m.url),
    CsvColumn("normalizedUrl", lambda m: m.normalized_url),
    CsvColumn("present", lambda m: m.present),
    CsvColumn("addedAt", lambda m: m.added_at),
)
ENTRY_COLUMNS: tuple[CsvColumn[UrlListEntry], ...] = (
    CsvColumn("url", lambda e: e.url),
    CsvColumn("normalizedUrl", lambda e: e.normalized_url),
    CsvColumn("addedAt", lambda e: e.added_at),
)


def lines_of(stream: IO[str]) -> Iterator[str]:
    """The URLs in `stream`, one a line, stripped; blank lines and `#` comments skipped."""
    for line in stream:
        url = line.strip()
        if url and not url.startswith("#"):
            yield url


def _urls(arguments: Sequence[str], url_file: IO[str] | None) -> Iterator[str]:
    if arguments and url_file is not None:
        raise click.UsageError("give URLs as arguments or with --file, not both")
    if arguments:
        return iter(arguments)
    if url_file is not None:
        return lines_of(url_file)
    if sys.stdin.isatty():
        raise click.UsageError("give URLs as arguments, with --file, or on stdin")
    return lines_of(sys.stdin)


def lists_table(lists: Sequence[UrlList], *, caption: str | None = None) -> Table:
    """The URL lists, one row each."""
    table = Table(caption=caption, caption_justify="left")
    table.add_column("List", overflow="fold")
    table.add_column("Name", style="bold")
    table.add_column("Status")
    table.add_column("URLs", justify="right")
    table.add_column("BigQuery listing", overflow="fold")
    for url_list in lists:
        listing = url_list.big_query.listing_id if url_list.big_query else None
        table.add_row(
            url_list.url_list_id,
            url_list.name,
            url_list.status,
            f"{url_list.url_count:,}",
            listing or "",
        )
    return table


def _show(url_list: UrlList, output_format: str | None) -> None:
    if resolve_format(output_format, "json") == "table":
        print_table(lists_table([url_list]))
    else:
        write_json(url_list.raw)


def _show_change(result: UrlChangeResult, verb: str, output_format: str | None) -> None:
    if resolve_format(output_format, "json") == "json":
        write_json(result.to_dict())
        return
    click.echo(
        f"{verb} {len(result.accepted):,} URLs, rejected {len(result.rejected):,}; "
        f"the list holds {result.url_count:,}"
    )
    for rejection in result.rejected:
        click.echo(f"  rejected {rejection.url or '?'}: {rejection.code} ({rejection.message})")


@click.group()
def coverage() -> None:
    """Keep coverage URL lists: named lists of product URLs exported daily to BigQuery."""


@coverage.command()
@click.argument("name")
@_FORMAT
@click.pass_obj
def create(session: Session, name: str, output_format: str | None) -> None:
    """Create a URL list called NAME (at most 5 live lists; names 1-80 characters)."""
    _show(session.client().coverage.url_lists.create(name), output_format)


@coverage.command(name="list")
@click.option("--limit", type=click.IntRange(1, MAX_PAGE_SIZE), default=50, show_default=True)
@click.option("--cursor", help="Start from this page cursor (shown under a table).")
@_FORMAT
@click.pass_obj
def list_lists(session: Session, limit: int, cursor: str | None, output_format: str | None) -> None:
    """List your organization's URL lists, newest first."""
    page = session.client().coverage.url_lists.list(cursor=cursor, limit=limit)
    if resolve_format(output_format, "json") == "table":
        more = f"More: add --cursor {page.next_cursor}" if page.next_cursor else None
        print_table(lists_table(page.items, caption=more))
    else:
        write_json(page.raw)


@coverage.command()
@click.argument("url_list_id")
@_FORMAT
@click.pass_obj
def get(session: Session, url_list_id: str, output_format: str | None) -> None:
    """Show one URL list."""
    _show(session.client().coverage.url_lists.get(url_list_id), output_format)


@coverage.command()
@click.argument("url_list_id")
@click.option("--yes", is_flag=True, help="Do not ask: deletion is permanent.")
@_FORMAT
@click.pass_obj
def delete(session: Session, url_list_id: str, yes: bool, output_format: str | None) -> None:
    """Delete a URL list: permanent, with its BigQuery listing and its URLs."""
    if not yes:
        click.confirm(f"Delete URL list {url_list_id} for good?", abort=True, err=True)
    _show(session.client().coverage.url_lists.delete(url_list_id), output_format)


@coverage.command()
@click.argument("url_list_id")
@click.argument("urls", nargs=-1)
@_FILE
@_FORMAT
@click.pass_obj
def add(
    session: Session,
    url_list_id: str,
    urls: tuple[str, ...],
    url_file: IO[str] | None,
    output_format: str | None,
) -> None:
    """Add URLs to a list (arguments, --file, or stdin), in batches of 1,000.

    \b
    octogen coverage add cul_01KZ... --file urls.txt
    """
    lists = session.client().coverage.url_lists
    _show_change(lists.add_urls(url_list_id, _urls(urls, url_file)), "added", output_format)


@coverage.command()
@click.argument("url_list_id")
@click.argument("urls", nargs=-1)
@_FILE
@_FORMAT
@click.pass_obj
def remove(
    session: Session,
    url_list_id: str,
    urls: tuple[str, ...],
    url_file: IO[str] | None,
    output_format: str | None,
) -> None:
    """Remove URLs from a list (arguments, --file, or stdin); any variant removes a
    member."""
    lists = session.client().coverage.url_lists
    _show_change(lists.remove_urls(url_list_id, _urls(urls, url_file)), "removed", output_format)


@coverage.command()
@click.argument("url_list_id")
@click.argument("urls", nargs=-1)
@_FILE
@_DATA_FORMAT
@click.pass_obj
def check(
    session: Session,
    url_list_id: str,
    urls: tuple[str, ...],
    url_file: IO[str] | None,
    output_format: str | None,
) -> None:
    """Say which URLs are members of a list (membership, not catalog coverage)."""
    found = session.client().coverage.url_lists.check_urls(url_list_id, _urls(urls, url_file))
    chosen = resolve_format(output_format, "jsonl")
    if chosen == "table":
        table = Table()
        table.add_column("URL", overflow="fold")
        table.add_column("Member")
        for membership in found:
            table.add_row(membership.url, "yes" if membership.present else "no")
        print_table(table)
    elif chosen == "json":
        write_json([membership.raw for membership in found])
    else:
        write_items(chosen, found, MEMBERSHIP_COLUMNS)


@coverage.command()
@click.argument("url_list_id")
@click.option("--max-items", type=click.IntRange(min=1), metavar="N", help="Stop after N.")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("jsonl", "csv", "json")),
    default="jsonl",
    show_default=True,
)
@click.pass_obj
def urls(session: Session, url_list_id: str, max_items: int | None, output_format: str) -> None:
    """Stream every URL of a list, in the order they were added."""
    entries = session.client().coverage.url_lists.iter_urls(url_list_id, max_items=max_items)
    write_items(output_format, entries, ENTRY_COLUMNS)
