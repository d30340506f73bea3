"""The UN Security Council Consolidated List, as the XML the UN publishes.

One INDIVIDUAL or ENTITY element per listed party, keyed by its reference number (`QDi.317`:
committee QD = 1267/1989/2253 ISIL and Al-Qaida, i = individual, e = entity). Everything the XML
says of a party lands on its Entity; what cannot be read is reported in `warnings` or
`rejected`, never dropped.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from rigour.text.scripts import text_scripts

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
    make_entity_id,
    parse_exact_date,
    parse_fuzzy_date,
)
from watchlist.model.countries import country_code
from watchlist.sources.base import ParsedList, RejectedRecord, SourceFile, SourceSpec, unique
from watchlist.sources.names import dedupe_names, script_of

SOURCE = "un-sc"
LIST_NAME = "UN Security Council Consolidated List"
URL = "https://scsanctions.un.org/resources/xml/en/consolidated.xml"
FILENAME = "consolidated.xml"

# A reference number in free text: `(QDe.004)`, `designated under IRi.016`, once `QDi322`.
_REFERENCE = re.compile(r"\b([A-Z]{2}[ie])\.?\s?(\d{3})\b")
_IMO = re.compile(r"\bIMO(?:\s+[Nn]umber)?:?\s*(\d{7})\b")
# Alias notes that carry the alias in another script: `original script: Абу Банат`,
# `Previously listed as. In Arabic: أبوبكر الجزائري`, `in Arabic script: شركة الكوثر`.
_NOTE_SCRIPT_NAME = re.compile(r"(?:original script|in arabic(?: script)?)\s*:\s*(.+)$", re.I)
_SCRIPT_MARK = re.compile(r"\(\s*original script\s*\)|original script\s*:", re.I)
_SUB_UNIT = re.compile(r"\s*-\s*sub-unit name\s*$", re.I)
_EXPIRES = re.compile(
    r"(?:expir\w*(?:\s+date)?|date of expiration|valid until)\s*:?\s*(?:(?:on|of)\s+)?"
    r"(\d{4}-\d{2}-\d{2}|\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Za-z]{3,9}\.?\s+\d{1,2},\s+\d{4})",
    re.I,
)
# A document number stated only in the note or the second type field:
# `Tunisian passport number L 191609 issued on ...`, `Italian Fiscal Code: DAOMMD74T11Z352Z`.
_NUMBER_IN_TEXT = re.compile(
    r"(?i:number|no\.?|code|card|SSN)\s*:?\s*([A-Z]{0,6}(?:- ?)?\d[\dA-Z-]{2,})"
    r"|^([A-Z]{0,3}\d{5,}[\dA-Z-]*)\b"
)
_MONTH_FIRST = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s+(\d{4})$")


def parse_un(path: Path) -> ParsedList:
    """Read `consolidated.xml` (or a folder holding it) into one Entity per listed party."""
    file = path / FILENAME if path.is_dir() else path
    if not file.is_file():
        raise SourceFormatError(f"{FILENAME} not found — download it from {URL}", path=file)
    root = _read_xml(file)
    source_file = SourceFile.of(file)
    generated = root.get("dateGenerated")
    published_on = parse_exact_date(generated[:10]) if generated else None
    warnings: list[str] = []
    if published_on is None:
        warnings.append(f"{file.name}: no dateGenerated on CONSOLIDATED_LIST")

    records = [el for el in root.iter("INDIVIDUAL", "ENTITY") if isinstance(el.tag, str)]
    if not records:
        raise SourceFormatError(
            "no INDIVIDUAL or ENTITY records — is this the UN consolidated list, or truncated?",
            path=file,
        )
    # First pass: reference numbers and captions, so that comments naming another listed party
    # can point at its entity.
    captions: dict[str, str] = {}
    for record in records:
        ref = _text(record, "REFERENCE_NUMBER")
        if ref and ref not in captions:
            captions[ref] = _primary_name(record)

    provenance = Provenance(
        source=SOURCE,
        url=URL,
        title=LIST_NAME,
        published_on=published_on,
        version=source_file.sha256,
    )
    parser = _RecordParser(file, captions, provenance, warnings)
    entities: list[Entity] = []
    rejected: list[RejectedRecord] = []
    seen: set[str] = set()
    for record in records:
        ref = _text(record, "REFERENCE_NUMBER")
        line = record.sourceline
        if not ref:
            rejected.append(
                RejectedRecord(str(file), line, f"{record.tag} without REFERENCE_NUMBER")
            )
            continue
        if ref in seen:
            rejected.append(RejectedRecord(str(file), line, f"duplicate REFERENCE_NUMBER {ref}"))
            continue
        if not captions.get(ref):
            rejected.append(RejectedRecord(str(file), line, f"{ref}: {record.tag} has no name"))
            continue
        seen.add(ref)
        entities.append(parser.entity(record, ref))

    meta = {
        "date_generated": generated or "",
        "individuals": str(sum(1 for e in entities if e.schema is Schema.PERSON)),
        "entities": str(sum(1 for e in entities if e.schema is Schema.ORGANIZATION)),
        "relations": str(parser.relations),
        "relations_resolved": str(parser.resolved),
    }
    return ParsedList(
        source=SOURCE,
        entities=tuple(entities),
        files=(source_file,),
        published_on=published_on,
        warnings=tuple(warnings),
        rejected=tuple(rejected),
        meta=meta,
    )


def _read_xml(file: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    try:
        tree = etree.parse(str(file), parser)
    except etree.XMLSyntaxError as error:
        line = error.lineno if error.lineno else None
        raise SourceFormatError(
            f"not well-formed XML ({error.msg}) — is the download truncated?", path=file, line=line
        ) from None
    root = tree.getroot()
    if root.tag != "CONSOLIDATED_LIST":
        raise SourceFormatError(
            f"root element is <{root.tag}>, expected <CONSOLIDATED_LIST> — is this the UN "
            f"consolidated list XML from {URL}?",
            path=file,
        )
    return root


class _RecordParser:
    def __init__(
        self,
        file: Path,
        captions: dict[str, str],
        provenance: Provenance,
        warnings: list[str],
    ) -> None:
        self.file = file
        self.captions = captions
        self.provenance = provenance
        self.warnings = warnings
        self.relations = 0
        self.resolved = 0

    def entity(self, record: etree._Element, ref: str) -> Entity:
        is_person = record.tag == "INDIVIDUAL"
        where = f"{self.file.name} line {record.sourceline} ({ref})"
        remarks: list[str] = []
        comments = _text(record, "COMMENTS1")
        if comments:
            remarks.append(comments)

        names = self._names(record, is_person, where)
        birth_dates: list[FuzzyDate] = []
        birth_places: list[str] = []
        for dob in record.iter("INDIVIDUAL_DATE_OF_BIRTH"):
            found, unread = _birth_date(dob)
            if found is not None:
                birth_dates.append(found)
            elif unread:
                remarks.append(f"Date of birth: {unread}")
                self.warnings.append(f"{where}: date of birth {unread!r} kept as a remark")
        for pob in record.iter("INDIVIDUAL_PLACE_OF_BIRTH"):
            place = _place(pob)
            if place:
                birth_places.append(place)
        # Aliases may carry the birth date and place that go with that identity.
        for alias in record.iter("INDIVIDUAL_ALIAS"):
            alias_dob = _text(alias, "DATE_OF_BIRTH")
            if alias_dob:
                parsed = parse_fuzzy_date(alias_dob)
                if parsed is not None:
                    birth_dates.append(parsed)
                else:
                    self.warnings.append(f"{where}: alias date of birth {alias_dob!r} not read")
            alias_place = ", ".join(
                unique([_text(alias, "CITY_OF_BIRTH"), _text(alias, "COUNTRY_OF_BIRTH")])
            )
            if alias_place:
                birth_places.append(alias_place)

        identifiers: list[Identifier] = []
        for el in record.iter("INDIVIDUAL_DOCUMENT"):
            document = _document(el)
            if document is not None:
                identifiers.append(document)
            elif text := "; ".join(unique(_text(el, tag) for tag in _DOCUMENT_TEXT_TAGS)):
                remarks.append(f"Document: {text}")
                self.warnings.append(f"{where}: document without a number kept as a remark")
        for match in _IMO.finditer(comments or ""):
            identifiers.append(
                Identifier(IdentifierKind.IMO, match.group(1), note="stated in COMMENTS1")
            )

        addresses = [
            address
            for el in record.iter("INDIVIDUAL_ADDRESS", "ENTITY_ADDRESS")
            if (address := _address(el)) is not None
        ]
        gender = _text(record, "GENDER")
        extra: list[tuple[str, str]] = []
        for label, tag in (("dataid", "DATAID"), ("versionnum", "VERSIONNUM")):
            if value := _text(record, tag):
                extra.append((label, value))
        list_type = _text(record, "UN_LIST_TYPE")
        if list_type:
            extra.append(("un_list_type", list_type))
        extra.extend(("list_type", value) for value in _values(record, "LIST_TYPE"))
        extra.extend(("last_updated", value) for value in _values(record, "LAST_DAY_UPDATED"))
        for tag in ("SORT_KEY", "SORT_KEY_LAST_MOD"):
            if value := _text(record, tag):
                extra.append((tag.lower(), value))

        designation = Designation(
            authority=Authority.UN_SC,
            list_name=LIST_NAME,
            programs=unique([list_type, ref.split(".")[0]]),
            listed_on=parse_exact_date(_text(record, "LISTED_ON") or ""),
            reference=ref,
            source_url=URL,
        )
        return Entity(
            id=make_entity_id(SOURCE, ref),
            schema=Schema.PERSON if is_person else Schema.ORGANIZATION,
            source=SOURCE,
            source_id=ref,
            names=tuple(names),
            designations=(designation,),
            relations=tuple(self._relations(ref, comments)),
            birth_dates=tuple(dict.fromkeys(birth_dates)),
            birth_places=unique(birth_places),
            nationalities=unique(_country(v) for v in _values(record, "NATIONALITY")),
            addresses=tuple(dict.fromkeys(addresses)),
            identifiers=tuple(dict.fromkeys(identifiers)),
            gender=gender.lower() if gender else None,
            titles=unique(_values(record, "TITLE")),
            positions=unique(_values(record, "DESIGNATION")),
            remarks=tuple(remarks),
            provenance=(self.provenance,),
            extra=tuple(extra),
        )

    def _names(self, record: etree._Element, is_person: bool, where: str) -> list[Name]:
        names: list[Name] = []
        parts = [_name_part(record, tag) for tag in _NAME_TAGS]
        given = [p for p in parts if p]
        full = " ".join(given)
        if is_person and len(given) > 1:
            names.append(
                Name(
                    full,
                    NameKind.PRIMARY,
                    first=given[0],
                    middle=" ".join(given[1:-1]) or None,
                    last=given[-1],
                    script=script_of(full),
                )
            )
        elif full:
            names.append(Name(full, NameKind.PRIMARY, script=script_of(full)))
        original = _text(record, "NAME_ORIGINAL_SCRIPT")
        if original:
            names.append(Name(original, NameKind.ORIGINAL_SCRIPT, script=script_of(original)))
        for alias in record.iter("INDIVIDUAL_ALIAS", "ENTITY_ALIAS"):
            text = _text(alias, "ALIAS_NAME")
            quality = (_text(alias, "QUALITY") or "").lower()
            note = _text(alias, "NOTE")
            if not text:
                if note:
                    self.warnings.append(f"{where}: alias note {note!r} without a name")
                continue
            kind = _ALIAS_KINDS.get(quality)
            if kind is None:
                self.warnings.append(f"{where}: alias quality {quality!r} unknown, read as alias")
                kind = NameKind.ALIAS
            for piece in _split_scripts(_unquote(text)):
                names.append(Name(piece, kind, script=script_of(piece), note=note))
            if note and (match := _NOTE_SCRIPT_NAME.search(note)):
                other = match.group(1).strip()
                names.append(Name(other, kind, script=script_of(other), note=note))
        return dedupe_names(names)

    def _relations(self, ref: str, comments: str | None) -> list[Relation]:
        relations: dict[str, Relation] = {}
        for sentence in re.split(r"(?<=\.)\s+(?=[A-Z])", comments or ""):
            for match in _REFERENCE.finditer(sentence):
                target = f"{match.group(1)}.{match.group(2)}"
                if target == ref or target in relations:
                    continue
                resolved = target in self.captions
                relations[target] = Relation(
                    kind=RelationKind.ASSOCIATE,
                    target_name=self.captions.get(target) or target,
                    target_id=make_entity_id(SOURCE, target) if resolved else None,
                    role=f"named in the UN comments as {target}",
                    source=SOURCE,
                    note=sentence[:300],
                )
                self.relations += 1
                self.resolved += resolved
        return list(relations.values())


_NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
_ALIAS_KINDS = {
    "good": NameKind.ALIAS,
    "low": NameKind.WEAK_ALIAS,
    "a.k.a.": NameKind.ALIAS,
    "f.k.a.": NameKind.PREVIOUS,
    "": NameKind.ALIAS,
}
_DOCUMENT_TEXT_TAGS = (
    "TYPE_OF_DOCUMENT",
    "TYPE_OF_DOCUMENT2",
    "NUMBER",
    "ISSUING_COUNTRY",
    "COUNTRY_OF_ISSUE",
    "CITY_OF_ISSUE",
    "DATE_OF_ISSUE",
    "NOTE",
)


def _text(element: etree._Element, tag: str) -> str | None:
    """The child's text with runs of whitespace (the files wrap long text) collapsed."""
    child = element.find(tag)
    if child is None or child.text is None:
        return None
    return " ".join(child.text.split()) or None


