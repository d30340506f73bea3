"""OFAC's two lists: the SDN List and the Non-SDN Consolidated List.

`parse(path)` takes a folder with the legacy CSV set (sdn.csv + add.csv + alt.csv +
sdn_comments.csv, or cons_prim/cons_add/cons_alt/cons_comments; any case), a lone sdn.csv-layout
file, or an SDN.XML / CONSOLIDATED.XML file.

Mapping choices:
- SDN_Type `-0-` (an "entity") becomes Schema.ORGANIZATION: OFAC does not tell a company from an
  armed group or a state body, and Organization is the narrowest FollowTheMoney schema covering
  all three (a Company is an Organization, so company screening still meets it).
- Individuals keep the list's `SURNAME, Given` form as `Name.full`, with `last`/`first` filled.
- alt.csv names are OFAC's strong aliases: aka -> ALIAS, fka -> PREVIOUS, nka -> ALIAS noted
  "n.k.a.". alt_remarks is `-0-` on every row of every vintage we hold, so the CSV carries no
  quality flag there; the weak a.k.a.s are the ones written into the remarks (WEAK_ALIAS, see
  ofac_remarks). SDN.XML says so directly with `category` strong/weak.
- Remarks (with their sdn_comments.csv continuation) are read by ofac_remarks; sanctions notes
  such as `Secondary sanctions risk:` go to the designation's note and to `extra`.
- `Linked To: NAME` becomes a LINKED_TO relation, resolved to an id when exactly one entry of the
  same list has NAME as its primary name.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import NoReturn

from watchlist.errors import SourceFormatError
from watchlist.model import (
    Address,
    Authority,
    Designation,
    Entity,
    Name,
    NameKind,
    Provenance,
    Schema,
    VesselInfo,
    make_entity_id,
)
from watchlist.model.countries import country_code
from watchlist.sources.base import ParsedList, RejectedRecord, SourceFile, SourceSpec, unique
from watchlist.sources.ofac_remarks import (
    RemarkFacts,
    RemarkReader,
    country_or_text,
    make_name,
    parse_ofac_date,
    parse_remarks,
    split_remarks,
)
from watchlist.sources.ofac_xml import XmlEntry, XmlHeader, read_sdn_xml

EXPORTS_URL = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"
SDN_CSV_URLS = tuple(
    EXPORTS_URL + name for name in ("SDN.CSV", "ADD.CSV", "ALT.CSV", "SDN_COMMENTS.CSV")
)
CONS_CSV_URLS = tuple(
    EXPORTS_URL + name
    for name in ("CONS_PRIM.CSV", "CONS_ADD.CSV", "CONS_ALT.CSV", "CONS_COMMENTS.CSV")
)
SDN_XML_URL = EXPORTS_URL + "SDN.XML"
CONS_XML_URL = EXPORTS_URL + "CONSOLIDATED.XML"


@dataclass(frozen=True, slots=True)
class OfacList:
    """One of OFAC's lists: its watchlist source name and its file names and URLs."""

    source: str
    title: str
    list_name: str  # Designation.list_name
    primary: str  # file names, lower case
    addresses: str
    aliases: str
    comments: str
    xml: str
    csv_urls: tuple[str, ...]  # primary, addresses, aliases, comments
    xml_url: str

    @property
    def csv_names(self) -> tuple[str, str, str, str]:
        return (self.primary, self.addresses, self.aliases, self.comments)


SDN_LIST = OfacList(
    source="ofac-sdn",
    title="OFAC Specially Designated Nationals and Blocked Persons List",
    list_name="SDN List",
    primary="sdn.csv",
    addresses="add.csv",
    aliases="alt.csv",
    comments="sdn_comments.csv",
    xml="sdn.xml",
    csv_urls=SDN_CSV_URLS,
    xml_url=SDN_XML_URL,
)
CONS_LIST = OfacList(
    source="ofac-cons",
    title="OFAC Consolidated Sanctions List (Non-SDN)",
    list_name="Non-SDN Consolidated List",
    primary="cons_prim.csv",
    addresses="cons_add.csv",
    aliases="cons_alt.csv",
    comments="cons_comments.csv",
    xml="consolidated.xml",
    csv_urls=CONS_CSV_URLS,
    xml_url=CONS_XML_URL,
)

