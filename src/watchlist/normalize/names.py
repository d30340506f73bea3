"""A name as matching sees it: folded tokens, each with a kind (name, initial, title, legal
form, number) and, for persons, a role (given, middle, family) where the list says so."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from collections.abc import Sequence
from functools import lru_cache

from rigour._core import person_name_prefixes_list
from rapidfuzz.distance import OSA
from rigour.names import extract_org_types, remove_obj_prefixes

from watchlist.normalize.text import fold_text, has_abjad, transliterate


class NameMode(StrEnum):
    """How to read a name: titles mean something only for persons, legal forms only for
    organisations; a query of unknown type is read both ways (`ANY`)."""

    PERSON = "person"
    ORGANIZATION = "organization"
    OBJECT = "object"  # vessels and aircraft
    ANY = "any"


class TokenKind(StrEnum):
    NAME = "name"
    INITIAL = "initial"  # one letter: `N.` in `N. Maduro Moros`
    NUMBER = "number"
    TITLE = "title"  # Dr, General, Sheikh, Haji, Mullah ...: never decides a match
    LEGAL = "legal"  # a company legal form, canonical across languages (`llc`, `jsc`)


class TokenRole(StrEnum):
    GIVEN = "given"
    MIDDLE = "middle"
    FAMILY = "family"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class NameToken:
    text: str
    kind: TokenKind = TokenKind.NAME
    role: TokenRole = TokenRole.UNKNOWN
    abjad: bool = False  # romanised from a script without short vowels: `mhmd` for محمد


_SCHEMA_MODES = {
    "Person": NameMode.PERSON,
    "Organization": NameMode.ORGANIZATION,
    "Company": NameMode.ORGANIZATION,
    "LegalEntity": NameMode.ORGANIZATION,
    "Vessel": NameMode.OBJECT,
    "Airplane": NameMode.OBJECT,
}


def name_mode(schema: str | None) -> NameMode:
    """The reading for a FollowTheMoney schema name; ANY for None or an unknown schema."""
    if schema is None:
        return NameMode.ANY
    return _SCHEMA_MODES.get(schema, NameMode.ANY)


# Honorifics, ranks and religious titles that lists and customers put before names. rigour's
# list holds the Western ones; the rest are frequent in the terrorism lists.
_EXTRA_TITLES = (
    "mr mrs ms miss mx dr doctor prof professor sir lord lady dame hon rev reverend "
    "gen general col colonel lt lieutenant maj major capt captain cpt brig brigadier adm "
    "admiral cmdr commander sgt sergeant marshal "
    "sheikh shaikh shaykh sheik shaik cheikh sheykh haji hajji hadji alhaj alhaji hajj "
    "mullah mulla mollah molla maulana mawlana moulana maulvi mawlawi maulavi molvi mawlavi "
    "mufti qari imam ayatollah hojatoleslam ustad ustadh engr eng engineer"
)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    found = set(_EXTRA_TITLES.split())
    for prefix in person_name_prefixes_list():
        folded = fold_text(prefix)
        if folded and " " not in folded and folded != "the":
            found.add(folded)
    return frozenset(found)


@lru_cache(maxsize=1)
def _long_titles() -> frozenset[str]:
    """Titles long enough to be recognised with a typo (`MAULAN` for MAULANA); shorter ones
    are one letter from real names (MULLA / MUALLA)."""
    return frozenset(t for t in _titles() if len(t) >= 7)


def is_title(token: str) -> bool:
    """Whether a folded token is an honorific or title (`dr`, `general`, `sheikh`, `mullah`)."""
    return token in _titles()


# Generic words for "company" that rigour's legal-form data leaves alone; they are as little
# evidence as `Ltd` is.
_COMPANY_WORDS = {
    "co": "co",
    "company": "co",
    "cie": "co",
    "cia": "co",
    "compania": "co",
    "companhia": "co",
    "compagnie": "co",
    "corp": "corp",
    "corporation": "corp",
}
_LEGAL_MARK = "\x00"
# Long legal-form words, recognised with one typo too (`COMPWNY`, `CORPORATINO`): a misspelt
# legal form must not count as a rare word of the name.
_FUZZY_LEGAL_WORDS = {
    "company": "co",
    "corporation": "corp",
    "limited": "llc",
    "incorporated": "llc",
    "compania": "co",
    "compagnie": "co",
}


def _fuzzy_lookup(word: str, table: dict[str, str] | frozenset[str], minimum: int) -> str | None:
    if len(word) < minimum or not word.isalpha():
        return None
    for known in table:
        if abs(len(known) - len(word)) <= 1 and OSA.distance(word, known, score_cutoff=1) <= 1:
            return table[known] if isinstance(table, dict) else known
    return None


def _mark_legal_forms(text: str, *, cautious: bool) -> str:
    """Replace each legal form in `text` (transliterated, case-folded, punctuation kept) by a
    marked generic form (`s.a. de c.v.` -> `jsc`, `ltd`/`limited`/`gmbh` -> `llc`).

    `cautious` keeps two-letter forms (`ao`, `sa`, `ag`) unless they end a name of three or more
    words: in a query of unknown type `Ao Sun` is more likely a person than a company."""
    for matched, target in extract_org_types(text, generic=True):
        pattern = re.compile(rf"(?<!\w){re.escape(matched)}(?!\w)")
        found = pattern.search(text)
        if found is None:
            continue
        if cautious and len(re.sub(r"\W", "", matched)) <= 2 and "." not in matched:
            at_end = not text[found.end() :].strip(" .,")
            if not at_end or len(text[: found.start()].split()) < 2:
                continue
        text = f"{text[: found.start()]} {_LEGAL_MARK}{target} {text[found.end() :]}"
    return text


def _tokens_of(text: str, *, legal_words: bool = False) -> list[NameToken]:
    tokens: list[NameToken] = []
    for raw in text.split():
        legal = raw.startswith(_LEGAL_MARK)
        for word in fold_text(raw.lstrip(_LEGAL_MARK)).split():
            if legal:
                tokens.append(NameToken(word, TokenKind.LEGAL))
            elif word in _COMPANY_WORDS:
                tokens.append(NameToken(_COMPANY_WORDS[word], TokenKind.LEGAL))
            elif legal_words and (form := _fuzzy_lookup(word, _FUZZY_LEGAL_WORDS, 6)):
                tokens.append(NameToken(form, TokenKind.LEGAL))
            else:
                tokens.append(NameToken(word, _kind_of(word)))
    return tokens


def _kind_of(word: str) -> TokenKind:
    if word.isdigit():
        return TokenKind.NUMBER
    if len(word) == 1:
        return TokenKind.INITIAL
    if is_title(word) or _fuzzy_lookup(word, _long_titles(), 6):
        return TokenKind.TITLE
    return TokenKind.NAME


# `Abd al-Aziz`, `Abdel Aziz`, `Abdul Aziz`, `Abdulaziz`, `Abdelaziz`, `Abdurrahman`: one name
# element (abd + article) that lists write in a dozen ways, most often joined to the next word
# or not. It becomes `abdul`, as its own token or as the start of a word.
_ARTICLES = frozenset("al el ul il ar as ash at az ad an ur us ud un".split())
_ABD_FORMS = frozenset("abdel abdal abdoul abdol abdil abdul".split())
_ABD_PREFIX = re.compile(r"^abd(?:[aeiou]|ou)?(?:l|([rstdzn])\1)(?=[a-z]{3})")


def _canonical_abd(tokens: list[NameToken]) -> list[NameToken]:
    out: list[NameToken] = []
    skip = False
    for i, token in enumerate(tokens):
        if skip:
            skip = False
            continue
        text = token.text
        following = tokens[i + 1].text if i + 1 < len(tokens) else None
        if text in ("abd", "bd") and following in _ARTICLES and (text == "abd" or token.abjad):
            out.append(NameToken("abdul", token.kind, token.role, token.abjad))
            skip = True
            continue
        if text in _ABD_FORMS:
            text = "abdul"
        elif text == "bd" and token.abjad:
            text = "abd"
        elif text.startswith("abd"):
            text = _ABD_PREFIX.sub(lambda m: "abdul" + (m.group(1) or ""), text)
        out.append(token if text == token.text else NameToken(text, token.kind, token.role, token.abjad))
    return out


def _with_role(tokens: list[NameToken], role: TokenRole) -> list[NameToken]:
    return [NameToken(t.text, t.kind, role) for t in tokens]


@lru_cache(maxsize=65536)
def analyze_name(
    full: str,
    mode: NameMode = NameMode.ANY,
    *,
    first: str | None = None,
    middle: str | None = None,
    last: str | None = None,
) -> tuple[NameToken, ...]:
    """The tokens of a name, in reading order (given names first for `SURNAME, Given` persons).

    Persons lose their titles (unless nothing else is left; a title word in a surname, as in
    `AL-SHAYKH, Diyab`, is a name); organisations' legal forms become canonical LEGAL tokens;
    vessels lose `M/V`-style prefixes. In ANY mode titles stay, marked TITLE, for the scorer to
    ignore against persons only.
    """
    if mode is NameMode.OBJECT:
        full = remove_obj_prefixes(full)
    if mode in (NameMode.ORGANIZATION, NameMode.ANY):
        text = _mark_legal_forms(transliterate(full).casefold(), cautious=mode is NameMode.ANY)
        tokens = _tokens_of(text, legal_words=True)
    elif mode is NameMode.PERSON:
        tokens = _person_tokens(full, first, middle, last)
    else:
        tokens = _tokens_of(full)
    if mode in (NameMode.ORGANIZATION, NameMode.OBJECT):
        tokens = [
            NameToken(t.text, TokenKind.NAME, t.role) if t.kind is TokenKind.TITLE else t
            for t in tokens
        ]
    if has_abjad(full):
        tokens = [NameToken(t.text, t.kind, t.role, True) for t in tokens]
    tokens = _canonical_abd(tokens)
    if mode is NameMode.PERSON:
        tokens = _drop_titles(tokens)
    return tuple(tokens)


def _drop_titles(tokens: list[NameToken]) -> list[NameToken]:
    kept = []
    for i, token in enumerate(tokens):
        is_name = token.role is TokenRole.FAMILY or (i > 0 and tokens[i - 1].text in _ARTICLES)
        if token.kind is not TokenKind.TITLE:
            kept.append(token)
        elif is_name:
            kept.append(NameToken(token.text, TokenKind.NAME, token.role, token.abjad))
    if not kept:
        return [NameToken(t.text, TokenKind.NAME, t.role, t.abjad) for t in tokens]
    return kept


def _person_tokens(
    full: str, first: str | None, middle: str | None, last: str | None
) -> list[NameToken]:
    tokens = _tokens_of(full)
    # OFAC and many national lists write persons `SURNAME(S), Given names`.
    if full.count(",") == 1:
        family, given = full.split(",")
        given_tokens, family_tokens = _tokens_of(given), _tokens_of(family)
        if given_tokens and family_tokens:
            tokens = _with_role(given_tokens, TokenRole.GIVEN) + _with_role(
                family_tokens, TokenRole.FAMILY
            )
    if first or last:
        roles: dict[str, TokenRole] = {}
        for part, role in ((last, TokenRole.FAMILY), (middle, TokenRole.MIDDLE)):
            for word in fold_text(part or "").split():
                roles.setdefault(word, role)
        for word in fold_text(first or "").split():
            roles[word] = TokenRole.GIVEN
        tokens = [NameToken(t.text, t.kind, roles.get(t.text, TokenRole.UNKNOWN)) for t in tokens]
    return tokens


# Lists and customers split and join name particles at will (`Al Qaida` / `Alqaida`, `bin
# Laden` / `Binladen`, `Abd al Aziz` / `Abdulaziz`, `Nasr Allah` / `Nasrallah`), so runs of up to
# three adjacent tokens are compared as one word too.
MAX_JOIN = 3
_JOINABLE = (TokenKind.NAME, TokenKind.INITIAL, TokenKind.TITLE)


@dataclass(frozen=True, slots=True)
class Unit:
    """A token (`end == start + 1`) or a run of adjacent tokens written as one word."""

    text: str
    start: int
    end: int
    abjad: bool = False

    @property
    def is_join(self) -> bool:
        return self.end - self.start > 1


def name_units(tokens: Sequence[NameToken]) -> tuple[Unit, ...]:
    units = [Unit(token.text, i, i + 1, token.abjad) for i, token in enumerate(tokens)]
    for size in range(2, MAX_JOIN + 1):
        for start in range(len(tokens) - size + 1):
            run = tokens[start : start + size]
            if all(t.kind in _JOINABLE for t in run):
                text = "".join(t.text for t in run)
                units.append(Unit(text, start, start + size, all(t.abjad for t in run)))
    return tuple(units)
