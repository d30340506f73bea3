"""The two UK lists.

- `uk-ofsi`: HM Treasury OFSI's Consolidated List of financial sanctions targets, ConList
  layout (XLSX or CSV). One row per name variant; every other fact is repeated on each row, and a
  party with several dates of birth or addresses gets one row per combination, so rows are
  grouped by `Group ID` and facts de-duplicated. OFSI closed the ConList on 28 January 2026 in
  favour of the FCDO UK Sanctions List; older files still load.
- `uk-fcdo`: the FCDO UK Sanctions List. Reads the 8-column summary export (ODS or CSV: Unique
  ID, OFSI Group ID, Name, Regime Name, Type, Designation source, Date Designated, Sanctions
  Imposed) and the full published CSV, from which it takes the same facts plus every name.

The OFSI `UK Sanctions List Ref` is the FCDO `Unique ID`, and the FCDO `OFSI Group ID` is the
OFSI `Group ID`: both are kept on the entities (`Designation.reference`, extra `ofsi_group_id`)
so that the two lists can be joined.
"""

from __future__ import annotations

import csv
import re
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from lxml import etree
from rigour.langs import iso_639_alpha3

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Address,
    Authority,
    Designation,
    Entity,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Provenance,
    Relation,
    RelationKind,
    Schema,
    VesselInfo,
    make_entity_id,
    parse_exact_date,
    parse_fuzzy_date,
)
from watchlist.model.countries import country_code
from watchlist.sources.base import ParsedList, RejectedRecord, SourceFile, SourceSpec, unique
from watchlist.sources.names import dedupe_names, script_of

OFSI_SOURCE = "uk-ofsi"
OFSI_LIST_NAME = "OFSI Consolidated List"
# The same list is also published as .../2022format/ConList.csv, which parse_ofsi reads too;
# `sync` fetches every URL of a spec, so only the workbook is listed.
OFSI_URL = "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx"
OFSI_FILENAMES = ("ConList.xlsx", "ConList.csv")

FCDO_SOURCE = "uk-fcdo"
FCDO_LIST_NAME = "UK Sanctions List"
# Linked from https://www.gov.uk/government/publications/the-uk-sanctions-list
FCDO_URL = "https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.csv"
FCDO_FILENAME = "UK-Sanctions-List.csv"

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION, "ship": Schema.VESSEL}

Row = dict[str, str | None]


# --- shared helpers ---------------------------------------------------------------------------