_SCHEMAS = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRPLANE,
    "entity": Schema.ORGANIZATION,
    None: Schema.ORGANIZATION,  # sdn.csv writes an entity's SDN_Type as -0-
}
_ALT_TYPES = {
    "aka": (NameKind.ALIAS, None),
    "fka": (NameKind.PREVIOUS, None),
    "nka": (NameKind.ALIAS, "n.k.a."),
}


# --- the legacy CSV layout --------------------------------------------------------------------


# Values are always double-quoted; null is the unquoted token `-0-`, nearly always followed by a
# space. The 2019 copies cut the file's very last `-0- ` to `-0-` (alt.csv) or `-0` (add.csv).
_NULL = r"-0(?:- ?)?"
_QUOTED = r'"((?:[^"]|"")*)"'


@dataclass(frozen=True, slots=True)
class _Table:
    columns: tuple[str, ...]
    numeric: int  # leading columns that are unquoted whole numbers (ent_num, Add_num, alt_num)
    pattern: re.Pattern[str]


def _table(*columns: str, numeric: int) -> _Table:
    # A strict row pattern rather than the csv module: it checks OFAC's quoting, which is how a
    # file re-saved by a spreadsheet program (quotes lost, commas shifted) is caught.
    text_fields = len(columns) - numeric
    pattern = ",".join([r"(\d+)"] * numeric + [rf"(?:{_QUOTED}|{_NULL})"] * text_fields)
    return _Table(columns, numeric, re.compile(pattern))


_SDN_TABLE = _table(
    "ent_num",
    "SDN_Name",
    "SDN_Type",
    "Program",
    "Title",
    "Call_Sign",
    "Vess_type",
    "Tonnage",
    "GRT",
    "Vess_flag",
    "Vess_owner",
    "Remarks",
    numeric=1,
)
_ADD_TABLE = _table(
    "ent_num",
    "Add_num",
    "Address",
    "City/State/Province/Postal Code",
    "Country",
    "Add_remarks",
    numeric=2,
)
_ALT_TABLE = _table("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks", numeric=2)
_COMMENTS_TABLE = _table("ent_num", "Remarks", numeric=1)
_TOKEN = re.compile(r'"(?:[^"]|"")*"|[^,]*')


def _decode(data: bytes) -> str:
    # OFAC's files are ASCII today; older ones were Windows-1252. Non-ASCII bytes that happen to
    # be valid UTF-8 are almost never legacy text, so UTF-8 is tried first.
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _lines(path: Path) -> list[str]:
    data = path.read_bytes()
    nul = data.find(b"\x00")
    if nul >= 0:
        raise SourceFormatError(
            "contains a NUL byte: the file is damaged or not text; download it again",
            path=path,
            line=data.count(b"\n", 0, nul) + 1,
        )
    text = _decode(data).removeprefix("\ufeff")
    # Official files end with CRLF and then one 0x1A (Ctrl-Z), a DOS end-of-file marker.
    text = text.removesuffix("\x1a")
    if not text.strip():
        return []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _diagnose(path: Path, number: int, line: str, table: _Table) -> NoReturn:
    """Say precisely why a line is not an OFAC CSV row."""
    expected = len(table.columns)
    fields = next(csv.reader([line]), [])
    if len(fields) != expected:
        raise SourceFormatError(
            f"expected {expected} fields, found {len(fields)} — is the file truncated or "
            "damaged? Download it again",
            path=path,
            line=number,
        )
    tokens: list[str] = []
    position = 0
    while True:
        token = _TOKEN.match(line, position)
        assert token is not None  # `[^,]*` matches the empty string
        tokens.append(token.group())
        position = token.end()
        if position >= len(line) or line[position] != ",":
            break
        position += 1
    for index, column in enumerate(table.columns):
        raw = tokens[index] if index < len(tokens) else fields[index]
        if index < table.numeric:
            if not raw.isdigit():
                raise SourceFormatError(
                    f"{column} {raw!r} is not a whole number", path=path, line=number, field=column
                )
        elif not re.fullmatch(rf"{_QUOTED}|{_NULL}", raw):
            raise SourceFormatError(
                f"{raw!r} is not quoted: OFAC quotes every value and writes -0- for none; was the "
                "file re-saved by a spreadsheet program? Download it again",
                path=path,
                line=number,
                field=column,
            )
    raise SourceFormatError(
        f"cannot read this line as OFAC CSV: {line[:80]!r}", path=path, line=number
    )


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    ent_num: str
    values: tuple[str | None, ...]  # the columns after ent_num; None for -0-


