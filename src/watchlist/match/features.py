"""What beyond the name raises or lowers a score: entity type, birth date, country, identifiers.

Each returns a Contribution (or None when it says nothing); the screen adds their
`weight * value` to the name score. Unknown data on either side is neutral.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from watchlist.match.types import Contribution
from watchlist.model import Entity, FuzzyDate, parse_fuzzy_date
from watchlist.model.countries import country_code

WEAK_ALIAS_PENALTY: Final = -0.1
GIVEN_NAME_MISMATCH_PENALTY: Final = -0.15
# A match on little but common words (`AHMED, A.`; `ALI, Muhammad`) is weak evidence: below
# this much aligned rarity the score drops, by up to COMMON_NAME_PENALTY.
COMMON_NAME_WEIGHT: Final = 7.0
COMMON_NAME_PENALTY: Final = -0.3
SAME_BIRTH_DATE_BONUS: Final = 0.08
SAME_BIRTH_YEAR_BONUS: Final = 0.04
OTHER_DAY_SAME_YEAR_PENALTY: Final = -0.05
BIRTH_YEAR_PENALTY_PER_YEAR: Final = -0.015
MAX_BIRTH_YEAR_PENALTY: Final = -0.3  # twenty years apart or more
COUNTRY_MATCH_BONUS: Final = 0.03
COUNTRY_MISMATCH_PENALTY: Final = -0.05
# A query that says it is a vessel or an aircraft is read against the few hundred craft listed,
# not the ten thousand parties: a one-word ship name with two typing errors (`ARFWBAZ` for
# ARTABAZ, 0.79) is worth an alert there. Persons and organisations get nothing for agreeing:
# nearly every entry is one or the other.
SAME_CRAFT_BONUS: Final = 0.03
CRAFT_SCHEMAS = frozenset({"Vessel", "Airplane"})
IDENTIFIER_MATCH_BONUS: Final = 0.35
# With an identical identifier, a name at least this similar makes the score at least
# IDENTIFIER_MATCH_FLOOR: the number is near-decisive, the name only has to be compatible.
IDENTIFIER_NAME_FLOOR: Final = 0.4
IDENTIFIER_MATCH_FLOOR: Final = 0.95
# The most the facts beyond the name can add: a name scoring less than the threshold minus this
# cannot alert, whatever else the record says.
MAX_BONUS = SAME_BIRTH_DATE_BONUS + COUNTRY_MATCH_BONUS + IDENTIFIER_MATCH_BONUS + SAME_CRAFT_BONUS

_PARTIES = frozenset({"Organization", "Company", "LegalEntity"})
_SCHEMA_PENALTIES = {
    frozenset({"person", "party"}): -0.3,
    frozenset({"person", "Vessel"}): -0.4,
    frozenset({"person", "Airplane"}): -0.4,
    frozenset({"party", "Vessel"}): -0.2,
    frozenset({"party", "Airplane"}): -0.2,
    frozenset({"Vessel", "Airplane"}): -0.3,
}


def _schema_group(schema: str) -> str:
    if schema == "Person":
        return "person"
    if schema in _PARTIES:
        return "party"
    return schema


def common_name_contribution(aligned_weight: float) -> Contribution | None:
    """Up to -0.3 when what matched is only common words (aligned rarity below 7, where a rare
    surname alone weighs about 9 and `mohammed` about 3)."""
    if aligned_weight >= COMMON_NAME_WEIGHT:
        return None
    share = (COMMON_NAME_WEIGHT - aligned_weight) / COMMON_NAME_WEIGHT
    return Contribution(
        "common_name", round(share, 3), COMMON_NAME_PENALTY, f"matched rarity {aligned_weight:.1f}"
    )


def schema_contribution(query_schema: str | None, entity_schema: str) -> Contribution | None:
    """A Person query against a vessel entry is almost surely not it. `LegalEntity` (type not
    known) agrees with persons and organisations alike. A vessel or aircraft query against an
    entry of the same kind gains SAME_CRAFT_BONUS."""
    if not query_schema:
        return None
    if query_schema == entity_schema:
        if query_schema not in CRAFT_SCHEMAS:
            return None
        kind = "vessel" if query_schema == "Vessel" else "aircraft"
        return Contribution(
            "same_craft", 1.0, SAME_CRAFT_BONUS, f"query and entry are both a {kind}"
        )
    if "LegalEntity" in (query_schema, entity_schema) and "Person" in (query_schema, entity_schema):
        return None
    groups = frozenset({_schema_group(query_schema), _schema_group(entity_schema)})
    if len(groups) == 1:
        return None
    penalty = _SCHEMA_PENALTIES.get(groups, -0.3)
    return Contribution(
        "schema_mismatch", 1.0, penalty, f"query is a {query_schema}, entry a {entity_schema}"
    )


def _year_gap(query: FuzzyDate, listed: FuzzyDate) -> int:
    q_low, q_high = query.year_bounds()
    l_low, l_high = listed.year_bounds()
    if q_high < l_low:
        return l_low - q_high
    if l_high < q_low:
        return q_low - l_high
    return 0


def birth_date_contribution(
    query_date: str | None, listed: Iterable[FuzzyDate]
) -> Contribution | None:
    """Same date +0.08, same year +0.04, a different day in the same year -0.05, and -0.015 a
    year apart up to -0.3 at twenty years. Lists give several possible dates: the closest
    counts."""
    if not query_date:
        return None
    query = parse_fuzzy_date(query_date)
    dates = list(listed)
    if query is None or not dates:
        return None
    best = min(dates, key=lambda d: _year_gap(query, d))
    gap = _year_gap(query, best)
    if gap:
        penalty = max(MAX_BIRTH_YEAR_PENALTY, BIRTH_YEAR_PENALTY_PER_YEAR * gap)
        return Contribution(
            "birth_date_mismatch", float(gap), penalty / gap, f"{query.iso} vs listed {best}"
        )
    exact = [
        d
        for d in dates
        if _year_gap(query, d) == 0 and d.month is not None and d.to_year is None and not d.circa
    ]
    if query.month is not None and query.day is not None and exact:
        for listed_date in exact:
            if (listed_date.month, listed_date.day or query.day) == (query.month, query.day):
                return Contribution(
                    "birth_date_match", 1.0, SAME_BIRTH_DATE_BONUS, f"{query.iso} = {listed_date}"
                )
        return Contribution(
            "birth_date_mismatch",
            1.0,
            OTHER_DAY_SAME_YEAR_PENALTY,
            f"{query.iso} vs listed {exact[0]}",
        )
    return Contribution("birth_year_match", 1.0, SAME_BIRTH_YEAR_BONUS, f"{query.iso} ~ {best}")


def _entity_countries(entity: Entity) -> set[str]:
    values: list[str | None] = [
        *entity.nationalities,
        *entity.citizenships,
        *entity.countries,
        *(address.country or address.country_name for address in entity.addresses),
    ]
    if entity.vessel is not None:
        values.append(entity.vessel.flag)
    codes = set()
    for value in values:
        code = country_code(value) if value else None
        if code:
            codes.add(code)
    return codes


def country_contribution(query_country: str | None, entity: Entity) -> Contribution | None:
    """+0.03 when the query's country is among the entry's nationalities, citizenships,
    countries or address countries; -0.05 when the entry names countries and not that one
    (people move and companies have branches, so only a little)."""
    code = country_code(query_country) if query_country else None
    if code is None:
        return None
    listed = _entity_countries(entity)
    if not listed:
        return None
    if code in listed:
        return Contribution("country_match", 1.0, COUNTRY_MATCH_BONUS, code.upper())
    shown = ", ".join(sorted(c.upper() for c in listed))
    return Contribution(
        "country_mismatch", 1.0, COUNTRY_MISMATCH_PENALTY, f"{code.upper()} vs listed {shown}"
    )


_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")


_LABEL_PREFIX = re.compile(r"^(?:IMO|MMSI|NO|NR|NUMBER|ID|PASSPORT)(?=\d{6,}$)")


def normalize_identifier(value: str) -> str:
    """`A-123 456` and `a123456` are one number; a label before a number of six digits or more
    is dropped (`IMO 9123456` and `9123456`, `No. 123456`)."""
    compact = _NOT_ALNUM.sub("", value).upper()
    return _LABEL_PREFIX.sub("", compact)


def identifier_contribution(
    query_id: str | None, entity: Entity, score_so_far: float = 0.0
) -> Contribution | None:
    """An identical passport, national ID, registration or IMO number is near-decisive: +0.35,
    and enough to reach 0.95 when the rest of the evidence (`score_so_far`) is at least 0.4. A
    different number says nothing (people hold several documents)."""
    if not query_id:
        return None
    wanted = normalize_identifier(query_id)
    if len(wanted) < 4:
        return None
    for identifier in entity.identifiers:
        if normalize_identifier(identifier.value) == wanted:
            label = identifier.label or identifier.kind.value.replace("_", " ")
            country = f" ({identifier.country})" if identifier.country else ""
            detail = f"{label} {identifier.value}{country}"
            bonus = IDENTIFIER_MATCH_BONUS
            if score_so_far >= IDENTIFIER_NAME_FLOOR:
                bonus = max(bonus, IDENTIFIER_MATCH_FLOOR - score_so_far)
            return Contribution("identifier_match", 1.0, round(bonus, 4), detail)
    return None
