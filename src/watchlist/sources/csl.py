"""US Consolidated Screening List (trade.gov) and the BIS Denied Persons List.

The CSL merges eleven-odd export-control and sanctions lists of Treasury (OFAC), Commerce (BIS)
and State into one CSV. Two layouts are in circulation, told apart by the header:

- the older 28-column file (`source,entity_number,type,programs,name,...,ids`), where an `ids`
  group reads value first: `US, 80-0890696, Tax ID No.`;
- the current 29-column file (`_id,source,entity_number,...,ids`), where it reads type first:
  `Passport, 836238033, KP`.

Both put several values in one cell, separated by `; `.

Entity ids (`source_id`): the current layout's `_id` (OFAC's ent_num for Treasury rows, a hash
for the others), which is unique in the file. The older layout has no `_id`: Treasury rows use
`entity_number`, other rows `{list code}-{name}` (`el-32-group-china-ltd`). An id seen twice gets
`-2`, `-3`, ... and a warning, so that no row is dropped.

The Denied Persons List (`dpl.txt`) is tab-separated, every field double-quoted, one row per
name and address. Rows with the same name (after trimming and case folding) are one denied
party with several addresses; its id is the name's slug (`us-dpl-i-ash`).
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Address,
    Authority,
    Designation,
    DesignationStatus,
    Entity,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Provenance,
    Schema,
    VesselInfo,
    make_entity_id,
    parse_fuzzy_date,
)
from watchlist.model.countries import country_code
from watchlist.sources.base import ParsedList, SourceFile, SourceSpec, unique

CSL_URL = "https://data.trade.gov/downloadable_consolidated_screening_list/v1/consolidated.csv"
DPL_URL = "https://www.bis.doc.gov/dpl/dpl.txt"

CSL_COLUMNS_2017 = (
    "source",
    "entity_number",
    "type",
    "programs",
    "name",
    "title",
    "addresses",
    "federal_register_notice",
    "start_date",
    "end_date",
    "standard_order",
    "license_requirement",
    "license_policy",
    "call_sign",
    "vessel_type",
    "gross_tonnage",
    "gross_registered_tonnage",
    "vessel_flag",
    "vessel_owner",
    "remarks",
    "source_list_url",
    "alt_names",
    "citizenships",
    "dates_of_birth",
    "nationalities",
    "places_of_birth",
    "source_information_url",
    "ids",
)
CSL_COLUMNS_2025 = ("_id", *CSL_COLUMNS_2017)

DPL_COLUMNS = (
    "Name",
    "Street_Address",
    "City",
    "State",
    "Country",
    "Postal_Code",
    "Effective_Date",
    "Expiration_Date",
    "Standard_Order",
    "Last_Update",
    "Action",
    "FR_Citation",
)

# list code -> (authority, list name). The CSL names each row's list in long form, "Entity List
# (EL) - Bureau of Industry and Security"; the code in parentheses is the stable part.
CSL_LISTS: dict[str, tuple[Authority, str]] = {
    "SDN": (Authority.OFAC, "SDN List"),
    "SSI": (Authority.OFAC, "Sectoral Sanctions Identifications List"),
    "FSE": (Authority.OFAC, "Foreign Sanctions Evaders List"),
    "PLC": (Authority.OFAC, "Palestinian Legislative Council List"),
    "CAP": (Authority.OFAC, "CAPTA List"),
    "CMIC": (Authority.OFAC, "Non-SDN Chinese Military-Industrial Complex Companies List"),
    "NS-MBS": (Authority.OFAC, "Non-SDN Menu-Based Sanctions List"),
    "DPL": (Authority.BIS, "Denied Persons List"),
    "EL": (Authority.BIS, "Entity List"),
    "UVL": (Authority.BIS, "Unverified List"),
    "MEU": (Authority.BIS, "Military End User List"),
    "ISN": (Authority.STATE, "Nonproliferation Sanctions"),
    "DTC": (Authority.STATE, "ITAR Debarred List"),
}
_AGENCIES = {
    "treasury department": Authority.OFAC,
    "bureau of industry and security": Authority.BIS,
    "state department": Authority.STATE,
}
_LIST_CODE = re.compile(r"\(([A-Z][A-Z-]*?)(?: List)?\)")

_CSL_TYPES = {
    "individual": Schema.PERSON,
    "entity": Schema.LEGAL_ENTITY,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRPLANE,
}


# --- identifier labels, shared with the FtM and custom-list parsers -------------------------

# OFAC's id labels ("Cedula No.", "NIT #", "Government Gazette Number", ...) by keyword, most
# specific first. Labels that state a fact rather than an id ("Secondary sanctions risk:",
# "Executive Order 13662 Directive Determination -") match nothing and are kept as `extra`.
_ID_RULES: tuple[tuple[re.Pattern[str], IdentifierKind], ...] = tuple(
    (re.compile(pattern), kind)
    for pattern, kind in (
        (r"passport|pasaporte", IdentifierKind.PASSPORT),
        (r"digital currency|crypto|wallet", IdentifierKind.CRYPTO_WALLET),
        (r"swift|\bbic\b", IdentifierKind.SWIFT_BIC),
        (r"\bimo\b|vessel registration identification", IdentifierKind.IMO),
        (r"\bmmsi\b", IdentifierKind.MMSI),
        (r"tail number|aircraft tail", IdentifierKind.AIRCRAFT_TAIL),
        (r"aircraft.*(serial|construction|msn)|serial number", IdentifierKind.AIRCRAFT_SERIAL),
        (r"legal entity (number|identifier)|\blei\b", IdentifierKind.LEI),
        (r"d-u-n-s|\bduns\b", IdentifierKind.DUNS),
        (r"driver", IdentifierKind.DRIVERS_LICENSE),
        (r"\bssn\b|social security", IdentifierKind.SOCIAL_SECURITY),
        (
            r"\btax\b|\bnit\b|\bruc\b|\bv\.?a\.?t\b|\brfc\b|\binn\b|\btin\b|\bcuit\b|\brif\b",
            IdentifierKind.TAX_ID,
        ),
        (
            r"national id|\bcedula|\bcédula|c\.?u\.?r\.?p|identification number|personal id"
            r"|\bdni\b|identity|id card|citizen",
            IdentifierKind.NATIONAL_ID,
        ),
        (
            r"regist|company (number|id)|matricula|gazette|business number|trade licen"
            r"|commercial|chamber of commerce|unified social credit|uscc|\bogrn\b|\bokpo\b"
            r"|incorporation",
            IdentifierKind.REGISTRATION,
        ),
        (r"\bno\b\.?|number|\bid\b|#|\bcode\b|licen[cs]e|certificate", IdentifierKind.OTHER),
    )
)


@lru_cache(maxsize=4096)
def classify_identifier(label: str) -> IdentifierKind | None:
    """The kind of identifier an id label names, or None when the label is not an identifier:
    `Cedula No.` -> national_id, `NIT #` -> tax_id, `Website` -> None."""
    text = label.casefold().strip()
    if not text:
        return None
    try:
        return IdentifierKind(text)
    except ValueError:
        pass
    for pattern, kind in _ID_RULES:
        if pattern.search(text):
            return kind
    return None


# --- small shared helpers -------------------------------------------------------------------

# The 2017 CSL holds Windows-1252 punctuation read as Latin-1 and re-encoded ("HA\x92Assif" for
# "HA’Assif"); C1 control characters never occur in real names, so map them back.
_C1_FIX = {
    code: char
    for code in range(0x80, 0xA0)
    if (char := bytes([code]).decode("cp1252", errors="ignore"))
}


def clean_text(value: str | None) -> str:
    """Trim, collapse inner whitespace and repair cp1252 punctuation mis-decoded as Latin-1."""
    if not value:
        return ""
    if not value.isascii():
        value = value.translate(_C1_FIX)
    return " ".join(value.split())


def split_values(value: str | None, separator: str = ";") -> list[str]:
    """`a; b; and c` -> [a, b, c]: the CSL and the Entity List end enumerations with "and"."""
    parts = []
    for part in (value or "").split(separator):
        text = part.strip()
        if text.casefold().startswith("and "):
            text = text[4:].strip()
        if text:
            parts.append(text)
    return parts


def _country(text: str) -> str | None:
    """ISO code (lower case) from a list's code or name; None if it is neither."""
    text = text.strip()
    if len(text) == 2 and text.isalpha():
        code = country_code(text)
        return code if code == text.lower() else None
    return country_code(text)


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def _us_date(text: str) -> date | None:
    try:
        return datetime.strptime(text.strip(), "%m/%d/%Y").date()
    except ValueError:
        return None