def _read_table(path: Path, table: _Table) -> list[_Row]:
    pattern = table.pattern
    rows: list[_Row] = []
    for number, line in enumerate(_lines(path), start=1):
        match = pattern.fullmatch(line)
        if match is None:
            _diagnose(path, number, line, table)
        groups = match.groups()
        if '""' in line:
            values = tuple(v.replace('""', '"') if v else None for v in groups[1:])
        else:
            values = tuple(v or None for v in groups[1:])
        rows.append(_Row(number, groups[0], values))
    return rows


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    return value.strip() or None


def _address(
    street: str | None,
    city: str | None,
    country: str | None,
    note: str | None = None,
    *,
    postal_code: str | None = None,
    region: str | None = None,
) -> Address | None:
    street, city, country = _text(street), _text(city), _text(country)
    if not (street or city or country or postal_code or region):
        return None  # OFAC gives every entry an address row, often all -0-
    full = ", ".join(part for part in (street, city, region, postal_code, country) if part)
    return Address(
        full=full,
        street=street,
        city=city,
        postal_code=postal_code,
        region=region,
        country=country_code(country),
        country_name=country,
        note=_text(note),
    )


def read_address_file(path: Path) -> dict[str, list[Address]]:
    """add.csv (or cons_add.csv): ent_num -> its addresses, all-null rows left out.

    The second column is OFAC's combined `City/State/Province/Postal Code` (`London EC3N 1DY`),
    kept whole in `Address.city`.
    """
    return _group_addresses(_read_table(path, _ADD_TABLE))


def _group_addresses(rows: Iterable[_Row]) -> dict[str, list[Address]]:
    found: dict[str, list[Address]] = defaultdict(list)
    for row in rows:
        _, street, city, country, note = row.values
        if (address := _address(street, city, country, note)) is not None:
            found[row.ent_num].append(address)
    return dict(found)


def _alias(row: _Row, path: Path, person: bool) -> Name:
    _, alt_type, alt_name, alt_remarks = row.values
    if alt_type is None or alt_type.strip().lower() not in _ALT_TYPES:
        raise SourceFormatError(
            f"alt_type {alt_type!r} is not aka, fka or nka",
            path=path,
            line=row.line,
            field="alt_type",
        )
    if alt_name is None:
        raise SourceFormatError("alt_name is empty", path=path, line=row.line, field="alt_name")
    kind, note = _ALT_TYPES[alt_type.strip().lower()]
    remarks = _text(alt_remarks)
    if remarks:
        note = f"{note}; {remarks}" if note else remarks
    return make_name(alt_name.strip(), kind, person=person, note=note)


def read_alt_file(path: Path, *, individuals: Collection[str] = ()) -> dict[str, list[Name]]:
    """alt.csv (or cons_alt.csv): ent_num -> its alias names, in file order.

    Aliases of the ent_nums in `individuals` are split into first/last like primary names.
    """
    return _group_aliases(_read_table(path, _ALT_TABLE), path, individuals)


def _group_aliases(
    rows: Iterable[_Row], path: Path, individuals: Collection[str]
) -> dict[str, list[Name]]:
    found: dict[str, list[Name]] = defaultdict(list)
    for row in rows:
        found[row.ent_num].append(_alias(row, path, row.ent_num in individuals))
    return dict(found)


