"""Designations as law: programs and their instruments, what a hit obliges, and as-of dates."""

from watchlist.law.asof import current_designations, designations_in_force, is_listed_on
from watchlist.law.consequences import (
    Action,
    AppliesTo,
    Consequence,
    consequence_table,
    consequences_for,
    is_blocking,
)
from watchlist.law.programs import (
    ListKind,
    Measure,
    Program,
    apply_program_law,
    list_kinds,
    program_for,
    programs_of,
    un_regime,
)

__all__ = [
    "Action",
    "AppliesTo",
    "Consequence",
    "ListKind",
    "Measure",
    "Program",
    "apply_program_law",
    "consequence_table",
    "consequences_for",
    "current_designations",
    "designations_in_force",
    "is_blocking",
    "is_listed_on",
    "list_kinds",
    "program_for",
    "programs_of",
    "un_regime",
]
