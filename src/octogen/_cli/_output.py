"""How the `octogen` command writes results: tables for people; JSON, JSON Lines and CSV
for programs.

JSON formats carry each object exactly as the API sent it (`model.raw`: every field,
known or not, and no time spent re-encoding); CSV reads the typed attributes. Neither
carries colours, tables or progress. JSON Lines and CSV are written one item at a
time, so an export never holds more than the page being written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import IO, TYPE_CHECKING, Any, Generic, Protocol, TypeVar

import click
from rich.cells import cell_len
from rich.console import Console, Group
from rich.measure import Measurement
from rich.style import Style
from rich.table import Table
from rich.text import Text

from .._models.base import WireModel
from .._wire import dumps, wire_datetime

if TYPE_CHECKING:  # models load when a command runs, not for --help
    from .._models.catalog import Catalog
    from .._models.lookup import LookupResult
    from .._models.product import ProductSummary
    from .._models.product_view import Product

FORMATS = ("table", "json", "jsonl", "csv")
M = TypeVar("M", bound=WireModel, contravariant=True)


class CsvColumn(Generic[M]):
    """One CSV column: its header (the wire name) and how to read it off a model."""

    # A plain class, not attrs: every `octogen` command defines it at start-up.
    __slots__ = ("header", "value")

    def __init__(self, header: str, value: Callable[[M], object]) -> None:
        self.header = header
        self.value = value


CATALOG_COLUMNS: tuple[CsvColumn[Catalog], ...] = (
    CsvColumn("catalog", lambda c: c.catalog),
    CsvColumn("displayName", lambda c: c.display_name),
    CsvColumn("productCount", lambda c: c.product_count),
    CsvColumn("sourceBaseUrl", lambda c: c.source_base_url),
    CsvColumn("lastIndexedAt", lambda c: c.last_indexed_at),
)

PRODUCT_COLUMNS: tuple[CsvColumn[ProductSummary], ...] = (
    CsvColumn("uuid", lambda p: p.uuid),
    CsvColumn("catalogKey", lambda p: p.catalog_key),
    CsvColumn("title", lambda p: p.title),
    CsvColumn("brand", lambda p: p.brand.name if p.brand else None),
    CsvColumn("currentPrice", lambda p: p.current_price),
    CsvColumn("originalPrice", lambda p: p.original_price),
    CsvColumn("currency", lambda p: p.currency),
    CsvColumn("ratingAverage", lambda p: p.rating.average if p.rating else None),
    CsvColumn("ratingCount", lambda p: p.rating.count if p.rating else None),
    CsvColumn("isActive", lambda p: p.is_active),
    CsvColumn("productUrl", lambda p: p.product_url),
    CsvColumn("imageUrl", lambda p: p.image_url),
    CsvColumn("updatedAt", lambda p: p.updated_at),
)


# --- data formats -----------------------------------------------------------------------


class ItemWriter(Protocol[M]):
    """Writes a stream of models, one at a time."""

    def write(self, item: M) -> None: ...

    def close(self) -> None: ...


class JsonLinesWriter:
    """One compact JSON object per line (`--format jsonl`)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def write(self, item: WireModel) -> None:
        self._stream.write(dumps(item.raw) + b"\n")

    def close(self) -> None:
        self._stream.flush()