def _clean(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = " ".join(str(value).split())
    return text or None


def _day(text: str | None) -> date | None:
    return parse_exact_date(text) if text else None


def _uk_fuzzy_date(text: str) -> FuzzyDate | None:
    """`dd/mm/yyyy` with zeros for unknown parts, `yyyy`, and the odd `05/1973`."""
    if re.fullmatch(r"\d{1,2}/\d{4}", text):
        text = f"00/{text}"
    return parse_fuzzy_date(text)


_NUMBERED = re.compile(r"\(\d{1,2}(?:-\d{1,2})?\)\s*")


def _numbered(text: str | None) -> list[str]:
    """`(1) Tall’Afar (2) Mosul` -> ["Tall’Afar", "Mosul"]. Placeholders (`-`) stay as "" so
    that numbers and their details still line up by position."""
    if not text:
        return []
    if not _NUMBERED.match(text):
        return [text.strip(" .;,")]
    parts = [part.strip(" .;,") for part in _NUMBERED.split(text)[1:]]
    return ["" if part == "-" else part for part in parts]


def _country_code(name: str | None) -> str | None:
    """ISO code for `Congo (Democratic Republic)`, `Iraq (previous address)`, `Russia`."""
    return country_code(name)


def _country(name: str) -> str:
    return _country_code(name) or name


def _find_file(path: Path, names: Sequence[str], hint: str) -> Path:
    if path.is_file():
        return path
    if path.is_dir():
        for name in names:
            if (path / name).is_file():
                return path / name
    raise SourceFormatError(f"no {' or '.join(names)} found — {hint}", path=path)


def _find_header(
    file: Path, rows: Iterator[tuple[int, list[str | None]]], marker: str, layout: str
) -> tuple[int, list[str], list[tuple[int, list[str | None]]]]:
    """The header row (the first of the first 10 rows that has `marker`), its line, and the
    rows before it (the title rows)."""
    before: list[tuple[int, list[str | None]]] = []
    for line, cells in rows:
        names = [cell or "" for cell in cells]
        if marker.casefold() in (n.casefold() for n in names):
            return line, names, before
        before.append((line, cells))
        if len(before) >= 10:
            break
    raise SourceFormatError(
        f"no header row with {marker!r} in the first 10 rows — is this {layout}?", path=file
    )


def _csv_rows(file: Path) -> Iterator[tuple[int, list[str | None]]]:
    raw = file.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # older OFSI CSVs are Windows-1252
    reader = csv.reader(text.splitlines())
    for cells in reader:
        yield reader.line_num, [_clean(cell) for cell in cells]


# --- OFSI Consolidated List (ConList layout) --------------------------------------------------

_OFSI_REQUIRED = ("Name 6", "Group Type", "Alias Type", "Regime", "Group ID")
_ALIAS_TYPES = {
    "primary name": NameKind.PRIMARY,
    "primary name variation": NameKind.ALIAS,
    "aka": NameKind.ALIAS,
    "alias": NameKind.ALIAS,
    "fka": NameKind.PREVIOUS,
}
_OTHER_INFO_LABELS = (
    "UK Sanctions List Ref",
    "UN Ref",
    "UK Statement of Reasons",
    "Gender",
    "Phone number",
    "Fax",
    "Tel",
    "Website",
    "Email address",
    "Type of entity",
    "Business Reg No",
    "Parent company",
    "Subsidiaries",
    "IMO number",
    "Current owners",
    "Flag of ship",
    "Previous flags",
    "Type of ship",
    "Tonnage of ship",
    "Length of ship",
    "Year built",
)
# `Other Information` packs labelled facts into one cell:
# `(UK Sanctions List Ref):GHR0086. (UK Statement of Reasons):... (Gender):Male`. Only known
# labels split it, since the free text has its own brackets and colons (`(2022):`).
_OTHER_INFO = re.compile(
    r"\((" + "|".join(re.escape(label) for label in _OTHER_INFO_LABELS) + r")\)\s*:", re.I
)
_UK_REF = re.compile(r"^([A-Z]{2,4}\d{4})\b\.?\s*(.*)$", re.S)
# Mostly `CFi.009`, sometimes `QDE.145` or `CDi. 038`.
_UN_REF = re.compile(r"^(?:UN Ref\s*)?([A-Z]{2})([ie])\.\s?(\d+)\b\.?\s*(.*)$", re.S | re.I)


def parse_ofsi(path: Path) -> ParsedList:
    """Read an OFSI ConList (`ConList.xlsx`, `ConList.csv`, or a folder holding one)."""
    file = _find_file(path, OFSI_FILENAMES, f"download the ConList from {OFSI_URL}")
    rows = _xlsx_rows(file) if file.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(file)
    header_line, header, before = _find_header(
        file, rows, "Name 6", "an OFSI ConList in the 2022 layout"
    )
    columns = {name.strip(): i for i, name in enumerate(header) if name.strip()}
    for required in _OFSI_REQUIRED:
        if required not in columns:
            raise SourceFormatError(
                f"row {header_line}: header {required!r} not found (found: "
                f"{', '.join(columns)}) — is this an OFSI ConList in the 2022 layout?",
                path=file,
                line=header_line,
                field=required,
            )
    published_on = None
    for _, cells in before:
        if cells and cells[0] and cells[0].casefold() == "last updated" and len(cells) > 1:
            published_on = _day(cells[1])

    groups: dict[str, list[tuple[int, Row]]] = {}
    rejected: list[RejectedRecord] = []
    row_types: Counter[str] = Counter()
    count = 0
    for line, cells in rows:
        if not any(cells):
            continue
        count += 1
        row: Row = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        row_types[row["Group Type"] or ""] += 1
        group_id = row["Group ID"]
        if not group_id:
            rejected.append(RejectedRecord(str(file), line, "row without a Group ID"))
            continue
        groups.setdefault(group_id, []).append((line, row))
    if not groups:
        raise SourceFormatError(
            f"no data rows after the header on row {header_line} — is the file truncated?",
            path=file,
        )

    source_file = SourceFile.of(file)
    context = _OfsiContext(
        file=file,
        provenance=Provenance(
            source=OFSI_SOURCE,
            url=OFSI_URL,
            title=OFSI_LIST_NAME,
            published_on=published_on,
            version=source_file.sha256,
        ),
    )
    entities: list[Entity] = []
    for group_id, group_rows in groups.items():
        entity = context.entity(group_id, group_rows)
        if isinstance(entity, RejectedRecord):
            rejected.append(entity)
        else:
            entities.append(entity)
    meta = {"rows": str(count), "groups": str(len(groups))}
    meta.update({f"rows_{kind.lower() or 'untyped'}": str(n) for kind, n in row_types.items()})
    return ParsedList(
        source=OFSI_SOURCE,
        entities=tuple(entities),
        files=(source_file,),
        published_on=published_on,
        warnings=tuple(context.warnings),
        rejected=tuple(rejected),
        meta=meta,
    )


def _xlsx_rows(file: Path) -> Iterator[tuple[int, list[str | None]]]:
    # openpyxl places each value by its cell reference (`r="AB12"`): the sheet XML omits empty
    # cells, so reading values by position would shift them. read_only streams the sheet.
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        raise SourceFormatError(
            f"cannot open the workbook ({error}) — is the download truncated?", path=file
        ) from None
    line = 0
    try:
        sheet = workbook.worksheets[0]
        for line, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield line, [_clean(value) for value in values]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, SyntaxError) as error:
        # xml.etree's ParseError is a SyntaxError; zlib errors surface as zipfile/OSError.
        raise SourceFormatError(
            f"unreadable after row {line} ({error}) — is the download truncated?",
            path=file,
            line=line + 1,
        ) from None
    finally:
        workbook.close()


