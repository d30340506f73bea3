"""`watchlist match | screen`: screen one name or a customer file against the loaded lists."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from watchlist.law import Consequence, consequences_for
from watchlist.match.types import Hit, Query
from watchlist.screen import DEFAULT_THRESHOLD, Screener
from watchlist.screen.batch import screen_file
from watchlist.screen.service import screener_for_url

_SCHEMAS = click.Choice(
    ["Person", "Organization", "Company", "LegalEntity", "Vessel", "Airplane"],
    case_sensitive=False,
)


def _db_url(ctx: click.Context) -> str | None:
    root = ctx.find_root()
    return root.obj.get("db_url") if isinstance(root.obj, dict) else None


def _screener(ctx: click.Context) -> Screener:
    console = Console(stderr=True)
    with console.status("Loading the screening index…"):
        return screener_for_url(_db_url(ctx))


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def _threshold(value: float | None) -> float | None:
    if value is not None and not 0.0 <= value <= 1.0:
        raise click.BadParameter(f"{value} is not between 0 and 1", param_hint="--threshold")
    return value


_common = [
    click.option(
        "--threshold",
        type=float,
        default=None,
        help=f"Report hits scoring at least this (0-1). Default {DEFAULT_THRESHOLD}; 0 shows "
        "every candidate.",
    ),
    click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
                 help="At most this many hits per name."),
    click.option("--source", "sources", multiple=True,
                 help="Only entries of this list (repeatable), e.g. --source ofac-sdn."),
    click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                 help="Only designations in force on this day (YYYY-MM-DD)."),
]  # fmt: skip


def _with_common(command: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(_common):
        command = option(command)
    return command


def _hit_json(hit: Hit, consequences: list[Consequence]) -> dict[str, object]:
    return {
        "entity_id": hit.entity_id,
        "source": hit.source,
        "source_id": hit.source_id,
        "caption": hit.caption,
        "schema": hit.schema,
        "matched_name": hit.matched_name,
        "name_kind": hit.name_kind,
        "score": hit.score,
        "match": hit.match,
        "programs": list(hit.programs),
        "explanation": hit.explanation,
        "contributions": [
            {"feature": c.feature, "value": c.value, "weight": c.weight, "detail": c.detail}
            for c in hit.contributions
        ],
        "consequences": [
            {
                "code": c.code,
                "action": c.action.value,
                "title": c.title,
                "citation": c.citation,
                "deadline": c.deadline,
            }
            for c in consequences
        ],
    }


@click.command()
@click.argument("name")
@click.option("--schema", type=_SCHEMAS, default=None, help="What the name is: Person, Company...")
@click.option("--birth-date", default=None, help="Birth date in any precision: 1962, 1962-11-23.")
@click.option("--country", default=None, help="Country code or name: VE, Venezuela.")
@click.option("--id-number", default=None, help="Passport, national ID, registration or IMO.")
@_with_common
@click.option("--json", "as_json", is_flag=True, help="Print the hits as JSON.")
@click.pass_context
def match(
    ctx: click.Context,
    name: str,
    schema: str | None,
    birth_date: str | None,
    country: str | None,
    id_number: str | None,
    threshold: float | None,
    limit: int,
    sources: tuple[str, ...],
    as_of: datetime | None,
    as_json: bool,
) -> None:
    """Screen one NAME against the loaded lists and explain each hit."""
    canonical = {s.casefold(): s for s in _SCHEMAS.choices}
    query = Query(
        name=name,
        schema=canonical[schema.casefold()] if schema else None,
        birth_date=birth_date,
        country=country,
        id_number=id_number,
    )
    screener = _screener(ctx)
    hits = screener.match(
        query,
        threshold=_threshold(threshold),
        limit=limit,
        sources=sources or None,
        as_of=_day(as_of),
    )
    day = _day(as_of)
    obligations = {h.entity_id: consequences_for(screener.entity(h.entity_id), day) for h in hits}
    if as_json:
        rows = [_hit_json(h, obligations[h.entity_id]) for h in hits]
        click.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    if not hits:
        shown = DEFAULT_THRESHOLD if threshold is None else threshold
        console.print(f"No hit for {name!r} at threshold {shown}.")
        return
    table = Table(title=f"Hits for {name!r}", show_lines=True)
    for column in ("score", "entity", "matched name", "programs", "why", "what a hit means"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        actions = dict.fromkeys(f"{c.action.value}: {c.title}" for c in obligations[hit.entity_id])
        table.add_row(
            f"{hit.score:.2f}" + ("" if hit.match else " (below default)"),
            f"{hit.caption}\n{hit.entity_id} ({hit.schema})",
            f"{hit.matched_name}\n[{hit.name_kind}]",
            ", ".join(hit.programs),
            hit.explanation,
            "\n".join(actions),
        )
    console.print(table)


def _count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(block.count(b"\n") for block in iter(lambda: handle.read(1 << 20), b""))


@click.command()
@click.argument(
    "input_path", metavar="INPUT.csv", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option(
    "--output",
    "-o",
    "output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Hits CSV to write.",
)
@click.option(
    "--rejects",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Rows that could not be screened (default: OUTPUT.rejects.csv).",
)
@_with_common
@click.option(
    "--workers", type=click.IntRange(min=1), default=1, show_default=True, help="Worker processes."
)
@click.pass_context
def screen(
    ctx: click.Context,
    input_path: Path,
    output: Path,
    rejects: Path | None,
    threshold: float | None,
    limit: int,
    sources: tuple[str, ...],
    as_of: datetime | None,
    workers: int,
) -> None:
    """Screen a customer file (CSV with a header: id,name and optionally schema, birth_date,
    country, id_number) and write one row per hit to OUTPUT."""
    screener = _screener(ctx)
    console = Console(stderr=True, highlight=False)
    total = max(_count_lines(input_path) - 1, 0)
    columns = (
        TextColumn("Screening"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task("screen", total=total or None)
        summary = screen_file(
            input_path,
            output,
            screener,
            rejects_path=rejects,
            threshold=_threshold(threshold),
            limit=limit,
            sources=sources or None,
            workers=workers,
            as_of=_day(as_of),
            progress=lambda done: bar.update(task, completed=done),
        )
    console.print(summary.describe())
    console.print(f"Hits: {summary.output}")
    if summary.rows_rejected:
        console.print(f"[yellow]Rejected rows: {summary.rejects}[/]")


COMMANDS = [match, screen]
