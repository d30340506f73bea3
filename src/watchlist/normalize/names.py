"""A name as matching sees it: folded tokens, each with a kind (name, initial, title, legal
form, number) and, for persons, a role (given, middle, family) where the list says so."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from functools import lru_cache
from typing import Final, NamedTuple

from rapidfuzz import process
from rapidfuzz.distance import OSA, Indel, Levenshtein
from rigour._core import person_name_prefixes_list
from rigour.names import extract_org_types, remove_obj_prefixes

from watchlist.normalize.keyboard import one_slip, two_slips
from watchlist.normalize.phonetic import skeleton
from watchlist.normalize.text import fold_text, has_abjad


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


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
    # al, de, la, van, y, of ... (and an organisation's own bracketed acronym, `(KTJ)`):
    # little evidence either way
    PARTICLE = "particle"
    LEGAL = "legal"  # a company legal form, canonical across languages (`llc`, `jsc`)


class TokenRole(StrEnum):
    GIVEN = "given"
    MIDDLE = "middle"
    FAMILY = "family"
    UNKNOWN = "unknown"


class NameToken(NamedTuple):
    # A named tuple, not a dataclass: a list's index holds some 100,000 of them and tuples
    # unpickle several times faster.
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
    "mullah mulla mollah molla maulana mawlana moulana maulvi mawlawi maulawi maulavi "
    "molvi mawlavi mufti qari imam ayatollah hojatoleslam ustad ustadh engr eng engineer"
)


@lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    found = set(_EXTRA_TITLES.split())
    for prefix in person_name_prefixes_list():
        folded = fold_text(prefix)
        if folded and " " not in folded and folded != "the":
            found.add(folded)
    return frozenset(found)


# Titles that are titles wherever they stand; the others (rigour's Western honorifics: Lady,
# Count, Queen) only at the start of a name or of its given names.
_ANYWHERE_TITLES = _words(
    "sheikh shaikh shaykh sheik shaik cheikh sheykh haji hajji hadji alhaj alhaji mullah mulla "
    "mollah molla maulana mawlana moulana maulvi mawlawi maulawi maulavi molvi mawlavi mufti dr "
    "ayatollah ayatullah hojatoleslam hojjatoleslam"
)
# Those of five letters or more are recognised with a typing slip too (`SHEKI`, `SHEIMH`,
# `MUFTJ`, `MAULAN`), except the ones a slip from real names (MULLA / MUALLA); so are the
# long ranks and honorifics (`GENETAL`), which only lead a name. (`marshal` is a slip from
# Marshall, `major` from Majer.)
_FUZZY_TITLES = sorted(
    [
        *(
            t
            for t in _ANYWHERE_TITLES
            if len(t) >= 5 and t not in _words("mulla molla mollah mullah alhaj")
        ),
        *_words(
            "general colonel captain brigadier commander lieutenant sergeant professor doctor "
            "engineer admiral"
        ),
    ]
)


def _less_a_letter(word: str) -> set[str]:
    """`word`, and `word` less each of its letters: two words one edit apart (optimal string
    alignment) share one of these."""
    return {word, *(word[:i] + word[i + 1 :] for i in range(len(word)))}


def _keyed_titles() -> dict[str, list[int]]:
    keyed: dict[str, list[int]] = {}
    for position, title in enumerate(_FUZZY_TITLES):
        for key in _less_a_letter(title):
            keyed.setdefault(key, []).append(position)
    return keyed


# Every fuzzy title under `_less_a_letter` of it: a word meets only the few one edit from it,
# where measuring it against each title (rapidfuzz's `process.extract`) took a fifth of the
# time of analysing a whole name.
_FUZZY_TITLE_KEYS = _keyed_titles()


@lru_cache(maxsize=65536)
def _misspelt_title(word: str) -> str | None:
    """The title `word` is a slip from, if any (`cheikjh`: cheikh); the first in
    `_FUZZY_TITLES` where several are."""
    if len(word) < 5 or not word.isalpha():
        return None
    near = sorted(
        {position for key in _less_a_letter(word) for position in _FUZZY_TITLE_KEYS.get(key, ())}
    )
    for position in near:
        title = _FUZZY_TITLES[position]
        # One slip is at most one edit.
        if OSA.distance(word, title, score_cutoff=1) <= 1 and one_slip(word, title):
            return title
    return None


def _anywhere_title(word: str) -> bool:
    """Whether a word is a title wherever it stands in a name, or a slip from one."""
    return word in _ANYWHERE_TITLES or _misspelt_title(word) in _ANYWHERE_TITLES


def is_title(token: str) -> bool:
    """Whether a folded token is an honorific or title (`dr`, `general`, `sheikh`, `mullah`)."""
    return token in _titles()


# Legal forms rigour's data misses, as they read once folded (`S. EN C.` -> `s en c`, `D.O.O.`
# -> `doo`), with their generic form; and generic words for "company", as little evidence as
# `Ltd` is.
_EXTRA_LEGAL_FORMS = {
    "joint stock": "jsc",
    "jointstock": "jsc",  # `JOINT-STOCK` with the hyphen dropped
    "s de rl": "llc",
    "s de rl de cv": "llc",
    "srl de cv": "llc",
    "s en c": "lp",
    "s en cs": "lp",
    "sociedad en comandita": "lp",
    "sociedad anonima cerrada": "jsc",
    "compania anonima": "llc",  # C.A., as rigour reads `ca`
    "societe a responsabilite limitee": "llc",
    "societe anonyme libanaise": "jsc",
    "company limited": "llc",  # as rigour reads `co ltd`
    "co limited": "llc",
    "company ltd": "llc",
    "pte limited": "llc",  # as rigour reads `pte ltd`
    "fz co": "llc",
    "sp z oo": "llc",
    "spzoo": "llc",
    "eood": "llc",
    "ood": "llc",
    "ead": "jsc",
    "doo": "llc",
    "jdoo": "llc",
    "dd": "jsc",
    "ad": "jsc",
    "zrt": "jsc",
    "nyrt": "jsc",
    "tbk": "jsc",
    "wll": "llc",
    "psc": "jsc",
    "qsc": "jsc",
    "asa": "jsc",
    "ab": "jsc",
    "sl": "llc",
    "sac": "jsc",
    "saic": "jsc",
    "sae": "jsc",
    "sal": "jsc",
    "eu": "sp",  # E.U., empresa unipersonal
    "co": "co",
    "company": "co",
    "cie": "co",
    "cia": "co",
    "compania": "co",
    "companhia": "co",
    "compagnie": "co",
    "corp": "corp",
    "corporation": "corp",
    "you xian gong si": "llc",  # 有限公司, pinyin
    "youxian gongsi": "llc",
    "gong si": "co",
    "gongsi": "co",
    "shrka": "co",  # شركة, romanised from Arabic script
    "kmpny": "co",  # کمپنی, Persian, Pashto and Urdu
    "shrkt": "co",
    "sharika": "co",
    "sharikat": "co",
}
_EXTRA_LEGAL_PATTERN = re.compile(
    r"(?<![a-z0-9])("
    + "|".join(re.escape(f) for f in sorted(_EXTRA_LEGAL_FORMS, key=len, reverse=True))
    + r")(?![a-z0-9])"
)
# Long legal-form words, recognised misspelt too (`COMPWNY`, `CORPORATINO`, `LIIMTE`,
# `CHARUITY`): a misspelt legal form must not count as a rare word of the name.
_FUZZY_LEGAL_WORDS = {
    "company": "co",
    "corporation": "corp",
    "limited": "llc",
    "incorporated": "llc",
    "compania": "co",
    "compagnie": "co",
    "kompania": "co",
    "kompaniya": "co",
    "sirketi": "llc",
    "charity": "ngo",
    "cooperation": "coop",
    "cooperative": "coop",
    "stiftung": "ngo",
    "aktiengesellschaft": "jsc",
}
_FUZZY_LEGAL_WORD_LIST = sorted(_FUZZY_LEGAL_WORDS)
# A misspelt word of a legal form may have two typing errors, one of them a letter left out
# or added, the other two letters swapped (`liimte` for limited) or, in a word this long,
# anything (`cororatiom` for corporation); never two wrong letters: `christy` is not
# `charity`, `listed` not `limited`, `cooperation` not `corporation`.
_TWO_EDITS_MIN_LENGTH: Final = 10


def _misspelling_of(word: str, known: Sequence[str], *, shortest: int) -> str | None:
    """The word of `known` (a word list, not names) that `word` misspells, the closest first:
    one edit in a word of `shortest` letters or more (`jonit` for joint); two as above, with
    the first letter right."""
    if len(word) < shortest or not word.isalpha():
        return None
    best, best_distance = None, 3
    near = process.extract(word, known, scorer=OSA.distance, score_cutoff=2, limit=None)
    for candidate, distance, _ in sorted(near, key=lambda found: found[2]):
        if distance == 2 and not (
            word[0] == candidate[0]
            and Indel.distance(word, candidate, score_cutoff=3) <= 3
            and (
                len(candidate) >= _TWO_EDITS_MIN_LENGTH
                or Levenshtein.distance(word, candidate, score_cutoff=3) > 2  # a swap
            )
        ):
            continue
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


# The commonest of them are recognised with any two typing slips too (`COMLNAY`, `CPPANY`,
# `PIMITE`): no name is two slips from them. (`charity` is: `christy`.)
_TWO_SLIP_LEGAL_WORDS = ("company", "limited", "corporation", "incorporated", "compania")


def warm_misspellings() -> None:
    """Make now the tables of the commonest legal words' two-slip typings (`two_slips`), and
    rigour's matcher of legal forms, which the first query with a word close to one of them, or
    the first company name, would otherwise wait for: 130 ms and 14 ms."""
    for word in _TWO_SLIP_LEGAL_WORDS:
        two_slips(word)
    # rigour builds its matcher of legal forms on its first call: 14 ms here.
    extract_org_types("acme llc", generic=True)


@lru_cache(maxsize=65536)
def _fuzzy_legal_form(word: str) -> str | None:
    found = _misspelling_of(word, _FUZZY_LEGAL_WORD_LIST, shortest=6)
    if found is None and len(word) >= 5 and word.isalpha():
        # Two slips are at most two edits: rapidfuzz rules out the other words before their
        # thousands of typings are made.
        found = next(
            (
                w
                for w in _TWO_SLIP_LEGAL_WORDS
                if OSA.distance(word, w, score_cutoff=2) <= 2 and word in two_slips(w)
            ),
            None,
        )
    return _FUZZY_LEGAL_WORDS[found] if found else None


def _is_legal_form(text: str) -> bool:
    if text in _EXTRA_LEGAL_FORMS:
        return True
    return any(matched == text for matched, _ in extract_org_types(text, generic=True))


def _join_letter_runs(words: list[str], *, keep: int = 0) -> list[str]:
    """`C.P.C.L.` and `C P C L` both become `cpcl`, `S.A.` and `S A` `sa`: in a company's name
    a run of single letters is one word, an acronym or a legal form, however it is punctuated.
    A legal form at the end of a run is split off (`X S.A.` -> `x sa`); `y` (Spanish "and")
    is a word. The first `keep` words are left alone."""
    out: list[str] = list(words[:keep])
    run: list[str] = []
    for word in [*words[keep:], ""]:
        if len(word) == 1 and word.isalpha() and word != "y":
            run.append(word)
            continue
        if len(run) > 1:
            joined = "".join(run)
            split = next((i for i in range(1, len(joined) - 1) if _is_legal_form(joined[i:])), None)
            if split is not None and not _is_legal_form(joined):
                out.extend([joined[:split], joined[split:]])
            else:
                out.append(joined)
        else:
            out.extend(run)
        run = []
        if word:
            out.append(word)
    return out


def _legal_spans(text: str, *, cautious: bool) -> list[tuple[int, int, str]]:
    """(start, end, generic form) of each legal form in folded `text`, from rigour's data and
    _EXTRA_LEGAL_FORMS, the longest first (`company limited` over `company`). A form of two
    letters or less (`ao`, `sa`, `ab`, `ay`) counts only at the start or end of the name,
    elsewhere it is a word (`AY-PETRI`); `cautious` (a query of unknown type) keeps them only
    at the end of a name of three or more words: `Ao Sun` is more likely a person than a
    company."""
    found: list[tuple[int, int, str]] = []
    taken = [False] * len(text)

    def add(start: int, end: int, target: str) -> None:
        if any(taken[start:end]):
            return
        if len(text[start:end].replace(" ", "")) <= 2:
            at_start, at_end = start == 0, end == len(text)
            words_before = len(text[:start].split())
            if cautious and not (at_end and words_before >= 2):
                return
            if not (at_start or at_end) or (at_start and at_end):
                return
        for i in range(start, end):
            taken[i] = True
        found.append((start, end, target))

    candidates: list[tuple[int, int, str]] = []
    for matched, target in extract_org_types(text, generic=True):
        for hit in re.finditer(rf"(?<![a-z0-9]){re.escape(matched)}(?![a-z0-9])", text):
            candidates.append((hit.start(), hit.end(), target))
    for hit in _EXTRA_LEGAL_PATTERN.finditer(text):
        candidates.append((hit.start(), hit.end(), _EXTRA_LEGAL_FORMS[hit.group(1)]))
    for start, end, target in sorted(candidates, key=lambda c: (c[0] - c[1], c[0])):
        add(start, end, target)
    return sorted(found)


# The words of legal forms of several words (`joint stock company`, `state concern`,
# `sociedad en comandita`), to read a misspelt one as the form (`JONIT ASTOCK COMPANY`,
# `PUBLIC JOIN-STOCK COMPANY`) and two of them joined as two (`JOINTSTOCK`).
_LEGAL_FORM_WORDS = _words(
    "joint stock company limited liability state enterprise concern unitary federal public "
    "closed open charitable organization partnership proprietary sociedad anonima "
    "responsabilidad limitada comandita simple cerrada compania societe responsabilite limitee "
    "empresa unipersonal youxian gongsi obshchestvo ogranichennoi otvetstvennostyu aktsionernoe "
    "otkrytoe zakrytoe publichnoe gosudarstvennoe unitarnoe predpriyatie tovarystvo "
    "obmezhenoyu vidpovidalnistyu"
)
_LEGAL_FORM_WORD_LIST = sorted(_LEGAL_FORM_WORDS)


@lru_cache(maxsize=65536)
def _legal_form_words(word: str) -> tuple[str, ...]:
    """`word` as the words of a legal form would spell it: the legal-form word it misspells
    (`jonit`, `join` -> `joint`), the two it joins (`jointstock` -> `joint stock`), or
    itself."""
    if word in _LEGAL_FORM_WORDS or not word.isalpha():
        return (word,)
    for i in range(4, len(word) - 3):
        if word[:i] in _LEGAL_FORM_WORDS and word[i:] in _LEGAL_FORM_WORDS:
            return (word[:i], word[i:])
    found = _misspelling_of(word, _LEGAL_FORM_WORD_LIST, shortest=4)
    return (found or word,)


# Letters joined by dots, `H.L.T.` or `S.A.`, are one word, an acronym or a legal form, as
# written: `H.L.T.` is not `h` and the legal form `lt`, whereas `X S.A.` is `x` and `sa`. At
# the start of a name of unknown type they may be a person's initials (`J.R. Smith`).
_DOTTED_LETTERS = re.compile(r"(?<![^\W\d_])[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W\d_])")


def _join_dotted_letters(full: str, *, keep_first: bool) -> str:
    def join(match: re.Match[str]) -> str:
        if keep_first and not full[: match.start()].strip():
            return match.group(0)
        return match.group(0).replace(".", "")

    return _DOTTED_LETTERS.sub(join, full) if "." in full else full


# Legal forms found glued to a word of a company's name: the long words of legal forms at
# either end of any word (`SHIPPINGCOMPANY LIMITED`, `COMPANYMAKO HOLDING`), short forms that
# no word ends with at the end of any word (`GROUPLTD`, `ENERGYDMCC`, `OCEANGMBH & CO. KG`),
# and `corp` at the end of the name's last word (`GROUPCORP.`). What is left must be a word
# of _GLUED_STEM_LENGTH letters or more: `BANCORP` and `AIRCOMPANY` stay whole, so that a
# typo in them (`AKRCOMPANY`) still meets one long word. Shorter forms (`sa`, `co`, `ag`,
# `sal`) end too many words (`mesa`, `telco`, `universal`).
_GLUED_LEGAL_WORDS = ("corporation", "limited", "company")
_GLUED_SHORT_FORMS = ("ltda", "ltd", "llc", "gmbh", "fzco", "fze", "fzc", "plc", "dmcc", "eood",
                      "srl", "ooo")  # fmt: skip
_GLUED_LAST_FORMS = ("corp",)
_GLUED_STEM_LENGTH: Final = 4
# A dotted legal form glued to the word before it (`JOSAFATS.A.`, `METALSS.A.C.`): the letter
# before the first dot is the form's. Mexican `S.A. DEC.V.` is `S.A. de C.V.`.
_GLUED_DOTTED = re.compile(r"(?<=[^\W\d_]{3})[^\W\d_](?:\.[^\W\d_])+\.?(?![^\W\d_])")
_GLUED_DE_CV = re.compile(r"(?<![^\W\d_])(de)(c\.\s*v\b\.?)", re.IGNORECASE)


def _unglue(word: str, *, last: bool) -> list[str]:
    if not word.isalpha():
        return [word]
    for form in (*_GLUED_LEGAL_WORDS, *_GLUED_SHORT_FORMS, *(_GLUED_LAST_FORMS if last else ())):
        if len(word) - len(form) < _GLUED_STEM_LENGTH:
            continue
        if word.endswith(form):
            parts = [word[: -len(form)], form]
        elif form in _GLUED_LEGAL_WORDS and word.startswith(form):
            parts = [form, word[len(form) :]]
        else:
            continue
        return [word] if _is_legal_form(word) else parts
    return [word]


def _unglue_legal_forms(words: list[str]) -> list[str]:
    """`words` with the legal forms glued to them split off."""
    return [
        part for i, word in enumerate(words) for part in _unglue(word, last=i == len(words) - 1)
    ]


def _unglue_dotted_forms(full: str) -> str:
    def split(match: re.Match[str]) -> str:
        form = match.group(0)
        return f" {form}" if _is_legal_form(fold_text(form.replace(".", ""))) else form

    if "." not in full:
        return full
    return _GLUED_DE_CV.sub(r"\1 \2", _GLUED_DOTTED.sub(split, full))


def _organization_tokens(full: str, *, cautious: bool) -> list[NameToken]:
    full = _join_dotted_letters(_unglue_dotted_forms(full), keep_first=cautious)
    # A query of unknown type may be a person with initials (`J R Smith`): there only the end
    # of the name, where legal forms stand, is joined.
    words = _join_letter_runs(fold_text(full).split(), keep=1 if cautious else 0)
    words = _unglue_legal_forms(words)
    # Legal forms are found in the words as a legal form would spell them; a word that is
    # not part of a form found so keeps its own spelling (`STATE CONCENR` is `state concern`,
    # `ASTOCK MARKET` stays `astock`).
    read: list[str] = []
    source: list[int] = []  # the word each read word comes from
    for i, word in enumerate(words):
        for part in _legal_form_words(word):
            read.append(part)
            source.append(i)
    source.append(len(words))
    text = " ".join(read)
    tokens: list[NameToken] = []
    position = 0
    for start, end, target in _legal_spans(text, cautious=cautious):
        first = source[text.count(" ", 0, start)]
        after = source[text.count(" ", 0, end) + 1]
        if first < position or after <= first:
            continue  # part of a word only, the rest of which a form before it took
        tokens.extend(_tokens_of(" ".join(words[position:first]), legal_words=True))
        tokens.append(NameToken(target, TokenKind.LEGAL))
        position = after
    tokens.extend(_tokens_of(" ".join(words[position:]), legal_words=True))
    return tokens


def _tokens_of(text: str, *, legal_words: bool = False) -> list[NameToken]:
    tokens: list[NameToken] = []
    for word in fold_text(text).split():
        if legal_words and (form := _fuzzy_legal_form(word)):
            tokens.append(NameToken(form, TokenKind.LEGAL))
        else:
            tokens.append(NameToken(word, _kind_of(word)))
    return tokens


# Articles and connectors: `AL QAIDA` and `QAIDA`, `BANCO DE LA NACION` and `BANCO NACION` are
# the same name. (`bin`, `abu` and `ould` say whose son or father: they are names.)
PARTICLES = _words(
    "al el ul il de del della dei degli di da do du dos das la le les los las van von der den "
    "ter y e et und and of the wa wal lil bil fal kal fi fy"
)
# Titles as Arabic-script names write them, romanised: شيخ, حاجی, حجي, ملا, مولوی, مفتی, قاري.
_ABJAD_TITLES = _words("shykh shyk hajy hjy haj mla mwlwy mwlwi mwlana mwlawy mfty qary")


@lru_cache(maxsize=65536)
def _kind_of(word: str) -> TokenKind:
    if word.isdigit():
        return TokenKind.NUMBER
    if len(word) == 1:
        return TokenKind.INITIAL
    if word in PARTICLES:
        return TokenKind.PARTICLE
    if is_title(word) or _misspelt_title(word) is not None:
        return TokenKind.TITLE
    return TokenKind.NAME


# `Abd al-Aziz`, `Abdel Aziz`, `Abdul Aziz`, `Abdulaziz`, `Abdelaziz`, `Abdurrahman`: one name
# element (abd + article) that lists write in a dozen ways, most often joined to the next word
# or not. It becomes `abdul`, as its own token or as the start of a word.
_ARTICLES = _words("al el ul il ar as ash at az ad an ur us ud un")
_JOINED_ARTICLE = re.compile(r"^(?:al|el|ul)(?!lah|lahi)[a-z]{3,}$")
_ABD_FORMS = _words("abdel abdal abdoul abdol abdil abdul")
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
        if text == "abd" and following and _JOINED_ARTICLE.match(following):
            # `'Abd Allatif` is `Abd al-Latif`
            out.append(NameToken("abdul", token.kind, token.role, token.abjad))
            rest = tokens[i + 1]
            out.append(NameToken(following[2:], rest.kind, rest.role, rest.abjad))
            skip = True
            continue
        if text in _ABD_FORMS:
            text = "abdul"
        elif text == "bd" and token.abjad:
            text = "abd"
        elif text.startswith("abd"):
            text = _ABD_PREFIX.sub(lambda m: "abdul" + (m.group(1) or ""), text)
        out.append(
            token if text == token.text else NameToken(text, token.kind, token.role, token.abjad)
        )
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
    ignore against persons only. A name's own acronym in brackets (`HAQQANI NETWORK (HQN)`)
    ends it as a PARTICLE token.
    """
    if mode is NameMode.OBJECT:
        full = remove_obj_prefixes(full)
    acronym = None
    if mode is not NameMode.PERSON:
        full, acronym = _own_acronym(full)
    if mode in (NameMode.ORGANIZATION, NameMode.ANY):
        tokens = _organization_tokens(full, cautious=mode is NameMode.ANY)
        if mode is NameMode.ANY and _surname_first(full, tokens):
            tokens = _person_tokens(full, None, None, None)
    elif mode is NameMode.PERSON:
        tokens = _person_tokens(full, first, middle, last)
    else:
        tokens = _tokens_of(" ".join(_join_letter_runs(fold_text(full).split())))
    if acronym:
        tokens.append(NameToken(acronym, TokenKind.PARTICLE))
    if mode in (NameMode.ORGANIZATION, NameMode.OBJECT):
        tokens = [
            NameToken(t.text, TokenKind.NAME, t.role) if t.kind is TokenKind.TITLE else t
            for t in tokens
        ]
    if has_abjad(full):
        tokens = [
            NameToken(t.text, _abjad_kind(t), t.role, True) if not t.abjad else t for t in tokens
        ]
    tokens = _canonical_articles(_canonical_abd(tokens))
    if mode in (NameMode.PERSON, NameMode.ANY):
        tokens = _settle_titles(tokens)
    if mode is NameMode.PERSON:
        tokens = [t for t in tokens if t.kind is not TokenKind.TITLE]
    return tuple(tokens)