@dataclass
class _OfsiContext:
    file: Path
    provenance: Provenance
    warnings: list[str] = field(default_factory=list)

    def entity(self, group_id: str, rows: list[tuple[int, Row]]) -> Entity | RejectedRecord:
        first_line = rows[0][0]
        where = f"{self.file.name} row {first_line} (Group ID {group_id})"
        types = Counter((row["Group Type"] or "").casefold() for _, row in rows)
        group_type = types.most_common(1)[0][0]
        schema = _SCHEMAS.get(group_type)
        if schema is None:
            return RejectedRecord(
                str(self.file),
                first_line,
                f"Group ID {group_id}: unknown Group Type {group_type!r}",
            )
        if len(types) > 1:
            self.warnings.append(f"{where}: mixed Group Types {sorted(types)}, read as {schema}")

        def values(column: str) -> list[str]:
            return list(unique(row.get(column) for _, row in rows))

        names = self._names(schema, rows, where)
        if not names:
            return RejectedRecord(str(self.file), first_line, f"Group ID {group_id}: no name")
        if names[0].kind is not NameKind.PRIMARY:
            self.warnings.append(f"{where}: no row with Alias Type 'Primary name'")
        info = _OtherInfo.parse(" ".join(values("Other Information")))
        remarks = [*info.remarks]
        birth_dates: list[FuzzyDate] = []
        for text in values("DOB"):
            for part in _numbered(text):
                parsed = _uk_fuzzy_date(part) if part else None
                if parsed is not None:
                    birth_dates.append(parsed)
                elif part:
                    remarks.append(f"DOB: {part}")
                    self.warnings.append(f"{where}: DOB {part!r} kept as a remark")

        def pairs(*columns: str) -> Iterable[tuple[str | None, ...]]:
            return dict.fromkeys(tuple(row.get(c) for c in columns) for _, row in rows)

        birth_places = [
            place
            for town, country in pairs("Town of Birth", "Country of Birth")
            for place in _birth_places(town, country)
        ]
        identifiers = [*info.identifiers]
        for number_column, detail_column, kind in (
            ("Passport Number", "Passport Details", IdentifierKind.PASSPORT),
            (
                "National Identification Number",
                "National Identification Details",
                IdentifierKind.NATIONAL_ID,
            ),
        ):
            for numbers, details in pairs(number_column, detail_column):
                found, unpaired = _documents(numbers, details, kind)
                identifiers.extend(found)
                if unpaired:
                    remarks.append(f"{detail_column}: {unpaired}")
        addresses = [
            address
            for lines in pairs(*_ADDRESS_COLUMNS)
            if (address := _ofsi_address(dict(zip(_ADDRESS_COLUMNS, lines, strict=True))))
        ]

        designations: dict[tuple[str | None, ...], Designation] = {}
        for _, row in rows:
            key = (
                row["Regime"],
                row.get("Listed On"),
                row.get("UK Sanctions List Date Designated"),
            )
            if key in designations:
                continue
            uk_date = _day(key[2])
            designations[key] = Designation(
                authority=Authority.UK,
                list_name=OFSI_LIST_NAME,
                programs=unique([key[0]]),
                listed_on=_day(key[1]),
                reference=info.uk_ref,
                source_url=OFSI_URL,
                note=f"UK Sanctions List date designated: {uk_date.isoformat()}"
                if uk_date
                else None,
            )
        extra: list[tuple[str, str]] = [("ofsi_group_id", group_id)]
        if info.uk_ref:
            extra.append(("uk_sanctions_list_ref", info.uk_ref))
        if info.un_ref:
            extra.append(("un_reference", info.un_ref))
        extra.extend(info.extra)
        extra.extend(
            ("last_updated", day.isoformat())
            for text in values("Last Updated")
            if (day := _day(text))
        )
        vessel = None
        if schema is Schema.VESSEL or info.vessel:
            vessel = VesselInfo(
                flag=info.vessel.get("Flag of ship"),
                vessel_type=info.vessel.get("Type of ship"),
                tonnage=info.vessel.get("Tonnage of ship"),
                owner=info.vessel.get("Current owners"),
                build_year=info.vessel.get("Year built"),
            )
        return Entity(
            id=make_entity_id(OFSI_SOURCE, group_id),
            schema=schema,
            source=OFSI_SOURCE,
            source_id=group_id,
            names=tuple(names),
            designations=tuple(designations.values()),
            relations=tuple(info.relations),
            birth_dates=tuple(dict.fromkeys(birth_dates)),
            birth_places=unique(birth_places),
            nationalities=unique(
                _country(n) for text in values("Nationality") for n in _numbered(text) if n
            ),
            addresses=tuple(dict.fromkeys(addresses)),
            identifiers=tuple(dict.fromkeys(identifiers)),
            gender=info.gender,
            titles=unique(t for text in values("Title") for t in _numbered(text)),
            positions=unique(p for text in values("Position") for p in _numbered(text)),
            websites=unique(info.websites),
            emails=unique(info.emails),
            phones=unique(info.phones),
            vessel=vessel,
            remarks=unique(remarks),
            provenance=(self.provenance,),
            extra=tuple(dict.fromkeys(extra)),
        )

    def _names(self, schema: Schema, rows: list[tuple[int, Row]], where: str) -> list[Name]:
        names: list[Name] = []
        for _, row in rows:
            alias_type = (row.get("Alias Type") or "").casefold()
            kind = _ALIAS_TYPES.get(alias_type)
            if kind is None:
                self.warnings.append(f"{where}: Alias Type {alias_type!r} unknown, read as alias")
                kind = NameKind.ALIAS
            quality = (row.get("Alias Quality") or "").casefold()
            if quality.startswith("low") and kind is NameKind.ALIAS:
                kind = NameKind.WEAK_ALIAS
            given = [part for i in range(1, 6) if (part := row.get(f"Name {i}"))]
            last = row.get("Name 6")
            full = " ".join([*given, last] if last else given)
            if full and schema is Schema.PERSON:
                names.append(
                    Name(
                        full,
                        kind,
                        first=given[0] if given else None,
                        middle=" ".join(given[1:]) or None,
                        last=last,
                        script=script_of(full),
                    )
                )
            elif full:
                names.append(Name(full, kind, script=script_of(full)))
            original = row.get("Name Non-Latin Script")
            if original:
                names.append(
                    Name(
                        original,
                        _original_kind(alias_type, kind),
                        script=script_of(original),
                        lang=_language(row.get("Non-Latin Script Language")),
                    )
                )
        return dedupe_names(names)


