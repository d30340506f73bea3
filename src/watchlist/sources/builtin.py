"""The built-in list: a small dataset the project writes itself from public-record facts.

It covers the seeds' case (Cartel de los Soles, its SDGT and FTO designations, the cartels it
is said to support, the contested claim that Nicolás Maduro heads it) and a few other
designations, each with its source and date. `make demo` screens against it, and tests use it
as a fixture whose every fact is known.

The data lives in readable JSON under `watchlist/data/builtin/`; sources are declared once
under `sources` and referred to by key from designations, relations, claims and provenance.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import msgspec

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Authority,
    Claim,
    Designation,
    DesignationStatus,
    Entity,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Provenance,
    Relation,
    RelationKind,
    Schema,
    Stance,
    make_entity_id,
    parse_fuzzy_date,
)
from watchlist.sources.base import ParsedList, SourceFile, SourceSpec

SOURCE_NAME = "builtin"
BUILTIN_PATH: Path = Path(__file__).resolve().parent.parent / "data" / "builtin"


# The file's own schema. msgspec checks types and rejects unknown fields, so a typo in the data
# fails with its JSON path (`$.entities[2].designations[0].listed_on`) instead of going unseen.
class _Source(msgspec.Struct, forbid_unknown_fields=True):
    publisher: str
    title: str | None = None
    url: str | None = None
    published_on: date | None = None
    version: str | None = None
    note: str | None = None


class _Name(msgspec.Struct, forbid_unknown_fields=True):
    full: str
    kind: NameKind = NameKind.PRIMARY
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    script: str | None = None
    lang: str | None = None
    note: str | None = None


class _Designation(msgspec.Struct, forbid_unknown_fields=True):
    authority: Authority
    list_name: str
    source: str
    programs: list[str] = []
    legal_basis: list[str] = []
    announced_on: date | None = None
    effective_on: date | None = None
    listed_on: date | None = None
    published_on: date | None = None
    federal_register: str | None = None
    status: DesignationStatus = DesignationStatus.ACTIVE
    delisted_on: date | None = None
    reference: str | None = None
    note: str | None = None


class _Relation(msgspec.Struct, forbid_unknown_fields=True):
    kind: RelationKind
    target: str  # slug of another entity in the file
    source: str
    role: str | None = None
    share: float | None = None
    note: str | None = None


class _Claim(msgspec.Struct, forbid_unknown_fields=True):
    subject: str
    statement: str
    stance: Stance
    by: str
    source: str
    quote: str | None = None


class _Identifier(msgspec.Struct, forbid_unknown_fields=True):
    kind: IdentifierKind
    value: str
    country: str | None = None
    label: str | None = None


class _Entity(msgspec.Struct, forbid_unknown_fields=True):
    slug: str
    schema: Schema
    names: list[_Name]
    designations: list[_Designation] = []
    relations: list[_Relation] = []
    claims: list[_Claim] = []
    birth_dates: list[str] = []
    birth_places: list[str] = []
    nationalities: list[str] = []
    citizenships: list[str] = []
    countries: list[str] = []
    gender: str | None = None
    positions: list[str] = []
    identifiers: list[_Identifier] = []
    remarks: list[str] = []
    extra: list[tuple[str, str]] = []
    provenance: list[str] = []


class _File(msgspec.Struct, forbid_unknown_fields=True):
    name: str
    title: str
    as_of: date
    sources: dict[str, _Source]
    entities: list[_Entity]
    description: str | None = None


def _read(path: Path) -> _File:
    try:
        return msgspec.json.decode(path.read_bytes(), type=_File)
    except msgspec.ValidationError as error:
        raise SourceFormatError(
            f"{error} — fix the built-in data file against the schema in sources/builtin.py",
            path=path,
        ) from None
    except msgspec.DecodeError as error:
        raise SourceFormatError(f"not valid JSON: {error}", path=path) from None


class _Converter:
    def __init__(self, data: _File, path: Path, version: str) -> None:
        self.path = path
        self.version = version
        self.sources = data.sources
        self.ids = {
            entity.slug: make_entity_id(SOURCE_NAME, entity.slug) for entity in data.entities
        }
        self.captions = {
            entity.slug: entity.names[0].full for entity in data.entities if entity.names
        }

    def _fail(self, where: str, message: str) -> SourceFormatError:
        return SourceFormatError(message, path=self.path, field=where)

    def source(self, key: str, where: str) -> _Source:
        try:
            return self.sources[key]
        except KeyError:
            known = ", ".join(sorted(self.sources))
            raise self._fail(
                where, f"unknown source {key!r}; declare it under `sources` (known: {known})"
            ) from None

    def provenance(self, key: str, where: str) -> Provenance:
        source = self.source(key, where)
        return Provenance(
            source=source.publisher,
            url=source.url,
            title=source.title,
            published_on=source.published_on,
            version=source.version,
        )

    def designation(self, raw: _Designation, where: str) -> Designation:
        source = self.source(raw.source, where)
        if source.url is None:
            raise self._fail(where, f"source {raw.source!r} has no url; a designation needs one")
        notes = [note for note in (raw.note, source.note) if note]
        return Designation(
            authority=raw.authority,
            list_name=raw.list_name,
            programs=tuple(raw.programs),
            legal_basis=tuple(raw.legal_basis),
            announced_on=raw.announced_on,
            effective_on=raw.effective_on,
            listed_on=raw.listed_on,
            published_on=raw.published_on,
            federal_register=raw.federal_register,
            status=raw.status,
            delisted_on=raw.delisted_on,
            reference=raw.reference,
            source_url=source.url,
            note=" ".join(notes) or None,
        )

    def relation(self, raw: _Relation, where: str) -> Relation:
        if raw.target not in self.ids:
            raise self._fail(where, f"relation target {raw.target!r} is no entity slug in the file")
        source = self.source(raw.source, where)
        if source.url is None or source.published_on is None:
            raise self._fail(
                where, f"source {raw.source!r} needs a url and published_on to date the relation"
            )
        return Relation(
            kind=raw.kind,
            target_name=self.captions[raw.target],
            target_id=self.ids[raw.target],
            share=raw.share,
            role=raw.role,
            source=source.url,
            note=raw.note,
            stated_on=source.published_on,
        )

    def entity(self, raw: _Entity, index: int) -> Entity:
        where = f"entities[{index}] ({raw.slug})"
        if not raw.names:
            raise self._fail(where, "an entity needs at least one name")
        birth_dates = []
        for text in raw.birth_dates:
            parsed = parse_fuzzy_date(text)
            if parsed is None:
                raise self._fail(f"{where}.birth_dates", f"{text!r} is not a date")
            birth_dates.append(parsed)
        return Entity(
            id=self.ids[raw.slug],
            schema=raw.schema,
            source=SOURCE_NAME,
            source_id=raw.slug,
            names=tuple(
                Name(n.full, n.kind, n.first, n.middle, n.last, n.script, n.lang, n.note)
                for n in raw.names
            ),
            designations=tuple(
                self.designation(d, f"{where}.designations[{i}]")
                for i, d in enumerate(raw.designations)
            ),
            relations=tuple(
                self.relation(r, f"{where}.relations[{i}]") for i, r in enumerate(raw.relations)
            ),
            claims=tuple(
                Claim(
                    subject=c.subject,
                    statement=c.statement,
                    stance=c.stance,
                    by=c.by,
                    quote=c.quote,
                    source=self.provenance(c.source, f"{where}.claims[{i}]"),
                )
                for i, c in enumerate(raw.claims)
            ),
            birth_dates=tuple(birth_dates),
            birth_places=tuple(raw.birth_places),
            nationalities=tuple(raw.nationalities),
            citizenships=tuple(raw.citizenships),
            countries=tuple(raw.countries),
            identifiers=tuple(
                Identifier(i.kind, i.value, i.country, i.label) for i in raw.identifiers
            ),
            gender=raw.gender,
            positions=tuple(raw.positions),
            remarks=tuple(raw.remarks),
            provenance=tuple(self.provenance(key, f"{where}.provenance") for key in raw.provenance),
            extra=tuple(raw.extra),
        )


def _parse_file(path: Path) -> tuple[_File, tuple[Entity, ...]]:
    data = _read(path)
    slugs = [entity.slug for entity in data.entities]
    duplicates = sorted({slug for slug in slugs if slugs.count(slug) > 1})
    if duplicates:
        raise SourceFormatError(f"duplicate entity slugs: {', '.join(duplicates)}", path=path)
    converter = _Converter(data, path, data.as_of.isoformat())
    return data, tuple(converter.entity(raw, i) for i, raw in enumerate(data.entities))


def parse_builtin(path: Path) -> ParsedList:
    """Read a built-in data file, or every `*.json` file in a folder (the bundled one:
    `BUILTIN_PATH`)."""
    files = sorted(path.glob("*.json")) if path.is_dir() else [path]
    if not files:
        raise SourceFormatError("no *.json data files in the folder", path=path)
    entities: list[Entity] = []
    published: list[date] = []
    titles: list[str] = []
    for file in files:
        if not file.exists():
            raise SourceFormatError("file not found; pass the built-in data folder", path=file)
        data, parsed = _parse_file(file)
        entities.extend(parsed)
        published.append(data.as_of)
        titles.append(data.title)
    ids = [entity.id for entity in entities]
    if len(set(ids)) != len(ids):
        clash = sorted({i for i in ids if ids.count(i) > 1})
        raise SourceFormatError(
            f"entity ids defined twice across files: {', '.join(clash)}", path=path
        )
    return ParsedList(
        source=SOURCE_NAME,
        entities=tuple(entities),
        files=tuple(SourceFile.of(file) for file in files),
        published_on=max(published),
        meta={"title": "; ".join(titles)},
    )


def load_builtin() -> ParsedList:
    """The bundled built-in list."""
    return parse_builtin(BUILTIN_PATH)


BUILTIN = SourceSpec(
    name=SOURCE_NAME,
    title="watchlist built-in list (public-record facts, for demos and tests)",
    publisher="watchlist project",
    parse=parse_builtin,
    urls=(),
    input_hint=f"the bundled folder {BUILTIN_PATH} or a JSON file in its format",
)
