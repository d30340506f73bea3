"""`watchlist load | sync | lists | show | diff`: the list store from the command line."""

from __future__ import annotations

import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlparse

import click
import httpx
import msgspec
from rich.console import Console, Group, RenderableType
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    DownloadColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TransferSpeedColumn,
)
from rich.table import Table
from rich.text import Text

from watchlist import __version__
from watchlist.errors import DownloadError, NotFoundError
from watchlist.law import consequences_for, is_listed_on
from watchlist.model import Entity, FuzzyDate, NameKind
from watchlist.model.codec import entity_to_builtins
from watchlist.sources import SOURCE_NAMES, ParsedList, SourceSpec, get_source, parse_source
from watchlist.store import ListDiff, ListVersion, Store, normalize_text

_SOURCE = click.Choice(SOURCE_NAMES)
_FORCE_HELP = (
    "Load even when the list has more than 10% fewer entries than the active version, "
    "or when its files are identical to the active version's."
)
_SHOWN_ISSUES = 10


def _store(ctx: click.Context) -> Store:
    root = ctx.find_root()
    url = root.obj.get("db_url") if isinstance(root.obj, dict) else None
    return Store.open(url)


def _stdout() -> Console:
    return Console(highlight=False, soft_wrap=False)


def _stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _echo_json(value: object) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


# load and sync ---------------------------------------------------------------------------------


def _parse(spec: SourceSpec, path: Path | None) -> ParsedList:
    with _stderr().status(f"Parsing {spec.title} from {path or 'the package'}…"):
        # With no PATH the built-in list comes from inside the package.
        return parse_source(spec.name, path)


def _load(ctx: click.Context, parsed: ParsedList, force: bool) -> None:
    console = _stderr()
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with (
        _store(ctx) as store,
        Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar,
    ):
        task = bar.add_task(f"Storing {parsed.source}", total=len(parsed.entities))

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        version = store.load(parsed, force=force, progress=advance)
    _print_load_summary(version, parsed)


def _print_load_summary(version: ListVersion, parsed: ParsedList) -> None:
    console = _stdout()
    if version.unchanged:
        console.print(
            f"{version.source}: the files are the same as active version {version.id} "
            f"(loaded {version.loaded_at:%Y-%m-%d %H:%M} UTC); nothing loaded. "
            "Use --force to load them again."
        )
        return
    published = f", published {version.published_on}" if version.published_on else ""
    console.print(
        f"Loaded {version.source} as version {version.id}: "
        f"{version.entity_count:,} entities{published}."
    )
    table = Table(show_header=True, box=None, pad_edge=False)
    table.add_column("schema")
    table.add_column("entities", justify="right")
    for schema, count in version.counts.items():
        if schema != "total":
            table.add_row(schema, f"{count:,}")
    console.print(table)
    console.print(f"Warnings: {len(parsed.warnings)}; rejected records: {len(parsed.rejected)}.")
    for warning in parsed.warnings[:_SHOWN_ISSUES]:
        console.print(Text(f"  warning: {warning}"))
    for record in parsed.rejected[:_SHOWN_ISSUES]:
        where = Path(record.path).name + (f" line {record.line}" if record.line else "")
        console.print(Text(f"  rejected: {where}: {record.reason}"))
    hidden = max(0, len(parsed.warnings) - _SHOWN_ISSUES) + max(
        0, len(parsed.rejected) - _SHOWN_ISSUES
    )
    if hidden:
        console.print(f"  … and {hidden} more: `watchlist lists --notes {version.id}` shows all.")


@click.command()
@click.argument("source", type=_SOURCE)
@click.argument("path", required=False, type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help=_FORCE_HELP)
@click.pass_context
def load(ctx: click.Context, source: str, path: Path | None, force: bool) -> None:
    """Parse a list from PATH and make it the active version of SOURCE.

    PATH is the list's file or folder (e.g. a folder with sdn.csv, add.csv, alt.csv and
    sdn_comments.csv for ofac-sdn; consolidated.xml for un-sc). The built-in list needs no PATH.
    The previous version is kept (superseded) for audit and `watchlist diff`.
    """
    spec = get_source(source)
    if path is None and source != "builtin":
        raise click.UsageError(f"PATH is required for {source}: {spec.input_hint}")
    _warn_if_retired(spec)
    _load(ctx, _parse(spec, path), force)


