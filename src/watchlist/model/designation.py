"""A designation is a legal act: who listed the party, under which instrument, since when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Authority(StrEnum):
    OFAC = "OFAC"  # US Treasury, Office of Foreign Assets Control
    STATE = "State"  # US Department of State
    BIS = "BIS"  # US Commerce, Bureau of Industry and Security
    US_OTHER = "US"  # other US agencies on the Consolidated Screening List
    UN_SC = "UN Security Council"
    EU = "EU Council"
    UK = "UK"  # HM Treasury OFSI / FCDO
    INTERNAL = "Internal"  # a bank's own list
    OTHER = "Other"


class DesignationStatus(StrEnum):
    ACTIVE = "active"
    DELISTED = "delisted"


@dataclass(frozen=True, slots=True)
class Designation:
    authority: Authority
    list_name: str  # "SDN List", "UN Security Council Consolidated List", ...
    programs: tuple[str, ...] = ()  # the list's own tags: SDGT, FTO, SDNTK, QDi, RUSSIA-EO14024
    legal_basis: tuple[str, ...] = ()  # instruments: "EO 13224", "INA §219", "UNSCR 1267"
    announced_on: date | None = None
    effective_on: date | None = None  # in force from this day; listed_on when nothing else is known
    listed_on: date | None = None
    published_on: date | None = None  # e.g. Federal Register publication
    federal_register: str | None = None  # "90 FR 12345"
    status: DesignationStatus = DesignationStatus.ACTIVE
    delisted_on: date | None = None
    reference: str | None = None  # UN reference number, UK sanctions list ref
    source_url: str | None = None
    note: str | None = None

    @property
    def in_force_from(self) -> date | None:
        return self.effective_on or self.listed_on or self.announced_on

    def in_force_on(self, day: date) -> bool:
        """Whether the designation binds on `day`. An unknown start date counts as in force:
        a listing we cannot date must still alert."""
        start = self.in_force_from
        if start is not None and day < start:
            return False
        return not (self.delisted_on is not None and day >= self.delisted_on)