# An organisation's own abbreviation in brackets after its name (`KHATIBA AL-TAWHID WAL-JIHAD
# (KTJ)`, `HAQQANI NETWORK (HQN)`) repeats the name: a query without it is the same name, so
# it weighs no more than a particle, and one with it (`ARMAMENT INDUSTRIES GROUP AIG`) still
# matches it. It is the name's own when it starts as the name does (after an article: `Le
# Groupe Salafiste ... (GSPC)`) and its letters come in the name's order; `AL-HARAMAYN
# FOUNDATION (KENYA)` is not.
_BRACKETED_ACRONYM = re.compile(r"\s*\(([A-Z]{2,8})\)\s*$")


def _own_acronym(full: str) -> tuple[str, str | None]:
    """The name without its own bracketed acronym, and the acronym (folded), if it has one."""
    found = _BRACKETED_ACRONYM.search(full)
    if found is None:
        return full, None
    name = full[: found.start()]
    words = fold_text(name).split()
    acronym = found.group(1).lower()
    starts = set()
    for word in words:
        starts.add(word[0])
        if word not in PARTICLES:
            break
    letters = iter("".join(words))
    if acronym[0] in starts and all(letter in letters for letter in acronym):
        return name, acronym
    return full, None


def _abjad_kind(token: NameToken) -> TokenKind:
    """Latin titles do not apply to romanised Arabic (`amr` is Omar, `mr` not Mister)."""
    if token.kind is TokenKind.TITLE:
        return TokenKind.TITLE if token.text in _ABJAD_TITLES else TokenKind.NAME
    if token.kind is TokenKind.NAME and token.text in _ABJAD_TITLES:
        return TokenKind.TITLE
    return token.kind


