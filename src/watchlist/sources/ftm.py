"""FollowTheMoney entities in and out (OpenSanctions' `entities.ftm.json`, one entity a line).

Import reads each line with followthemoney's own model (`ValueEntity.from_dict`, FtM 4), so an
unknown schema is refused the way FtM refuses it. Only parties become watchlist entities:
Person, Organization, Company, LegalEntity, Vessel and Airplane (and their FtM descendants,
e.g. PublicBody -> Organization). The other entities are folded into the parties they point at:

- Sanction -> a Designation of its `entity` (authority from `authority`/`country`, programs from
  `program` + `programId`, reference from `unscId`/`authorityId`, `provisions` -> legal_basis);
- Ownership, Directorship, Membership, Family, Associate, UnknownLink, Employment,
  Representation, Succession -> a Relation on the owner / director / member / person / subject
  side, `target_id` the other party's watchlist id, `date` -> stated_on. Start and end dates and
  share counts go in the note (`since 2015-11-25; until 2023-03-02; 6494.29 shares`), since
  `share` is a percentage and Relation has no period;
- Passport, Identification, CryptoWallet -> Identifiers of their holder;
- Address -> Addresses of the parties whose `addressEntity` names it;
- Occupancy -> the holder's positions (the Position's name).

A party's FtM `id` is its `source_id`, its `datasets` its provenance; FtM properties with no
field of their own (topics, sourceUrl, legalForm, ...) are kept in `extra` under their FtM name,
and FtM's `referents` as `referent`, so that export writes them back.

Export builds every entity as a followthemoney proxy and checks it with the schema, so a
property FtM does not know fails loudly. An entity's watchlist id becomes its FtM id.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from followthemoney import ValueEntity, model
from followthemoney.exc import InvalidData
from followthemoney.schema import Schema as FtmSchema

from watchlist.errors import SourceFormatError, WatchlistError
from watchlist.model import (
    Address,
    AircraftInfo,
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
    Relation,
    RelationKind,
    Schema,
    VesselInfo,
    make_entity_id,
    parse_exact_date,
    parse_fuzzy_date,
)
from watchlist.sources.base import ParsedList, SourceFile, SourceSpec, unique
from watchlist.sources.csl import classify_identifier

log = logging.getLogger(__name__)

# Most specific first: a Company is also an Organization and a LegalEntity.
_PARTY_SCHEMATA: tuple[tuple[str, Schema], ...] = (
    ("Person", Schema.PERSON),
    ("Company", Schema.COMPANY),
    ("Organization", Schema.ORGANIZATION),
    ("Vessel", Schema.VESSEL),
    ("Airplane", Schema.AIRPLANE),
    ("LegalEntity", Schema.LEGAL_ENTITY),
)

# FtM identifier properties, specific before generic: when innCode, taxNumber and idNumber
# carry the same number (they often do), the identifier keeps the most specific label.
_ID_PROPS: dict[str, IdentifierKind] = {
    "passportNumber": IdentifierKind.PASSPORT,
    "socialSecurityNumber": IdentifierKind.SOCIAL_SECURITY,
    "imoNumber": IdentifierKind.IMO,
    "mmsi": IdentifierKind.MMSI,
    "swiftBic": IdentifierKind.SWIFT_BIC,
    "leiCode": IdentifierKind.LEI,
    "dunsCode": IdentifierKind.DUNS,
    "serialNumber": IdentifierKind.AIRCRAFT_SERIAL,
    "innCode": IdentifierKind.TAX_ID,
    "vatCode": IdentifierKind.TAX_ID,
    "taxNumber": IdentifierKind.TAX_ID,
    "ogrnCode": IdentifierKind.REGISTRATION,
    "okpoCode": IdentifierKind.REGISTRATION,
    "uscCode": IdentifierKind.REGISTRATION,
    "registrationNumber": IdentifierKind.REGISTRATION,
    "uniqueEntityId": IdentifierKind.OTHER,
    "permId": IdentifierKind.OTHER,
    "idNumber": IdentifierKind.NATIONAL_ID,
}
_DEFAULT_ID_PROP: dict[IdentifierKind, str] = {
    IdentifierKind.PASSPORT: "passportNumber",
    IdentifierKind.SOCIAL_SECURITY: "socialSecurityNumber",
    IdentifierKind.NATIONAL_ID: "idNumber",
    IdentifierKind.TAX_ID: "taxNumber",
    IdentifierKind.REGISTRATION: "registrationNumber",
    IdentifierKind.IMO: "imoNumber",
    IdentifierKind.MMSI: "mmsi",
    IdentifierKind.SWIFT_BIC: "swiftBic",
    IdentifierKind.LEI: "leiCode",
    IdentifierKind.DUNS: "dunsCode",
    IdentifierKind.AIRCRAFT_SERIAL: "serialNumber",
    IdentifierKind.AIRCRAFT_TAIL: "registrationNumber",
}

_NAME_PROPS = {
    "name": NameKind.PRIMARY,
    "alias": NameKind.ALIAS,
    "weakAlias": NameKind.WEAK_ALIAS,
    "abbreviation": NameKind.WEAK_ALIAS,
    "previousName": NameKind.PREVIOUS,
}
_PART_PROPS = ("firstName", "middleName", "fatherName", "secondName", "lastName")
_REMARK_PROPS = ("notes", "summary", "description")
_COUNTRY_PROPS = ("country", "jurisdiction", "mainCountry")
_VEHICLE_PROPS = (
    "callSign",
    "type",
    "tonnage",
    "grossRegisteredTonnage",
    "flag",
    "owner",
    "operator",
    "buildDate",
    "model",
)
_MAPPED_PROPS = frozenset(
    [
        *_NAME_PROPS,
        *_PART_PROPS,
        *_REMARK_PROPS,
        *_COUNTRY_PROPS,
        *_ID_PROPS,
        "birthDate",
        "deathDate",
        "birthPlace",
        "nationality",
        "citizenship",
        "address",
        "addressEntity",
        "gender",
        "title",
        "position",
        "website",
        "email",
        "phone",
    ]
)

# edge schema -> relation kind; the relation sits on the edge's source side.
_EDGE_KINDS: dict[str, RelationKind] = {
    "Ownership": RelationKind.OWNERSHIP,
    "Directorship": RelationKind.DIRECTORSHIP,
    "Membership": RelationKind.MEMBERSHIP,
    "Family": RelationKind.FAMILY,
    "Associate": RelationKind.ASSOCIATE,
    "UnknownLink": RelationKind.LINKED_TO,
    "Employment": RelationKind.UNKNOWN,
    "Representation": RelationKind.UNKNOWN,
    "Succession": RelationKind.UNKNOWN,
}
_KIND_EDGES: dict[RelationKind, str] = {
    RelationKind.OWNERSHIP: "Ownership",
    RelationKind.DIRECTORSHIP: "Directorship",
    RelationKind.LEADERSHIP: "Directorship",
    RelationKind.MEMBERSHIP: "Membership",
    RelationKind.FAMILY: "Family",
    RelationKind.ASSOCIATE: "Associate",
}

_AUTHORITY_WORDS: tuple[tuple[re.Pattern[str], Authority], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), authority)
    for pattern, authority in (
        (r"foreign assets control|\bofac\b", Authority.OFAC),
        (r"bureau of industry and security|\bbis\b", Authority.BIS),
        (r"department of state|state department", Authority.STATE),
        (r"security council|united nations", Authority.UN_SC),
        (
            r"european union|council of the eu|directorate.general for financial stability",
            Authority.EU,
        ),
        (
            r"financial sanctions implementation|\bofsi\b|hm treasury|foreign, commonwealth"
            r"|\bfcdo\b",
            Authority.UK,
        ),
        (r"\binternal\b", Authority.INTERNAL),
    )
)
_AUTHORITY_NAMES: dict[Authority, str] = {
    Authority.OFAC: "Office of Foreign Assets Control",
    Authority.STATE: "US Department of State",
    Authority.BIS: "Bureau of Industry and Security",
    Authority.UN_SC: "United Nations Security Council",
    Authority.EU: "Council of the European Union",
    Authority.UK: "HM Treasury, Office of Financial Sanctions Implementation",
    Authority.INTERNAL: "Internal list",
}
_AUTHORITY_COUNTRIES: dict[Authority, str] = {
    Authority.OFAC: "us",
    Authority.STATE: "us",
    Authority.BIS: "us",
    Authority.US_OTHER: "us",
    Authority.EU: "eu",
    Authority.UK: "gb",
}
_DELISTED_WORDS = frozenset({"expired", "delisted", "inactive", "revoked", "removed", "lifted"})
_FR_PREFIX = "Federal Register: "
_ENDS_ON = re.compile(r"(?:^|; )ends on (\d{4}-\d{2}-\d{2})$")
_NOTE_PART = re.compile(r"^(?:since (?P<start>\S+)|until (?P<end>\S+)|(?P<shares>\S+) shares)$")


# --- import ---------------------------------------------------------------------------------


def _get(proxy: ValueEntity, prop: str) -> list[str]:
    """Values of `prop`, or none where the schema lacks it (Family has no `role`)."""
    return proxy.get(prop, quiet=True)


def _first(proxy: ValueEntity, prop: str) -> str | None:
    return proxy.first(prop, quiet=True)


@dataclass
class _Record:
    proxy: ValueEntity
    line: int
    caption: str | None


@dataclass
class _Party:
    """What the secondary entities add to one party."""

    record: _Record
    schema: Schema
    entity_id: str
    designations: list[Designation] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    identifiers: list[Identifier] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)


def _party_schema(schema: FtmSchema) -> Schema | None:
    for name, party in _PARTY_SCHEMATA:
        if schema.is_a(name):
            return party
    return None


def _read_records(path: Path, warnings: list[str]) -> dict[str, _Record]:
    records: dict[str, _Record] = {}
    unknown_props: Counter[str] = Counter()
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise SourceFormatError(f"cannot read the file: {exc.strerror}", path=path) from None
    with handle:
        try:
            for number, text in enumerate(handle, start=1):
                if not text.strip():
                    continue
                record = _read_line(path, number, text, unknown_props)
                known = records.get(record.proxy.id or "")
                if known is None:
                    records[record.proxy.id or ""] = record
                    continue
                warnings.append(
                    f"{path.name} line {number}: id {record.proxy.id} also on line {known.line};"
                    " merged"
                )
                try:
                    known.proxy = known.proxy.merge(record.proxy)
                except InvalidData as exc:
                    raise SourceFormatError(
                        f"id {record.proxy.id} repeats line {known.line} with an incompatible "
                        f"schema ({exc})",
                        path=path,
                        line=number,
                    ) from None
        except UnicodeDecodeError as exc:
            raise SourceFormatError(
                f"not UTF-8 text (byte {exc.start}): is this an FtM JSON-lines file?", path=path
            ) from None
    for key, count in sorted(unknown_props.items()):
        warnings.append(f"{path.name}: {count} values of unknown FtM property {key} ignored")
    return records


def _read_line(path: Path, number: int, text: str, unknown_props: Counter[str]) -> _Record:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceFormatError(
            f"not JSON ({exc.msg} at column {exc.colno}): each line must be one FtM entity",
            path=path,
            line=number,
        ) from None
    if not isinstance(data, dict):
        raise SourceFormatError("expected a JSON object (an FtM entity)", path=path, line=number)
    entity_id, schema_name = data.get("id"), data.get("schema")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise SourceFormatError("entity has no id", path=path, line=number, field="id")
    if not isinstance(schema_name, str) or model.get(schema_name) is None:
        raise SourceFormatError(
            f"unknown FtM schema {schema_name!r}: is this a FollowTheMoney export?",
            path=path,
            line=number,
            field="schema",
        )
    properties = data.get("properties", {})
    if not isinstance(properties, dict) or not all(
        isinstance(values, list) and all(isinstance(v, str) for v in values)
        for values in properties.values()
    ):
        raise SourceFormatError(
            "properties must map names to lists of strings",
            path=path,
            line=number,
            field="properties",
        )
    schema = model[schema_name]
    for prop in properties:
        if prop not in schema.properties:
            unknown_props[f"{schema_name}:{prop}"] += len(properties[prop])
    caption = data.get("caption") if isinstance(data.get("caption"), str) else None
    try:
        proxy = ValueEntity.from_dict(dict(data))
    except InvalidData as exc:
        raise SourceFormatError(f"FtM refused the entity: {exc}", path=path, line=number) from None
    return _Record(proxy, number, caption)


def parse_ftm(path: Path, *, source: str = "ftm", today: date | None = None) -> ParsedList:
    """Read an FtM JSON-lines file into watchlist entities (see the module docstring)."""
    today = today or date.today()
    warnings: list[str] = []
    records = _read_records(path, warnings)
    parties: dict[str, _Party] = {}
    taken: dict[str, str] = {}
    for fid, record in records.items():
        schema = _party_schema(record.proxy.schema)
        if schema is None:
            continue
        entity_id = make_entity_id(source, fid)
        if entity_id in taken:
            # watchlist ids are lower case; FtM ids are not ("NK-abc" and "NK-ABC" differ).
            entity_id = f"{entity_id}-{hashlib.sha1(fid.encode()).hexdigest()[:8]}"
            warnings.append(
                f"{path.name} line {record.line}: id {fid} clashes with {taken[entity_id]} "
                f"once lower-cased; stored as {entity_id}"
            )
        taken[entity_id] = fid
        parties[fid] = _Party(record, schema, entity_id)

    skipped: Counter[str] = Counter()
    posts = {
        post
        for record in records.values()
        if record.proxy.schema.is_a("Occupancy")
        for post in _get(record.proxy, "post")
    }
    for record in records.values():
        proxy = record.proxy
        if proxy.id in parties:
            continue
        kind = proxy.schema
        if kind.is_a("Sanction"):
            _fold_sanction(record, parties, records, today, warnings, path)
        elif kind.name in _EDGE_KINDS:
            _fold_edge(record, parties, records, warnings, path)
        elif kind.is_a("Identification") or kind.is_a("CryptoWallet"):
            _fold_document(record, parties, warnings, path)
        elif kind.is_a("Occupancy"):
            _fold_occupancy(record, parties, records)
        elif not kind.is_a("Address") and proxy.id not in posts:
            skipped[kind.name] += 1
    for schema_name, count in sorted(skipped.items()):
        warnings.append(
            f"{path.name}: {count} {schema_name} entities ignored (not a party, designation, "
            "relation, identification or address)"
        )
    dangling: list[str] = []
    entities = [
        _entity(party, records, dangling, source, warnings, path) for party in parties.values()
    ]
    if dangling:
        # OpenSanctions exports of a few entities keep the ids of addresses left out.
        warnings.append(
            f"{path.name}: {len(dangling)} addressEntity references to entities not in the "
            f"file (e.g. {dangling[0]}) ignored; `address` texts are still read"
        )
    by_schema = Counter(record.proxy.schema.name for record in records.values())
    return ParsedList(
        source=source,
        entities=tuple(entities),
        files=(SourceFile.of(path),),
        warnings=tuple(warnings),
        meta={
            "ftm_entities": str(len(records)),
            "ftm_schemata": ", ".join(f"{k} {v}" for k, v in by_schema.most_common()),
            "targets": str(sum(1 for r in records.values() if r.proxy.context.get("target"))),
        },
    )


def _date(value: str) -> date | None:
    return parse_exact_date(value)


def _authority(texts: Sequence[str], countries: Sequence[str]) -> Authority:
    for text in texts:
        for pattern, authority in _AUTHORITY_WORDS:
            if pattern.search(text):
                return authority
    if "eu" in countries:
        return Authority.EU
    if "us" in countries:
        return Authority.US_OTHER
    return Authority.OTHER


def _end(end: date | None, today: date) -> tuple[DesignationStatus, date | None, str | None]:
    """A past end delists; a future one is only noted, so the party keeps alerting."""
    if end is None:
        return DesignationStatus.ACTIVE, None, None
    if end <= today:
        return DesignationStatus.DELISTED, end, None
    return DesignationStatus.ACTIVE, None, f"ends on {end.isoformat()}"


def _designation(proxy: ValueEntity, today: date) -> Designation:
    authorities = _get(proxy, "authority")
    countries = _get(proxy, "country")
    listing = sorted(d for d in map(_date, _get(proxy, "listingDate")) if d)
    starts = sorted(d for d in map(_date, _get(proxy, "startDate")) if d)
    ends = sorted(d for d in map(_date, _get(proxy, "endDate")) if d)
    status, delisted_on, end_note = _end(ends[-1] if ends else None, today)
    if status is DesignationStatus.ACTIVE and any(
        s.casefold() in _DELISTED_WORDS for s in _get(proxy, "status")
    ):
        status = DesignationStatus.DELISTED
    federal_register = None
    for text in _get(proxy, "description"):
        if text.startswith(_FR_PREFIX):
            federal_register = text.removeprefix(_FR_PREFIX)
    reference = _get(proxy, "unscId") or _get(proxy, "authorityId")
    note = "; ".join(part for part in (*_get(proxy, "reason"), end_note) if part)
    datasets = sorted(proxy.datasets)
    return Designation(
        authority=_authority(authorities, countries),
        list_name=authorities[0] if authorities else (datasets[0] if datasets else "Sanction"),
        programs=unique([*_get(proxy, "program"), *_get(proxy, "programId")]),
        legal_basis=unique(_get(proxy, "provisions")),
        listed_on=listing[0] if listing else (starts[0] if starts else None),
        effective_on=starts[0] if starts else None,
        federal_register=federal_register,
        status=status,
        delisted_on=delisted_on,
        reference="; ".join(reference) or None,
        source_url=_first(proxy, "sourceUrl"),
        note=note or None,
    )


def _fold_sanction(
    record: _Record,
    parties: dict[str, _Party],
    records: dict[str, _Record],
    today: date,
    warnings: list[str],
    path: Path,
) -> None:
    targets = _get(record.proxy, "entity")
    if not targets:
        warnings.append(f"{path.name} line {record.line}: Sanction without entity; ignored")
    designation = _designation(record.proxy, today)
    for target in targets:
        party = parties.get(target)
        if party is None:
            what = "not in the file" if target not in records else "not a party"
            warnings.append(
                f"{path.name} line {record.line}: Sanction of {target} ({what}); ignored"
            )
            continue
        party.designations.append(designation)


def _caption(record: _Record | None, fallback: str) -> str:
    if record is None:
        return fallback
    return record.caption or record.proxy.caption or fallback


def _fold_edge(
    record: _Record,
    parties: dict[str, _Party],
    records: dict[str, _Record],
    warnings: list[str],
    path: Path,
) -> None:
    proxy = record.proxy
    schema = proxy.schema
    assert schema.edge_source is not None and schema.edge_target is not None
    sources, targets = _get(proxy, schema.edge_source), _get(proxy, schema.edge_target)
    if not sources or not targets:
        warnings.append(f"{path.name} line {record.line}: {schema.name} lacks an end; ignored")
        return
    kind = _EDGE_KINDS[schema.name]
    role = _first(proxy, "role") or _first(proxy, "relationship")
    if kind is RelationKind.LINKED_TO and role and role.casefold() in ("support", "unknown"):
        kind = RelationKind(role.casefold())
    if kind is RelationKind.DIRECTORSHIP and role and role.casefold() == "leadership":
        kind = RelationKind.LEADERSHIP
    if kind is RelationKind.UNKNOWN and not role:
        role = schema.label
    share = None
    for text in _get(proxy, "percentage"):
        try:
            share = float(text.strip().rstrip("%"))
        except ValueError:
            warnings.append(f"{path.name} line {record.line}: percentage {text!r} not a number")
    note_parts = [
        *(f"since {v}" for v in _get(proxy, "startDate")),
        *(f"until {v}" for v in _get(proxy, "endDate")),
        *(f"{v} shares" for v in _get(proxy, "sharesCount")),
        *_get(proxy, "summary"),
        *_get(proxy, "description"),
    ]
    datasets = sorted(proxy.datasets)
    stated_on = min((d for d in map(_date, _get(proxy, "date")) if d), default=None)
    started_on = min((d for d in map(_date, _get(proxy, "startDate")) if d), default=None)
    ended_on = max((d for d in map(_date, _get(proxy, "endDate")) if d), default=None)
    for source_fid in sources:
        party = parties.get(source_fid)
        if party is None:
            warnings.append(
                f"{path.name} line {record.line}: {schema.name} from {source_fid}, which is not "
                "a party in the file; ignored"
            )
            continue
        for target_fid in targets:
            target = records.get(target_fid)
            if target is None:
                warnings.append(
                    f"{path.name} line {record.line}: {schema.name} to {target_fid}, which is "
                    "not in the file; kept by id"
                )
            target_party = parties.get(target_fid)
            party.relations.append(
                Relation(
                    kind=kind,
                    target_name=_caption(target, target_fid),
                    target_id=target_party.entity_id if target_party else None,
                    share=share,
                    role=role,
                    source=", ".join(datasets) or None,
                    note="; ".join(note_parts) or None,
                    stated_on=stated_on,
                    started_on=started_on,
                    ended_on=ended_on,
                )
            )


def _fold_document(
    record: _Record, parties: dict[str, _Party], warnings: list[str], path: Path
) -> None:
    proxy = record.proxy
    holders = _get(proxy, "holder")
    if proxy.schema.is_a("CryptoWallet"):
        numbers = _get(proxy, "publicKey") or _get(proxy, "cryptoAddress")
        kind, label = IdentifierKind.CRYPTO_WALLET, _first(proxy, "currencySymbol")
    else:
        numbers = _get(proxy, "number") or _get(proxy, "passportNumber")
        doc_type = _first(proxy, "type")
        if proxy.schema.is_a("Passport"):
            kind, label = IdentifierKind.PASSPORT, doc_type
        elif doc_type:
            try:
                kind, label = IdentifierKind(doc_type), None
            except ValueError:
                kind = classify_identifier(doc_type) or IdentifierKind.OTHER
                label = doc_type
        else:
            kind, label = IdentifierKind.OTHER, None
    if not numbers:
        warnings.append(
            f"{path.name} line {record.line}: {proxy.schema.name} {proxy.id} has no number; ignored"
        )
        return
    issued = _fuzzy(_first(proxy, "startDate"))
    expires = _fuzzy(_first(proxy, "endDate"))
    for holder in holders:
        party = parties.get(holder)
        if party is None:
            warnings.append(
                f"{path.name} line {record.line}: {proxy.schema.name} of {holder}, which is not "
                "a party in the file; ignored"
            )
            continue
        for number in numbers:
            party.identifiers.append(
                Identifier(
                    kind,
                    number,
                    country=_first(proxy, "country"),
                    label=label,
                    issued=issued,
                    expires=expires,
                    note=_first(proxy, "summary"),
                )
            )


def _fold_occupancy(
    record: _Record, parties: dict[str, _Party], records: dict[str, _Record]
) -> None:
    for holder in _get(record.proxy, "holder"):
        party = parties.get(holder)
        if party is None:
            continue
        for post in _get(record.proxy, "post"):
            position = records.get(post)
            if position is not None:
                party.positions.extend(_get(position.proxy, "name"))


def _fuzzy(value: str | None) -> FuzzyDate | None:
    return parse_fuzzy_date(value) if value else None


def _tokens(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def _find(tokens: list[str], part: list[str], used: set[int]) -> set[int] | None:
    size = len(part)
    for start in range(len(tokens) - size + 1):
        span = set(range(start, start + size))
        if tokens[start : start + size] == part and not span & used:
            return span
    return None


def _name_parts(full: str, pools: dict[str, Sequence[str]]) -> dict[str, str]:
    """Which of the entity's firstName/middleName/lastName values a full name is made of:
    FtM lists name parts per entity, not per name, so pick the longest that fits each name."""
    tokens = _tokens(full)
    used: set[int] = set()
    found: dict[str, str] = {}
    for part in ("last", "first", "middle"):
        for candidate in sorted(pools[part], key=lambda v: -len(_tokens(v))):
            span = _find(tokens, _tokens(candidate), used)
            if span and _tokens(candidate):
                found[part] = candidate
                used |= span
                break
    return found


def _names(
    proxy: ValueEntity, caption: str | None, extra: list[tuple[str, str]]
) -> tuple[Name, ...]:
    pools = {
        "first": _get(proxy, "firstName"),
        "middle": unique(
            [*_get(proxy, "middleName"), *_get(proxy, "fatherName"), *_get(proxy, "secondName")]
        ),
        "last": _get(proxy, "lastName"),
    }
    is_person = proxy.schema.is_a("Person")
    primary = _get(proxy, "name")
    if caption in primary:
        primary = [caption, *(n for n in primary if n != caption)]
    names: list[Name] = []
    seen: set[str] = set()
    used_parts: set[str] = set()
    for prop, values in (
        ("name", primary),
        *((p, _get(proxy, p)) for p in _NAME_PROPS if p != "name"),
    ):
        for value in values:
            if value in seen:
                continue
            seen.add(value)
            parts = _name_parts(value, pools) if is_person else {}
            used_parts.update(parts.values())
            names.append(
                Name(
                    value,
                    _NAME_PROPS[prop],
                    first=parts.get("first"),
                    middle=parts.get("middle"),
                    last=parts.get("last"),
                    note="abbreviation" if prop == "abbreviation" else None,
                )
            )
    for prop in _PART_PROPS:
        for value in _get(proxy, prop):
            if value not in used_parts:
                extra.append((prop, value))
    return tuple(names)


def _address(record: _Record) -> list[Address]:
    proxy = record.proxy
    fulls = _get(proxy, "full")
    parts = [
        _first(proxy, "street"),
        _first(proxy, "city"),
        _first(proxy, "postalCode"),
        _first(proxy, "region") or _first(proxy, "state"),
    ]
    first = Address(
        full=fulls[0] if fulls else ", ".join(p for p in parts if p) or None,
        street=_first(proxy, "street"),
        city=_first(proxy, "city"),
        postal_code=_first(proxy, "postalCode"),
        region=_first(proxy, "region") or _first(proxy, "state"),
        country=_first(proxy, "country"),
        note=_first(proxy, "remarks"),
    )
    return [first, *(Address(full=f, country=first.country) for f in fulls[1:])]


def _entity(
    party: _Party,
    records: dict[str, _Record],
    dangling: list[str],
    source: str,
    warnings: list[str],
    path: Path,
) -> Entity:
    proxy = party.record.proxy
    line = party.record.line
    extra: list[tuple[str, str]] = []
    names = _names(proxy, party.record.caption, extra)
    if not names:
        warnings.append(f"{path.name} line {line}: {proxy.id} has no name; listed by its id")
        names = (Name(proxy.id or "", NameKind.PRIMARY),)

    def dates(prop: str) -> tuple[FuzzyDate, ...]:
        found = []
        for value in _get(proxy, prop):
            parsed = parse_fuzzy_date(value)
            if parsed is None:
                warnings.append(f"{path.name} line {line}: {prop} {value!r} is not a date")
                extra.append((prop, value))
            else:
                found.append(parsed)
        return tuple(found)

    addresses: list[Address] = []
    for ref in _get(proxy, "addressEntity"):
        address_record = records.get(ref)
        if address_record is None or not address_record.proxy.schema.is_a("Address"):
            dangling.append(ref)
            continue
        addresses.extend(a for a in _address(address_record) if a not in addresses)
    known_full = {a.full.casefold() for a in addresses if a.full}
    for text in _get(proxy, "address"):
        if text.casefold() not in known_full:
            known_full.add(text.casefold())
            addresses.append(Address(full=text))

    identifiers = list(party.identifiers)
    seen_values = {_id_key(i.value) for i in identifiers}
    for prop, kind in _ID_PROPS.items():
        if prop == "registrationNumber" and party.schema is Schema.AIRPLANE:
            kind = IdentifierKind.AIRCRAFT_TAIL
        for value in _get(proxy, prop):
            if _id_key(value) not in seen_values:
                seen_values.add(_id_key(value))
                identifiers.append(Identifier(kind, value, label=prop))

    vessel = aircraft = None
    if party.schema is Schema.VESSEL:
        build = _first(proxy, "buildDate")
        vessel = VesselInfo(
            call_sign=_first(proxy, "callSign"),
            vessel_type=_first(proxy, "type"),
            tonnage=_first(proxy, "tonnage"),
            gross_registered_tonnage=_first(proxy, "grossRegisteredTonnage"),
            flag=_first(proxy, "flag"),
            owner=_ref_caption(_first(proxy, "owner"), records),
            build_year=build[:4] if build else None,
        )
    elif party.schema is Schema.AIRPLANE:
        aircraft = AircraftInfo(
            model=_first(proxy, "model"),
            operator=_ref_caption(_first(proxy, "operator"), records),
            manufacture_date=_first(proxy, "buildDate"),
        )
    vehicle = party.schema in (Schema.VESSEL, Schema.AIRPLANE)
    for prop, values in proxy.properties.items():
        if prop in _MAPPED_PROPS or (vehicle and prop in _VEHICLE_PROPS):
            continue
        extra.extend((prop, value) for value in values)
    extra.extend(("referent", ref) for ref in sorted(proxy.referents))
    extra.sort(key=lambda item: item[0])  # stable: FtM's own value order stays
    return Entity(
        id=party.entity_id,
        schema=party.schema,
        source=source,
        source_id=proxy.id or "",
        names=names,
        designations=tuple(party.designations),
        relations=tuple(party.relations),
        birth_dates=dates("birthDate"),
        birth_places=unique(_get(proxy, "birthPlace")),
        death_dates=dates("deathDate"),
        nationalities=unique(_get(proxy, "nationality")),
        citizenships=unique(_get(proxy, "citizenship")),
        countries=unique(v for p in _COUNTRY_PROPS for v in _get(proxy, p)),
        addresses=tuple(addresses),
        identifiers=tuple(identifiers),
        gender=_first(proxy, "gender"),
        titles=unique(_get(proxy, "title")),
        positions=unique([*_get(proxy, "position"), *party.positions]),
        websites=unique(_get(proxy, "website")),
        emails=unique(_get(proxy, "email")),
        phones=unique(_get(proxy, "phone")),
        vessel=vessel,
        aircraft=aircraft,
        remarks=unique(v for p in _REMARK_PROPS for v in _get(proxy, p)),
        provenance=tuple(Provenance(source=ds) for ds in sorted(proxy.datasets)),
        extra=tuple(extra),
    )


def _ref_caption(ref: str | None, records: dict[str, _Record]) -> str | None:
    if ref is None:
        return None
    return _caption(records.get(ref), ref)


def _id_key(value: str) -> str:
    return "".join(value.split()).casefold()


# --- export ---------------------------------------------------------------------------------


class _Builder:
    """Makes proxies through followthemoney, so that a property FtM does not know raises and a
    value FtM cannot clean is reported."""

    def __init__(self, entity_id: str) -> None:
        self.entity_id = entity_id
        self.used: set[str] = set()

    def make(
        self, schema: str, *, id_parts: Sequence[object] = (), datasets: Sequence[str] = ()
    ) -> ValueEntity:
        proxy = ValueEntity(model[schema], {"datasets": list(datasets)})
        proxy.make_id(schema, *id_parts)
        # Two identical designations (a list that names a party twice) stay two entities.
        while proxy.id in self.used:
            proxy.make_id(proxy.id, "again")
        self.used.add(proxy.id or "")
        return proxy

    def add(self, proxy: ValueEntity, prop: str, values: Iterable[str | None]) -> None:
        prop_obj = proxy.schema.properties.get(prop)
        if prop_obj is None:
            raise WatchlistError(
                f"{self.entity_id}: FtM schema {proxy.schema.name} has no property {prop!r}"
            )
        for value in values:
            if value is None or not str(value).strip():
                continue
            # FtM's schema refuses a whole entity over one value longer than its property
            # allows (a UN identifier written as a sentence); that value goes to the notes.
            if len(str(value)) > prop_obj.max_length and prop != "notes":
                log.warning(
                    "%s: %s=%r is too long for FtM; kept in notes", self.entity_id, prop, value
                )
                self.add(proxy, "notes", [f"{prop}: {value}"])
                continue
            if proxy.unsafe_add(prop_obj, str(value)) is None:
                log.warning("%s: FtM rejected %s=%r; not exported", self.entity_id, prop, value)


def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _number_text(value: float) -> str:
    return f"{value:g}"


def entity_proxies(entity: Entity) -> list[ValueEntity]:
    """The entity as FtM proxies: the party first, then its Address, Sanction, relation and
    identification entities."""
    build = _Builder(entity.id)
    datasets = unique(p.source for p in entity.provenance) or (entity.source,)
    party = ValueEntity(
        model[entity.schema.value],
        {
            "id": entity.id,
            "caption": entity.caption,
            "datasets": list(datasets),
            "referents": [v for k, v in entity.extra if k == "referent"],
            "target": bool(entity.designations),
        },
    )
    schema = party.schema
    out: list[ValueEntity] = [party]

    for name in entity.names:
        prop = {
            NameKind.PRIMARY: "name",
            NameKind.ALIAS: "alias",
            NameKind.WEAK_ALIAS: "weakAlias",
            NameKind.PREVIOUS: "previousName",
            NameKind.ORIGINAL_SCRIPT: "alias",
        }[name.kind]
        if name.kind is NameKind.WEAK_ALIAS and name.note == "abbreviation":
            prop = "abbreviation" if schema.get("abbreviation") else "weakAlias"
        build.add(party, prop, [name.full])
    if schema.is_a("Person"):
        build.add(party, "firstName", unique(n.first for n in entity.names))
        build.add(party, "middleName", unique(n.middle for n in entity.names))
        build.add(party, "lastName", unique(n.last for n in entity.names))
        build.add(party, "birthDate", (d.iso for d in entity.birth_dates))
        build.add(party, "deathDate", (d.iso for d in entity.death_dates))
        build.add(party, "birthPlace", entity.birth_places)
        build.add(party, "nationality", entity.nationalities)
        build.add(party, "citizenship", entity.citizenships)
        build.add(party, "gender", [entity.gender])
        build.add(party, "title", entity.titles)
        build.add(party, "position", entity.positions)
        notes = list(entity.remarks)
    else:
        notes = [*entity.remarks, *(f"position: {p}" for p in entity.positions)]
        build.add(party, "country", [*entity.nationalities, *entity.citizenships])
    build.add(party, "country", entity.countries)
    if schema.is_a("LegalEntity"):
        build.add(party, "website", entity.websites)
        build.add(party, "email", entity.emails)
        # Lists pack several numbers in one value ("+7 (3412) 43-05-05; +7 (951) 210-81-28").
        build.add(party, "phone", (p for v in entity.phones for p in v.split(";")))
    else:
        notes.extend(
            f"{k}: {v}"
            for k, vs in (
                ("website", entity.websites),
                ("email", entity.emails),
                ("phone", entity.phones),
            )
            for v in vs
        )
    for address in entity.addresses:
        if address == Address():
            continue
        if address.full:
            build.add(party, "address", [address.full])
        node = build.make(
            "Address",
            id_parts=(
                address.full,
                address.street,
                address.city,
                address.postal_code,
                address.region,
                address.country,
            ),
            datasets=datasets,
        )
        build.add(node, "full", [address.full])
        build.add(node, "street", [address.street])
        build.add(node, "city", [address.city])
        build.add(node, "postalCode", [address.postal_code])
        build.add(node, "region", [address.region])
        build.add(node, "country", [address.country])
        build.add(node, "remarks", [address.note])
        build.add(party, "addressEntity", [node.id])
        out.append(node)
    out.extend(_export_identifiers(entity, party, build, datasets))
    if entity.vessel is not None and schema.is_a("Vessel"):
        vessel = entity.vessel
        build.add(party, "callSign", [vessel.call_sign])
        build.add(party, "type", [vessel.vessel_type])
        build.add(party, "tonnage", [vessel.tonnage])
        build.add(party, "grossRegisteredTonnage", [vessel.gross_registered_tonnage])
        build.add(party, "flag", [vessel.flag])
        build.add(party, "buildDate", [vessel.build_year])
        if vessel.owner:
            notes.append(f"owner: {vessel.owner}")
    if entity.aircraft is not None and schema.is_a("Airplane"):
        build.add(party, "model", [entity.aircraft.model])
        build.add(party, "buildDate", [entity.aircraft.manufacture_date])
        if entity.aircraft.operator:
            notes.append(f"operator: {entity.aircraft.operator}")
    for label, value in entity.extra:
        if label == "referent":
            continue
        target = schema.get(label)
        if target is not None and not target.stub and target.type.name != "entity":
            build.add(party, label, [value])
        else:
            notes.append(f"{label}: {value}" if value else label)
    build.add(party, "notes", notes)
    for designation in entity.designations:
        out.append(_export_designation(entity, designation, build, datasets))
    for relation in entity.relations:
        edge = _export_relation(entity, relation, build, datasets)
        if edge is not None:
            out.append(edge)
    for proxy in out:
        try:
            proxy.schema.validate(proxy.to_dict())  # type: ignore[arg-type]
        except InvalidData as exc:
            raise WatchlistError(
                f"{entity.id}: FtM refused the exported {proxy.schema.name}: {exc.errors}"
            ) from None
    return out


def _export_identifiers(
    entity: Entity, party: ValueEntity, build: _Builder, datasets: Sequence[str]
) -> list[ValueEntity]:
    documents = []
    for ident in entity.identifiers:
        label_prop = ident.label if ident.label in _ID_PROPS else None
        if label_prop and _ID_PROPS[label_prop] is not ident.kind:
            label_prop = None
        if label_prop == "registrationNumber" and ident.kind is not IdentifierKind.REGISTRATION:
            label_prop = None
        prop = label_prop or _DEFAULT_ID_PROP.get(ident.kind)
        if prop == "registrationNumber" and (
            (ident.kind is IdentifierKind.AIRCRAFT_TAIL) != (entity.schema is Schema.AIRPLANE)
        ):
            prop = None
        plain = not (ident.country or ident.issued or ident.expires or ident.note)
        if prop and party.schema.get(prop) and plain:
            build.add(party, prop, [ident.value])
            continue
        if ident.kind is IdentifierKind.CRYPTO_WALLET:
            node = build.make("CryptoWallet", id_parts=(entity.id, ident.value), datasets=datasets)
            build.add(node, "publicKey", [ident.value])
            build.add(node, "currencySymbol", [ident.label])
            build.add(node, "holder", [entity.id])
            documents.append(node)
            continue
        schema = "Passport" if ident.kind is IdentifierKind.PASSPORT else "Identification"
        node = build.make(
            schema, id_parts=(entity.id, ident.kind, ident.value, ident.country), datasets=datasets
        )
        # A label that reads back as another kind ("Cedula No." filed as OTHER) gives way
        # to the kind, so that re-import keeps the kind.
        keep_label = schema == "Passport" or (
            ident.label is not None and classify_identifier(ident.label) is ident.kind
        )
        doc_type = ident.label if keep_label else ident.kind.value
        build.add(node, "holder", [entity.id])
        build.add(node, "number", [ident.value])
        build.add(node, "type", [doc_type])
        build.add(node, "country", [ident.country])
        build.add(node, "startDate", [ident.issued.iso if ident.issued else None])
        build.add(node, "endDate", [ident.expires.iso if ident.expires else None])
        build.add(node, "summary", [ident.note])
        documents.append(node)
    return documents


def _export_designation(
    entity: Entity, designation: Designation, build: _Builder, datasets: Sequence[str]
) -> ValueEntity:
    node = build.make(
        "Sanction",
        id_parts=(
            entity.id,
            designation.authority,
            designation.list_name,
            *designation.programs,
            designation.listed_on,
            designation.reference,
        ),
        datasets=datasets,
    )
    country = _AUTHORITY_COUNTRIES.get(designation.authority)
    authorities = [designation.list_name]
    if _authority(authorities, [country] if country else []) is not designation.authority:
        authorities.append(_AUTHORITY_NAMES.get(designation.authority, ""))
    note = designation.note or ""
    end = designation.delisted_on
    if match := _ENDS_ON.search(note):
        end = end or date.fromisoformat(match.group(1))
        note = note[: match.start()]
    build.add(node, "entity", [entity.id])
    build.add(node, "authority", authorities)
    build.add(node, "country", [country])
    build.add(node, "program", designation.programs)
    build.add(node, "provisions", designation.legal_basis)
    build.add(node, "listingDate", [_date_text(designation.listed_on)])
    build.add(node, "startDate", [_date_text(designation.effective_on)])
    build.add(node, "endDate", [_date_text(end)])
    if designation.status is DesignationStatus.DELISTED:
        build.add(node, "status", ["delisted"])
    build.add(node, "authorityId", (designation.reference or "").split("; "))
    build.add(node, "sourceUrl", [designation.source_url])
    build.add(node, "reason", [note])
    if designation.federal_register:
        build.add(node, "description", [_FR_PREFIX + designation.federal_register])
    return node


def _export_relation(
    entity: Entity, relation: Relation, build: _Builder, datasets: Sequence[str]
) -> ValueEntity | None:
    if relation.target_id is None:
        log.info(
            "%s: relation to %r has no target id; not exported", entity.id, relation.target_name
        )
        return None
    schema_name = _KIND_EDGES.get(relation.kind, "UnknownLink")
    role = relation.role
    if relation.kind in (RelationKind.SUPPORT, RelationKind.UNKNOWN, RelationKind.LEADERSHIP):
        role = role or relation.kind.value
    edge_datasets = relation.source.split(", ") if relation.source else datasets
    node = build.make(
        schema_name,
        id_parts=(
            entity.id,
            relation.target_id,
            relation.kind,
            role,
            relation.note,
            relation.share,
        ),
        datasets=edge_datasets,
    )
    schema = node.schema
    assert schema.edge_source is not None and schema.edge_target is not None
    build.add(node, schema.edge_source, [entity.id])
    build.add(node, schema.edge_target, [relation.target_id])
    build.add(node, "relationship" if schema.get("relationship") else "role", [role])
    if relation.share is not None:
        build.add(node, "percentage", [_number_text(relation.share)])
    rest = []
    for part in (relation.note or "").split("; ") if relation.note else []:
        match = _NOTE_PART.match(part)
        if match and match.group("start"):
            build.add(node, "startDate", [match.group("start")])
        elif match and match.group("end"):
            build.add(node, "endDate", [match.group("end")])
        elif match and match.group("shares") and schema.get("sharesCount"):
            build.add(node, "sharesCount", [match.group("shares")])
        else:
            rest.append(part)
    build.add(node, "summary", rest)
    build.add(node, "date", [_date_text(relation.stated_on)])
    return node


def entity_to_ftm(entity: Entity) -> dict[str, Any]:
    """The party as an FtM entity dict. `export_ftm` also writes the Address, Sanction,
    relation and identification entities this dict refers to."""
    return entity_proxies(entity)[0].to_dict()


def export_ftm(entities: Iterable[Entity], out: TextIO) -> int:
    """Write FtM JSON lines (the OpenSanctions format); returns the number of lines."""
    written: set[str] = set()
    count = 0
    for entity in entities:
        for proxy in entity_proxies(entity):
            if proxy.id in written:
                continue
            written.add(proxy.id or "")
            out.write(json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True))
            out.write("\n")
            count += 1
    return count


FTM = SourceSpec(
    name="ftm",
    title="FollowTheMoney entities (JSON lines)",
    publisher="any FtM producer, e.g. OpenSanctions",
    parse=parse_ftm,
    input_hint="an FtM entities file, one JSON entity a line (e.g. entities.ftm.json)",
)