def _values(element: etree._Element, tag: str) -> list[str]:
    """`<TAG><VALUE>a</VALUE><VALUE>b</VALUE></TAG>` -> ["a", "b"]."""
    found: list[str] = []
    for container in element.iterfind(tag):
        for value in container.iterfind("VALUE"):
            if value.text and (text := " ".join(value.text.split())):
                found.append(text)
    return found


# The list fills an empty name part with `na` (TAi.153: FAIZULLAH KHAN NOORZAI na); a
# placeholder matched as a name word costs every screening of that person.
_NAME_PLACEHOLDERS = frozenset({"na", "n/a"})


def _name_part(record: etree._Element, tag: str) -> str | None:
    part = _text(record, tag)
    return None if part is None or part.casefold() in _NAME_PLACEHOLDERS else part


def _primary_name(record: etree._Element) -> str:
    return " ".join(p for tag in _NAME_TAGS if (p := _name_part(record, tag)))


def _country(name: str) -> str:
    return country_code(name) or name


def _unquote(text: str) -> str:
    if len(text) > 2 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    return text


def _split_scripts(text: str) -> list[str]:
    """One alias field sometimes holds a name in two scripts, or several names:
    `Haji Gulab Gul (حاجی گلاب گل ولد حاجی حضرت گل )`, `حسن غول (Hassan Ghul; Hassan Gul)`,
    `Amir Khazmat (original script: Амир Хазмат)`. Split those into one name per script;
    a bracket in the same script (`Hay’at Tahrir al-Sham (HTS)`) stays part of the name."""
    if len(text_scripts(text)) < 2:
        return [text]
    outer, groups = _top_level_brackets(_SCRIPT_MARK.sub("", text))
    outer_scripts = text_scripts(outer)
    pieces: list[str] = []
    for group in groups:
        if ";" not in group and text_scripts(group) <= outer_scripts:
            outer = f"{outer.rstrip()} ({group})"
        else:
            pieces.extend(group.split(";"))
    result: list[str] = []
    for piece in [outer, *pieces]:
        piece = _SUB_UNIT.sub("", " ".join(piece.split())).strip(" ,;")
        if not piece:
            continue
        result.extend(_script_runs(piece) if len(text_scripts(piece)) > 1 else [piece])
    return result


