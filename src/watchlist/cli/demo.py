"""`watchlist demo`: screen a sample customer file against the built-in list, end to end."""

from __future__ import annotations

import csv
import tempfile
from datetime import date, datetime
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
    help="Screen as of this date (YYYY-MM-DD): designations count from their effective date.",
)
@click.option(
    "--keep",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the demo store and the hit files into this folder instead of a temporary one.",
)
def demo(as_of: datetime | None, keep: Path | None) -> None:
    """Load the built-in list into a fresh store and screen the sample customers against it.

    The built-in list holds the parties of the Cartel de los Soles case (OFAC SDGT, State FTO,
    Tren de Aragua, Sinaloa Cartel, Nicolás Maduro Moros) with their designations and sources.
    Each hit is printed with why it matched and what a hit obliges a bank to do.
    """
    from watchlist.screen.batch import screen_file
    from watchlist.screen.service import screener_for_store
    from watchlist.sources import parse_source
    from watchlist.store import Store

    console = Console()
    day = as_of.date() if as_of is not None else None
    with tempfile.TemporaryDirectory(prefix="watchlist-demo-") as tmp:
        folder = keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        with Store.open(f"sqlite:///{folder / 'demo.db'}") as store:
            version = store.load(parse_source("builtin"), force=True)
            console.print(
                f"Loaded the built-in list: version {version.id}, {version.entity_count} entities."
            )
            screener = screener_for_store(store, index_dir=folder / "index")
        output, rejects = folder / "hits.csv", folder / "rejects.csv"
        with as_file(files("watchlist.data") / DEMO_CUSTOMERS) as customers:
            console.print(f"Screening {customers.name}, the sample customers in the package")
            summary = screen_file(
                customers,
                output,
                screener,
                rejects_path=rejects,
                threshold=None,
                limit=5,
                sources=None,
                workers=1,
                as_of=day,
                progress=None,
            )
        _print_hits(console, output, screener, day)
        with rejects.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                console.print(f"[yellow]rejected[/] line {row['line']}: {row['reason']}")
        console.print(summary.describe())
        if keep:
            console.print(f"Store and result files kept in {folder}")


def _print_hits(console: Console, output: Path, screener: object, day: date | None) -> None:
    from watchlist.law import consequences_for
    from watchlist.screen import Screener

    assert isinstance(screener, Screener)
    table = Table(title="Hits" + (f" as of {day}" if day else ""), show_lines=True)
    for column in ("customer", "list entry", "score", "programs", "why", "what to do"):
        table.add_column(column, overflow="fold")
    with output.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            entity = screener.entity(row["entity_id"])
            found = consequences_for(entity, day)
            actions = sorted({f"{c.action.value}: {c.title}" for c in found})
            table.add_row(
                f"{row['record_id']} {row['query_name']}",
                f"{row['matched_name']}\n{row['entity_id']}",
                row["score"],
                row["programs"],
                row["explanation"],
                "\n".join(actions),
            )
    console.print(table)


COMMANDS = [demo]