def _open_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(
            f"not UTF-8 text (byte {exc.start}): is this the right file?", path=path
        ) from None
    except OSError as exc:
        raise SourceFormatError(f"cannot read the file: {exc.strerror}", path=path) from None


def _rows(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line number, fields) for each record; blank lines are skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    line = 1
    try:
        for fields in reader:
            start, line = line, reader.line_num + 1
            if not fields or (len(fields) == 1 and not fields[0].strip()):
                continue
            yield start, fields
    except csv.Error as exc:
        raise SourceFormatError(
            f"unreadable CSV ({exc}): is the file truncated?", path=path, line=line
        ) from None


def _check_header(path: Path, found: Sequence[str], expected: Sequence[str], what: str) -> None:
    if tuple(found) == tuple(expected):
        return
    missing = [c for c in expected if c not in found]
    unexpected = [c for c in found if c not in expected]
    detail = []
    if missing:
        detail.append("missing " + ", ".join(missing))
    if unexpected:
        detail.append("unexpected " + ", ".join(unexpected))
    if not detail:
        detail.append("columns out of order")
    raise SourceFormatError(
        f"not a {what} header ({'; '.join(detail)}): is this the right file, or has the "
        "publisher changed the layout?",
        path=path,
        line=1,
    )


def _check_width(path: Path, line: int, fields: Sequence[str], width: int) -> None:
    if len(fields) != width:
        raise SourceFormatError(
            f"expected {width} fields, found {len(fields)}: is the file truncated or a "
            "quote unbalanced?",
            path=path,
            line=line,
        )