def _top_level_brackets(text: str) -> tuple[str, list[str]]:
    outer: list[str] = []
    groups: list[str] = []
    current: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            if depth:
                current.append(char)
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth:
                current.append(char)
            else:
                groups.append("".join(current))
                current = []
        elif depth:
            current.append(char)
        else:
            outer.append(char)
    if current:
        groups.append("".join(current))
    return "".join(outer), groups


def _script_runs(text: str) -> list[str]:
    """`Agha Jan Alizai اغا جان عالیزی` -> ["Agha Jan Alizai", "اغا جان عالیزی"]."""
    runs: list[list[str]] = []
    last: frozenset[str] = frozenset()
    for word in text.split():
        scripts = frozenset(text_scripts(word))
        if runs and (not scripts or scripts == last):
            runs[-1].append(word)
            continue
        runs.append([word])
        last = scripts or last
    return [" ".join(run).strip(" ,;") for run in runs if " ".join(run).strip(" ,;")]


def _birth_date(element: etree._Element) -> tuple[FuzzyDate | None, str | None]:
    """A date of birth, or (None, the list's text) when the text is not a date we can read.

    TYPE_OF_DATE says how to read it: EXACT has DATE or YEAR, APPROXIMATELY has YEAR (circa),
    BETWEEN has FROM_YEAR and TO_YEAR. NOTE qualifies it: `Approximately`, a month (`Sep.` with
    YEAR 1958), `from false passport`, or replaces it (`Nov. 1973`, `24/06/1402 (Hijri Calendar)`).
    """
    kind = (_text(element, "TYPE_OF_DATE") or "").upper()
    exact = _text(element, "DATE")
    year = _text(element, "YEAR")
    low, high = _text(element, "FROM_YEAR"), _text(element, "TO_YEAR")
    note = _text(element, "NOTE")
    note_is_circa = (note or "").lower().rstrip(".") in ("approximately", "approx", "circa")
    circa = kind == "APPROXIMATELY" or note_is_circa
    rest = None if note_is_circa else note  # what the note adds beyond "approximately"
    found: FuzzyDate | None = None
    if exact:
        found = parse_fuzzy_date(exact)
    elif year:
        if rest and (with_month := parse_fuzzy_date(f"{rest} {year}")):
            found, rest = with_month, None
        else:
            found = parse_fuzzy_date(year)
    elif low and high and low.isdigit() and high.isdigit():
        first, last = sorted((int(low), int(high)))
        found = FuzzyDate(first, to_year=last if last != first else None)
    elif low or high:
        found = parse_fuzzy_date(low or high or "")
    elif rest:
        found, rest = parse_fuzzy_date(rest), None
        if found is None:
            return None, note
    else:
        return None, None
    if found is None:
        return None, " ".join(unique([kind.lower(), exact, year, low, high, note]))
    text = found.text
    if rest:
        text = f"{found} ({rest})"
    return (
        FuzzyDate(found.year, found.month, found.day, circa or found.circa, found.to_year, text),
        None,
    )