def _original_kind(alias_type: str, kind: NameKind) -> NameKind:
    """The non-Latin name on a row is the original script of that row's name: of the primary
    name on primary rows, of an alias (as weak as that alias) on alias rows."""
    return NameKind.ORIGINAL_SCRIPT if alias_type.startswith("primary name") else kind


def _language(name: str | None) -> str | None:
    if not name:
        return None
    return iso_639_alpha3(name.split("/")[0].strip())


def _birth_places(towns_text: str | None, countries_text: str | None) -> list[str]:
    towns, countries = _numbered(towns_text), _numbered(countries_text)
    if towns and len(towns) == len(countries):
        pairs = zip(towns, countries, strict=True)
    elif towns and len(countries) == 1:
        pairs = zip(towns, countries * len(towns), strict=True)
    else:
        return [place for place in [*towns, *countries] if place]
    return [", ".join(part for part in pair if part) for pair in pairs if any(pair)]


def _documents(
    numbers_text: str | None, details_text: str | None, kind: IdentifierKind
) -> tuple[list[Identifier], str | None]:
    """Identifiers from `(1) A-333602 (2) M110522` and `(1) India number, issued ... (2) ...`,
    and the details text when it has no number to go with."""
    numbers, details = _numbered(numbers_text), _numbered(details_text)
    found: list[Identifier] = []
    for i, number in enumerate(numbers):
        if not number:
            continue
        note = details[i] if len(details) == len(numbers) else details_text
        note = note or None
        actual = kind
        if note and re.search(r"driv(?:ing|er)", note, re.I):
            actual = IdentifierKind.DRIVERS_LICENSE
        found.append(Identifier(actual, number, note=note))
    if not found and details_text:
        return found, details_text
    return found, None