def _warn_if_retired(spec: SourceSpec) -> None:
    if spec.retired:
        _stderr().print(Text(f"warning: {spec.retired}", style="yellow"))


def _file_names(spec: SourceSpec) -> list[str]:
    names = list(spec.filenames)
    for url in spec.urls[len(names) :]:
        names.append(Path(urlparse(url).path).name or f"{spec.name}.download")
    return names


def download(spec: SourceSpec, folder: Path) -> list[Path]:
    """Fetch the spec's official URLs into `folder` under its file names."""
    console = _stderr()
    paths: list[Path] = []
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
    )
    headers = {"User-Agent": f"watchlist/{__version__} (sanctions list sync)"}
    timeout = httpx.Timeout(120.0, connect=20.0)
    with (
        httpx.Client(follow_redirects=True, timeout=timeout, headers=headers) as client,
        Progress(*columns, console=console, transient=True, disable=not console.is_terminal) as bar,
    ):
        for url, name in zip(spec.urls, _file_names(spec), strict=True):
            target = folder / name
            task = bar.add_task(f"Downloading {name}", total=None)
            try:
                with client.stream("GET", url) as response:
                    response.raise_for_status()
                    length = response.headers.get("content-length")
                    bar.update(task, total=int(length) if length and length.isdigit() else None)
                    with target.open("wb") as handle:
                        for chunk in response.iter_bytes():
                            handle.write(chunk)
                            bar.update(task, advance=len(chunk))
            except httpx.HTTPError as error:
                raise DownloadError(
                    f"could not download {url}: {str(error) or type(error).__name__} — check the "
                    f"network connection, or download the file yourself and run "
                    f"`watchlist load {spec.name} PATH`"
                ) from error
            paths.append(target)
    return paths


@click.command()
@click.argument("source", type=_SOURCE)
@click.option("--force", is_flag=True, help=_FORCE_HELP)
@click.pass_context
def sync(ctx: click.Context, source: str, force: bool) -> None:
    """Download SOURCE from its official URL and load it like `watchlist load`."""
    spec = get_source(source)
    if not spec.urls:
        raise click.UsageError(
            f"{source} has no official download URL; load a file with "
            f"`watchlist load {source} PATH` ({spec.input_hint})"
        )
    _warn_if_retired(spec)
    with tempfile.TemporaryDirectory(prefix=f"watchlist-{source}-") as tmp:
        paths = download(spec, Path(tmp))
        parsed = _parse(spec, paths[0] if len(paths) == 1 else Path(tmp))
        _load(ctx, parsed, force)


# lists -----------------------------------------------------------------------------------------


def _by_schema(counts: dict[str, int]) -> str:
    return ", ".join(f"{schema} {count:,}" for schema, count in counts.items() if schema != "total")


def _print_notes(store: Store, version_id: int, as_json: bool) -> None:
    notes = store.version_notes(version_id)
    if as_json:
        rejected = [{"path": r.path, "line": r.line, "reason": r.reason} for r in notes.rejected]
        _echo_json({"warnings": list(notes.warnings), "rejected": rejected, "meta": notes.meta})
        return
    console = _stdout()
    console.print(
        f"Version {version_id}: {len(notes.warnings)} warnings, {len(notes.rejected)} rejected."
    )
    for warning in notes.warnings:
        console.print(Text(f"warning: {warning}"))
    for record in notes.rejected:
        where = Path(record.path).name + (f" line {record.line}" if record.line else "")
        console.print(Text(f"rejected: {where}: {record.reason}"))


