"""The listed party: one entity as one list publishes it, with everything the list says of it.

Schema names are FollowTheMoney's, so that FtM import and export are a straight mapping.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from watchlist.model.dates import FuzzyDate
from watchlist.model.designation import Designation
from watchlist.model.provenance import Claim, Provenance
from watchlist.model.relation import Relation


class Schema(StrEnum):
    PERSON = "Person"
    ORGANIZATION = "Organization"
    COMPANY = "Company"
    LEGAL_ENTITY = "LegalEntity"
    VESSEL = "Vessel"
    AIRPLANE = "Airplane"

    @property
    def is_party(self) -> bool:
        """Organisations, companies and legal entities: anything with a legal form."""
        return self in (Schema.ORGANIZATION, Schema.COMPANY, Schema.LEGAL_ENTITY)


class NameKind(StrEnum):
    """How much a list trusts a name. Weak aliases (OFAC 'weak', UN 'Low' quality) are
    published so that they can be found, not to alert on their own."""

    PRIMARY = "primary"
    ALIAS = "alias"
    WEAK_ALIAS = "weak_alias"
    PREVIOUS = "previous"  # formerly known as
    ORIGINAL_SCRIPT = "original_script"


@dataclass(frozen=True, slots=True)
class Name:
    full: str
    kind: NameKind = NameKind.PRIMARY
    first: str | None = None
    middle: str | None = None
    last: str | None = None
    script: str | None = None  # ISO 15924 where the list states it or it is evident (Arab, Cyrl)
    lang: str | None = None
    note: str | None = None


class IdentifierKind(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    TAX_ID = "tax_id"
    REGISTRATION = "registration"
    IMO = "imo"
    MMSI = "mmsi"
    SWIFT_BIC = "swift_bic"
    CRYPTO_WALLET = "crypto_wallet"
    AIRCRAFT_SERIAL = "aircraft_serial"
    AIRCRAFT_TAIL = "aircraft_tail"
    LEI = "lei"
    DUNS = "duns"
    DRIVERS_LICENSE = "drivers_license"
    SOCIAL_SECURITY = "social_security"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Identifier:
    kind: IdentifierKind
    value: str
    country: str | None = None  # ISO 3166-1 alpha-2 where known, else the list's text
    label: str | None = None  # the list's own label: "Cedula No.", "Digital Currency Address - XBT"
    issued: FuzzyDate | None = None
    expires: FuzzyDate | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Address:
    full: str | None = None
    street: str | None = None
    city: str | None = None
    postal_code: str | None = None
    region: str | None = None
    country: str | None = None  # ISO alpha-2 where known
    country_name: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class VesselInfo:
    call_sign: str | None = None
    vessel_type: str | None = None
    tonnage: str | None = None
    gross_registered_tonnage: str | None = None
    flag: str | None = None
    owner: str | None = None
    build_year: str | None = None


@dataclass(frozen=True, slots=True)
class AircraftInfo:
    model: str | None = None
    operator: str | None = None
    manufacture_date: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A listed party. `id` is watchlist's own stable id: `{source}-{source_id}`, lower case."""

    id: str
    schema: Schema
    source: str  # the list: "ofac-sdn", "ofac-cons", "un-sc", "uk-ofsi", "builtin", ...
    source_id: str  # the list's own id: OFAC ent_num, UN reference number, OFSI Group ID
    names: tuple[Name, ...]
    designations: tuple[Designation, ...] = ()
    relations: tuple[Relation, ...] = ()
    birth_dates: tuple[FuzzyDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    death_dates: tuple[FuzzyDate, ...] = ()
    nationalities: tuple[str, ...] = ()  # ISO alpha-2 where resolvable
    citizenships: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # jurisdiction / country of operation for non-persons
    addresses: tuple[Address, ...] = ()
    identifiers: tuple[Identifier, ...] = ()
    gender: str | None = None  # "male" / "female" as FtM spells it
    titles: tuple[str, ...] = ()
    positions: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    emails: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    vessel: VesselInfo | None = None
    aircraft: AircraftInfo | None = None
    remarks: tuple[str, ...] = ()
    provenance: tuple[Provenance, ...] = ()
    claims: tuple[Claim, ...] = ()
    extra: tuple[tuple[str, str], ...] = field(default=())  # labelled facts with no own field

    @property
    def caption(self) -> str:
        for name in self.names:
            if name.kind is NameKind.PRIMARY:
                return name.full
        return self.names[0].full if self.names else self.id

    @property
    def programs(self) -> tuple[str, ...]:
        seen: dict[str, None] = {}
        for designation in self.designations:
            for program in designation.programs:
                seen.setdefault(program, None)
        return tuple(seen)

    def evolve(self, **changes: object) -> Entity:
        return replace(self, **changes)  # type: ignore[arg-type]


def make_entity_id(source: str, source_id: str) -> str:
    """`ofac-sdn` + `55025` -> `ofac-sdn-55025`; UN `QDi.317` -> `un-sc-qdi-317`."""
    slug = "".join(ch if ch.isalnum() else "-" for ch in source_id.strip().lower())
    slug = "-".join(part for part in slug.split("-") if part)
    return f"{source}-{slug}"