def _end_note(end: date, today: date) -> tuple[DesignationStatus, date | None, str | None]:
    """A past end date delists; a future one is only noted, so the party keeps alerting."""
    if end <= today:
        return DesignationStatus.DELISTED, end, None
    return DesignationStatus.ACTIVE, None, f"ends on {end.isoformat()}"


# --- Consolidated Screening List ------------------------------------------------------------


@dataclass
class _Collector:
    """What a parse has to report besides entities."""

    path: Path
    warnings: list[str] = field(default_factory=list)

    def warn(self, line: int | None, message: str) -> None:
        where = f"{self.path.name} line {line}" if line is not None else self.path.name
        self.warnings.append(f"{where}: {message}")


def _list_of(source: str) -> tuple[str, Authority, str, bool]:
    """(code, authority, list name, known) for a CSL `source` value."""
    match = _LIST_CODE.search(source)
    code = match.group(1) if match else source.split(" - ")[0].strip()
    if code in CSL_LISTS:
        authority, list_name = CSL_LISTS[code]
        return code, authority, list_name, True
    agency = source.rsplit(" - ", 1)[-1].strip().casefold() if " - " in source else ""
    authority = _AGENCIES.get(agency, Authority.US_OTHER)
    list_name = source.split(" - ")[0].strip() or code
    return code, authority, list_name, False


def _csl_address(text: str) -> Address:
    parts = [part.strip() for part in text.split(",") if part.strip()]
    country = _country(parts[-1]) if parts else None
    return Address(full=text, country=country)


