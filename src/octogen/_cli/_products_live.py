"""`octogen similar`, `octogen refresh` and `octogen resolve`: the live product API
(CONTRACT-LIVE.md §3) from a terminal, with the formats and exit codes of the others."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar

import click
from rich.table import Table

from .._core.operations import MLT_DEFAULT_LIMIT, PRICE_PREFERENCES
from .._core.params import MAX_PAGE_SIZE
from ._output import (
    FORMATS,
    PRODUCT_COLUMNS,
    format_option,
    lookup_table,
    print_table,
    products_table,
    resolve_format,
    write_items,
    write_json,
)
from ._session import Session

if TYPE_CHECKING:  # models load when a command runs, not for --help
    from .._models.refresh import RefreshResult

_F = TypeVar("_F", bound=Callable[..., Any])


def _facets(values: tuple[str, ...], option: str) -> dict[str, list[str]] | None:
    facets: dict[str, list[str]] = {}
    for text in values:
        name, equals, value = text.partition("=")
        if not equals or not name.strip() or not value.strip():
            raise click.BadParameter(f"{text!r} is not NAME=VALUE", param_hint=f"'{option}'")
        facets.setdefault(name.strip(), []).append(value.strip())
    return facets or None


@click.command()
@click.argument("url", required=False)
@click.option("--uuid", metavar="UUID", help="The source product's Octogen UUID.")
@click.option(
    "--image",
    type=click.File("rb"),
    metavar="FILE",
    help="An image file (at most 8 MB; '-' reads stdin).",
)
@click.option("--image-url", metavar="URL", help="An https image URL for the API to fetch.")
@click.option(
    "--catalog",
    "catalogs",
    multiple=True,
    metavar="KEY",
    help="Look in this catalog only; repeat it for several (default: every catalog).",
)
@click.option("--facet", "include", multiple=True, metavar="NAME=VALUE", help="Results must match.")
@click.option("--exclude", multiple=True, metavar="NAME=VALUE", help="Results must not match.")
@click.option(
    "--price",
    type=click.Choice(PRICE_PREFERENCES),
    help="Cheaper (lower), dearer (higher) than the source, or any (images: any only).",
)
@click.option(
    "--limit",
    type=click.IntRange(1, MAX_PAGE_SIZE),
    default=MLT_DEFAULT_LIMIT,
    show_default=True,
    help="Products per page.",
)
@click.option("--cursor", help="Start from this page cursor (shown under a table).")
@click.option("--debug", is_flag=True, help="With --format json: add the query the API ran.")
@format_option(FORMATS, "jsonl")
@click.pass_obj
def similar(
    session: Session,
    url: str | None,
    uuid: str | None,
    image: IO[bytes] | None,
    image_url: str | None,
    catalogs: tuple[str, ...],
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    price: str | None,
    limit: int,
    cursor: str | None,
    debug: bool,
    output_format: str | None,
) -> None:
    """Products similar to a product (URL or --uuid) or an image (--image, --image-url).

    \b
    octogen similar https://shop.example/products/black-hoodie --price lower
    octogen similar --image coat.jpg --catalog northwind --format json
    """
    page = session.client().products.more_like_this(
        url,
        uuid=uuid,
        image=image.read() if image is not None else None,
        image_url=image_url,
        catalogs=catalogs or None,
        include_facets=_facets(include, "--facet"),
        exclude_facets=_facets(exclude, "--exclude"),
        price_preference=price,  # type: ignore[arg-type]  # click.Choice checked it
        cursor=cursor,
        limit=limit,
        debug=debug,
    )
    chosen = resolve_format(output_format, "jsonl")
    if chosen == "table":
        caption = None
        if page.next_cursor is not None:
            caption = f"More products: add --cursor {page.next_cursor}."
        table = products_table(page.items, caption=caption)
        if page.source is not None:
            table.title = f"Like {page.source.title or page.source.product_url}"
        elif page.source_image_hash is not None:
            table.title = f"Like image {page.source_image_hash} ({page.resolution})"
        table.title_justify = "left"
        print_table(table)
    elif chosen == "json":
        write_json(page.raw)
    else:
        write_items(chosen, page.items, PRODUCT_COLUMNS)


def _lines(stream: IO[str]) -> Iterator[str]:
    """The non-blank, non-comment lines of `stream`, read one at a time."""
    for line in stream:
        text = line.strip()
        if text and not text.startswith("#"):
            yield text


def _refresh_table(result: RefreshResult) -> Table:
    table = Table(
        title=f"{len(result.accepted)} accepted, {len(result.rejected)} rejected "
        f"of {result.submitted}",
        title_justify="left",
    )
    table.add_column("Status", no_wrap=True)
    table.add_column("Target", overflow="fold", ratio=1)
    table.add_column("Catalog", no_wrap=True)
    table.add_column("Why")
    for target in result.accepted:
        table.add_row("accepted", target.url or target.uuid or "", target.catalog or "", "")
    for rejection in result.rejected:
        wanted = rejection.target
        table.add_row(
            "rejected",
            wanted.url or wanted.uuid or "",
            wanted.catalog or "",
            f"{rejection.code}: {rejection.message}" if rejection.message else rejection.code,
        )
    return table


@click.command()
@click.argument("urls", nargs=-1)
@click.option("--uuid", "uuids", multiple=True, metavar="UUID", help="A product UUID (repeat it).")
@click.option(
    "--from-file",
    type=click.File("r"),
    metavar="FILE",
    help="Read URLs from FILE, one a line ('-' for stdin), after those given as arguments.",
)
@click.option("--catalog", metavar="KEY", help="Pin every target to this catalog.")
@format_option(("table", "json"), "json")
@click.pass_obj
def refresh(
    session: Session,
    urls: tuple[str, ...],
    uuids: tuple[str, ...],
    from_file: IO[str] | None,
    catalog: str | None,
    output_format: str | None,
) -> None:
    """Ask Octogen to re-read products now (changes show within a few hours).

    Any number of targets, sent 500 at a time. Exits 1 when none was accepted.

    \b
    octogen refresh https://shop.example/products/a https://shop.example/products/b
    octogen refresh --from-file urls.txt --catalog northwind
    """
    targets: Iterable[str] = urls
    if from_file is not None:
        targets = (url for source in (urls, _lines(from_file)) for url in source)
    result = session.client().products.refresh(targets, uuids=uuids, catalog=catalog)
    if resolve_format(output_format, "json") == "table":
        print_table(_refresh_table(result))
    else:
        write_json(result.to_dict())
    click.echo(
        f"octogen: {len(result.accepted)} accepted, {len(result.rejected)} rejected",
        err=True,
    )
    if not result.accepted:
        raise click.exceptions.Exit(1)


@click.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--url", metavar="URL", help="The page's address when it was saved (recommended).")
@format_option(("table", "json"), "json")
@click.pass_obj
def resolve(session: Session, file: Path, url: str | None, output_format: str | None) -> None:
    """Read the product out of a saved HTML page (JSON-LD, Open Graph, meta tags).

    \b
    octogen resolve dress.html --url https://example.com/products/blue-linen-dress
    """
    try:
        html = sys.stdin.buffer.read() if str(file) == "-" else file.read_bytes()
    except OSError as exc:
        raise click.BadParameter(f"cannot read {file}: {exc.strerror}", param_hint="FILE") from None
    result = session.client().products.resolve_from_html(html, url=url)
    if resolve_format(output_format, "json") == "table":
        table = lookup_table(result)
        if result.resolution is not None:
            method = result.resolution.method or ""
            missing = ", ".join(result.resolution.missing_fields) or "nothing"
            table.add_row("read from", f"{method} ({result.resolution.completeness})")
            table.add_row("missing", missing)
        print_table(table)
    else:
        write_json(result.raw)
