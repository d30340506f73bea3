"""`watchlist demo`: screen a sample customer file against the built-in list, end to end."""

from __future__ import annotations

import csv
import tempfile
from datetime import date
from importlib.resources import as_file, files
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

DEMO_CUSTOMERS = "demo_customers.csv"


@click.command()
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Screen as of this date (YYYY-MM-DD): designations count only from their effective date.",
)
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write the demo store and hit files into this folder instead of a temp dir.")
def demo(as_of: object, keep: Path | None) -> None:
    """Load the built-in list into a fresh store and screen the sample customers against it.

    The built-in list holds the parties of the Cartel de los Soles case (OFAC SDGT, State FTO,
    Tren de Aragua, Sinaloa Cartel, Nicolás Maduro Moros) with their designations and sources.
    """
    from watchlist.screen.batch import screen_file
    from watchlist.screen.service import screener_for_store
    from watchlist.sources.builtin import load_builtin
    from watchlist.store import Store

    console = Console()
    day = as_of.date() if as_of is not None else None  # type: ignore[attr-defined]
    with tempfile.TemporaryDirectory(prefix="watchlist-demo-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        store = Store.open(f"sqlite:///{folder / 'demo.db'}")
        version = store.load(load_builtin(), force=True)
        console.print(
            f"Loaded the built-in list: version {version.id}, {version.entity_count} entities."
        )
        screener = screener_for_store(store, index_dir=folder / "index")
        output, rejects = folder / "hits.csv", folder / "rejects.csv"
        with as_file(files("watchlist.data") / DEMO_CUSTOMERS) as customers:
            summary = screen_file(
                customers, output, screener, rejects_path=rejects, threshold=None, limit=5,
                sources=None, workers=1, as_of=day, progress=None,
            )
        _print_hits(console, output, day)
        console.print(summary.describe() if hasattr(summary, "describe") else str(summary))
        with rejects.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                console.print(f"[yellow]rejected[/] line {row.get('line')}: {row.get('reason')}")
        store.close()
        if keep:
            console.print(f"Store and result files kept in {folder}")


def _print_hits(console: Console, output: Path, day: date | None) -> None:
    table = Table(title="Hits" + (f" as of {day}" if day else ""), show_lines=True)
    for column in ("record", "list entry", "score", "programs", "why"):
        table.add_column(column)
    with output.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table.add_row(
                row["record_id"],
                f"{row['matched_name']}\n{row['entity_id']}",
                row["score"],
                row["programs"],
                row["explanation"],
            )
    console.print(table)


COMMANDS = [demo]