def _csl_identifiers(
    value: str, type_first: bool
) -> Iterator[tuple[str, str, str | None, FuzzyDate | None, FuzzyDate | None]]:
    """(label, value, country, issued, expires) per `ids` group."""
    for group in split_values(value):
        parts = [part.strip() for part in group.split(",")]
        parts = [part for part in parts if part]
        if not parts:
            continue
        if len(parts) == 1:
            yield parts[0], "", None, None, None
            continue
        country: str | None = None
        issued: FuzzyDate | None = None
        expires: FuzzyDate | None = None
        if type_first:
            label, rest = parts[0], parts[1:]
            dates: list[FuzzyDate] = []
            while len(rest) > 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", rest[-1]):
                parsed = parse_fuzzy_date(rest.pop())
                if parsed is not None:
                    dates.insert(0, parsed)
            # The API's order is type, number, country, issue_date, expiration_date with empty
            # parts left out, so a lone date is taken as the issue date.
            if dates:
                issued = dates[0]
                expires = dates[1] if len(dates) > 1 else None
            if (
                len(rest) > 1
                and classify_identifier(label) is not None
                and len(rest[-1]) == 2
                and rest[-1].isupper()
            ):
                country = _country(rest.pop()) or None
        else:
            label, rest = parts[-1], parts[:-1]
            if (
                len(rest) > 1
                and classify_identifier(label) is not None
                and len(rest[0]) == 2
                and rest[0].isupper()
            ):
                country = _country(rest.pop(0)) or None
        yield label, ", ".join(rest), country, issued, expires


@dataclass
class _Facts:
    """Entity fields gathered from an `ids` cell."""

    identifiers: list[Identifier] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    gender: str | None = None
    extra: list[tuple[str, str]] = field(default_factory=list)


# Labels of facts that OFAC files among ids: "Former Vessel Flag", "Nationality of
# Registration" (a country, not a registration number), "Vessel Year of Build".
_FACT_LABEL = re.compile(r"flag|nationality|year of build|\bdate\b|\btype\b|model|operator")


def _read_ids(value: str, type_first: bool) -> _Facts:
    facts = _Facts()
    for label, number, country, issued, expires in _csl_identifiers(value, type_first):
        key = label.casefold().rstrip(" :-")
        if key == "website":
            facts.websites.append(number)
        elif key in ("email address", "email"):
            facts.emails.append(number)
        elif key in ("phone number", "phone"):
            facts.phones.append(number)
        elif key == "gender":
            facts.gender = number.casefold() or None
        elif label.rstrip().endswith((":", "-")) or _FACT_LABEL.search(key) or not number:
            facts.extra.append((label, number))
        elif (kind := classify_identifier(label)) is not None:
            if kind is IdentifierKind.IMO:
                number = re.sub(r"^IMO\s*", "", number)
            facts.identifiers.append(
                Identifier(
                    kind, number, country=country, label=label, issued=issued, expires=expires
                )
            )
        else:
            facts.extra.append((label, number))
    return facts


def _split_last_first(full: str) -> tuple[str | None, str | None]:
    """OFAC writes individuals `LAST, First` (`RIM, Ryong Nam`)."""
    if full.count(",") != 1:
        return None, None
    last, first = (part.strip() for part in full.split(","))
    return (first or None), (last or None)


def parse_csl(path: Path, *, today: date | None = None) -> ParsedList:
    """Read `consolidated.csv` in either layout; `today` decides whether an end date has
    passed (default: the current date)."""
    today = today or date.today()
    text = _open_text(path)
    rows = _rows(path, text, ",")
    first = next(rows, None)
    if first is None:
        raise SourceFormatError("the file is empty: is the download complete?", path=path)
    _, header = first
    header = [column.strip() for column in header]
    if header and header[0] == "_id":
        _check_header(path, header, CSL_COLUMNS_2025, "Consolidated Screening List")
        layout = "2025"
    else:
        _check_header(path, header, CSL_COLUMNS_2017, "Consolidated Screening List")
        layout = "2017"
    report = _Collector(path)
    entities: list[Entity] = []
    seen_ids: Counter[str] = Counter()
    unknown_lists: Counter[str] = Counter()
    for line, fields in rows:
        _check_width(path, line, fields, len(header))
        row = {column: clean_text(value) for column, value in zip(header, fields, strict=True)}
        if not row["name"]:
            raise SourceFormatError(
                "empty name: is the row damaged?", path=path, line=line, field="name"
            )
        code, authority, list_name, known = _list_of(row["source"])
        if not known:
            unknown_lists[row["source"]] += 1
        derived = False
        if layout == "2025" and row["_id"]:
            source_id = row["_id"]
        elif row["entity_number"]:
            source_id = row["entity_number"]
        else:
            source_id, derived = f"{code}-{row['name']}", True
        entity_id = make_entity_id("us-csl", source_id)
        seen_ids[entity_id] += 1
        if seen_ids[entity_id] > 1:
            # Derived ids repeat by design (the Entity List has a row per address).
            if not derived:
                report.warn(line, f"id {source_id!r} seen before; kept as a separate entry")
            source_id = f"{source_id}-{seen_ids[entity_id]}"
            entity_id = make_entity_id("us-csl", source_id)
        entities.append(
            _csl_entity(
                row, entity_id, source_id, code, authority, list_name, layout, today, report, line
            )
        )
    for source, count in unknown_lists.items():
        report.warn(None, f"{count} rows from a list watchlist does not know: {source!r}")
    return ParsedList(
        source="us-csl",
        entities=tuple(entities),
        files=(SourceFile.of(path),),
        warnings=tuple(report.warnings),
        meta={"layout": layout},
    )