class JsonArrayWriter:
    """A JSON array written item by item (`--format json` with `--all`)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream
        self._separator = b"[\n"

    def write(self, item: WireModel) -> None:
        self._stream.write(self._separator + dumps(item.raw))
        self._separator = b",\n"

    def close(self) -> None:
        self._stream.write(b"[]\n" if self._separator == b"[\n" else b"\n]\n")
        self._stream.flush()


class CsvWriter(Generic[M]):
    """A header row, then one row per item (`--format csv`); None is an empty cell."""

    def __init__(self, stream: IO[str], columns: Sequence[CsvColumn[M]]) -> None:
        self._stream = stream
        self._columns = columns
        import csv  # here: only `--format csv` needs it, and every command starts lighter

        self._rows = csv.writer(stream, lineterminator="\n")
        self._rows.writerow([column.header for column in columns])

    def write(self, item: M) -> None:
        self._rows.writerow([_csv_cell(column.value(item)) for column in self._columns])

    def close(self) -> None:
        self._stream.flush()


def item_writer(output_format: str, columns: Sequence[CsvColumn[M]]) -> ItemWriter[M]:
    """The writer for `output_format` (`jsonl`, `csv` or `json`) on stdout."""
    if output_format == "csv":
        return CsvWriter(sys.stdout, columns)
    sys.stdout.flush()  # JSON goes to the bytes underneath: orjson writes bytes
    stdout = sys.stdout.buffer
    return JsonLinesWriter(stdout) if output_format == "jsonl" else JsonArrayWriter(stdout)


def write_items(output_format: str, items: Iterable[M], columns: Sequence[CsvColumn[M]]) -> int:
    """Write every item in a data format; how many were written."""
    writer = item_writer(output_format, columns)
    count = 0
    try:
        for item in items:
            writer.write(item)
            count += 1
    finally:
        writer.close()
    return count


def write_json(document: object) -> None:
    """One indented JSON document (`--format json`)."""
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


def _csv_cell(value: object) -> object:
    """A cell as JSON would spell it: empty for null, `true`/`false`, ISO 8601 with `Z`."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return wire_datetime(value)
    return value


# --- tables -------------------------------------------------------------------------------

_UNBOUNDED = 10_000
# The products table's borders and cell padding: 6 rules and 2 spaces in each of 5 columns.
_PRODUCT_TABLE_FRAME = 6 + 5 * 2
_NARROWEST_PRODUCT = 20


def table_width() -> int | None:
    """The width a table may take: the terminal's, or None (no limit) for a file or pipe."""
    console = Console()
    return console.width if console.is_terminal else None


def print_table(table: Table) -> None:
    """Draw a table on stdout. On a terminal it fits the terminal; in a file or a pipe it
    takes its natural width, so nothing is folded or cut. rich drops colours and links
    when stdout is not a terminal."""
    console = Console(highlight=False)
    if not console.is_terminal:
        options = console.options.update_width(_UNBOUNDED)
        console.width = Measurement.get(console, options, table).maximum
    console.print(table)


def url_text(url: str) -> Text:
    """A URL kept whole on one line: never folded mid-word; when the cell is too narrow it
    ends in an ellipsis. It is a link in terminals that show hyperlinks (OSC 8), so that
    the whole URL can still be opened or copied."""
    return Text(url, style=Style(dim=True, link=url), no_wrap=True, overflow="ellipsis")


def catalogs_table(catalogs: Sequence[Catalog]) -> Table:
    table = Table(title=f"{len(catalogs)} catalogs", title_justify="left")
    table.add_column("Catalog", style="bold")
    table.add_column("Name")
    table.add_column("Products", justify="right")
    table.add_column("Last indexed")
    for catalog in catalogs:
        table.add_row(
            catalog.catalog,
            catalog.display_name,
            f"{catalog.product_count:,}",
            _when(catalog.last_indexed_at),
        )
    return table


def products_table(
    items: Sequence[ProductSummary], *, caption: str | None = None, width: int | None = None
) -> Table:
    """One product a row, its page URL under its title (what `octogen lookup` takes).

    `width` is the room there is (see `table_width`). The Product column gets what the
    other columns leave at their narrowest (Brand wraps), so that URLs stay whole as far
    as the width allows; rich's own layout would fold them first.
    """
    rows = [
        (
            product.brand.name if product.brand else "",
            _price(product),
            _rating(product),
            product.catalog_key or "",
        )
        for product in items
    ]
    table = Table(caption=caption, caption_justify="left")
    table.add_column("Product", width=_product_width(items, rows, width))
    table.add_column("Brand")
    table.add_column("Price", justify="right", no_wrap=True)
    table.add_column("Rating", justify="right", no_wrap=True)
    table.add_column("Catalog", no_wrap=True)
    for product, row in zip(items, rows, strict=True):
        title = Text(product.title or "", style="bold", overflow="fold")
        table.add_row(Group(title, url_text(product.product_url)), *row)
    return table


