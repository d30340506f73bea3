"""Country names as lists write them ("Venezuela", "Iran, Islamic Republic of", "Korea, North",
"Congo (Democratic Republic)") to ISO 3166-1 alpha-2 codes, via rigour's territory data."""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.territories import get_territories, lookup_territory
from rigour.territories.territory import Territory

_PARENTHESIS = re.compile(r"^(.*?)\s*\((.+)\)\s*$")
# Words some lists add that rigour's names do not carry.
_DROPPABLE = ("occupied ", "the ")


def _variants(name: str) -> list[str]:
    """Spellings to try after the list's own: OFSI writes "Congo (Democratic Republic)",
    "Bosnia-Herzegovina", "Occupied Palestinian Territories"."""
    variants = []
    if m := _PARENTHESIS.match(name):
        variants.append(f"{m.group(2)} {m.group(1)}")
        variants.append(f"{m.group(2)} of the {m.group(1)}")
        variants.append(m.group(1))
    if "-" in name:
        variants.append(name.replace("-", " and "))
        variants.append(name.replace("-", " "))
    lowered = name.lower()
    for word in _DROPPABLE:
        if lowered.startswith(word):
            variants.append(name[len(word) :])
    return variants


@lru_cache(maxsize=1)
def _plain_names() -> dict[str, Territory]:
    """Codes and English names, case-folded. rigour's full lookup first builds a transliterated
    index of ~21,000 names (2-3 s per process); most list spellings are found here instead."""
    names: dict[str, Territory] = {}
    for territory in get_territories():
        for key in (territory.code, territory.alpha3, territory.name, territory.full_name):
            if key:
                names.setdefault(key.casefold(), territory)
    return names


def _lookup(name: str) -> Territory | None:
    return _plain_names().get(name.casefold()) or lookup_territory(name)


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """The ISO alpha-2 code (lower case, as FollowTheMoney writes it), or None if unknown."""
    if not name or not name.strip():
        return None
    text = " ".join(name.split())
    for candidate in (text, *_variants(text)):
        territory = _lookup(candidate)
        if territory is not None:
            code = territory.ftm_country or territory.code
            return code.lower() if code else None
    return None