def _csl_entity(
    row: dict[str, str],
    entity_id: str,
    source_id: str,
    code: str,
    authority: Authority,
    list_name: str,
    layout: str,
    today: date,
    report: _Collector,
    line: int,
) -> Entity:
    schema = _CSL_TYPES.get(row["type"].casefold(), Schema.LEGAL_ENTITY)
    if row["type"] and row["type"].casefold() not in _CSL_TYPES:
        report.warn(line, f"unknown type {row['type']!r}; read as LegalEntity")
    first, last = _split_last_first(row["name"]) if schema is Schema.PERSON else (None, None)
    names = [Name(row["name"], NameKind.PRIMARY, first=first, last=last)]
    for alias in split_values(row["alt_names"]):
        if alias != row["name"]:
            first, last = _split_last_first(alias) if schema is Schema.PERSON else (None, None)
            names.append(Name(alias, NameKind.ALIAS, first=first, last=last))

    extra: list[tuple[str, str]] = []
    birth_dates: list[FuzzyDate] = []
    for text in split_values(row["dates_of_birth"]):
        parsed = parse_fuzzy_date(text)
        if parsed is None:
            report.warn(line, f"date of birth {text!r} not understood; kept as text")
            extra.append(("date_of_birth", text))
        else:
            birth_dates.append(parsed)

    def countries(column: str) -> tuple[str, ...]:
        found = []
        for text in split_values(row[column]):
            code_ = _country(text)
            if code_ is None:
                report.warn(line, f"{column} {text!r} is not a country; kept as text")
                extra.append((column, text))
            else:
                found.append(code_)
        return unique(found)

    addresses = tuple(_csl_address(text) for text in split_values(row["addresses"]))
    facts = _read_ids(row["ids"], type_first=layout == "2025")
    extra.extend(facts.extra)

    listed = _iso_date(row["start_date"]) if row["start_date"] else None
    if row["start_date"] and listed is None:
        report.warn(line, f"start_date {row['start_date']!r} is not a date; kept as text")
        extra.append(("start_date", row["start_date"]))
    status, delisted_on, end_note = DesignationStatus.ACTIVE, None, None
    if row["end_date"]:
        end = _iso_date(row["end_date"])
        if end is None:
            report.warn(line, f"end_date {row['end_date']!r} is not a date; kept as text")
            extra.append(("end_date", row["end_date"]))
        else:
            status, delisted_on, end_note = _end_note(end, today)
    note_parts = [
        f"license requirement: {row['license_requirement']}" if row["license_requirement"] else "",
        f"license policy: {row['license_policy']}" if row["license_policy"] else "",
        f"standard order: {row['standard_order']}" if row["standard_order"] else "",
        end_note or "",
    ]
    designation = Designation(
        authority=authority,
        list_name=list_name,
        programs=tuple(split_values(row["programs"])),
        listed_on=listed,
        effective_on=listed,
        federal_register=row["federal_register_notice"] or None,
        status=status,
        delisted_on=delisted_on,
        source_url=row["source_list_url"] or None,
        note="; ".join(part for part in note_parts if part) or None,
    )
    vessel = None
    if schema is Schema.VESSEL or any(
        row[c] for c in ("call_sign", "vessel_type", "gross_tonnage", "vessel_flag")
    ):
        vessel = VesselInfo(
            call_sign=row["call_sign"] or None,
            vessel_type=row["vessel_type"] or None,
            tonnage=row["gross_tonnage"] or None,
            gross_registered_tonnage=row["gross_registered_tonnage"] or None,
            flag=(_country(row["vessel_flag"]) or row["vessel_flag"])
            if row["vessel_flag"]
            else None,
            owner=row["vessel_owner"] or None,
        )
    return Entity(
        id=entity_id,
        schema=schema,
        source="us-csl",
        source_id=source_id,
        names=tuple(names),
        designations=(designation,),
        birth_dates=tuple(birth_dates),
        birth_places=tuple(split_values(row["places_of_birth"])),
        nationalities=countries("nationalities"),
        citizenships=countries("citizenships"),
        countries=unique(address.country for address in addresses),
        addresses=addresses,
        identifiers=tuple(facts.identifiers),
        gender=facts.gender,
        positions=(row["title"],) if row["title"] else (),
        websites=unique(facts.websites),
        emails=unique(facts.emails),
        phones=unique(facts.phones),
        vessel=vessel,
        remarks=(row["remarks"],) if row["remarks"] else (),
        provenance=(
            Provenance(
                source="us-csl",
                url=row["source_information_url"] or None,
                title=row["source"] or None,
            ),
        ),
        extra=tuple(extra),
    )