def _product_width(
    items: Sequence[ProductSummary],
    rows: Sequence[tuple[str, str, str, str]],
    width: int | None,
) -> int | None:
    """The Product column's width: fixed, so that rich narrows Brand rather than Product
    (it narrows the widest column first); None, the natural width, with no limit."""
    if width is None or not items:
        return None
    wanted = _widest(text for p in items for text in (p.product_url, p.title or ""))
    brands, prices, ratings, catalogs = zip(*rows, strict=True)
    beside = (
        _widest(["Brand", *(word for brand in brands for word in brand.split())])
        + _widest(["Price", *(line for price in prices for line in price.splitlines())])
        + _widest(["Rating", *ratings])
        + _widest(["Catalog", *catalogs])
    )
    room = width - _PRODUCT_TABLE_FRAME - beside
    if room < _NARROWEST_PRODUCT:  # no layout fits: rich's shares what there is
        return None
    return min(wanted, room)


def _widest(texts: Iterable[str]) -> int:
    return max(cell_len(text) for text in texts)


def lookup_table(result: LookupResult) -> Table:
    product = result.product
    table = Table(title=product.title or product.product_url, title_justify="left")
    table.add_column("Field", style="bold", no_wrap=True)
    table.add_column("Value", overflow="fold")
    rows: list[tuple[str, Any]] = [
        ("brand", product.brand.name if product.brand else None),
        ("price", _price(product)),
        ("in stock", _yes_no(product.in_stock)),
        ("rating", _rating(product)),
        ("source", result.source),
        ("cache", result.cache_status),
        ("catalog", result.catalog_display_name or result.catalog_key),
        ("url", result.canonical_url or result.resolved_url or product.product_url),
        ("categories", ", ".join(c.name for c in product.categories if c.name)),
        ("colors", ", ".join(c.label for c in product.colors if c.label)),
        ("sizes", ", ".join(product.sizes)),
        ("materials", ", ".join(product.details.materials)),
        ("description", _shorten(product.description, 240)),
        ("uuid", product.uuid),
        ("warnings", "; ".join(result.warnings)),
    ]
    for name, value in rows:
        if value:
            table.add_row(name, url_text(value) if name == "url" else str(value))
    return table


def _price(product: ProductSummary | Product) -> str:
    if product.current_price is None:
        return ""
    text = f"{product.current_price:,.2f} {product.currency or ''}".rstrip()
    if product.original_price and product.original_price > product.current_price:
        text += f"\nwas {product.original_price:,.2f}"
    return text


def _rating(product: ProductSummary) -> str:
    rating = product.rating
    if rating is None or rating.average is None:
        return ""
    return f"{rating.average:.1f} ({rating.count:,})" if rating.count else f"{rating.average:.1f}"


def _when(moment: datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M %Z").strip() if moment else "never"


def _yes_no(value: bool | None) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _shorten(text: str | None, width: int) -> str | None:
    if text is None or len(text) <= width:
        return text
    return text[: width - 1].rstrip() + "…"


_Command = TypeVar("_Command", bound=Callable[..., Any])


def format_option(choices: tuple[str, ...], data_default: str) -> Callable[[_Command], _Command]:
    """The `--format` option of a command that writes `choices`."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        help=f"Output format (default: table on a terminal, else {data_default}).",
    )


def resolve_format(chosen: str | None, data_default: str) -> str:
    """`--format` as given, else a table for a person and data for a pipe or a file."""
    if chosen is not None:
        return chosen
    return "table" if sys.stdout.isatty() else data_default