@click.command(name="lists")
@click.option("--all", "show_all", is_flag=True, help="Show superseded versions too.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@click.option(
    "--notes",
    "notes_of",
    type=int,
    metavar="VERSION",
    help="Print every warning and rejected record the parser reported for VERSION.",
)
@click.pass_context
def lists(ctx: click.Context, show_all: bool, as_json: bool, notes_of: int | None) -> None:
    """Show the loaded list versions and their counts (active ones unless --all)."""
    with _store(ctx) as store:
        if notes_of is not None:
            _print_notes(store, notes_of, as_json)
            return
        versions = store.versions() if show_all else store.active_versions()
    if as_json:
        _echo_json([version.to_builtins() for version in versions])
        return
    console = _stdout()
    if not versions:
        console.print("No lists loaded yet; try `watchlist load SOURCE PATH` or `watchlist sync`.")
        return
    table = Table(title="List versions" if show_all else "Active list versions")
    for column in ("version", "source", "status", "loaded (UTC)", "published", "entities"):
        table.add_column(column, justify="right" if column in ("version", "entities") else "left")
    table.add_column("by schema")
    table.add_column("warnings", justify="right")
    table.add_column("rejected", justify="right")
    for version in versions:
        table.add_row(
            str(version.id),
            version.source,
            version.status.value,
            f"{version.loaded_at:%Y-%m-%d %H:%M}",
            str(version.published_on or "—"),
            f"{version.entity_count:,}",
            _by_schema(version.counts),
            str(version.warnings),
            str(version.rejected),
        )
    console.print(table)


# show ------------------------------------------------------------------------------------------


def _t(value: object) -> Text:
    """Data as plain text: list entries contain brackets that rich would read as markup."""
    return Text("" if value is None else str(value))


def _date(value: FuzzyDate) -> str:
    return f"{value} ({value.precision.value})"


def _resolve(entity_id: str | None, name: str, store: Store) -> tuple[str | None, str | None]:
    """The id and caption of a relation's target: by its id, else by an exact name match."""
    if entity_id:
        target = store.get_entity(entity_id)
        return entity_id, target.caption if target else None
    wanted = normalize_text(name)
    exact = [
        found
        for found in store.find_entities(name, limit=10)
        if any(normalize_text(n.full) == wanted for n in found.names)
    ]
    if len(exact) == 1:
        return exact[0].id, exact[0].caption
    return None, None


def _table(title: str, columns: Sequence[str], rows: Iterable[Sequence[object]]) -> Table:
    """A table of the columns that have something in them."""
    cells = [[_t(cell) for cell in row] for row in rows]
    kept = [i for i in range(len(columns)) if any(row[i].plain for row in cells)]
    table = Table(title=title, title_justify="left", show_lines=False, expand=False)
    for i in kept:
        table.add_column(columns[i], overflow="fold")
    for row in cells:
        table.add_row(*(row[i] for i in kept))
    return table


_NAME_ORDER = {kind: i for i, kind in enumerate(NameKind)}


def _header(entity: Entity) -> RenderableType:
    header = Text(entity.caption, style="bold")
    header.append(f"\n{entity.id} · {entity.schema.value} · {entity.source} {entity.source_id}")
    if entity.programs:
        header.append("\nprograms: " + ", ".join(entity.programs))
    return Panel(header, expand=False)


def _names(entity: Entity) -> RenderableType:
    names = sorted(entity.names, key=lambda n: _NAME_ORDER.get(n.kind, len(_NAME_ORDER)))
    rows = ((n.kind.value, n.full, n.script, n.lang, n.note) for n in names)
    return _table("Names", ("kind", "name", "script", "lang", "note"), rows)