# --- Denied Persons List --------------------------------------------------------------------


def _name_key(name: str) -> str:
    return make_entity_id("us-dpl", name)


def parse_dpl(path: Path, *, today: date | None = None) -> ParsedList:
    """Read BIS's `dpl.txt`: one entity per denied party, one designation per denial order."""
    today = today or date.today()
    text = _open_text(path)
    rows = _rows(path, text, "\t")
    first = next(rows, None)
    if first is None:
        raise SourceFormatError("the file is empty: is the download complete?", path=path)
    _, header = first
    _check_header(path, [column.strip() for column in header], DPL_COLUMNS, "Denied Persons List")
    report = _Collector(path)
    groups: dict[str, list[tuple[int, dict[str, str]]]] = {}
    last_update: date | None = None
    for line, fields in rows:
        _check_width(path, line, fields, len(DPL_COLUMNS))
        row = {c: clean_text(v) for c, v in zip(DPL_COLUMNS, fields, strict=True)}
        if not row["Name"]:
            raise SourceFormatError(
                "empty name: is the row damaged?", path=path, line=line, field="Name"
            )
        for column in ("Effective_Date", "Expiration_Date"):
            if row[column] and _us_date(row[column]) is None:
                raise SourceFormatError(
                    f"{row[column]!r} is not a MM/DD/YYYY date",
                    path=path,
                    line=line,
                    field=column,
                )
        updated = _iso_date(row["Last_Update"]) if row["Last_Update"] else None
        if updated is not None and updated > today:
            # Typos happen: one 2019 row says it was updated on 3017-08-22.
            report.warn(line, f"Last_Update {row['Last_Update']} lies in the future; ignored")
            updated = None
        if updated is not None and (last_update is None or updated > last_update):
            last_update = updated
        groups.setdefault(_name_key(row["Name"]), []).append((line, row))
    entities = [_dpl_entity(entity_id, rows_, today, report) for entity_id, rows_ in groups.items()]
    return ParsedList(
        source="us-dpl",
        entities=tuple(entities),
        files=(SourceFile.of(path),),
        published_on=last_update,
        warnings=tuple(report.warnings),
        meta={"rows": str(sum(len(r) for r in groups.values()))},
    )


_FR_CITATION = re.compile(r"\d+\s*F\.?\s*R\.?\s*\d+(?:\s+\d{1,2}/\d{1,2}/\d{2,4})?")