_ADDRESS_COLUMNS = (*(f"Address {i}" for i in range(1, 7)), "Post/Zip Code", "Country")


def _ofsi_address(row: Row) -> Address | None:
    lines = [line for i in range(1, 7) if (line := row.get(f"Address {i}"))]
    postal_code = row.get("Post/Zip Code")
    country = row.get("Country")
    if not (lines or postal_code or country):
        return None
    street_lines = [row.get(f"Address {i}") for i in range(1, 6)]
    return Address(
        full=", ".join(unique([*lines, postal_code, country])),
        street=", ".join(line for line in street_lines if line) or None,
        city=row.get("Address 6"),
        postal_code=postal_code,
        country=_country_code(country),
        country_name=country,
    )


@dataclass
class _OtherInfo:
    uk_ref: str | None = None
    un_ref: str | None = None
    gender: str | None = None
    remarks: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    vessel: dict[str, str] = field(default_factory=dict)
    extra: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def parse(cls, text: str) -> _OtherInfo:
        info = cls()
        matches = list(_OTHER_INFO.finditer(text))
        lead = text[: matches[0].start()] if matches else text
        if lead.strip():
            info.remarks.append(lead.strip())
        for i, match in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            info.add(match.group(1), text[match.end() : end].strip())
        return info

    def add(self, label: str, value: str) -> None:
        label = next(known for known in _OTHER_INFO_LABELS if known.casefold() == label.casefold())
        if not value:
            return
        if label == "UK Sanctions List Ref" and (m := _UK_REF.match(value)):
            self.uk_ref = m.group(1)
            if m.group(2).strip():
                self.remarks.append(m.group(2).strip())
        elif label == "UN Ref" and (m := _UN_REF.match(value)):
            self.un_ref = f"{m.group(1).upper()}{m.group(2).lower()}.{m.group(3)}"
            if m.group(4).strip():
                self.remarks.append(m.group(4).strip())
        elif label == "Gender":
            self.gender = value.rstrip(".").strip().lower()
        elif label in ("Phone number", "Fax", "Tel"):
            self.phones.extend(p for p in _numbered(value) if p)
        elif label in ("Website", "Email address"):
            for token in re.split(r"[\s;,]+", value):
                token = token.strip(".")
                if re.fullmatch(r"\(\d+\)", token) or not token:
                    continue
                (self.emails if "@" in token else self.websites).append(token)
        elif label == "Business Reg No":
            for number in _numbered(value):
                if number:
                    self.identifiers.append(
                        Identifier(IdentifierKind.REGISTRATION, number, label=label)
                    )
        elif label == "IMO number":
            digits = re.sub(r"\D", "", value)
            self.identifiers.append(Identifier(IdentifierKind.IMO, digits or value, label=label))
        elif label in ("Parent company", "Subsidiaries"):
            # A subsidiary is owned by this party; a parent company owns it, the reverse edge,
            # so that one stays a plain link from this side.
            kind = RelationKind.OWNERSHIP if label == "Subsidiaries" else RelationKind.LINKED_TO
            role = "subsidiary" if label == "Subsidiaries" else "parent company"
            for target in _numbered(value):
                if target:
                    self.relations.append(
                        Relation(kind, target_name=target, role=role, source=OFSI_SOURCE)
                    )
        elif label in (
            "Current owners",
            "Flag of ship",
            "Type of ship",
            "Tonnage of ship",
            "Year built",
        ):
            self.vessel[label] = value
        elif label == "UK Statement of Reasons":
            self.remarks.append(value)
        else:  # Type of entity, Length of ship, Previous flags, or a ref in an odd form
            self.extra.append((label.casefold().replace(" ", "_"), value))


