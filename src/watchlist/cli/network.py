"""`watchlist exposure ID`: paths from a party to designated parties, with the relation and the
source of each step."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

import click

from watchlist.graph import ExposurePath, Network, build_network, exposure_paths
from watchlist.model import Entity


def _entities(ctx: click.Context, builtin: bool) -> list[Entity]:
    if builtin:
        from watchlist.sources.builtin import load_builtin

        return list(load_builtin().entities)
    from watchlist.store import Store

    root = ctx.find_root()
    url = root.obj.get("db_url") if isinstance(root.obj, dict) else None
    with Store.open(url) as store:
        return list(store.active_entities())


def _path_json(path: ExposurePath) -> dict[str, Any]:
    return {
        "target_id": path.target_id,
        "target_caption": path.target_caption,
        "target_programs": list(path.target_programs),
        "depth": path.depth,
        "description": path.describe(),
        "steps": [
            {
                "from_id": step.from_id,
                "to_id": step.to_id,
                "from_caption": step.from_caption,
                "to_caption": step.to_caption,
                "kind": step.kind.value,
                "direction": step.direction.value,
                "role": step.edge.role,
                "share": step.edge.share,
                "source": step.source,
                "stated_on": step.edge.stated_on.isoformat() if step.edge.stated_on else None,
                "note": step.edge.note,
                "stated_by": step.edge.source_id,
            }
            for step in path.steps
        ],
    }


def _print_text(
    network: Network, entity_id: str, paths: list[ExposurePath], depth: int, day: date | None
) -> None:
    when = f"as of {day.isoformat()}" if day else "on the current lists"
    caption = network.caption(entity_id)
    count = f"{len(paths)} path{'s' if len(paths) != 1 else ''}"
    click.echo(
        f"{caption} ({entity_id}): {count} to designated parties within {depth} steps, {when}"
    )
    for number, path in enumerate(paths, start=1):
        programs = ", ".join(path.target_programs)
        click.echo(f"\n{number}. {path.target_caption} [{programs}] ({path.target_id})")
        for step in path.steps:
            click.echo(f"   {step.describe()}")
            details = [step.edge.role, step.source]
            if step.edge.stated_on:
                details.append(step.edge.stated_on.isoformat())
            shown = "; ".join(d for d in details if d)
            if shown:
                click.echo(f"      {shown}")
            if step.edge.note:
                click.echo(f"      note: {step.edge.note}")
    unresolved = len(network.unresolved)
    if unresolved:
        click.echo(
            f"\n{unresolved} relation(s) in the loaded lists name a party that could not be "
            "resolved to one entity; they are not followed."
        )


@click.command("exposure")
@click.argument("entity_id")
@click.option(
    "--depth",
    default=3,
    show_default=True,
    type=click.IntRange(1, 6),
    help="Longest path, in steps.",
)
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Count only designations in force on this day (YYYY-MM-DD).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the paths as JSON.")
@click.option(
    "--limit", default=200, show_default=True, type=click.IntRange(1), help="Most paths to list."
)
@click.option(
    "--builtin",
    is_flag=True,
    help="Use the built-in list instead of the store (no `watchlist load` needed).",
)
@click.pass_context
def exposure(
    ctx: click.Context,
    entity_id: str,
    depth: int,
    as_of: datetime | None,
    as_json: bool,
    limit: int,
    builtin: bool,
) -> None:
    """Paths from ENTITY_ID to designated parties, with each step's relation and source."""
    day = as_of.date() if as_of else None
    network = build_network(_entities(ctx, builtin))
    paths = exposure_paths(network, entity_id, depth=depth, as_of=day, limit=limit)
    if as_json:
        payload = {
            "entity_id": entity_id,
            "caption": network.caption(entity_id),
            "as_of": day.isoformat() if day else None,
            "depth": depth,
            "paths": [_path_json(path) for path in paths],
            "unresolved_relations": len(network.unresolved),
        }
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    _print_text(network, entity_id, paths, depth, day)


COMMANDS = [exposure]