def _fr_citations(text: str) -> list[str]:
    """`67 F.R. 56530 9/4/02 67 F.R. 10890 3/11/02` -> two citations, as written."""
    found = [" ".join(match.split()) for match in _FR_CITATION.findall(text)]
    return found or ([text] if text else [])


def _dpl_entity(
    entity_id: str, rows: list[tuple[int, dict[str, str]]], today: date, report: _Collector
) -> Entity:
    names: list[Name] = []
    addresses: list[Address] = []
    remarks: list[str] = []
    extra: list[tuple[str, str]] = []
    # One designation per denial order: rows of the same order repeat its dates and differ in
    # address, and sometimes in how much of the FR history they cite.
    orders: dict[tuple[str, str, str], list[str]] = {}
    for line, row in rows:
        if row["Name"] not in {name.full for name in names}:
            kind = NameKind.PRIMARY if not names else NameKind.ALIAS
            names.append(Name(row["Name"], kind))
        country = _country(row["Country"]) if row["Country"] else None
        if row["Country"] and country is None:
            report.warn(line, f"country {row['Country']!r} is not a country; kept as text")
        parts = [
            row["Street_Address"],
            row["City"],
            row["State"],
            row["Postal_Code"],
            row["Country"],
        ]
        address = Address(
            full=", ".join(part for part in parts if part) or None,
            street=row["Street_Address"] or None,
            city=row["City"] or None,
            region=row["State"] or None,
            postal_code=row["Postal_Code"] or None,
            country=country,
            country_name=row["Country"] if row["Country"] and country is None else None,
        )
        if address.full and address not in addresses:
            addresses.append(address)
        if row["Action"] and row["Action"] not in remarks:
            remarks.append(row["Action"])
        key = (row["Effective_Date"], row["Expiration_Date"], row["Standard_Order"])
        citations = orders.setdefault(key, [])
        for citation in _fr_citations(row["FR_Citation"]):
            if citation not in citations:
                citations.append(citation)
        if row["Last_Update"] and ("last_update", row["Last_Update"]) not in extra:
            extra.append(("last_update", row["Last_Update"]))
    designations = []
    for (effective, expiration, standard_order), citations in orders.items():
        status, delisted_on, end_note = DesignationStatus.ACTIVE, None, None
        if expiration:
            expires = _us_date(expiration)
            assert expires is not None  # checked while reading
            status, delisted_on, end_note = _end_note(expires, today)
        note_parts = [f"standard order: {standard_order}" if standard_order else "", end_note]
        designations.append(
            Designation(
                authority=Authority.BIS,
                list_name="Denied Persons List",
                effective_on=_us_date(effective) if effective else None,
                federal_register="; ".join(citations) or None,
                status=status,
                delisted_on=delisted_on,
                source_url="https://www.bis.doc.gov/index.php/the-denied-persons-list",
                note="; ".join(part for part in note_parts if part) or None,
            )
        )
    return Entity(
        id=entity_id,
        schema=Schema.LEGAL_ENTITY,
        source="us-dpl",
        source_id=entity_id.removeprefix("us-dpl-"),
        names=tuple(names),
        designations=tuple(designations),
        countries=unique(address.country for address in addresses),
        addresses=tuple(addresses),
        remarks=tuple(remarks),
        provenance=(Provenance(source="us-dpl", url=DPL_URL, title="BIS Denied Persons List"),),
        extra=tuple(extra),
    )


US_CSL = SourceSpec(
    name="us-csl",
    title="US Consolidated Screening List",
    publisher="US Department of Commerce, International Trade Administration",
    parse=parse_csl,
    urls=(CSL_URL,),
    input_hint="consolidated.csv (either the 28- or the 29-column layout)",
    filenames=("consolidated.csv",),
)

US_DPL = SourceSpec(
    name="us-dpl",
    title="BIS Denied Persons List",
    publisher="US Department of Commerce, Bureau of Industry and Security",
    parse=parse_dpl,
    urls=(DPL_URL,),
    input_hint="dpl.txt (tab-separated)",
    filenames=("dpl.txt",),
)