def _place(element: etree._Element) -> str | None:
    parts = unique(_text(element, tag) for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY"))
    note = _text(element, "NOTE")
    place = ", ".join(parts)
    if note:
        place = f"{place} ({note})" if place else note
    return place or None


def _address(element: etree._Element) -> Address | None:
    street = _text(element, "STREET")
    city = _text(element, "CITY")
    region = _text(element, "STATE_PROVINCE")
    postal_code = _text(element, "ZIP_CODE")
    country = _text(element, "COUNTRY")
    note = _text(element, "NOTE")
    if not any((street, city, region, postal_code, country, note)):
        return None
    full = ", ".join(unique([street, city, region, postal_code, country])) or None
    return Address(
        full=full,
        street=street,
        city=city,
        postal_code=postal_code,
        region=region,
        country=country_code(country),
        country_name=country,
        note=note,
    )


def _document(element: etree._Element) -> Identifier | None:
    kind_text = _text(element, "TYPE_OF_DOCUMENT") or ""
    detail = _text(element, "TYPE_OF_DOCUMENT2")
    note = _text(element, "NOTE")
    number = _text(element, "NUMBER")
    if not number:
        for text in (detail, note):
            if text and (match := _NUMBER_IN_TEXT.search(text)):
                number = (match.group(1) or match.group(2)).strip(" -")
                break
    if not number:
        return None
    country = _text(element, "ISSUING_COUNTRY") or _text(element, "COUNTRY_OF_ISSUE")
    city = _text(element, "CITY_OF_ISSUE")
    issued = _text(element, "DATE_OF_ISSUE")
    label = " / ".join(unique([kind_text, detail])) or None
    notes = unique([f"issued in {city}" if city else None, note])
    return Identifier(
        kind=_document_kind(f"{detail or ''} {kind_text}"),
        value=number,
        country=(country_code(country) or country) if country else None,
        label=label,
        issued=parse_fuzzy_date(issued) if issued else None,
        expires=_expiry(note),
        note="; ".join(notes) or None,
    )


def _document_kind(text: str) -> IdentifierKind:
    lowered = text.lower()
    for words, kind in _DOCUMENT_KINDS:
        if any(word in lowered for word in words):
            return kind
    return IdentifierKind.OTHER


_DOCUMENT_KINDS: tuple[tuple[tuple[str, ...], IdentifierKind], ...] = (
    (("social security", "ssn"), IdentifierKind.SOCIAL_SECURITY),
    (("fiscal code", "tax"), IdentifierKind.TAX_ID),
    (("driver", "driving"), IdentifierKind.DRIVERS_LICENSE),
    (("passport", "passeport", "pasaporte"), IdentifierKind.PASSPORT),
    (("identi", "national number", "tazkira", "id "), IdentifierKind.NATIONAL_ID),
)


def _expiry(note: str | None) -> FuzzyDate | None:
    if not note or not (match := _EXPIRES.search(note)):
        return None
    text = match.group(1)
    if month_first := _MONTH_FIRST.match(text):  # "October 19, 2020"
        text = f"{month_first.group(2)} {month_first.group(1)} {month_first.group(3)}"
    return parse_fuzzy_date(text)


UN_SC = SourceSpec(
    name=SOURCE,
    title=LIST_NAME,
    publisher="United Nations Security Council",
    parse=parse_un,
    urls=(URL,),
    input_hint="the UN consolidated.xml (or a folder holding it)",
    filenames=(FILENAME,),
)

__all__ = ["LIST_NAME", "UN_SC", "URL", "parse_un"]