def _check_known(rows: Iterable[_Row], path: Path, known: Collection[str], primary: str) -> None:
    for row in rows:
        if row.ent_num not in known:
            raise SourceFormatError(
                f"ent_num {row.ent_num} is not in {primary}; is {path.name} from another "
                f"download than {primary}? Download the set again",
                path=path,
                line=row.line,
                field="ent_num",
            )


# --- entities ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    which: OfacList
    url: str
    published_on: date | None


def _entity(
    context: _Context,
    ent_num: str,
    schema: Schema,
    names: Iterable[Name],
    programs: tuple[str, ...],
    titles: tuple[str, ...],
    facts: RemarkFacts,
    addresses: Iterable[Address],
    vessel: VesselInfo | None,
) -> Entity:
    seen: dict[str, Name] = {}
    for name in (*names, *facts.names):
        seen.setdefault(name.full, name)  # the first, strongest, wins
    address_list = tuple(addresses)
    countries: tuple[str, ...] = ()
    if schema is not Schema.PERSON:
        flag = country_code(vessel.flag) if vessel is not None and vessel.flag else None
        countries = unique([*(a.country for a in address_list), *facts.countries, flag])
    designation = Designation(
        authority=Authority.OFAC,
        list_name=context.which.list_name,
        programs=programs,
        source_url=context.url,
        note="; ".join(facts.sanctions) or None,
    )
    return Entity(
        id=make_entity_id(context.which.source, ent_num),
        schema=schema,
        source=context.which.source,
        source_id=ent_num,
        names=tuple(seen.values()),
        designations=(designation,),
        relations=facts.relations,
        birth_dates=facts.birth_dates,
        birth_places=facts.birth_places,
        nationalities=facts.nationalities,
        citizenships=facts.citizenships,
        countries=countries,
        addresses=address_list,
        identifiers=facts.identifiers,
        gender=facts.gender,
        titles=unique([*titles, *facts.titles]),
        positions=facts.positions,
        websites=facts.websites,
        emails=facts.emails,
        phones=facts.phones,
        vessel=vessel,
        aircraft=facts.aircraft,
        remarks=facts.remarks,
        provenance=(
            Provenance(
                source=context.which.source,
                url=context.url,
                title=context.which.title,
                published_on=context.published_on,
            ),
        ),
        extra=facts.extra,
    )


def _titles(text: str | None) -> tuple[str, ...]:
    """The Title column, `; `-separated; unlike remarks its full stops belong to it (`Lt. Col.`)."""
    return unique(text.split("; ")) if text else ()


def _programs(text: str | None) -> tuple[str, ...]:
    """`SDNTK] [FTO] [SDGT` -> ("SDNTK", "FTO", "SDGT"): the outer brackets are stripped."""
    if text is None:
        return ()
    return unique(part.strip("[] ") for part in text.split("] ["))


def _vessel(
    schema: Schema, columns: tuple[str | None, ...], build_year: str | None
) -> VesselInfo | None:
    call_sign, vessel_type, tonnage, grt, flag, owner = (_text(v) for v in columns)
    if schema is not Schema.VESSEL and not any(columns):
        return None
    return VesselInfo(
        call_sign=call_sign,
        vessel_type=vessel_type,
        tonnage=tonnage,
        gross_registered_tonnage=grt,
        flag=flag,
        owner=owner,
        build_year=build_year,
    )


def _resolve_links(entities: list[Entity]) -> tuple[list[Entity], int, int]:
    """Point `Linked To: NAME` at the one entry whose primary name is NAME; count how many do.

    OFAC ends the remarks with a full stop, so a last clause `Linked To: R D I S.A.` loses the
    name's own `.`: both spellings are tried.
    """
    by_name: dict[str, list[str]] = defaultdict(list)
    for entity in entities:
        by_name[entity.caption].append(entity.id)
    total = resolved = 0
    result: list[Entity] = []
    for entity in entities:
        if not entity.relations:
            result.append(entity)
            continue
        relations = []
        for relation in entity.relations:
            total += 1
            spellings = (relation.target_name, f"{relation.target_name}.")
            name = next((spelling for spelling in spellings if spelling in by_name), None)
            if name is not None and len(by_name[name]) == 1:
                resolved += 1
                relation = replace(relation, target_id=by_name[name][0], target_name=name)
            relations.append(relation)
        result.append(entity.evolve(relations=tuple(relations)))
    return result, resolved, total


