"""`octogen voyage start|get|list|wait`: add an ecommerce domain and follow it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import click
from rich.table import Table

from .._core.operations import DEFAULT_POLL_INTERVAL, VOYAGE_STATUSES
from .._core.params import MAX_PAGE_SIZE
from ._output import format_option, print_table, resolve_format, write_json
from ._session import Session

if TYPE_CHECKING:  # models load when a command runs, not for --help
    from .._models.voyage import Voyage, VoyagePage

_FORMAT = format_option(("table", "json"), "json")


def _table_wanted(chosen: str | None) -> bool:
    return resolve_format(chosen, "json") == "table"


def voyages_table(voyages: Sequence[Voyage], *, caption: str | None = None) -> Table:
    """The voyages, one row each: id, domain, status, phase, progress, catalog."""
    table = Table(caption=caption, caption_justify="left")
    table.add_column("Task", overflow="fold")
    table.add_column("Domain", style="bold")
    table.add_column("Status")
    table.add_column("Phase")
    table.add_column("Progress", justify="right")
    table.add_column("Catalog / error")
    for voyage in voyages:
        outcome = ""
        if voyage.result is not None:
            outcome = voyage.result.catalog or ""
        elif voyage.error is not None:
            outcome = voyage.error.message or voyage.error.code or ""
        table.add_row(
            voyage.task_id,
            voyage.domain,
            voyage.status,
            voyage.phase_label or voyage.phase,
            f"{voyage.progress_percent}%",
            outcome,
        )
    return table


def _show(voyage: Voyage, output_format: str | None) -> None:
    if _table_wanted(output_format):
        print_table(voyages_table([voyage]))
    else:
        write_json(voyage.raw)


def _quota_caption(page: VoyagePage) -> str | None:
    quotas = page.quotas
    parts = []
    if quotas is not None and quotas.concurrent is not None:
        parts.append(f"running {quotas.concurrent.used}/{quotas.concurrent.limit}")
    if quotas is not None and quotas.monthly is not None:
        parts.append(f"this month {quotas.monthly.used}/{quotas.monthly.limit}")
    if page.next_cursor is not None:
        parts.append(f"more: add --cursor {page.next_cursor}")
    return "Quotas: " + ", ".join(parts) if parts else None


@click.group()
def voyage() -> None:
    """Add an ecommerce domain to Octogen's index, and follow it (voyages)."""


@voyage.command()
@click.argument("domain")
@_FORMAT
@click.pass_obj
def start(session: Session, domain: str, output_format: str | None) -> None:
    """Start a voyage for DOMAIN, or join the one it already has.

    \b
    octogen voyage start example.com
    """
    response = session.client().voyages.with_response.start(domain)
    joined = response.status_code == 200
    what = "joined the domain's existing voyage" if joined else "started a new voyage"
    click.echo(f"octogen: {what} {response.data.task_id}", err=True)
    _show(response.data, output_format)


@voyage.command()
@click.argument("task_id")
@_FORMAT
@click.pass_obj
def get(session: Session, task_id: str, output_format: str | None) -> None:
    """Show one voyage's status and progress."""
    _show(session.client().voyages.get(task_id), output_format)


@voyage.command(name="list")
@click.option("--status", type=click.Choice(VOYAGE_STATUSES), help="Only voyages in this status.")
@click.option("--limit", type=click.IntRange(1, MAX_PAGE_SIZE), default=50, show_default=True)
@click.option("--cursor", help="Start from this page cursor (shown under a table).")
@_FORMAT
@click.pass_obj
def list_voyages(
    session: Session, status: str | None, limit: int, cursor: str | None, output_format: str | None
) -> None:
    """List your organization's voyages, newest first, with its quotas."""
    page = session.client().voyages.list(status=status, cursor=cursor, limit=limit)
    if _table_wanted(output_format):
        print_table(voyages_table(page.items, caption=_quota_caption(page)))
    else:
        write_json(page.raw)


@voyage.command()
@click.argument("task_id")
@click.option(
    "--poll-interval",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_POLL_INTERVAL,
    show_default=True,
    metavar="SECONDS",
    help="Seconds between progress reads (the API asks for at most one per 5 minutes).",
)
@click.option(
    "--wait-timeout",
    type=click.FloatRange(min=0),
    metavar="SECONDS",
    help="Give up after this long (exit code 6); the voyage goes on.",
)
@_FORMAT
@click.pass_obj
def wait(
    session: Session,
    task_id: str,
    poll_interval: float,
    wait_timeout: float | None,
    output_format: str | None,
) -> None:
    """Wait until a voyage completes, fails or is cancelled; exit 1 unless it completed."""
    finished = session.client().voyages.wait(
        task_id, poll_interval=poll_interval, timeout=wait_timeout
    )
    _show(finished, output_format)
    if finished.status != "completed":
        click.echo(f"octogen: voyage {task_id} ended {finished.status}", err=True)
        raise SystemExit(1)
