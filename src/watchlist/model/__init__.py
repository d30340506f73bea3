"""watchlist's entity model: pure values, no I/O. Everything else depends on it."""

from watchlist.model.dates import DatePrecision, FuzzyDate, parse_exact_date, parse_fuzzy_date
from watchlist.model.designation import Authority, Designation, DesignationStatus
from watchlist.model.entity import (
    Address,
    AircraftInfo,
    Entity,
    Identifier,
    IdentifierKind,
    Name,
    NameKind,
    Schema,
    VesselInfo,
    make_entity_id,
)
from watchlist.model.provenance import Claim, Provenance, Stance
from watchlist.model.relation import Relation, RelationKind

__all__ = [
    "Address",
    "AircraftInfo",
    "Authority",
    "Claim",
    "DatePrecision",
    "Designation",
    "DesignationStatus",
    "Entity",
    "FuzzyDate",
    "Identifier",
    "IdentifierKind",
    "Name",
    "NameKind",
    "Provenance",
    "Relation",
    "RelationKind",
    "Schema",
    "Stance",
    "VesselInfo",
    "make_entity_id",
    "parse_exact_date",
    "parse_fuzzy_date",
]