def _finish(
    which: OfacList,
    entities: list[Entity],
    files: Iterable[Path],
    published_on: date | None,
    warnings: list[str],
    rejected: list[RejectedRecord],
    meta: dict[str, str],
) -> ParsedList:
    linked, resolved, total = _resolve_links(entities)
    meta["linked_to_total"] = str(total)
    meta["linked_to_resolved"] = str(resolved)
    return ParsedList(
        source=which.source,
        entities=tuple(linked),
        files=tuple(SourceFile.of(path) for path in files),
        published_on=published_on,
        warnings=tuple(warnings),
        rejected=tuple(rejected),
        meta=meta,
    )


def _parse_csv(
    which: OfacList,
    primary: Path,
    addresses_path: Path | None = None,
    aliases_path: Path | None = None,
    comments_path: Path | None = None,
) -> ParsedList:
    warnings: list[str] = []
    rejected: list[RejectedRecord] = []
    rows = _read_table(primary, _SDN_TABLE)
    if not rows:
        raise SourceFormatError(
            "the file is empty; the download probably failed, download it again", path=primary
        )
    lines: dict[str, int] = {}
    for row in rows:
        if row.ent_num in lines:
            raise SourceFormatError(
                f"ent_num {row.ent_num} appears twice (first on line {lines[row.ent_num]})",
                path=primary,
                line=row.line,
                field="ent_num",
            )
        lines[row.ent_num] = row.line
        name, sdn_type = row.values[0], row.values[1]
        if name is None or not name.strip():
            raise SourceFormatError("SDN_Name is empty", path=primary, line=row.line)
        if sdn_type not in _SCHEMAS or sdn_type == "entity":
            raise SourceFormatError(
                f"SDN_Type {sdn_type!r} is not individual, vessel, aircraft or -0- (entity)",
                path=primary,
                line=row.line,
                field="SDN_Type",
            )
    individuals = {row.ent_num for row in rows if row.values[1] == "individual"}

    addresses: dict[str, list[Address]] = {}
    if addresses_path is not None:
        address_rows = _read_table(addresses_path, _ADD_TABLE)
        _check_known(address_rows, addresses_path, lines, primary.name)
        addresses = _group_addresses(address_rows)

    aliases: dict[str, list[Name]] = {}
    if aliases_path is not None:
        alias_rows = _read_table(aliases_path, _ALT_TABLE)
        _check_known(alias_rows, aliases_path, lines, primary.name)
        aliases = _group_aliases(alias_rows, aliases_path, individuals)

    continued: dict[str, list[str]] = defaultdict(list)
    if comments_path is not None:
        for row in _read_table(comments_path, _COMMENTS_TABLE):
            text = row.values[0]
            if row.ent_num not in lines:
                # Known upstream quirk: the 2019 copy's sdn_comments.csv is from 2023.
                reason = (
                    f"ent_num {row.ent_num} is not in {primary.name}; its remarks continuation "
                    "is not used"
                )
                warnings.append(f"{comments_path.name} line {row.line}: {reason}")
                rejected.append(RejectedRecord(str(comments_path), row.line, reason))
            elif text is not None:
                continued[row.ent_num].append(text)

    context = _Context(which, which.csv_urls[0], None)
    entities: list[Entity] = []
    for row in rows:
        name, sdn_type, program, title = (row.values[i] for i in range(4))
        vessel_columns = row.values[4:10]
        remarks = row.values[10]
        assert name is not None
        schema = _SCHEMAS[sdn_type]
        person = schema is Schema.PERSON
        programs = _programs(program)
        if not programs:
            warnings.append(f"{primary.name} line {row.line}: ent_num {row.ent_num} has no program")
        titles = _titles(title)
        # sdn.csv cuts Remarks at 1,000 characters; the rest follows in sdn_comments.csv, starting
        # mid-word (`17016,"tive Date (EO 14024 Directive)' ...`), so the parts are concatenated.
        text = (remarks or "") + "".join(continued.get(row.ent_num, ()))
        facts = parse_remarks(text, person=person, titles=titles, source=which.source)
        entities.append(
            _entity(
                context,
                row.ent_num,
                schema,
                [
                    make_name(name.strip(), NameKind.PRIMARY, person=person),
                    *aliases.get(row.ent_num, ()),
                ],
                programs,
                titles,
                facts,
                addresses.get(row.ent_num, ()),
                _vessel(schema, vessel_columns, facts.vessel_build_year),
            )
        )
    files = [p for p in (primary, addresses_path, aliases_path, comments_path) if p is not None]
    meta = {"format": "csv"}
    return _finish(which, entities, files, None, warnings, rejected, meta)


