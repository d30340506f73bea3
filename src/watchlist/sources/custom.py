"""A bank's own list, as a simple CSV, screened like any official list.

The format (also in docs/custom-list.md):

- UTF-8, with or without a byte-order mark; comma-separated; a header row; RFC 4180 quoting
  (a value with a comma or a line break is put in double quotes).
- Columns, in any order; `id` and `name` are required, the others optional. Column names are
  case-insensitive; a column not in this table is an error (it is usually a typo).

  | column      | meaning                                                                  |
  | ----------- | ------------------------------------------------------------------------ |
  | id          | your reference for the entry; unique in the file                         |
  | name        | the name to screen against                                               |
  | schema      | Person, Organization, Company, LegalEntity (default), Vessel, Airplane   |
  | aliases     | other names, separated by `;`                                            |
  | birth_date  | `1975-03-21`, `1975-03`, `1975`, `circa 1975`, `21/03/1975`; `;` for more |
  | country     | countries (ISO code or English name), separated by `;`                   |
  | nationality | nationalities (ISO code or English name), separated by `;`               |
  | id_number   | an identifying number (passport, registration, tax, IMO, ...)            |
  | id_type     | what `id_number` is: passport, national_id, tax_id, registration, imo,   |
  |             | mmsi, swift_bic, lei, ... or a label such as `Cedula No.`                |
  | program     | your program or reason code(s), separated by `;`                         |
  | listed_on   | when you listed the entry, `YYYY-MM-DD`                                  |
  | reason      | why (free text, shown to analysts)                                       |
  | source_url  | a link to the case or document                                           |

Every row becomes an entity (source = the list name, designation authority Internal) or stops
the load with a SourceFormatError that names the file, line and column: a missing name or id,
a duplicate id, an unknown schema, a date or country that cannot be read.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Authority,
    Designation,
    Entity,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Provenance,
    Schema,
    make_entity_id,
    parse_exact_date,
    parse_fuzzy_date,
)
from watchlist.model.countries import country_code
from watchlist.sources.base import ParsedList, SourceFile, SourceSpec, unique
from watchlist.sources.csl import classify_identifier

COLUMNS = (
    "id",
    "name",
    "schema",
    "aliases",
    "birth_date",
    "country",
    "nationality",
    "id_number",
    "id_type",
    "program",
    "listed_on",
    "reason",
    "source_url",
)
REQUIRED = ("id", "name")
_SCHEMATA = {schema.value.casefold(): schema for schema in Schema}
_LIST_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_custom(path: Path, list_name: str = "custom") -> ParsedList:
    """Read a custom-list CSV (format in the module docstring); entities get `list_name` as
    their source, so several internal lists can be loaded side by side."""
    if not _LIST_NAME.match(list_name):
        raise SourceFormatError(
            f"list name {list_name!r} must be lower-case letters, digits and dashes "
            "(e.g. 'internal-pep')",
            path=path,
        )
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"not UTF-8 (byte {exc.start}): save the file as CSV UTF-8", path=path
        ) from None
    except OSError as exc:
        raise SourceFormatError(f"cannot read the file: {exc.strerror}", path=path) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = [column.strip().casefold() for column in next(reader)]
    except StopIteration:
        raise SourceFormatError("the file is empty: it needs a header row", path=path) from None
    except csv.Error as exc:
        raise SourceFormatError(f"unreadable header ({exc})", path=path, line=1) from None
    unknown = [column for column in header if column not in COLUMNS]
    if unknown:
        raise SourceFormatError(
            f"unknown column(s) {', '.join(map(repr, unknown))}; allowed: {', '.join(COLUMNS)}",
            path=path,
            line=1,
        )
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise SourceFormatError(
            f"missing required column(s) {', '.join(missing)}", path=path, line=1
        )
    repeated = {column for column in header if header.count(column) > 1}
    if repeated:
        raise SourceFormatError(
            f"column(s) {', '.join(sorted(repeated))} appear twice", path=path, line=1
        )
    entities: list[Entity] = []
    seen: dict[str, int] = {}
    line = 2
    try:
        for fields in reader:
            start, line = line, reader.line_num + 1
            if not any(field.strip() for field in fields):
                continue
            if len(fields) != len(header):
                raise SourceFormatError(
                    f"expected {len(header)} fields, found {len(fields)}: is a value with a "
                    "comma missing its quotes?",
                    path=path,
                    line=start,
                )
            row = {column: value.strip() for column, value in zip(header, fields, strict=True)}
            entity = _entity(row, path, start, list_name)
            if entity.id in seen:
                raise SourceFormatError(
                    f"id {row['id']!r} already used on line {seen[entity.id]}",
                    path=path,
                    line=start,
                    field="id",
                )
            seen[entity.id] = start
            entities.append(entity)
    except csv.Error as exc:
        raise SourceFormatError(
            f"unreadable CSV ({exc}): is a quote left open?", path=path, line=line
        ) from None
    return ParsedList(
        source=list_name,
        entities=tuple(entities),
        files=(SourceFile.of(path),),
    )


def _entity(row: dict[str, str], path: Path, line: int, list_name: str) -> Entity:
    def fail(column: str, message: str) -> SourceFormatError:
        return SourceFormatError(message, path=path, line=line, field=column)

    get = row.get
    if not get("id"):
        raise fail("id", "empty id: every entry needs your reference")
    entity_id = make_entity_id(list_name, row["id"])
    if entity_id == f"{list_name}-":
        raise fail("id", f"id {row['id']!r} has no letters or digits")
    if not get("name"):
        raise fail("name", "empty name: every entry needs a name to screen against")
    schema_text = get("schema") or "LegalEntity"
    schema = _SCHEMATA.get(schema_text.casefold())
    if schema is None:
        raise fail(
            "schema",
            f"unknown schema {schema_text!r}; use one of {', '.join(s.value for s in Schema)}",
        )

    birth_dates: list[FuzzyDate] = []
    for text in _split(get("birth_date") or ""):
        parsed = parse_fuzzy_date(text)
        if parsed is None:
            raise fail("birth_date", f"{text!r} is not a date (write 1975-03-21, 1975-03 or 1975)")
        birth_dates.append(parsed)

    def countries(column: str) -> tuple[str, ...]:
        codes = []
        for text in _split(get(column) or ""):
            code = country_code(text)
            if code is None:
                raise fail(column, f"{text!r} is not a country (write an ISO code such as 'ir')")
            codes.append(code)
        return unique(codes)

    identifiers: tuple[Identifier, ...] = ()
    id_type = get("id_type") or ""
    if get("id_number"):
        kind = (classify_identifier(id_type) if id_type else None) or IdentifierKind.OTHER
        label = id_type if id_type and id_type.casefold() != kind.value else None
        identifiers = (Identifier(kind, row["id_number"], label=label),)
    elif id_type:
        raise fail("id_number", f"id_type {id_type!r} given without an id_number")

    listed_on = None
    if get("listed_on"):
        listed_on = parse_exact_date(row["listed_on"])
        if listed_on is None:
            raise fail("listed_on", f"{row['listed_on']!r} is not a date (write YYYY-MM-DD)")

    names = [Name(row["name"], NameKind.PRIMARY)]
    names.extend(
        Name(alias, NameKind.ALIAS)
        for alias in unique(_split(get("aliases") or ""))
        if alias != row["name"]
    )
    return Entity(
        id=entity_id,
        schema=schema,
        source=list_name,
        source_id=row["id"],
        names=tuple(names),
        designations=(
            Designation(
                authority=Authority.INTERNAL,
                list_name=list_name,
                programs=unique(_split(get("program") or "")),
                listed_on=listed_on,
                source_url=get("source_url") or None,
                note=get("reason") or None,
            ),
        ),
        birth_dates=tuple(birth_dates),
        countries=countries("country"),
        nationalities=countries("nationality"),
        identifiers=identifiers,
        provenance=(Provenance(source=list_name, url=get("source_url") or None),),
    )


CUSTOM = SourceSpec(
    name="custom",
    title="Custom list (CSV)",
    publisher="your organisation",
    parse=parse_custom,
    input_hint="a CSV with id,name and optional columns (see docs/custom-list.md)",
)