# --- FCDO UK Sanctions List -------------------------------------------------------------------

_FCDO_SUMMARY = (
    "Unique ID",
    "OFSI Group ID",
    "Name",
    "Regime Name",
    "Type",
    "Designation source",
    "Date Designated",
    "Sanctions Imposed",
)
# The full published CSV has one row per name, and calls `Type` `Individual, Entity, Ship`.
_FCDO_FULL_RENAMES = {"Individual, Entity, Ship": "Type"}
_FCDO_FULL_REQUIRED = ("Unique ID", "Name 6", "Name type", "Individual, Entity, Ship")
_FILENAME_DATE = re.compile(r"([A-Z][a-z]{2})[ _](\d{1,2})[ _](\d{4})")
_T = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_X = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def parse_fcdo(path: Path) -> ParsedList:
    """Read the FCDO UK Sanctions List: the 8-column summary as ODS or CSV, or the full CSV."""
    file = _find_file(
        path,
        (FCDO_FILENAME, "UK-Sanctions-List.ods"),
        f"download the UK Sanctions List from {FCDO_URL}",
    )
    rows = _ods_rows(file) if file.suffix.lower() == ".ods" else _csv_rows(file)
    header_line, header, before = _find_header(
        file, rows, "Unique ID", "the FCDO UK Sanctions List"
    )
    columns = {name.strip(): i for i, name in enumerate(header) if name.strip()}
    full = "Name 6" in columns
    required = _FCDO_FULL_REQUIRED if full else _FCDO_SUMMARY
    for name in required:
        if name not in columns:
            raise SourceFormatError(
                f"row {header_line}: header {name!r} not found (found: {', '.join(columns)})"
                " — is this the FCDO UK Sanctions List (8-column export or full CSV)?",
                path=file,
                line=header_line,
                field=name,
            )
    if full:
        columns = {_FCDO_FULL_RENAMES.get(name, name): i for name, i in columns.items()}

    published_on = _fcdo_published_on(file, before)
    source_file = SourceFile.of(file)
    provenance = Provenance(
        source=FCDO_SOURCE,
        url=FCDO_URL,
        title=FCDO_LIST_NAME,
        published_on=published_on,
        version=source_file.sha256,
    )
    designations: dict[str, list[tuple[int, Row]]] = {}
    rejected: list[RejectedRecord] = []
    count = 0
    for line, cells in rows:
        if not any(cells):
            continue
        count += 1
        row: Row = {name: cells[i] if i < len(cells) else None for name, i in columns.items()}
        unique_id = row["Unique ID"]
        if not unique_id:
            rejected.append(RejectedRecord(str(file), line, "row without a Unique ID"))
            continue
        if not full and unique_id in designations:
            rejected.append(RejectedRecord(str(file), line, f"duplicate Unique ID {unique_id}"))
            continue
        designations.setdefault(unique_id, []).append((line, row))
    if not designations:
        raise SourceFormatError(
            f"no data rows after the header on row {header_line} — is the file truncated?",
            path=file,
        )
    warnings: list[str] = []
    entities: list[Entity] = []
    for unique_id, group in designations.items():
        entity = _fcdo_entity(file, unique_id, group, provenance, warnings)
        if isinstance(entity, RejectedRecord):
            rejected.append(entity)
        else:
            entities.append(entity)
    latest = max(
        (d.listed_on for e in entities for d in e.designations if d.listed_on), default=None
    )
    meta = {
        "rows": str(count),
        "layout": "full" if full else "summary",
        "ofsi_group_ids": str(
            len({v for e in entities for k, v in e.extra if k == "ofsi_group_id"})
        ),
        "latest_date_designated": latest.isoformat() if latest else "",
    }
    return ParsedList(
        source=FCDO_SOURCE,
        entities=tuple(entities),
        files=(source_file,),
        published_on=published_on,
        warnings=tuple(warnings),
        rejected=tuple(rejected),
        meta=meta,
    )