# --- SDN.XML ----------------------------------------------------------------------------------

_XML_ALIAS_KINDS = {"a.k.a.": NameKind.ALIAS, "f.k.a.": NameKind.PREVIOUS, "n.k.a.": NameKind.ALIAS}


def _xml_name(last: str, first: str | None, kind: NameKind, person: bool, note: str | None) -> Name:
    if first:
        return Name(full=f"{last}, {first}", kind=kind, first=first, last=last, note=note)
    return make_name(last, kind, person=person, note=note)


def _entity_from_xml(context: _Context, entry: XmlEntry) -> Entity:
    schema = _SCHEMAS[entry.sdn_type]
    person = schema is Schema.PERSON
    names = [_xml_name(entry.last_name, entry.first_name, NameKind.PRIMARY, person, None)]
    for aka in entry.akas:
        aka_type = aka.type.strip().lower()
        weak = aka.category.strip().lower() == "weak"
        kind = NameKind.WEAK_ALIAS if weak else _XML_ALIAS_KINDS.get(aka_type, NameKind.ALIAS)
        note = None
        if aka_type not in ("a.k.a.", "f.k.a.") or (weak and aka_type != "a.k.a."):
            note = f"{aka_type} (weak)" if weak else aka_type
        names.append(_xml_name(aka.last_name, aka.first_name, kind, person, note))
    titles = _titles(entry.title)
    reader = RemarkReader(
        person=person, titles_known=frozenset(titles), source=context.which.source
    )
    for text in entry.dates_of_birth:
        if (parsed := parse_ofac_date(text)) is not None:
            reader.birth_dates.append(parsed)
        else:
            reader.remarks.append(f"DOB {text}")
    reader.birth_places.extend(entry.places_of_birth)
    reader.nationalities.extend(country_or_text(text) for text in entry.nationalities)
    reader.citizenships.extend(country_or_text(text) for text in entry.citizenships)
    for item in entry.ids:
        reader.feature(
            item.id_type,
            item.id_number,
            country=item.id_country,
            issued=item.issue_date,
            expires=item.expiration_date,
        )
    for clause in split_remarks(entry.remarks):
        reader.clause(clause)
    reader.extra.extend(entry.unknown)
    facts = reader.facts()
    addresses = [
        address
        for item in entry.addresses
        if (
            address := _address(
                ", ".join(p for p in (item.address1, item.address2, item.address3) if p) or None,
                item.city,
                item.country,
                item.region,
                postal_code=item.postal_code,
                region=item.state_or_province,
            )
        )
        is not None
    ]
    vessel = None
    if schema is Schema.VESSEL or entry.vessel:
        known = dict(entry.vessel)
        vessel = VesselInfo(
            call_sign=known.pop("callSign", None),
            vessel_type=known.pop("vesselType", None),
            tonnage=known.pop("tonnage", None),
            gross_registered_tonnage=known.pop("grossRegisteredTonnage", None),
            flag=known.pop("vesselFlag", None),
            owner=known.pop("vesselOwner", None),
            build_year=facts.vessel_build_year,
        )
        if known:
            facts = replace(facts, extra=facts.extra + tuple(known.items()))
    return _entity(
        context,
        entry.uid,
        schema,
        names,
        entry.programs,
        titles,
        facts,
        addresses,
        vessel,
    )