# The Arabic article takes the sound of a following "sun letter": `ad-Din`, `ash-Shabaab`,
# `at-Tawhid`, `an-Nasr`. Before a word starting with that sound it is `al`.
_ASSIMILATED = {
    a: a.lstrip("aeiu")
    for a in _words("ad an ar as ash at az ath adh ed en er es esh et ez ud un ur us ut uz")
}


def _canonical_articles(tokens: list[NameToken]) -> list[NameToken]:
    out = list(tokens)
    for i, token in enumerate(tokens[:-1]):
        sound = _ASSIMILATED.get(token.text)
        if sound and tokens[i + 1].text.startswith(sound) and len(tokens[i + 1].text) > 2:
            out[i] = NameToken("al", TokenKind.PARTICLE, token.role, token.abjad)
    return out


def _settle_titles(tokens: list[NameToken]) -> list[NameToken]:
    """A title word is a name when it is part of a surname (`AL-SHAYKH, Diyab`), follows an
    article, or (for the Western honorifics) stands after the first name word (`Mustafa
    Queen`); and when the name has nothing else."""
    settled = []
    leading = True
    for i, token in enumerate(tokens):
        if token.kind is not TokenKind.TITLE:
            leading = False
            settled.append(token)
            continue
        is_name = (
            token.role is TokenRole.FAMILY
            or (i > 0 and tokens[i - 1].text in _ARTICLES)
            or not (leading or _anywhere_title(token.text) or token.abjad)
        )
        settled.append(
            NameToken(token.text, TokenKind.NAME, token.role, token.abjad) if is_name else token
        )
    if all(t.kind is TokenKind.TITLE for t in settled):
        return [NameToken(t.text, TokenKind.NAME, t.role, t.abjad) for t in settled]
    return settled


