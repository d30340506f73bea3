"""Name helpers that several parsers share: which script a name is written in, and one Name per
spelling when a list repeats a name under several kinds."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import icu
from rigour.text.scripts import text_scripts

from watchlist.model import Name, NameKind

_NAME_ORDER = {
    NameKind.PRIMARY: 0,
    NameKind.ORIGINAL_SCRIPT: 1,
    NameKind.ALIAS: 2,
    NameKind.PREVIOUS: 3,
    NameKind.WEAK_ALIAS: 4,
}


@lru_cache(maxsize=256)
def _script_code(script: str) -> str | None:
    codes = icu.Script.getCode(script)
    return icu.Script(codes[0]).getShortName() if codes else None


def script_of(text: str) -> str | None:
    """ISO 15924 code of a name's one non-Latin script (`Arab`, `Cyrl`, `Hani`), else None."""
    scripts = text_scripts(text)
    if len(scripts) != 1 or scripts == {"Latin"}:
        return None
    return _script_code(next(iter(scripts)))


def dedupe_names(names: Iterable[Name]) -> list[Name]:
    """One Name per spelling, keeping the strongest kind (primary over alias over weak)."""
    best: dict[str, Name] = {}
    for name in names:
        key = name.full.casefold()
        kept = best.get(key)
        if kept is None or _NAME_ORDER[name.kind] < _NAME_ORDER[kept.kind]:
            best[key] = name
    return sorted(best.values(), key=lambda n: _NAME_ORDER[n.kind])