def _fcdo_published_on(file: Path, before: list[tuple[int, list[str | None]]]) -> date | None:
    """The full CSV opens with `Report Date: 01/10/2026`; the summary export carries its date
    only in the name the FCDO site gives it (`FCDO_SL_Mon_Aug 11 2025.ods`)."""
    for _, cells in before:
        text = " ".join(cell for cell in cells if cell)
        if match := re.search(r"report date\s*:?\s*(\S+)", text, re.I):
            return _day(match.group(1))
    if match := _FILENAME_DATE.search(file.stem):
        return _day(f"{match.group(2)} {match.group(1)} {match.group(3)}")
    return None


def _fcdo_entity(
    file: Path,
    unique_id: str,
    rows: list[tuple[int, Row]],
    provenance: Provenance,
    warnings: list[str],
) -> Entity | RejectedRecord:
    first_line, first = rows[0]
    kind = (first.get("Type") or "").casefold()
    schema = _SCHEMAS.get(kind)
    if schema is None:
        return RejectedRecord(str(file), first_line, f"{unique_id}: unknown Type {kind!r}")
    names = dedupe_names(name for _, row in rows for name in _fcdo_names(row, schema))
    if not names:
        # Kept: the designation and its OFSI Group ID still say who is listed (the ConList
        # has the names), and dropping it would hide a listing.
        warnings.append(f"{file.name} row {first_line} ({unique_id}): no name")
    elif not any(name.kind is NameKind.PRIMARY for name in names):
        warnings.append(f"{file.name} row {first_line} ({unique_id}): no primary name")
    source = first.get("Designation source")
    imposed = [s.strip() for s in (first.get("Sanctions Imposed") or "").split(",") if s.strip()]
    listed_on = _day(first.get("Date Designated"))
    if first.get("Date Designated") and listed_on is None:
        warnings.append(
            f"{file.name} row {first_line} ({unique_id}): Date Designated "
            f"{first.get('Date Designated')!r} not read"
        )
    designation = Designation(
        authority=Authority.UK,
        list_name=FCDO_LIST_NAME,
        programs=unique([first.get("Regime Name")]),
        listed_on=listed_on,
        reference=unique_id,
        source_url=FCDO_URL,
        note=f"Designation source: {source}" if source else None,
    )
    extra: list[tuple[str, str]] = []
    if group_id := first.get("OFSI Group ID"):
        extra.append(("ofsi_group_id", group_id))
    if source:
        extra.append(("designation_source", source))
    if un_ref := first.get("UN Reference Number"):
        extra.append(("un_reference", un_ref))
    extra.extend(("sanctions_imposed", s) for s in imposed)
    if updated := _day(first.get("Last Updated")):
        extra.append(("last_updated", updated.isoformat()))
    return Entity(
        id=make_entity_id(FCDO_SOURCE, unique_id),
        schema=schema,
        source=FCDO_SOURCE,
        source_id=unique_id,
        names=tuple(names),
        designations=(designation,),
        provenance=(provenance,),
        extra=tuple(extra),
    )


def _fcdo_names(row: Row, schema: Schema) -> list[Name]:
    if "Name" in row:  # the summary export: one primary name
        name = row["Name"]
        return [Name(name, NameKind.PRIMARY, script=script_of(name))] if name else []
    given = [part for i in range(1, 6) if (part := row.get(f"Name {i}"))]
    last = row.get("Name 6")
    full = " ".join([*given, last] if last else given)
    name_type = (row.get("Name type") or "").casefold()
    kind = _ALIAS_TYPES.get(name_type, NameKind.ALIAS)
    if kind is NameKind.ALIAS and (row.get("Alias strength") or "").casefold().startswith(
        ("weak", "low")
    ):
        kind = NameKind.WEAK_ALIAS
    names: list[Name] = []
    if full:
        person = schema is Schema.PERSON
        names.append(
            Name(
                full,
                kind,
                first=given[0] if person and given else None,
                middle=" ".join(given[1:]) or None if person else None,
                last=last if person else None,
                script=script_of(full),
            )
        )
    if original := row.get("Name non-latin script"):
        names.append(
            Name(
                original,
                _original_kind(name_type, kind),
                script=script_of(original),
                lang=_language(row.get("Non-latin script language")),
            )
        )
    return names


