"""OFAC remarks read into typed facts.

The legacy CSV files put most of what OFAC knows about a party into one free-text Remarks field:
`DOB 23 Nov 1962; POB Caracas, Venezuela; nationality Venezuela; Gender Male; Cedula No. 5892464
(Venezuela); Linked To: X.` SDN.XML carries the same facts as lists (`idList`, `dateOfBirthList`)
and only a residue in `<remarks>`. Both go through `parse_remarks` / `RemarkReader.feature`, so a
fact reads the same whichever format it came in.

Clauses are `; `-separated and start with a label (`Passport`, `Tax ID No.`, `Organization Type:`),
optionally preceded by `alt. ` for a second value. Every clause is either turned into a fact or kept
verbatim in `remarks`: nothing is dropped. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from watchlist.model import (
    AircraftInfo,
    FuzzyDate,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Relation,
    RelationKind,
    parse_fuzzy_date,
)
from watchlist.model.countries import country_code

_T = TypeVar("_T")


class UsedAs(StrEnum):
    """What a remark clause became."""

    BIRTH_DATE = "birth_date"
    BIRTH_PLACE = "birth_place"
    NATIONALITY = "nationality"
    CITIZENSHIP = "citizenship"
    GENDER = "gender"
    IDENTIFIER = "identifier"
    NAME = "name"
    RELATION = "relation"
    WEBSITE = "website"
    EMAIL = "email"
    PHONE = "phone"
    TITLE = "title"
    POSITION = "position"
    AIRCRAFT = "aircraft"
    VESSEL = "vessel"
    SANCTIONS = "sanctions"  # secondary sanctions risk, directives: kept for the designation note
    EXTRA = "extra"  # a labelled fact with no field of its own (Organization Type, Target Type)
    REMARK = "remark"  # not understood: kept verbatim in `remarks`
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class Clause:
    text: str  # verbatim, as split from the remarks
    used_as: UsedAs


@dataclass(frozen=True, slots=True)
class RemarkFacts:
    """Everything one entry's remarks say, by kind. `clauses` accounts for every clause."""

    clauses: tuple[Clause, ...] = ()
    birth_dates: tuple[FuzzyDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2 where resolvable, else the list's text
    citizenships: tuple[str, ...] = ()
    gender: str | None = None
    identifiers: tuple[Identifier, ...] = ()
    names: tuple[Name, ...] = ()
    relations: tuple[Relation, ...] = ()
    websites: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    aircraft: AircraftInfo | None = None
    vessel_build_year: str | None = None
    countries: tuple[str, ...] = ()  # Nationality of Registration (vessels, aircraft)
    sanctions: tuple[str, ...] = ()  # clause texts about the sanctions themselves
    extra: tuple[tuple[str, str], ...] = ()
    remarks: tuple[str, ...] = ()


# --- dates ------------------------------------------------------------------------------------

_DATE_RANGE = re.compile(r"^(?P<circa>circa\s+)?(?P<low>.+?)\s+to\s+(?P<high>.+)$", re.IGNORECASE)


def parse_ofac_date(text: str) -> FuzzyDate | None:
    """An OFAC date in any precision it uses, or None.

    Beyond `parse_fuzzy_date`'s forms, OFAC writes ranges of full dates: `01 Jan 1961 to 31 Dec
    1963` (whole years, read as the year range 1961-1963), `01 Feb 1960 to 29 Feb 1960` (a whole
    month) and `26 Sep 1946 to 07 Dec 1946` (read as the year 1946: a FuzzyDate has no day ranges,
    and widening keeps a true match). The list's wording is kept in `text`.
    """
    raw = " ".join(text.split()).rstrip(".")
    found = parse_fuzzy_date(raw)
    if found is not None:
        return found
    match = _DATE_RANGE.match(raw)
    if match is None:
        return None
    low = parse_fuzzy_date(match.group("low"))
    high = parse_fuzzy_date(match.group("high"))
    if low is None or high is None or low.to_year is not None or high.to_year is not None:
        return None
    if (high.year, high.month or 12, high.day or 31) < (low.year, low.month or 1, low.day or 1):
        return None
    circa = match.group("circa") is not None
    if low.year == high.year and low.month == high.month and low.month is not None:
        whole_month = (low.day in (None, 1)) and (high.day is None or high.day >= 28)
        if whole_month:
            return FuzzyDate(low.year, low.month, circa=circa, text=raw)
    return FuzzyDate(
        low.year, circa=circa, to_year=high.year if high.year != low.year else None, text=raw
    )


# --- the label table --------------------------------------------------------------------------


class _Do(StrEnum):
    DOB = "dob"
    POB = "pob"
    NATIONALITY = "nationality"
    CITIZEN = "citizen"
    GENDER = "gender"
    ALIAS = "alias"
    LINKED = "linked"
    ID = "id"
    CRYPTO = "crypto"
    WEBSITE = "website"
    EMAIL = "email"
    PHONE = "phone"
    TITLE = "title"
    POSITION = "position"
    AIRCRAFT_MODEL = "aircraft_model"
    AIRCRAFT_OPERATOR = "aircraft_operator"
    AIRCRAFT_DATE = "aircraft_date"
    VESSEL_YEAR = "vessel_year"
    REGISTRATION_COUNTRY = "registration_country"
    SANCTIONS = "sanctions"
    EXTRA = "extra"


_K = IdentifierKind

# (label pattern, action, identifier kind). Labels are OFAC's own (SDN.XML idType values and the
# remark prefixes of 2019-2026 sdn.csv files); patterns are matched case-insensitively at the
# start of a clause, after an optional `alt. `.
_RULES: tuple[tuple[str, _Do, IdentifierKind | None], ...] = (
    (r"DOB", _Do.DOB, None),
    (r"POB", _Do.POB, None),
    (r"nationality", _Do.NATIONALITY, None),
    (r"citizen", _Do.CITIZEN, None),
    (r"Gender", _Do.GENDER, None),
    (r"a\.k\.a\.", _Do.ALIAS, None),
    (r"f\.k\.a\.", _Do.ALIAS, None),
    (r"n\.k\.a\.", _Do.ALIAS, None),
    (r"d\.b\.a\.", _Do.ALIAS, None),
    (r"Linked To", _Do.LINKED, None),
    (r"Website", _Do.WEBSITE, None),
    (r"Email Address", _Do.EMAIL, None),
    (r"Email", _Do.EMAIL, None),
    (r"Phone Number", _Do.PHONE, None),
    (r"Phone No\.", _Do.PHONE, None),
    (r"Phone", _Do.PHONE, None),
    (r"Telephone Number", _Do.PHONE, None),
    (r"Telephone No\.", _Do.PHONE, None),
    (r"Telephone", _Do.PHONE, None),
    (r"Title", _Do.TITLE, None),
    (r"Position", _Do.POSITION, None),
    (r"Digital Currency Address", _Do.CRYPTO, _K.CRYPTO_WALLET),
    # passports and travel documents
    (r"Passport", _Do.ID, _K.PASSPORT),
    (r"Diplomatic Passport", _Do.ID, _K.PASSPORT),
    (r"Official Passport", _Do.ID, _K.PASSPORT),
    (r"Service Passport", _Do.ID, _K.PASSPORT),
    (r"Stateless Person Passport", _Do.ID, _K.PASSPORT),
    (r"U\.S\.A\. Passport", _Do.ID, _K.PASSPORT),
    (r"Travel Document Number", _Do.ID, _K.PASSPORT),
    (r"British National Overseas Passport", _Do.ID, _K.PASSPORT),
    (r"Seafarer's Identification Document", _Do.ID, _K.PASSPORT),
    # personal identity documents
    (r"National ID No\.", _Do.ID, _K.NATIONAL_ID),
    (r"National ID Number", _Do.ID, _K.NATIONAL_ID),
    (r"National ID", _Do.ID, _K.NATIONAL_ID),
    (r"Cedula No\.", _Do.ID, _K.NATIONAL_ID),
    (r"D\.N\.I\.", _Do.ID, _K.NATIONAL_ID),
    (r"Personal ID Card", _Do.ID, _K.NATIONAL_ID),
    (r"Identification Number", _Do.ID, _K.NATIONAL_ID),
    (r"C\.U\.R\.P\.", _Do.ID, _K.NATIONAL_ID),
    (r"CURP(?: #)?", _Do.ID, _K.NATIONAL_ID),
    (r"C\.U\.I\.", _Do.ID, _K.NATIONAL_ID),
    (r"Credencial electoral", _Do.ID, _K.NATIONAL_ID),
    (r"Electoral Registry No\.", _Do.ID, _K.NATIONAL_ID),
    (r"I\.F\.E\.", _Do.ID, _K.NATIONAL_ID),
    (r"Kenyan ID No\.", _Do.ID, _K.NATIONAL_ID),
    (r"Turkish Identifici?ation Number", _Do.ID, _K.NATIONAL_ID),  # sic, both spellings
    (r"Citizen's Card Number", _Do.ID, _K.NATIONAL_ID),
    (r"Numero de Identidad", _Do.ID, _K.NATIONAL_ID),
    (r"National Foreign ID Number", _Do.ID, _K.NATIONAL_ID),
    (r"Stateless Person ID Card", _Do.ID, _K.NATIONAL_ID),
    (r"Refugee ID Card", _Do.ID, _K.NATIONAL_ID),
    (r"Tazkira National ID Card", _Do.ID, _K.NATIONAL_ID),
    (r"UAE Identification", _Do.ID, _K.NATIONAL_ID),
    (r"Birth Certificate Number", _Do.ID, _K.NATIONAL_ID),
    (r"Residency Number", _Do.ID, _K.NATIONAL_ID),
    (r"Romanian Permanent Resident", _Do.ID, _K.NATIONAL_ID),
    (r"Immigration No\.", _Do.ID, _K.NATIONAL_ID),
    (r"Cartilla de Servicio Militar Nacional", _Do.ID, _K.NATIONAL_ID),
    (r"Military ID", _Do.ID, _K.NATIONAL_ID),
    (r"Military Registration Number", _Do.ID, _K.NATIONAL_ID),
    (r"Moroccan Personal ID No\.", _Do.ID, _K.NATIONAL_ID),
    (r"Bosnian Personal ID No\.", _Do.ID, _K.NATIONAL_ID),
    (r"Public Security and Immigration No\.", _Do.ID, _K.NATIONAL_ID),
    (r"N\.I\.E\.", _Do.ID, _K.NATIONAL_ID),
    (r"C\.U\.I\.P\.", _Do.ID, _K.NATIONAL_ID),
    (r"Tarjeta Profesional", _Do.ID, _K.NATIONAL_ID),
    (r"Driver's License No\.", _Do.ID, _K.DRIVERS_LICENSE),
    (r"SSN", _Do.ID, _K.SOCIAL_SECURITY),
    # tax numbers
    (r"Tax ID No\.", _Do.ID, _K.TAX_ID),
    (r"R\.F\.C\.", _Do.ID, _K.TAX_ID),
    (r"RFC(?: #)?", _Do.ID, _K.TAX_ID),
    (r"NIT(?: #)?", _Do.ID, _K.TAX_ID),
    (r"RUC(?: #)?", _Do.ID, _K.TAX_ID),
    (r"RIF(?: #)?", _Do.ID, _K.TAX_ID),
    (r"RTN", _Do.ID, _K.TAX_ID),
    (r"C\.U\.I\.T\.", _Do.ID, _K.TAX_ID),
    (r"CUIT", _Do.ID, _K.TAX_ID),
    (r"V\.A\.T\. Number", _Do.ID, _K.TAX_ID),
    (r"US FEIN", _Do.ID, _K.TAX_ID),
    (r"Italian Fiscal Code", _Do.ID, _K.TAX_ID),
    (r"Fiscal Code", _Do.ID, _K.TAX_ID),
    (r"C\.I\.F\.", _Do.ID, _K.TAX_ID),
    (r"N\.I\.F\.", _Do.ID, _K.TAX_ID),
    (r"Tax Identification Number", _Do.ID, _K.TAX_ID),
    (r"Paraguayan tax identification number", _Do.ID, _K.TAX_ID),
    (r"Numero Unico de Identificacao Tributaria \(NUIT\)", _Do.ID, _K.TAX_ID),
    (r"RSIN", _Do.ID, _K.TAX_ID),
    # company and other registrations
    (r"Registration Number", _Do.ID, _K.REGISTRATION),
    (r"Registration ID", _Do.ID, _K.REGISTRATION),
    (r"Business Registration Document(?: #)?", _Do.ID, _K.REGISTRATION),
    (r"Business Registration Number", _Do.ID, _K.REGISTRATION),
    (r"Business Number", _Do.ID, _K.REGISTRATION),
    (r"Company Number", _Do.ID, _K.REGISTRATION),
    (r"UK Company Number", _Do.ID, _K.REGISTRATION),
    (r"Government Gazette Number", _Do.ID, _K.REGISTRATION),
    (r"Commercial Registry Number", _Do.ID, _K.REGISTRATION),
    (r"C\.R\. No\.", _Do.ID, _K.REGISTRATION),
    (r"Chamber of Commerce Number", _Do.ID, _K.REGISTRATION),
    (r"Folio Mercantil No\.?", _Do.ID, _K.REGISTRATION),
    (r"Matricula Mercantil No\.?", _Do.ID, _K.REGISTRATION),
    (r"Economic Register Number \(CBLS\)", _Do.ID, _K.REGISTRATION),
    (r"Trade License No\.", _Do.ID, _K.REGISTRATION),
    (r"Istanbul Chamber of Comm\. No\.", _Do.ID, _K.REGISTRATION),
    (r"Dubai Chamber of Commerce Membership No\.", _Do.ID, _K.REGISTRATION),
    (r"Enterprise Number", _Do.ID, _K.REGISTRATION),
    (r"Branch Unit Number", _Do.ID, _K.REGISTRATION),
    (r"Unified Social Credit Code \(USCC\)", _Do.ID, _K.REGISTRATION),
    (r"United Social Credit Code Certificate \(USCCC\)", _Do.ID, _K.REGISTRATION),
    (r"Public Registration Number", _Do.ID, _K.REGISTRATION),
    (r"Certificate of Incorporation Number", _Do.ID, _K.REGISTRATION),
    (r"Central Registration System Number", _Do.ID, _K.REGISTRATION),
    (r"Registered Charity No\.", _Do.ID, _K.REGISTRATION),
    (r"Afghan Money Service Provider License Number", _Do.ID, _K.REGISTRATION),
    (r"License", _Do.ID, _K.REGISTRATION),
    (r"LE Number", _Do.ID, _K.REGISTRATION),
    (r"Serial No\.", _Do.ID, _K.REGISTRATION),
    (r"File Number", _Do.ID, _K.REGISTRATION),
    (r"MSB Registration Number", _Do.ID, _K.REGISTRATION),
    (r"Tourism License No\.", _Do.ID, _K.REGISTRATION),
    (r"Permit Number", _Do.ID, _K.REGISTRATION),
    (r"SRE Permit No\.", _Do.ID, _K.REGISTRATION),
    (r"Romanian C\.R\.", _Do.ID, _K.REGISTRATION),
    (r"Registration Certificate Number \(Dubai\)", _Do.ID, _K.REGISTRATION),
    (r"C\.I\.N\.", _Do.ID, _K.REGISTRATION),
    (r"Trademark number", _Do.ID, _K.OTHER),
    (r"Legal Entity Number", _Do.ID, _K.LEI),
    (r"D-U-N-S Number", _Do.ID, _K.DUNS),
    (r"SWIFT/BIC", _Do.ID, _K.SWIFT_BIC),
    (r"BIK \(RU\)", _Do.ID, _K.OTHER),
    (r"ISIN", _Do.ID, _K.OTHER),
    (r"VisaNumberID", _Do.ID, _K.OTHER),
    # vessels and aircraft
    (r"Vessel Registration Identification", _Do.ID, _K.IMO),
    (r"MMSI", _Do.ID, _K.MMSI),
    (r"Aircraft Manufacturer's Serial Number \(MSN\)", _Do.ID, _K.AIRCRAFT_SERIAL),
    (
        r"Aircraft Construction Number \(also called L/N or S/N or F/N\)",
        _Do.ID,
        _K.AIRCRAFT_SERIAL,
    ),
    (r"Aircraft Serial Identification", _Do.ID, _K.AIRCRAFT_SERIAL),
    (r"Aircraft Tail Number", _Do.ID, _K.AIRCRAFT_TAIL),
    (r"Previous Aircraft Tail Number", _Do.ID, _K.AIRCRAFT_TAIL),
    (r"Aircraft Mode S Transponder Code", _Do.ID, _K.OTHER),
    (r"Aircraft Model", _Do.AIRCRAFT_MODEL, None),
    (r"Aircraft Operator", _Do.AIRCRAFT_OPERATOR, None),
    (r"Aircraft Manufacture Date", _Do.AIRCRAFT_DATE, None),
    (r"Vessel Year of Build", _Do.VESSEL_YEAR, None),
    (r"Nationality of Registration", _Do.REGISTRATION_COUNTRY, None),
    (r"Former Vessel Flag", _Do.EXTRA, None),
    (r"Other Vessel Flag", _Do.EXTRA, None),
    (r"Other Vessel Call Sign", _Do.EXTRA, None),
    (r"Other Vessel Type", _Do.EXTRA, None),
    # what the sanctions mean for third parties: kept for the designation's note
    (r"Secondary sanctions risk", _Do.SANCTIONS, None),
    (r"Additional Sanctions Information", _Do.SANCTIONS, None),
    (
        r"Transactions Prohibited For Persons Owned or Controlled By U\.S\. Financial Institutions",
        _Do.SANCTIONS,
        None,
    ),
    (r"Executive Order \d+ Directive Determination", _Do.SANCTIONS, None),
    (r"Executive Order \d+ Directive Information", _Do.SANCTIONS, None),
    (r"Executive Order \d+ information", _Do.SANCTIONS, None),
    (r"CAATSA Section \d+ Information", _Do.SANCTIONS, None),
    (r"IFCA Determination", _Do.SANCTIONS, None),
    (r"Listing Date \([^)]*\)", _Do.SANCTIONS, None),
    (r"Effective Date \([^)]*\)", _Do.SANCTIONS, None),
    (r"Purchase/Sales For Divestment Date \([^)]*\)", _Do.SANCTIONS, None),
    (
        r"For more information(?: on directives)?, please (?:visit|reference) the following link",
        _Do.EXTRA,
        None,
    ),
    # labelled facts with no field of their own
    (r"Organization Type", _Do.EXTRA, None),
    (r"Organization Established Date", _Do.EXTRA, None),
    (r"Target Type", _Do.EXTRA, None),
    (r"Issuer Name", _Do.EXTRA, None),
    (r"Equity Ticker", _Do.EXTRA, None),
    (r"Chinese Commercial Code", _Do.EXTRA, None),
    (r"Fax No\.", _Do.EXTRA, None),
    (r"Fax", _Do.EXTRA, None),
    (r"ethnicity", _Do.EXTRA, None),
    (r"Tribe", _Do.EXTRA, None),
    (r"Subtribe", _Do.EXTRA, None),
    (r"Occupation", _Do.EXTRA, None),
)

# The separator between a label and its value: `Label value`, `Label: value`, `Label - value`.
_SEPARATOR = r"(?::\s*|\s*-\s+|\s+)"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    action: _Do
    kind: IdentifierKind | None


_LITERAL_START = re.compile(r"[^\s(?*+\[]+")


def _build_rules() -> dict[str, tuple[_Rule, ...]]:
    # Dispatch on the clause's first word, then try that word's labels longest first, so that
    # `Passport` never shadows `Passport` variants and `nationality` never shadows
    # `Nationality of Registration`.
    by_word: dict[str, list[tuple[str, _Rule]]] = {}
    for label, action, kind in _RULES:
        literal = _LITERAL_START.match(label.replace("\\", ""))
        assert literal is not None
        first = literal.group().lower()
        pattern = re.compile(
            rf"(?P<label>{label}){_SEPARATOR}(?P<rest>\S.*)\Z", re.IGNORECASE | re.DOTALL
        )
        by_word.setdefault(first, []).append((label, _Rule(pattern, action, kind)))
    return {
        word: tuple(rule for _, rule in sorted(rules, key=lambda item: -len(item[0])))
        for word, rules in by_word.items()
    }


_BY_FIRST_WORD = _build_rules()
_FIRST_WORD = re.compile(r"[^\s:]+")

_ID_REST = re.compile(
    r"^(?P<value>.*?)"
    r"(?:\s*\((?P<country>[^()]*)\))?"
    r"(?:,?\s+issued\s+(?P<issued>.+?))?"
    r"(?:,?\s+expires\s+(?P<expires>.+?))?\Z",
    re.IGNORECASE | re.DOTALL,
)
_NO_VALUE = re.compile(r"^(?:issued|expires)\b", re.IGNORECASE)
_IMO_VALUE = re.compile(r"^IMO\s+(?P<number>\d{7})\b", re.IGNORECASE)
_CRYPTO_REST = re.compile(r"^(?P<currency>[A-Z0-9]{2,6})\s+(?P<address>\S+)$")
_QUOTED = re.compile(r"^'(?P<name>.*)'$", re.DOTALL)
_ALIAS_KINDS = {"a.k.a.": "aka", "f.k.a.": "fka", "n.k.a.": "nka", "d.b.a.": "dba"}
_GENDERS = {"male": "male", "female": "female"}


def split_remarks(text: str | None) -> tuple[str, ...]:
    """The clauses of a remarks field: `; `-separated, the final `.` removed.

    `"; ".join(split_remarks(t))` gives back `t` stripped and without its final full stop.
    """
    if text is None:
        return ()
    body = text.strip()
    if body.endswith("."):
        body = body[:-1]
    if not body:
        return ()
    return tuple(body.split("; "))


def split_list_name(full: str) -> tuple[str | None, str | None]:
    """`MADURO MOROS, Nicolas` -> (first "Nicolas", last "MADURO MOROS"); no comma -> (None, None).

    OFAC writes individuals as `SURNAME(S), Given names`; a name with more than one comma is not
    split, because the parts can no longer be told apart.
    """
    if full.count(",") != 1:
        return None, None
    last, first = (part.strip() for part in full.split(","))
    if not last or not first:
        return None, None
    return first, last


def make_name(full: str, kind: NameKind, *, person: bool, note: str | None = None) -> Name:
    """A Name in the list's own form, with first/last filled for individuals."""
    if person:
        first, last = split_list_name(full)
        return Name(full=full, kind=kind, first=first, last=last, note=note)
    return Name(full=full, kind=kind, note=note)


def country_or_text(text: str) -> str:
    """ISO alpha-2 where rigour knows the country, else the list's text as given."""
    return country_code(text) or text.strip()


def _distinct(values: list[_T]) -> tuple[_T, ...]:
    return tuple(values) if len(values) < 2 else tuple(dict.fromkeys(values))


@dataclass
class RemarkReader:
    """Collects facts clause by clause; `parse_remarks` and the SDN.XML reader share it."""

    person: bool = False
    titles_known: frozenset[str] = frozenset()
    source: str | None = None  # Relation.source: the list the remarks come from
    clauses: list[Clause] = field(default_factory=list)
    birth_dates: list[FuzzyDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    citizenships: list[str] = field(default_factory=list)
    gender: str | None = None
    identifiers: list[Identifier] = field(default_factory=list)
    names: list[Name] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    positions: list[str] = field(default_factory=list)
    aircraft_model: str | None = None
    aircraft_operator: str | None = None
    aircraft_date: str | None = None
    vessel_build_year: str | None = None
    countries: list[str] = field(default_factory=list)
    sanctions: list[str] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    def clause(self, text: str) -> UsedAs:
        """Read one clause; record it and what it became."""
        body = text.strip()
        if not body:
            used = UsedAs.EMPTY
        elif body in self.titles_known or f"{body}." in self.titles_known:
            used = UsedAs.TITLE  # the Title column, repeated in the remarks
        else:
            used = self._classify(body)
            if used is UsedAs.REMARK and body.startswith("(") and body.endswith(")"):
                # SDN.XML writes `(Linked To: HAMAS)` where the CSV has `Linked To: HAMAS`
                used = self._classify(body[1:-1].strip())
            if used is UsedAs.REMARK:
                self.remarks.append(body)
        self.clauses.append(Clause(text, used))
        return used

    def feature(
        self,
        label: str,
        value: str,
        *,
        country: str | None = None,
        issued: str | None = None,
        expires: str | None = None,
    ) -> UsedAs:
        """One SDN.XML `idList/id` (idType, idNumber, idCountry, issueDate, expirationDate).

        The idType values are the remark labels, so they take the same rules; an unknown idType
        still becomes an identifier of kind OTHER, labelled, since SDN.XML says it is one.
        """
        label = label.strip()
        value = value.strip()
        # idType keeps the remark's punctuation (`Secondary sanctions risk:`, `Executive Order
        # 13662 Directive Determination -`), so label + value is the CSV clause itself.
        text = f"{label} {value}"
        rule, _ = self._match(text)
        if rule is None or rule.action is _Do.ID:
            kind = rule.kind if rule is not None and rule.kind is not None else _K.OTHER
            self._add_identifier(kind, label.rstrip(":- "), value, country, issued, expires)
            used = UsedAs.IDENTIFIER
        else:
            used = self._classify(text)
            if used is UsedAs.REMARK:
                self.remarks.append(text)
        self.clauses.append(Clause(text, used))
        return used

    def facts(self) -> RemarkFacts:
        aircraft = None
        if self.aircraft_model or self.aircraft_operator or self.aircraft_date:
            aircraft = AircraftInfo(self.aircraft_model, self.aircraft_operator, self.aircraft_date)
        return RemarkFacts(
            clauses=tuple(self.clauses),
            birth_dates=_distinct(self.birth_dates),
            birth_places=_distinct(self.birth_places),
            nationalities=_distinct(self.nationalities),
            citizenships=_distinct(self.citizenships),
            gender=self.gender,
            identifiers=_distinct(self.identifiers),
            names=_distinct(self.names),
            relations=_distinct(self.relations),
            websites=_distinct(self.websites),
            emails=_distinct(self.emails),
            phones=_distinct(self.phones),
            titles=_distinct(self.titles),
            positions=_distinct(self.positions),
            aircraft=aircraft,
            vessel_build_year=self.vessel_build_year,
            countries=_distinct(self.countries),
            sanctions=tuple(self.sanctions),
            extra=tuple(self.extra),
            remarks=tuple(self.remarks),
        )

    # --- internals -----------------------------------------------------------------------------

    def _match(self, body: str) -> tuple[_Rule | None, re.Match[str] | None]:
        start = 5 if body.startswith(("alt. ", "Alt. ", "ALT. ")) else 0
        word = _FIRST_WORD.match(body, start)
        if word is None:
            return None, None
        for rule in _BY_FIRST_WORD.get(word.group().lower(), ()):
            match = rule.pattern.match(body, start)
            if match is not None:
                return rule, match
        return None, None

    def _classify(self, body: str) -> UsedAs:
        rule, match = self._match(body)
        if rule is None or match is None:
            return UsedAs.REMARK
        label = match.group("label")
        rest = match.group("rest").strip()
        alt = match.start() == 5
        return self._apply(rule, label, rest, alt, body)

    def _apply(self, rule: _Rule, label: str, rest: str, alt: bool, body: str) -> UsedAs:
        action = rule.action
        if action is _Do.DOB:
            parsed = parse_ofac_date(rest)
            if parsed is None:
                return UsedAs.REMARK
            self.birth_dates.append(parsed)
            return UsedAs.BIRTH_DATE
        if action is _Do.POB:
            self.birth_places.append(rest)
            return UsedAs.BIRTH_PLACE
        if action is _Do.NATIONALITY:
            self.nationalities.append(country_or_text(rest))
            return UsedAs.NATIONALITY
        if action is _Do.CITIZEN:
            self.citizenships.append(country_or_text(rest))
            return UsedAs.CITIZENSHIP
        if action is _Do.GENDER:
            gender = _GENDERS.get(rest.lower())
            if gender is None:
                return UsedAs.REMARK
            self.gender = gender
            return UsedAs.GENDER
        if action is _Do.ALIAS:
            return self._alias(label, rest)
        if action is _Do.LINKED:
            self.relations.append(
                Relation(
                    RelationKind.LINKED_TO, target_name=rest, role="Linked To", source=self.source
                )
            )
            return UsedAs.RELATION
        if action is _Do.ID:
            assert rule.kind is not None
            parts = _ID_REST.match(rest)
            assert parts is not None  # every part is optional
            if not parts.group("value") or _NO_VALUE.match(parts.group("value")):
                return UsedAs.REMARK  # `Passport issued in Sarajevo, Bosnia-Herzegovina`
            self._add_identifier(
                rule.kind,
                label,
                parts.group("value"),
                parts.group("country"),
                parts.group("issued"),
                parts.group("expires"),
            )
            return UsedAs.IDENTIFIER
        if action is _Do.CRYPTO:
            crypto = _CRYPTO_REST.match(rest)
            if crypto is None:
                return UsedAs.REMARK
            self.identifiers.append(
                Identifier(
                    _K.CRYPTO_WALLET,
                    crypto.group("address"),
                    label=f"Digital Currency Address - {crypto.group('currency')}",
                )
            )
            return UsedAs.IDENTIFIER
        if action is _Do.WEBSITE:
            self.websites.append(rest)
            return UsedAs.WEBSITE
        if action is _Do.EMAIL:
            self.emails.append(rest)
            return UsedAs.EMAIL
        if action is _Do.PHONE:
            self.phones.append(rest)
            return UsedAs.PHONE
        if action is _Do.TITLE:
            self.titles.append(rest)
            return UsedAs.TITLE
        if action is _Do.POSITION:
            self.positions.append(rest)
            return UsedAs.POSITION
        if action is _Do.VESSEL_YEAR and self.vessel_build_year is None:
            self.vessel_build_year = rest
            return UsedAs.VESSEL
        if action is _Do.REGISTRATION_COUNTRY:
            self.countries.append(country_or_text(rest))
            self.extra.append((label, rest))
            return UsedAs.EXTRA
        if action in (_Do.AIRCRAFT_MODEL, _Do.AIRCRAFT_OPERATOR, _Do.AIRCRAFT_DATE):
            slot = action.value  # aircraft_model, aircraft_operator, aircraft_date
            if not alt and getattr(self, slot) is None:
                setattr(self, slot, rest)
                return UsedAs.AIRCRAFT
            self.extra.append((label, rest))
            return UsedAs.AIRCRAFT
        if action is _Do.SANCTIONS:
            self.sanctions.append(body)
            self.extra.append((label, rest))
            return UsedAs.SANCTIONS
        self.extra.append((label, rest))
        return UsedAs.VESSEL if action is _Do.VESSEL_YEAR else UsedAs.EXTRA

    def _alias(self, label: str, rest: str) -> UsedAs:
        quoted = _QUOTED.match(rest)
        if quoted is None or not quoted.group("name").strip():
            return UsedAs.REMARK  # e.g. cut off where the CSV's 1,000-character field ends
        name = quoted.group("name").strip()
        # In the CSV files, OFAC's strong aliases are in alt.csv; the a.k.a.s written into the
        # remarks are the ones SDN.XML marks category="weak" (checked on the 2025 consolidated
        # list: 66 of its 70 weak aliases are remark a.k.a.s, none of its strong ones are).
        alias_type = _ALIAS_KINDS[label.lower()]
        note = None if alias_type == "aka" else f"{label.lower()} (weak)"
        self.names.append(make_name(name, NameKind.WEAK_ALIAS, person=self.person, note=note))
        return UsedAs.NAME

    def _add_identifier(
        self,
        kind: IdentifierKind,
        label: str,
        value: str,
        country: str | None,
        issued: str | None,
        expires: str | None,
    ) -> None:
        value = value.strip()
        notes: list[str] = []
        imo = _IMO_VALUE.match(value)
        if imo is not None and kind in (_K.IMO, _K.REGISTRATION, _K.NATIONAL_ID):
            # `Vessel Registration Identification IMO 9187629`; companies: `Company Number IMO
            # 5950423`, `Identification Number IMO 1234567`: IMO company numbers.
            kind, value = _K.IMO, imo.group("number")
            label = f"{label} IMO"
        issued_date = parse_ofac_date(issued) if issued else None
        expires_date = parse_ofac_date(expires) if expires else None
        if issued and issued_date is None:
            notes.append(f"issued {issued}")
        if expires and expires_date is None:
            notes.append(f"expires {expires}")
        self.identifiers.append(
            Identifier(
                kind=kind,
                value=value,
                country=country_or_text(country) if country and country.strip() else None,
                label=label,
                issued=issued_date,
                expires=expires_date,
                note="; ".join(notes) or None,
            )
        )


def parse_remarks(
    text: str | None,
    *,
    person: bool = False,
    titles: Iterable[str] = (),
    source: str | None = None,
) -> RemarkFacts:
    """Read an OFAC remarks field into facts; never raises on any text.

    `person`: the entry is an individual, so alias names are split into first/last.
    `titles`: the entry's Title column, whose parts OFAC repeats in the remarks.
    `source`: the list ("ofac-sdn"), recorded on the relations.
    """
    clauses = split_remarks(text)
    if not clauses:
        return _NO_FACTS
    reader = RemarkReader(
        person=person, titles_known=frozenset(t.strip() for t in titles), source=source
    )
    for clause in clauses:
        reader.clause(clause)
    return reader.facts()


_NO_FACTS = RemarkFacts()