def _parse_xml(which: OfacList, path: Path) -> ParsedList:
    header = XmlHeader()
    context = _Context(which, which.xml_url, None)
    entities: list[Entity] = []
    seen: dict[str, int] = {}
    for entry in read_sdn_xml(path, header):
        if entry.uid in seen:
            raise SourceFormatError(
                f"sdnEntry uid {entry.uid} appears twice (first on line {seen[entry.uid]})",
                path=path,
                line=entry.line,
            )
        seen[entry.uid] = entry.line
        if header.published_on is not None and context.published_on is None:
            context = _Context(which, which.xml_url, header.published_on)
        entities.append(_entity_from_xml(context, entry))
    warnings: list[str] = []
    if header.record_count is not None and header.record_count != len(entities):
        warnings.append(
            f"{path.name}: Record_Count says {header.record_count} entries, the file holds "
            f"{len(entities)}"
        )
    meta = {"format": "xml"}
    if header.record_count is not None:
        meta["record_count"] = str(header.record_count)
    return _finish(which, entities, [path], header.published_on, warnings, [], meta)


# --- entry points -----------------------------------------------------------------------------


def _is_xml(path: Path) -> bool:
    if path.suffix.lower() == ".xml":
        return True
    with path.open("rb") as handle:
        start = handle.read(64).removeprefix(b"\xef\xbb\xbf").lstrip()
    return start.startswith(b"<")


def parse_ofac(path: Path, which: OfacList = SDN_LIST) -> ParsedList:
    """Read one of OFAC's lists from a folder of CSV files, one sdn.csv-layout file, or XML."""
    path = Path(path)
    if path.is_dir():
        present = {child.name.lower(): child for child in path.iterdir() if child.is_file()}
        primary = present.get(which.primary)
        if primary is not None:
            return _parse_csv(
                which,
                primary,
                present.get(which.addresses),
                present.get(which.aliases),
                present.get(which.comments),
            )
        if (xml := present.get(which.xml)) is not None:
            return _parse_xml(which, xml)
        found = ", ".join(sorted(present)) or "no files"
        raise SourceFormatError(
            f"no {which.primary} and no {which.xml.upper()} here (found: {found}); expected "
            f"{which.primary} with optional {which.addresses}, {which.aliases} and "
            f"{which.comments}, or {which.xml.upper()}, as published at {EXPORTS_URL}",
            path=path,
        )
    if not path.is_file():
        raise SourceFormatError("no such file or folder", path=path)
    if _is_xml(path):
        return _parse_xml(which, path)
    return _parse_csv(which, path)


def parse_sdn(path: Path) -> ParsedList:
    return parse_ofac(path, SDN_LIST)


def parse_consolidated(path: Path) -> ParsedList:
    return parse_ofac(path, CONS_LIST)


OFAC_SDN = SourceSpec(
    name=SDN_LIST.source,
    title=SDN_LIST.title,
    publisher="US Department of the Treasury, Office of Foreign Assets Control (OFAC)",
    parse=parse_sdn,
    urls=SDN_CSV_URLS,
    input_hint="a folder with sdn.csv (and add.csv, alt.csv, sdn_comments.csv), one sdn.csv, "
    "or SDN.XML",
    filenames=SDN_LIST.csv_names,
)
OFAC_CONS = SourceSpec(
    name=CONS_LIST.source,
    title=CONS_LIST.title,
    publisher="US Department of the Treasury, Office of Foreign Assets Control (OFAC)",
    parse=parse_consolidated,
    urls=CONS_CSV_URLS,
    input_hint="a folder with cons_prim.csv (and cons_add.csv, cons_alt.csv, "
    "cons_comments.csv), one cons_prim.csv, or CONSOLIDATED.XML",
    filenames=CONS_LIST.csv_names,
)

__all__ = [
    "CONS_LIST",
    "CONS_XML_URL",
    "OFAC_CONS",
    "OFAC_SDN",
    "SDN_LIST",
    "SDN_XML_URL",
    "OfacList",
    "parse_consolidated",
    "parse_ofac",
    "parse_sdn",
    "read_address_file",
    "read_alt_file",
]