def _designations(entity: Entity, as_of: date | None) -> list[RenderableType]:
    """One key/value table per designation: they have too many fields for one row each."""
    tables: list[RenderableType] = []
    day = as_of or date.today()
    for number, d in enumerate(entity.designations, start=1):
        in_force = "yes" if d.in_force_on(day) else "no"
        pairs = (
            (f"in force on {day}", in_force),
            ("authority", d.authority.value),
            ("list", d.list_name),
            ("programs", ", ".join(d.programs)),
            ("legal basis", ", ".join(d.legal_basis)),
            ("status", d.status.value),
            ("listed", d.listed_on),
            ("effective", d.effective_on),
            ("announced", d.announced_on),
            ("published", d.published_on),
            ("delisted", d.delisted_on),
            ("reference", d.reference),
            ("Federal Register", d.federal_register),
            ("source", d.source_url),
            ("note", d.note),
        )
        title = "Designation" + (f" {number}" if len(entity.designations) > 1 else "")
        tables.append(_pairs(title, pairs))
    return tables


def _pairs(title: str, pairs: Iterable[tuple[str, object]]) -> Table:
    table = Table(title=title, title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    for label, value in pairs:
        if value not in (None, ""):
            table.add_row(label, _t(value))
    return table


def _facts(entity: Entity) -> list[tuple[str, str]]:
    listed: list[tuple[str, Iterable[object]]] = [
        ("gender", [entity.gender]),
        ("birth dates", [_date(d) for d in entity.birth_dates]),
        ("birth places", entity.birth_places),
        ("death dates", [_date(d) for d in entity.death_dates]),
        ("nationalities", entity.nationalities),
        ("citizenships", entity.citizenships),
        ("countries", entity.countries),
        ("titles", entity.titles),
        ("positions", entity.positions),
        ("websites", entity.websites),
        ("emails", entity.emails),
        ("phones", entity.phones),
    ]
    if entity.vessel is not None:
        v = entity.vessel
        listed += [
            ("call sign", [v.call_sign]),
            ("vessel type", [v.vessel_type]),
            ("tonnage", [v.tonnage]),
            ("GRT", [v.gross_registered_tonnage]),
            ("flag", [v.flag]),
            ("owner", [v.owner]),
            ("build year", [v.build_year]),
        ]
    if entity.aircraft is not None:
        a = entity.aircraft
        listed += [
            ("aircraft model", [a.model]),
            ("operator", [a.operator]),
            ("manufactured", [a.manufacture_date]),
        ]
    listed += [(label, [value]) for label, value in entity.extra]
    facts = []
    for label, values in listed:
        text = "; ".join(str(v) for v in values if v not in (None, ""))
        if text:
            facts.append((label, text))
    return facts


def _identifiers(entity: Entity) -> RenderableType:
    rows = (
        (i.kind.value, i.value, i.country, i.label, i.issued, i.expires, i.note)
        for i in entity.identifiers
    )
    columns = ("kind", "value", "country", "label", "issued", "expires", "note")
    return _table("Identifiers", columns, rows)


def _addresses(entity: Entity) -> RenderableType:
    rows = []
    for a in entity.addresses:
        pieces = (a.street, a.postal_code, a.city, a.region, a.country_name or a.country)
        rows.append((a.full or ", ".join(p for p in pieces if p), a.country, a.note))
    return _table("Addresses", ("address", "country", "note"), rows)


def _relations(entity: Entity, store: Store) -> RenderableType:
    rows = []
    for r in entity.relations:
        target_id, caption = _resolve(r.target_id, r.target_name, store)
        resolved = f"{caption} ({target_id})" if caption else (target_id or "not resolved")
        share = f"{r.share:g}%" if r.share is not None else None
        rows.append((r.kind.value, r.role, r.target_name, resolved, share, r.source, r.note))
    columns = ("kind", "role", "as listed", "in the store", "share", "source", "note")
    return _table("Relations", columns, rows)


def _claims(entity: Entity) -> RenderableType:
    """Claims are sentences, too long for table cells: one paragraph each."""
    text = Text()
    for number, c in enumerate(entity.claims):
        if number:
            text.append("\n\n")
        text.append(f"{c.subject}: {c.by} {c.stance.value}", style="bold")
        text.append(f"\n{c.statement}")
        if c.quote:
            text.append(f"\nquote: “{c.quote}”")
        if c.source:
            where = ", ".join(x for x in (c.source.title, c.source.url) if x) or c.source.source
            text.append(f"\nsource: {where}")
    return Panel(text, title="Claims (statements, not designations)", expand=False)


def _provenance(entity: Entity) -> list[RenderableType]:
    tables: list[RenderableType] = []
    for p in entity.provenance:
        pairs = (
            ("source", p.source),
            ("title", p.title),
            ("url", p.url),
            ("published", p.published_on),
            ("retrieved", p.retrieved_on),
            ("version", p.version),
        )
        tables.append(_pairs("Provenance", pairs))
    return tables


def _consequences(entity: Entity, as_of: date | None) -> RenderableType | None:
    found = consequences_for(entity, as_of)
    if not found:
        return None
    rows = ((c.action.value, c.title, c.citation, c.deadline or "", c.description) for c in found)
    title = "What a hit means" + (f" on {as_of}" if as_of else "")
    return _table(title, ("action", "consequence", "legal citation", "deadline", "detail"), rows)


def render_entity(entity: Entity, store: Store, as_of: date | None = None) -> RenderableType:
    """Everything the store knows about an entity, as rich tables and panels; sections with
    nothing to show are left out. `as_of` decides which designations and consequences apply."""
    parts: list[RenderableType] = [_header(entity), _names(entity)]
    parts.extend(_designations(entity, as_of))
    consequences = _consequences(entity, as_of)
    if consequences is not None:
        parts.append(consequences)
    facts = _facts(entity)
    if facts:
        parts.append(_pairs("Facts", facts))
    if entity.identifiers:
        parts.append(_identifiers(entity))
    if entity.addresses:
        parts.append(_addresses(entity))
    if entity.relations:
        parts.append(_relations(entity, store))
    if entity.remarks:
        parts.append(Panel(_t("\n".join(entity.remarks)), title="Remarks", expand=False))
    if entity.claims:
        parts.append(_claims(entity))
    parts.extend(_provenance(entity))
    return Group(*parts)


def _entity_json(entity: Entity, store: Store, as_of: date | None) -> dict[str, Any]:
    data = entity_to_builtins(entity)
    data["caption"] = entity.caption
    data["listed"] = is_listed_on(entity, as_of)
    data["consequences"] = [msgspec.to_builtins(c) for c in consequences_for(entity, as_of)]
    items = cast(list[dict[str, Any]], data.get("relations") or [])
    for relation, item in zip(entity.relations, items, strict=True):
        target_id, caption = _resolve(relation.target_id, relation.target_name, store)
        item["resolved_id"], item["resolved_caption"] = target_id, caption
    return data


def _pick(matches: list[Entity], text: str) -> Entity | None:
    """One entity when the matches or the exact matches among them come down to one."""
    if len(matches) == 1:
        return matches[0]
    wanted, lowered = normalize_text(text), text.strip().lower()
    exact = [
        e
        for e in matches
        if e.source_id.lower() == lowered or any(normalize_text(n.full) == wanted for n in e.names)
    ]
    return exact[0] if len(exact) == 1 else None


@click.command()
@click.argument("id_or_name")
@click.option("--json", "as_json", is_flag=True, help="Print the entity as JSON.")
@click.option(
    "--as-of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Judge designations and consequences as of this date (YYYY-MM-DD); default today.",
)
@click.pass_context
def show(ctx: click.Context, id_or_name: str, as_json: bool, as_of: datetime | None) -> None:
    """Show everything known about an entity of the active lists.

    ID_OR_NAME is a watchlist id (ofac-sdn-55025), a list's own id (55025, QDi.317) or part of
    a name (accents and case ignored). When several entities match, they are listed and the
    command exits with status 1: run it again with one of their ids.
    """
    with _store(ctx) as store:
        entity = store.get_entity(id_or_name.strip().lower())
        matches = [] if entity else store.find_entities(id_or_name, limit=50)
        entity = entity or _pick(matches, id_or_name)
        if entity is None and not matches:
            raise NotFoundError(
                f"no entity of the active lists matches {id_or_name!r}; "
                "`watchlist lists` shows what is loaded"
            )
        if entity is None:
            if as_json:
                _echo_json(
                    {
                        "matches": [
                            {"id": e.id, "caption": e.caption, "source": e.source} for e in matches
                        ]
                    }
                )
            else:
                console = _stdout()
                console.print(
                    _table(
                        f"{len(matches)} entities match {id_or_name!r}",
                        ("id", "caption", "schema", "source"),
                        ((e.id, e.caption, e.schema.value, e.source) for e in matches),
                    )
                )
                console.print("Several entities match: run `watchlist show ID` with one id.")
            sys.exit(1)
        day = as_of.date() if as_of else None
        if as_json:
            _echo_json(_entity_json(entity, store, day))
        else:
            _stdout().print(render_entity(entity, store, day))


# diff ------------------------------------------------------------------------------------------


def _diff_json(diff: ListDiff) -> dict[str, Any]:
    def brief(entity: Entity) -> dict[str, Any]:
        return {
            "id": entity.id,
            "caption": entity.caption,
            "schema": entity.schema.value,
            "programs": list(entity.programs),
        }

    changed = []
    for old, new, fields in diff.changed:
        before, after = entity_to_builtins(old), entity_to_builtins(new)
        changed.append(
            {
                **brief(new),
                "fields": fields,
                "before": {f: before.get(f) for f in fields},
                "after": {f: after.get(f) for f in fields},
            }
        )
    return {
        "source": diff.source,
        "old_version": diff.old_version,
        "new_version": diff.new_version,
        "counts": diff.counts,
        "added": [brief(e) for e in diff.added],
        "removed": [brief(e) for e in diff.removed],
        "changed": changed,
    }


@click.command()
@click.argument("source", type=_SOURCE)
@click.argument("v1", type=int)
@click.argument("v2", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print JSON, with the changed values.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Entries shown per section (0: all). JSON output always has all.",
)
@click.pass_context
def diff(ctx: click.Context, source: str, v1: int, v2: int, as_json: bool, limit: int) -> None:
    """Entries added, removed and changed from version V1 to version V2 of SOURCE.

    `watchlist lists --all` shows the version ids. Changes only in provenance (file checksum)
    do not count.
    """
    with _store(ctx) as store:
        result = store.diff(source, v1, v2)
    if as_json:
        _echo_json(_diff_json(result))
        return
    console = _stdout()
    counts = result.counts
    console.print(
        f"{source} {v1} → {v2}: {counts['added']:,} added, {counts['removed']:,} removed, "
        f"{counts['changed']:,} changed."
    )

    def shown(items: Sequence[Any]) -> Sequence[Any]:
        return items if limit == 0 else items[:limit]

    def more(items: Sequence[Any]) -> None:
        if limit and len(items) > limit:
            console.print(f"… and {len(items) - limit:,} more (--limit 0 shows all)")

    for title, items in (("Added", result.added), ("Removed", result.removed)):
        if items:
            console.print(
                _table(
                    f"{title} ({len(items):,})",
                    ("id", "caption", "schema", "programs"),
                    (
                        (e.id, e.caption, e.schema.value, ", ".join(e.programs))
                        for e in shown(items)
                    ),
                )
            )
            more(items)
    if result.changed:
        console.print(
            _table(
                f"Changed ({len(result.changed):,})",
                ("id", "caption", "fields"),
                (
                    (new.id, new.caption, ", ".join(fields))
                    for _, new, fields in shown(result.changed)
                ),
            )
        )
        more(result.changed)
        summary = ", ".join(f"{name} {count:,}" for name, count in result.field_counts.items())
        console.print(f"Changed fields: {summary}")


COMMANDS = [load, sync, lists, show, diff]