def _surname_first(full: str, as_organization: Sequence[NameToken]) -> bool:
    """A name of unknown type written `SURNAME(S), Given names` (`PALMA SALAZAR, H. L.`), as
    lists and customers write persons: one comma, a few words after it, and no legal form
    when read as an organisation (`ACME, S.A.` and `BANCO X, LTD` are companies). Its single
    letters are then a person's initials, not an acronym."""
    if full.count(",") != 1:
        return False
    family, given = full.split(",")
    if not fold_text(family).split() or not 0 < len(fold_text(given).split()) <= 4:
        return False
    return all(t.kind is not TokenKind.LEGAL for t in as_organization)


def _person_tokens(
    full: str, first: str | None, middle: str | None, last: str | None
) -> list[NameToken]:
    tokens = None
    # OFAC and many national lists write persons `SURNAME(S), Given names`.
    if full.count(",") == 1:
        family, given = full.split(",")
        given_tokens, family_tokens = _tokens_of(given), _tokens_of(family)
        if given_tokens and family_tokens:
            tokens = _with_role(given_tokens, TokenRole.GIVEN) + _with_role(
                family_tokens, TokenRole.FAMILY
            )
    if tokens is None:
        tokens = _tokens_of(full)
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
MAX_JOIN: Final = 3
_JOINABLE = (
    TokenKind.NAME,
    TokenKind.INITIAL,
    TokenKind.TITLE,
    TokenKind.NUMBER,
    TokenKind.PARTICLE,
)


