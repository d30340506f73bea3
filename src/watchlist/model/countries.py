"""Country names as lists write them ("Venezuela", "Iran, Islamic Republic of", "Korea, North")
to ISO 3166-1 alpha-2 codes, via rigour's territory data."""

from __future__ import annotations

from functools import lru_cache

from rigour.territories import lookup_territory


@lru_cache(maxsize=4096)
def country_code(name: str | None) -> str | None:
    """The ISO alpha-2 code (lower case, as FollowTheMoney writes it), or None if unknown."""
    if not name or not name.strip():
        return None
    territory = lookup_territory(name.strip())
    if territory is None:
        return None
    code = territory.ftm_country or territory.code
    return code.lower() if code else None
