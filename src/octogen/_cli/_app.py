"""The `octogen` command: catalogs, search, lookup, similar, refresh, resolve and smoke, on
the real API or `--mock` (similar, refresh and resolve live in `_products_live.py`).

Every SDK error ends the command with one line on stderr (status, detail, request id) and
the exit code of its class (see `_exit_codes`); a traceback only with `--verbose`.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click

from .._core.calls import IterSearchOptions, SearchFilters, SearchOptions
from .._core.operations import DEFAULT_LIMIT, RESOLUTION_MODES
from .._core.params import MAX_PAGE_SIZE
from .._error_text import did_you_mean
from .._errors import (
    MissingAPIKeyError,
    OctogenAPIError,
    OctogenError,
    OctogenForbiddenError,
    OctogenNotFoundError,
)
from .._exit_codes import ExitCode, exit_code_for
from .._models.facet import FacetName
from .._version import __version__
from ._bulk import bulk_options, check_bulk_usage, run_bulk
from ._output import (
    CATALOG_COLUMNS,
    FORMATS,
    PRODUCT_COLUMNS,
    catalogs_table,
    format_option,
    lookup_table,
    print_table,
    products_table,
    resolve_format,
    table_width,
    write_items,
    write_json,
)
from ._session import Session

if TYPE_CHECKING:  # `octogen smoke` imports it when it runs: other commands start lighter
    from .._smoke import CheckResult

_NO_KEY = (
    "no API key: set OCTO_API_KEY (or pass --api-key), or add --mock to use the built-in fake API"
)
_F = TypeVar("_F", bound=Callable[..., Any])
_OUTCOME_COLOURS = {"pass": "green", "fail": "red", "skip": "yellow"}
# Set by `search --catalog KEY`, so that a "no such catalog" error can say where to look.
_CATALOG_KEY = "octogen.catalog"
_UNKNOWN_CATALOG = {
    OctogenNotFoundError: "catalog_not_found",
    OctogenForbiddenError: "catalog_access_denied",
}


# Commands in modules of their own, imported when run or listed (`octogen --help` lists
# them all; `octogen search` imports none). The live product API (CONTRACT-LIVE.md §3) is
# similar, refresh and resolve.
_COMMANDS_ELSEWHERE = {
    "coverage": "._coverage",
    "refresh": "._products_live",
    "resolve": "._products_live",
    "similar": "._products_live",
    "voyage": "._voyages",
}


class OctogenGroup(click.Group):
    """Turns an SDK error into one line on stderr and the exit code of its class; a
    closed stdout (`octogen search --all | head`) ends the command quietly. Imports the
    commands of `_COMMANDS_ELSEWHERE` when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS_ELSEWHERE})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _COMMANDS_ELSEWHERE and cmd_name not in self.commands:
            module = importlib.import_module(_COMMANDS_ELSEWHERE[cmd_name], __package__)
            self.add_command(getattr(module, cmd_name), cmd_name)
        return super().get_command(ctx, cmd_name)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OctogenError as error:
            session = ctx.find_object(Session)
            if session is not None and session.verbose:
                traceback.print_exc(file=sys.stderr)
            click.echo(f"octogen: error: {_error_line(error, ctx)}", err=True)
            ctx.exit(exit_code_for(error))
        except KeyboardInterrupt:
            click.echo("octogen: interrupted", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            # The reader has all it wanted (`head`, a pager closed): as `gh` and most
            # pipelines expect, that is a success, and nothing is said.
            _discard_stdout()
            ctx.exit(ExitCode.OK)


def _error_line(error: OctogenError, ctx: click.Context) -> str:
    if isinstance(error, MissingAPIKeyError):
        return _NO_KEY
    catalog = ctx.meta.get(_CATALOG_KEY)
    if (
        catalog is not None
        and isinstance(error, OctogenAPIError)
        and _UNKNOWN_CATALOG.get(type(error)) == error.detail
    ):
        return (
            f"{error}; see `octogen catalogs` for the catalogs your key can search, "
            f"or leave out --catalog {catalog} to search them all"
        )
    return str(error)


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so that Python's flush at exit does not hit the closed
    pipe again (and print "Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, sys.stdout.fileno())
        finally:
            os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test runner's stream)
        pass


@click.group(
    name="octogen",
    cls=OctogenGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option(
    "--api-key",
    metavar="KEY",
    help="Your API key (default: $OCTO_API_KEY, which keeps it out of your shell history).",
)
@click.option(
    "--base-url",
    "base_urls",
    multiple=True,
    metavar="URL",
    help="The API root; repeat it to fail over between several "
    "(default: $OCTO_BASE_URL(S), else https://api.octogen.ai/v1).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="The longest one API call may take, retries included.",
)
@click.option(
    "--max-retries",
    type=click.IntRange(min=0),
    metavar="N",
    help="Retries after a failed attempt (default 2).",
)
@click.option(
    "-v",
    "--verbose",
    is_flag=True,
    help="Log every request to stderr (the key redacted) and show tracebacks.",
)
@click.option("--mock", is_flag=True, help="Use the built-in fake API: no key, no network.")
@click.version_option(__version__, prog_name="octogen")
@click.pass_context
def cli(
    ctx: click.Context,
    api_key: str | None,
    base_urls: tuple[str, ...],
    timeout: float | None,
    max_retries: int | None,
    verbose: bool,
    mock: bool,
) -> None:
    """Search Octogen's merchant catalogs and look products up, from a terminal.

    Exit codes: 0 success, 1 other error, 2 usage (or an argument the API refused),
    3 no key or key refused, 4 not found, 5 rate limited, 6 network, 7 server error,
    8 conflict.
    """
    session = Session(
        api_key=api_key,
        base_urls=base_urls,
        timeout=timeout,
        max_retries=max_retries,
        verbose=verbose,
        mock=mock,
    )
    ctx.obj = session
    session.start_logging()
    ctx.call_on_close(session.close)


@cli.command()
@format_option(FORMATS, "jsonl")
@click.pass_obj
def catalogs(session: Session, output_format: str | None) -> None:
    """List the catalogs your key can search."""
    found = session.client().catalogs.list()
    chosen = resolve_format(output_format, "jsonl")
    if chosen == "table":
        print_table(catalogs_table(found))
    elif chosen == "json":
        write_json([catalog.raw for catalog in found])
    else:
        write_items(chosen, found, CATALOG_COLUMNS)


@cli.command()
@click.argument("query", required=False)
@click.option("--catalog", metavar="KEY", help="Search one catalog (see `octogen catalogs`).")
@click.option(
    "--facet",
    "facets",
    multiple=True,
    metavar="NAME=VALUE",
    help="Filter, e.g. gender=female. Repeat it: one name's values are ORed, names ANDed.",
)
@click.option("--price-min", type=float, metavar="N", help="Lowest price, inclusive.")
@click.option("--price-max", type=float, metavar="N", help="Highest price, inclusive.")
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_PAGE_SIZE),
    help=f"Products per page, 1-{MAX_PAGE_SIZE} (default 50; with --all, 100).",
)
@click.option("--cursor", help="Start from this page cursor (shown under a table).")
@click.option(
    "--all",
    "every_page",
    is_flag=True,
    help="Follow every cursor and stream every product (jsonl, the default; csv or json).",
)
@click.option(
    "--max-items", type=click.IntRange(min=1), metavar="N", help="With --all: stop after N."
)
@format_option(FORMATS, "jsonl")
@click.pass_obj
def search(
    session: Session,
    query: str | None,
    catalog: str | None,
    facets: tuple[str, ...],
    price_min: float | None,
    price_max: float | None,
    limit: int | None,
    cursor: str | None,
    every_page: bool,
    max_items: int | None,
    output_format: str | None,
) -> None:
    """Search products across catalogs: one page, or with --all every match.

    \b
    octogen search "linen dress" --facet gender=female --price-max 150
    octogen search hoodie --all --format jsonl > hoodies.jsonl
    """
    if catalog is not None:
        click.get_current_context().meta[_CATALOG_KEY] = catalog
    filters: SearchFilters = {
        "catalog": catalog,
        "facets": _parse_facets(facets),
        "price_min": price_min,
        "price_max": price_max,
    }
    if not every_page:
        if max_items is not None:
            raise click.UsageError("--max-items applies to --all only")
        options: SearchOptions = {**filters, "cursor": cursor, "limit": limit or DEFAULT_LIMIT}
        _write_page(session, query, options, resolve_format(output_format, "jsonl"))
        return
    if cursor is not None:
        raise click.UsageError("--cursor cannot be combined with --all, which starts at the top")
    if output_format == "table":
        raise click.UsageError("--all streams every product: use --format jsonl, csv or json")
    iter_options: IterSearchOptions = {
        **filters,
        "page_size": limit or MAX_PAGE_SIZE,
        "max_items": max_items,
    }
    # Even on a terminal: a table of every product would be drawn only at the end.
    _export(session, query, iter_options, output_format or "jsonl")


def _write_page(
    session: Session, query: str | None, options: SearchOptions, output_format: str
) -> None:
    page = session.client().products.search(query, **options)
    if output_format == "table" and not page.items:
        click.echo(_no_match(query, options))
    elif output_format == "table":
        caption = _next_page_hint(page.next_cursor)
        print_table(products_table(page.items, caption=caption, width=table_width()))
    elif output_format == "json":
        write_json(page.raw)
    else:
        write_items(output_format, page.items, PRODUCT_COLUMNS)


def _export(
    session: Session, query: str | None, options: IterSearchOptions, output_format: str
) -> None:
    from ._progress import ExportProgress  # here: a command that prints one page needs none

    # An export is a burst: wait for the rate-limit bucket rather than collect 429s.
    client = session.client(pace=True)
    pages = client.products.with_response.iter_search(query, **options)
    progress = ExportProgress(total=options["max_items"])
    try:
        with progress:
            write_items(output_format, progress.items_of(pages), PRODUCT_COLUMNS)
    except OctogenError:
        click.echo(f"octogen: stopped: {progress.summary()}", err=True)
        raise
    click.echo(f"octogen: {progress.summary()}", err=True)


@cli.command()
@click.argument("url", required=False)
@bulk_options
@click.option(
    "--mode",
    type=click.Choice(RESOLUTION_MODES),
    help="auto (the API's default): the index, then the page itself on a miss.",
)
@click.option("--refresh", is_flag=True, help="Read the page again rather than a cached copy.")
@format_option(("table", "json"), "json")
@click.pass_obj
def lookup(
    session: Session,
    url: str | None,
    mode: str | None,
    refresh: bool,
    output_format: str | None,
    from_file: IO[str] | None,
    concurrency: int,
    skip_done: str | None,
) -> None:
    """Find a product by its page URL; with --from-file, every URL of a file.

    \b
    octogen lookup "https://shop.example/products/black-hoodie"
    octogen lookup --from-file urls.txt --concurrency 8 > out.jsonl
    octogen lookup --from-file urls.txt --skip-done out.jsonl >> out.jsonl
    """
    if from_file is not None or url is None:
        check_bulk_usage(url, from_file, output_format)
        run_bulk(
            session,
            from_file,
            concurrency=concurrency,
            skip_done=skip_done,
            resolution_mode=mode,  # type: ignore[arg-type]  # click.Choice checked it
            cache_policy="refresh" if refresh else None,
        )
        return
    result = session.client().products.lookup(
        url,
        resolution_mode=mode,  # type: ignore[arg-type]  # click.Choice checked it
        cache_policy="refresh" if refresh else None,
    )
    if resolve_format(output_format, "json") == "table":
        print_table(lookup_table(result))
    else:
        write_json(result.raw)


@cli.command()
@click.pass_context
def smoke(ctx: click.Context) -> None:
    """Check the configuration, connectivity, key, a search and a lookup.

    Exit code 0 only when every check passed; 3 when there is no key (the checks that
    need one are skipped) or the key is refused; else the first failure's class.
    """
    from .._smoke import run_smoke

    session = ctx.ensure_object(Session)
    report = run_smoke(label=session.label, on_result=_echo_check, **session.client_options())
    click.echo(report.summary())
    ctx.exit(report.exit_code)


def _echo_check(result: CheckResult) -> None:
    click.echo(click.style(result.line(), fg=_OUTCOME_COLOURS[result.outcome]))


def _parse_facets(values: tuple[str, ...]) -> dict[str, list[str]] | None:
    facets: dict[str, list[str]] = {}
    for text in values:
        name, equals, value = text.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint="'--facet'")
        facets.setdefault(name.strip(), []).append(value.strip())
    for name in facets:
        _warn_if_mistyped(name)
    return facets or None


def _warn_if_mistyped(name: str) -> None:
    """A warning (not an error: any other name is a legal dynamic attribute facet) when
    `name` looks like a misspelt built-in facet, which would quietly match nothing."""
    built_in = [str(member) for member in FacetName]
    hint = "" if name in built_in else did_you_mean(name, built_in)
    if hint:
        click.echo(
            f"octogen: warning: facet `{name}` is not built in{hint} (any other name is "
            "taken as a product attribute, and matches nothing if products lack it)",
            err=True,
        )


def _no_match(query: str | None, options: SearchOptions) -> str:
    filtered = any(
        options.get(name) is not None for name in ("catalog", "facets", "price_min", "price_max")
    )
    searched = f" {query!r}" if query else ""
    return f"No products match{searched}{' with these filters' if filtered else ''}."


def _next_page_hint(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return f"More products: add --cursor {cursor} (or --all --format jsonl for every one)."