def _ods_rows(file: Path) -> Iterator[tuple[int, list[str | None]]]:
    # lxml on content.xml reads the 5,300-row export in about 0.1 s; odfpy builds a DOM of the
    # whole document first and takes over 2 s just to load it.
    try:
        with zipfile.ZipFile(file) as archive, archive.open("content.xml") as content:
            tree = etree.parse(content, etree.XMLParser(resolve_entities=False, no_network=True))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError) as error:
        raise SourceFormatError(
            f"cannot open the spreadsheet ({error}) — is the download truncated?", path=file
        ) from None
    except etree.XMLSyntaxError as error:
        raise SourceFormatError(
            f"content.xml is not well-formed ({error.msg}) — is the download truncated?",
            path=file,
        ) from None
    table = tree.find(f".//{_T}table")
    if table is None:
        raise SourceFormatError("no table in content.xml — is this a spreadsheet?", path=file)
    line = 0
    for row in table.iter(f"{_T}table-row"):
        repeat = int(row.get(f"{_T}number-rows-repeated", "1"))
        cells = _ods_cells(row)
        if not any(cells):
            line += repeat  # trailing blank rows are written as one row repeated a million times
            continue
        for _ in range(min(repeat, 10_000)):
            line += 1
            yield line, cells


def _ods_cells(row: etree._Element, width: int = 64) -> list[str | None]:
    cells: list[str | None] = []
    for cell in row:
        if cell.tag not in (f"{_T}table-cell", f"{_T}covered-table-cell"):
            continue
        repeat = int(cell.get(f"{_T}number-columns-repeated", "1"))
        value = _clean(_ods_text(cell)) if len(cell) else None
        # An empty cell repeated to the sheet's last column (16,384) is padding, not data.
        cells.extend([value] * min(repeat, max(width - len(cells), 0)))
        if len(cells) >= width:
            break
    while cells and cells[-1] is None:
        cells.pop()
    return cells


def _ods_text(cell: etree._Element) -> str:
    """Cell text: paragraphs joined by spaces, `<text:s text:c="3"/>` as spaces."""
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        if element.text:
            parts.append(element.text)
        for child in element:
            if child.tag == f"{_X}s":
                parts.append(" " * int(child.get(f"{_X}c", "1")))
            elif child.tag in (f"{_X}tab", f"{_X}line-break"):
                parts.append(" ")
            else:
                walk(child)
            if child.tail:
                parts.append(child.tail)

    for paragraph in cell.iter(f"{_X}p", f"{_X}h"):
        walk(paragraph)
        parts.append(" ")
    return "".join(parts)


UK_OFSI = SourceSpec(
    name=OFSI_SOURCE,
    title=OFSI_LIST_NAME,
    publisher="HM Treasury, Office of Financial Sanctions Implementation",
    parse=parse_ofsi,
    urls=(OFSI_URL,),
    input_hint="an OFSI ConList.xlsx or ConList.csv (2022 layout), or a folder holding one",
    filenames=OFSI_FILENAMES[:1],
    # Announced by HM Treasury / FCDO for 28 January 2026: the UK Sanctions List became the
    # only official record of UK designations and the Consolidated List is no longer updated.
    retired=(
        "OFSI retired its Consolidated List on 28 January 2026; the FCDO's UK Sanctions List "
        "(`uk-fcdo`) is now the only official UK list. Old versions stay readable for audit."
    ),
)

UK_FCDO = SourceSpec(
    name=FCDO_SOURCE,
    title=FCDO_LIST_NAME,
    publisher="Foreign, Commonwealth & Development Office",
    parse=parse_fcdo,
    urls=(FCDO_URL,),
    input_hint="UK-Sanctions-List.csv, or the 8-column export (.ods or .csv) of the FCDO search",
    filenames=(FCDO_FILENAME,),
)

__all__ = [
    "FCDO_LIST_NAME",
    "OFSI_LIST_NAME",
    "UK_FCDO",
    "UK_OFSI",
    "parse_fcdo",
    "parse_ofsi",
]