class Unit(NamedTuple):
    """A token (`end == start + 1`) or a run of adjacent tokens written as one word."""

    text: str
    start: int
    end: int
    abjad: bool = False
    join: bool = False  # a run of two or more tokens
    initial: bool = False  # one letter
    mask: int = 0  # bit i set for each token i the unit covers
    particle: bool = False  # an article or connector: `al`, `de`, `y`

    @classmethod
    def of(
        cls, text: str, start: int, end: int, abjad: bool = False, particle: bool = False
    ) -> Unit:
        mask = (1 << end) - (1 << start)
        return cls(text, start, end, abjad, end - start > 1, len(text) == 1, mask, particle)

    @property
    def is_join(self) -> bool:
        return self.join


@lru_cache(maxsize=65536)  # `Screener.prefetch` and `match` both read a query's units
def name_units(tokens: tuple[NameToken, ...]) -> tuple[Unit, ...]:
    """The tokens, then the runs of 2 to MAX_JOIN adjacent tokens written as one word. A run
    romanised from Arabic script whose consonants are those of one of its words alone is left
    out (`yhyy` + `hqany` reads `hkn`, as `hqany` does: it would match `haqqani` twice over);
    a run with the article before a sun letter is also written assimilated (`nwr al dyn` also
    as `nwraddyn`, for Noureddine; `blad al` before `swdan` as `bladas`, for Biladis Sudan)."""
    units = [
        Unit.of(token.text, i, i + 1, token.abjad, token.kind is TokenKind.PARTICLE)
        for i, token in enumerate(tokens)
    ]
    for size in range(2, MAX_JOIN + 1):
        for start in range(len(tokens) - size + 1):
            run = tokens[start : start + size]
            if not all(t.kind in _JOINABLE for t in run):
                continue
            abjad = all(t.abjad for t in run)
            following = tokens[start + size].text if start + size < len(tokens) else ""
            for text in _run_spellings(run, following):
                if abjad and any(skeleton(t.text, True) == skeleton(text, True) for t in run):
                    continue
                units.append(Unit.of(text, start, start + size, abjad))
    return tuple(units)


_SUN_LETTERS = frozenset("tdrzsnl")
# The article alone and joined to a conjunction or preposition (`wal`, `bil`, `lil`).
_ARTICLE_PARTICLES = _words("al wal bil lil fal kal")


def _run_spellings(run: Sequence[NameToken], after: str = "") -> list[str]:
    """A run as one word, and assimilated where an article stands before a sun letter, also
    the word after the run (`bilad al` before `sudan`: `biladas`, as in `BILADIS SUDAN`)."""
    plain = "".join(t.text for t in run)
    parts = []
    for i, token in enumerate(run):
        following = run[i + 1].text if i + 1 < len(run) else after
        if token.text in _ARTICLE_PARTICLES and following[:1] in _SUN_LETTERS:
            # `al` + `din` -> `ad` + `din`, `bil` + `dam` -> `bid` + `dam`
            parts.append(token.text[:-1] + following[0])
        else:
            parts.append(token.text)
    assimilated = "".join(parts)
    return [plain] if assimilated == plain else [plain, assimilated]
