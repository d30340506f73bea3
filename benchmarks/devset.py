"""The screening dev set: real list entries written the way customers write them, and names that
must not alert.

Positives take an entry of the index (OFAC SDN 2021 + UN 2026, parsed by watchlist's own parsers)
and change its name in one named way (`typo1`, `translit`, `legal_form`, ...), labelled with the
true entity id. Negatives are clean person and company names from names-dataset and faker, minus
any name that is actually listed, and hard negatives: a listed person's surnames with another
common given name of the same culture.

Everything is seeded: the same lists and seed give the same CSV, byte for byte. Each kind draws
from its own random stream, so adding a kind leaves the others unchanged.

    .venv/bin/python benchmarks/devset.py            # build (or reuse) benchmarks/out/devset.csv
"""

from __future__ import annotations

import argparse
import csv
import functools
import hashlib
import itertools
import json
import logging
import random
import re
import string
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import icu
from rapidfuzz.distance import OSA

from watchlist.model import Entity, Name, NameKind, Schema
from watchlist.sources import get_source

if TYPE_CHECKING:
    from faker import Faker

log = logging.getLogger("benchmarks.devset")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = REPO.parent / "shared" / "data"
OUT_DIR = REPO / "benchmarks" / "out"
DEVSET_CSV = OUT_DIR / "devset.csv"
DEFAULT_SEED = 20260601

COLUMNS = ("id", "name", "schema", "kind", "label", "true_entity_id")

POSITIVE_KINDS = (
    "alias",
    "reordered",
    "dropped_second_surname",
    "dropped_middle_name",
    "accents_removed",
    "accents_added",
    "case_changed",
    "punctuation_removed",
    "typo1",
    "typo2",
    "translit",
    "initials",
    "legal_form",
    "spacing",
    "original_script",
)
NEGATIVE_KINDS = ("clean_person", "clean_company", "hard_negative")

# (source, path under the shared data folder) of the lists the index is built from.
INDEX_LISTS = (
    ("ofac-sdn", "ofac-sdn-2021"),
    ("un-sc", "un-sc/consolidated.xml"),
)


@dataclass(frozen=True, slots=True)
class DevRecord:
    id: str
    name: str
    schema: str
    kind: str
    label: int  # 1: should alert on true_entity_id; 0: should not alert at all
    true_entity_id: str = ""

    @property
    def positive(self) -> bool:
        return self.label == 1


# --------------------------------------------------------------------------------------------
# Text helpers


def fold(text: str) -> str:
    """Case, accents and punctuation folded away: `Nicolás MADURO-Moros,` -> `nicolas maduro moros`.

    The plain normalisation every screening tool does; the baseline compares on it and the dev set
    uses it to drop negatives that are really listed.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    chars = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        chars.append(ch if ch.isalnum() else " ")
    return " ".join("".join(chars).casefold().split())


_APOSTROPHES = re.compile("['\u2019\u02bc\u02bb`\u00b4]")


def fold_words(text: str) -> str:
    """`fold`, with apostrophes inside words dropped rather than splitting them: `SA'AD` is one
    word, `saad`, as Arabic romanisations write the ayn or the hamza or leave it out."""
    return fold(_APOSTROPHES.sub("", text))


def name_key(text: str) -> str:
    """Folded tokens in sorted order: `MADURO MOROS, Nicolas` and `Nicolas Maduro Moros` agree
    (and `SA'AD AL-SHAMMARI` and `Saad Al-Shammari`)."""
    return " ".join(sorted(fold_words(text).split()))


def is_latin(text: str) -> bool:
    """True when every letter is Latin (accented or not)."""
    return all(unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha())


def has_letters(text: str) -> bool:
    return any(ch.isalpha() for ch in text)


def _match_case(template: str, word: str) -> str:
    """`word` written in the case style of `template` (UPPER, Title or lower)."""
    if template.isupper():
        return word.upper()
    if template.islower():
        return word.lower()
    if template[:1].isupper():
        return word[:1].upper() + word[1:].lower()
    return word


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _words(text: str) -> tuple[str, ...]:
    """Word lists written as one string, for the long tables below."""
    return tuple(text.split())


# --------------------------------------------------------------------------------------------
# Name parts

# Particles that belong to the following name part ("AL ZAWAHIRI", "DE LA CRUZ", "BIN LADEN").
PARTICLES = frozenset(
    _words(
        "al el ul bin ben ibn bint abu abou abi umm ould wad de del della der des di da das do dos "
        "du la las le los van von y"
    )
)


# Titles the lists write among given names (`AL ZAWAHIRI, Dr. Ayman`): never dropped or cut to
# an initial.
TITLES = frozenset(
    _words(
        "dr dr. doctor colonel col. general gen. major captain shaykh sheikh shaikh mullah mulla "
        "maulvi mawlawi mawlana maulana haji hajji qari imam sayyid sayed syed engineer eng. prof."
    )
)


@dataclass(frozen=True, slots=True)
class PersonParts:
    """A person's name split into given names and surnames, in the order the list writes it."""

    given: tuple[str, ...]
    surname: tuple[str, ...]
    surname_first: bool  # OFAC's `MADURO MOROS, Nicolas`

    def render(
        self, given: Sequence[str] | None = None, surname: Sequence[str] | None = None
    ) -> str:
        given_text = " ".join(self.given if given is None else given)
        surname_text = " ".join(self.surname if surname is None else surname)
        if not given_text:
            return surname_text
        if self.surname_first:
            return f"{surname_text}, {given_text}"
        return f"{given_text} {surname_text}"


def person_parts(name: Name) -> PersonParts | None:
    """Given names and surnames of a person's name, from the list's comma form (`SURNAME,
    Given`), from the parser's `last`, or else the last word with its particles (`AL ZAWAHIRI`)."""
    full = _collapse(name.full)
    if full.count(",") == 1:
        surname_text, given_text = (part.strip() for part in full.split(","))
        surname, given = tuple(surname_text.split()), tuple(given_text.split())
        if surname and given:
            return PersonParts(given, surname, surname_first=True)
        return None
    if "," in full:
        return None
    tokens = tuple(full.split())
    if len(tokens) < 2:
        return None
    if name.last:
        last = tuple(name.last.split())
        if 0 < len(last) < len(tokens) and tokens[-len(last) :] == last:
            return PersonParts(tokens[: -len(last)], last, surname_first=False)
    start = len(tokens) - 1
    while start > 1 and tokens[start - 1].casefold().strip("-") in PARTICLES:
        start -= 1
    return PersonParts(tokens[:start], tokens[start:], surname_first=False)


# --------------------------------------------------------------------------------------------
# Variant generators. Each takes one of the entity's names and returns the changed name, or None
# when the change does not apply to it. They never return the name unchanged.

Generator = Callable[[Name, Entity, random.Random], str | None]


def reorder(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Persons only (word order carries no meaning in a person's name, it does in `BANCO NACIONAL
    DE CUBA`): the list's order flipped (`MADURO MOROS, Nicolas` -> `Nicolas MADURO MOROS`,
    `FRANK KAKOLELE BWAMBALE` -> `BWAMBALE FRANK KAKOLELE`) or, half the time for 3+ words, the
    words shuffled (`MOROS Nicolas MADURO`). Case is kept; the comma goes."""
    if entity.schema is not Schema.PERSON:
        return None
    parts = person_parts(name)
    if parts is None:
        return None
    if parts.surname_first:
        flipped = [*parts.given, *parts.surname]
    else:
        flipped = [*parts.surname, *parts.given]
    original = (
        [*parts.surname, *parts.given] if parts.surname_first else [*parts.given, *parts.surname]
    )
    words = flipped
    if len(original) >= 3 and rng.random() < 0.5:
        for _ in range(10):
            shuffled = original[:]
            rng.shuffle(shuffled)
            if shuffled not in (original, flipped):
                words = shuffled
                break
    result = " ".join(words)
    return result if result != name.full else None


HISPANIC_COUNTRIES = frozenset(
    _words("ar bo cl co cr cu do ec es gt hn mx ni pa pe pr py sv uy ve")
)


def entity_countries(entity: Entity) -> tuple[str, ...]:
    """Country codes that say something about the culture of a name, most telling first."""
    codes: list[str] = [*entity.nationalities, *entity.citizenships]
    codes.extend(address.country for address in entity.addresses if address.country)
    codes.extend(entity.countries)
    seen: dict[str, None] = {}
    for code in codes:
        if code and len(code) == 2:
            seen.setdefault(code.lower(), None)
    return tuple(seen)


def drop_second_surname(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Hispanic-style persons (a nationality or address in a Spanish-speaking country) whose
    surname part is two words, neither a particle: the second (maternal) one dropped.
    `MADURO MOROS, Nicolas` -> `MADURO, Nicolas`."""
    if entity.schema is not Schema.PERSON:
        return None
    if not HISPANIC_COUNTRIES.intersection(entity_countries(entity)):
        return None
    parts = person_parts(name)
    if parts is None or len(parts.surname) != 2:
        return None
    if any(word.casefold() in PARTICLES or len(word) < 3 for word in parts.surname):
        return None
    return parts.render(surname=parts.surname[:1])


def drop_middle_name(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Persons with two or more given names: one given name after the first dropped (never a
    particle, nor the word after one: `ABU BAKR` stays whole). `AL-ZAWAHIRI, Ayman Muhammad
    Rabi` -> `AL-ZAWAHIRI, Ayman Rabi`."""
    if entity.schema is not Schema.PERSON:
        return None
    parts = person_parts(name)
    if parts is None or len(parts.given) < 2:
        return None
    given = parts.given
    names = [i for i, word in enumerate(given) if word.casefold() not in TITLES]
    droppable = [
        i
        for i in names[1:]
        if given[i].casefold() not in PARTICLES
        and given[i - 1].casefold() not in PARTICLES
        and len(given[i].strip(".")) > 1
    ]
    if not droppable:
        return None
    drop = rng.choice(droppable)
    return parts.render(given=given[:drop] + given[drop + 1 :])


def _has_particle(word: str) -> bool:
    """`bin`, `al-Malik`, `ABU`: a particle on its own or joined by a hyphen."""
    return any(part.casefold() in PARTICLES for part in word.split("-"))


def initials(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Persons whose given names hold no particle: every given name but a title cut to its
    initial and a full stop. `MADURO MOROS, Nicolas` -> `MADURO MOROS, N.`; `FRANK KAKOLELE
    BWAMBALE` -> `F. K. BWAMBALE`; `AL ZAWAHIRI, Dr. Ayman` -> `AL ZAWAHIRI, Dr. A.`."""
    if entity.schema is not Schema.PERSON:
        return None
    parts = person_parts(name)
    if parts is None or any(_has_particle(word) for word in parts.given):
        return None  # `Abd al-Malik` has no one way to write initials
    cut = [
        word if word.casefold() in TITLES else next((ch for ch in word if ch.isalpha()), "") + "."
        for word in parts.given
    ]
    if "." in cut or cut == list(parts.given):
        return None
    return parts.render(given=cut)


def change_case(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """The whole name in lower case, Title Case or UPPER CASE, whichever differs from the list."""
    title = " ".join(
        "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))
        for word in name.full.split()
    )
    options = [text for text in (name.full.lower(), title, name.full.upper()) if text != name.full]
    return rng.choice(options) if options else None


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith("P")


def remove_punctuation(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Every punctuation mark gone: hyphens and slashes become spaces, the rest (`.,'()` and
    curly quotes) are deleted. `ANGLO-CARIBBEAN CO., LTD.` -> `ANGLO CARIBBEAN CO LTD`."""
    if not any(_is_punctuation(ch) for ch in name.full):
        return None
    chars = []
    for ch in name.full:
        if ch in "-/\u2010\u2011\u2012\u2013\u2014":
            chars.append(" ")
        elif not _is_punctuation(ch):
            chars.append(ch)
    result = _collapse("".join(chars))
    return result if result and result != name.full else None


def remove_accents(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Accents stripped from a name the list writes with them: `DIEUDONNÉ` -> `DIEUDONNE`."""
    decomposed = unicodedata.normalize("NFD", name.full)
    if not any(unicodedata.combining(ch) for ch in decomposed):
        return None
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode()


# Spanish, Portuguese and French spellings that carry accents the ASCII-only OFAC list drops,
# keyed by the ASCII upper-case spelling. Hand-listed (no library maps an ASCII name back to its
# accented spelling); ambiguous ones (ANTONIO: Spanish plain, Portuguese António) are left out.
ACCENTED = {
    _ascii(word).upper(): word
    for word in _words("""
    José María Jesús Ramón Nicolás Ángel Óscar Raúl Rubén Héctor Andrés Martín Agustín Joaquín
    Sebastián Fabián Adrián Julián Damián César Víctor Álvaro Efraín Germán Hernán Iván Lucía Rocío
    Asunción Concepción Inés Belén Mónica Verónica Angélica Simón Elías Matías Tomás Félix Arístides
    Benjamín Darío Jerónimo León Moisés Noé Isaías Zacarías Efrén Lázaro Néstor Aníbal Cristóbal
    Salomón Jonatán Máximo Sofía Ramírez García Rodríguez González Fernández López Martínez Sánchez
    Pérez Gómez Jiménez Hernández Díaz Álvarez Muñoz Gutiérrez Vázquez Vásquez Domínguez Suárez
    Méndez Ibáñez Núñez Peña Castaño Ordóñez Vélez Benítez Alarcón Calderón Chávez Córdoba Galván
    Guzmán Márquez Mejía Morán Páez Quiñones Rincón Ríos Roldán Sáenz Téllez Valdés Zúñiga Yáñez
    Acuña Ávila Bolaños Cárdenas Céspedes Cortés Dávila España Farías Garzón Londoño Patiño Rendón
    Tobón Castañeda Beltrán Durán Guillén Macías Marín Montañez Muñiz Saldaña Avendaño Carreño
    Jaén Ocaña Peláez Quintín Sepúlveda Solís Treviño Úrsula Velásquez Velázquez Narváez Arévalo
    Báez Bermúdez Briceño Cañas Chacón Estévez Galíndez Godínez Jácome Montaño Yépez João Conceição
    Assunção Gonçalves Magalhães Guimarães Sebastião Estevão Simões Romão Araújo Brandão Falcão
    Leitão Patrício Vitória Antônia Sérgio Fábio Márcio Cláudio Flávio Otávio Rômulo Glória
    François René André Jérôme Hélène Stéphane Frédéric Gérard Céline Théodore Désiré Honoré Aimé
    Noël Michèle Eugène Geneviève Clément Valérie Dieudonné Séverin Félicité Bénédicte Thérèse
    Émile Éric
    """)
}


def add_accents(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Accents a Spanish, Portuguese or French spelling would carry, added to every word the list
    writes without them: `GARCIA RAMIREZ, Jose` -> `GARCÍA RAMÍREZ, José`."""
    changed = False

    def accent(match: re.Match[str]) -> str:
        nonlocal changed
        word = match.group(0)
        accented = ACCENTED.get(word.upper())
        if accented is None:
            return word
        changed = True
        return _match_case(word, accented)

    result = re.sub(r"[A-Za-z]+", accent, name.full)
    return result if changed else None


_KEYBOARD_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")


def _keyboard_neighbours() -> dict[str, str]:
    neighbours: dict[str, set[str]] = {}
    for r, row in enumerate(_KEYBOARD_ROWS):
        for c, key in enumerate(row):
            near = neighbours.setdefault(key, set())
            for dr, dc in ((0, -1), (0, 1), (-1, 0), (-1, 1), (1, -1), (1, 0)):
                rr, cc = r + dr, c + dc
                if 0 <= rr < len(_KEYBOARD_ROWS) and 0 <= cc < len(_KEYBOARD_ROWS[rr]):
                    near.add(_KEYBOARD_ROWS[rr][cc])
    return {key: "".join(sorted(near)) for key, near in neighbours.items()}


KEYBOARD_NEIGHBOURS = _keyboard_neighbours()
TYPO_EDITS = ("insert", "delete", "substitute", "transpose")


ANY_KEY = {
    key: "".join(k for k in string.ascii_lowercase if k != key) for key in KEYBOARD_NEIGHBOURS
}


def _typo_once(
    text: str,
    rng: random.Random,
    avoid: tuple[int, int] | None,
    *,
    keys: dict[str, str] = KEYBOARD_NEIGHBOURS,
    same_word: bool = False,
) -> str | None:
    """One edit inside a word of five or more ASCII letters, outside the span `avoid` if another
    word is eligible (two typos rarely hit the same word), or inside it with `same_word`.
    A letter put in or for another is one of `keys[letter]`: a neighbouring key by default."""
    words = [m.span() for m in re.finditer(r"[A-Za-z]+", text) if len(m.group(0)) >= 5]
    if avoid is not None and same_word:
        # The word the first typo hit, though it may have lost a letter to it.
        words = [m.span() for m in re.finditer(r"[A-Za-z]+", text) if m.start() == avoid[0]]
    elif avoid is not None:
        others = [span for span in words if span[1] <= avoid[0] or span[0] >= avoid[1]]
        words = others or words
    if not words:
        return None
    start, end = rng.choice(words)
    i = rng.randrange(start, end)
    ch = text[i]
    edit = rng.choice(TYPO_EDITS)
    if edit == "delete":
        return text[:i] + text[i + 1 :]
    if edit == "transpose":
        j = i + 1 if i + 1 < end else i - 1
        a, b = min(i, j), max(i, j)
        if text[a].lower() == text[b].lower():
            return None
        return text[:a] + text[b] + text[a] + text[b + 1 :]
    other = _match_case(ch, rng.choice(keys[ch.lower()]))
    if edit == "substitute":
        return text[:i] + other + text[i + 1 :]
    return text[:i] + other + text[i:]  # insert: a neighbouring key hit as well


def typo(
    name: Name,
    rng: random.Random,
    edits: int,
    *,
    keys: dict[str, str] = KEYBOARD_NEIGHBOURS,
    same_word: bool = False,
) -> str | None:
    """`edits` random edits (insert a neighbouring key, delete, substitute a keyboard neighbour,
    transpose two letters) in words of five or more letters, in different words where the name
    has several (in one word with `same_word`), checked to be exactly `edits` apart (optimal
    string alignment distance, case-insensitive). `keys`: see `_typo_once`."""
    for _ in range(20):
        text: str | None = name.full
        last_word: tuple[int, int] | None = None
        for _ in range(edits):
            if text is None:
                break
            edited = _typo_once(text, rng, last_word, keys=keys, same_word=same_word)
            if edited is not None:
                last_word = _changed_word(text, edited)
            text = edited
        if text is not None and OSA.distance(text.lower(), name.full.lower()) == edits:
            return text
    return None


def _changed_word(before: str, after: str) -> tuple[int, int]:
    """The span, in `after`, of the word where the two texts first differ."""
    i = next((k for k, (a, b) in enumerate(zip(before, after, strict=False)) if a != b), 0)
    start = i
    while start > 0 and after[start - 1].isalpha():
        start -= 1
    end = i
    while end < len(after) and after[end].isalpha():
        end += 1
    return start, end


def typo1(name: Name, entity: Entity, rng: random.Random) -> str | None:
    return typo(name, rng, 1)


def typo2(name: Name, entity: Entity, rng: random.Random) -> str | None:
    return typo(name, rng, 2)


# Other typists than the dev set's, for the benchmark's robustness check: any letter for any
# (OCR, dictation, a generator that knows no keyboard), two typos in one word, two words run
# together.


def typo1_any_key(name: Name, entity: Entity, rng: random.Random) -> str | None:
    return typo(name, rng, 1, keys=ANY_KEY)


def typo2_any_key(name: Name, entity: Entity, rng: random.Random) -> str | None:
    return typo(name, rng, 2, keys=ANY_KEY)


def typo2_one_word(name: Name, entity: Entity, rng: random.Random) -> str | None:
    return typo(name, rng, 2, same_word=True)


def words_joined(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Two adjacent words of the name written as one (`SHIPPING LIMITED` -> `SHIPPINGLIMITED`),
    not across a comma."""
    gaps = [m for m in re.finditer(r"(?<=[^\W\d_])[ -]+(?=[^\W\d_])", name.full)]
    if not gaps:
        return None
    gap = rng.choice(gaps)
    return name.full[: gap.start()] + name.full[gap.end() :]


# Spellings of one name in different transliterations (Arabic, Persian, Russian, Korean). Each
# row is one name; a row may hold multi-word spellings (`ABD AL`).
TRANSLIT_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Mohammed", "Muhammad", "Mohamed", "Mohammad", "Muhammed", "Mohamad", "Muhamad"),
    ("Ahmed", "Ahmad"),
    ("Usama", "Osama", "Oussama"),
    ("Hussein", "Husayn", "Hussain", "Husain", "Hossein", "Husein"),
    ("Hassan", "Hasan"),
    ("Yusuf", "Yousef", "Youssef", "Yousif", "Yusef"),
    ("Qaida", "Qaeda", "Qa'ida"),
    ("Abdul", "Abd al", "Abdel", "Abdoul"),
    ("Abdullah", "Abdallah", "Abdulla", "Abdellah"),
    ("Abdulrahman", "Abdurrahman", "Abdelrahman"),
    ("Abu", "Abou"),
    ("Omar", "Umar"),
    ("Uthman", "Othman", "Osman", "Usman"),
    ("Khalid", "Khaled"),
    ("Mahmoud", "Mahmud", "Mahmood"),
    ("Mustafa", "Mustapha", "Mostafa"),
    ("Ibrahim", "Ebrahim", "Ibraheem"),
    ("Ismail", "Ismael", "Esmail"),
    ("Saeed", "Said", "Sa'id"),
    ("Jafar", "Ja'far", "Jaafar"),
    ("Nasser", "Nasir", "Naser"),
    ("Qasim", "Qassem", "Kassem", "Qasem"),
    ("Saleh", "Salih"),
    ("Hashem", "Hashim"),
    ("Musa", "Moussa", "Mousa"),
    ("Yahya", "Yahia"),
    ("Faisal", "Faysal", "Faycal"),
    ("Hamid", "Hamed"),
    ("Rashid", "Rachid", "Rasheed"),
    ("Zawahiri", "Zawahri"),
    ("Hizballah", "Hezbollah", "Hizbullah"),
    ("Qadhafi", "Gaddafi", "Qaddafi", "Gadhafi"),
    ("Sheikh", "Shaykh", "Shaikh"),
    ("Mujahidin", "Mujahideen"),
    ("Jihad", "Djihad"),
    ("Sergei", "Sergey", "Serguei", "Sergej"),
    ("Aleksandr", "Alexander", "Aleksander", "Alexandr"),
    ("Yevgeny", "Evgeny", "Yevgeniy", "Evgeniy"),
    ("Dmitry", "Dmitriy", "Dmitri"),
    ("Yuri", "Yuriy", "Yury", "Iurii"),
    ("Andrei", "Andrey"),
    ("Aleksei", "Aleksey", "Alexei", "Alexey"),
    ("Nikolai", "Nikolay"),
    ("Vyacheslav", "Viacheslav"),
    ("Viktor", "Victor"),
    ("Vladimir", "Wladimir"),
    ("Yakov", "Iakov"),
    ("Gennady", "Gennadiy", "Gennadi"),
    ("Anatoly", "Anatoliy", "Anatoli"),
    ("Valery", "Valeriy", "Valeri"),
    ("Arkady", "Arkadiy", "Arkadi"),
    ("Mikhail", "Michail"),
    ("Pyotr", "Petr", "Piotr"),
    ("Tatyana", "Tatiana"),
    ("Natalya", "Natalia"),
    ("Yulia", "Yuliya", "Julia"),
    ("Chol", "Chul"),
    ("Jong", "Chong"),
    # not Pak/Park: PARK is more often the English word (`CARIBBEAN BEACH PARK`)
)
# Russian surname endings: -ov/-off, -ev/-eff, -sky/-skiy/-ski.
_SUFFIX_SWAPS = (("ov", "off"), ("ev", "eff"), ("skiy", "sky"), ("sky", "ski"))


def _translit_pattern() -> re.Pattern[str]:
    spellings = sorted({s for group in TRANSLIT_GROUPS for s in group}, key=len, reverse=True)
    body = "|".join(re.escape(s).replace(r"\ ", r"[\s-]+") for s in spellings)
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])", re.IGNORECASE)


_TRANSLIT_RE = _translit_pattern()
_TRANSLIT_INDEX = {
    _collapse(spelling.casefold()): group for group in TRANSLIT_GROUPS for spelling in group
}


def translit(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """One word swapped for another transliteration of it (`Mohammed` -> `Muhammad`, `Abd al`
    -> `Abdul`, `Sergei` -> `Sergey`), or a Russian ending swapped (`IVANOV` -> `IVANOFF`)."""
    options: list[tuple[int, int, str]] = []
    for match in _TRANSLIT_RE.finditer(name.full):
        found = match.group(0)
        group = _TRANSLIT_INDEX.get(_collapse(re.sub(r"-", " ", found).casefold()))
        if group is None:
            continue
        for spelling in group:
            if _collapse(spelling.casefold()) != _collapse(re.sub(r"-", " ", found).casefold()):
                replacement = " ".join(_match_case(found, w) for w in spelling.split())
                options.append((match.start(), match.end(), replacement))
    if not options:
        for match in re.finditer(r"[A-Za-z]{4,}", name.full):
            word = match.group(0)
            for old, new in _SUFFIX_SWAPS:
                if word.lower().endswith(old) and len(word) - len(old) >= 3:
                    stem = word[: -len(old)]
                    options.append((match.start(), match.end(), stem + _match_case(word, new)))
                    break
    if not options:
        return None
    start, end, replacement = rng.choice(options)
    return name.full[:start] + replacement + name.full[end:]


_JOIN_PARTICLE = re.compile(
    r"(?<![\w'])(al|el|ul|bin|ben|ibn|abu|abou|umm|bint|ould)[\s-]+([A-Za-z]{3,})", re.IGNORECASE
)
_ABD_AL = re.compile(r"(?<![\w'])abd[\s-]+(?:al|el|ul|ar|as|ur)[\s-]*([A-Za-z]{3,})", re.IGNORECASE)
_SPLIT_ABD = re.compile(r"(?<![\w'])(abdul|abdel|abdal|abdur|abu)([A-Za-z]{3,})", re.IGNORECASE)
_HYPHENATED = re.compile(r"([A-Za-z]{2,})-([A-Za-z]{2,})")


def _joined(template: str, word: str) -> str:
    """`word` as one word in the case of `template`: `ABD AL-AZIZ` -> `ABDULAZIZ`,
    `bin Laden` -> `Binladen`."""
    if template.isupper():
        return word.upper()
    return word[:1].upper() + word[1:].lower()


def spacing(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Word boundaries moved, one change per name: a particle joined to its word (`AL QAIDA` /
    `AL-QAIDA` -> `ALQAIDA`, `bin Laden` -> `Binladen`), `Abd al Aziz` -> `Abdulaziz`, a joined
    prefix split (`ABDULAZIZ` -> `ABDUL AZIZ`), or a hyphenated word joined (`ANGLO-CARIBBEAN`
    -> `ANGLOCARIBBEAN`)."""
    text = name.full
    options: list[tuple[int, int, str]] = []
    for m in _ABD_AL.finditer(text):
        options.append((m.start(), m.end(), _joined(m.group(0), "abdul" + m.group(1))))
    for m in _JOIN_PARTICLE.finditer(text):
        if not _ABD_AL.match(text, max(0, m.start() - 4)):
            options.append((m.start(), m.end(), _joined(m.group(0), m.group(1) + m.group(2))))
    for m in _SPLIT_ABD.finditer(text):
        prefix, rest = m.group(1), m.group(2)
        if rest.lower() not in ("lah", "llah", "lahi", "llahi"):  # ABDULLAH is not ABDUL LAH
            options.append((m.start(), m.end(), f"{prefix} {_match_case(prefix, rest)}"))
    for m in _HYPHENATED.finditer(text):
        if m.group(1).casefold() not in PARTICLES and m.group(1).casefold() != "abd":
            options.append((m.start(), m.end(), m.group(1) + m.group(2)))
    if not options:
        return None
    start, end, replacement = rng.choice(options)
    result = text[:start] + replacement + text[end:]
    return result if result != text else None


@dataclass(frozen=True, slots=True)
class LegalForm:
    """One legal form in its spellings, the first being the usual abbreviation."""

    spellings: tuple[str, ...]
    prefix: bool = False  # also written before the name (`LIMITED LIABILITY COMPANY X`)


LEGAL_FORMS: tuple[LegalForm, ...] = (
    LegalForm(("LLC", "L.L.C.", "Limited Liability Company", "OOO"), prefix=True),
    LegalForm(("Co., Ltd.", "Co. Ltd", "Company Limited", "Co., Limited")),
    LegalForm(("Ltd.", "Ltd", "Limited")),
    LegalForm(("S.A. de C.V.", "SA de CV", "Sociedad Anonima de Capital Variable")),
    LegalForm(("S. de R.L. de C.V.", "S.R.L. de C.V.", "SRL de CV")),
    LegalForm(("E.U.", "EU", "Empresa Unipersonal")),
    LegalForm(("S.C.S.", "SCS", "Sociedad en Comandita Simple")),
    LegalForm(("S. en C.", "S en C", "Sociedad en Comandita")),
    LegalForm(("S.A.", "SA", "Sociedad Anonima")),
    LegalForm(("S.A.S.", "SAS", "Sociedad por Acciones Simplificada")),
    LegalForm(("S.A.C.", "SAC", "Sociedad Anonima Cerrada")),
    LegalForm(("S.R.L.", "SRL", "Sociedad de Responsabilidad Limitada")),
    LegalForm(("Ltda.", "Ltda", "Limitada")),
    LegalForm(("C.A.", "CA", "Compania Anonima")),
    LegalForm(("Inc.", "Inc", "Incorporated")),
    LegalForm(("Corp.", "Corp", "Corporation")),
    LegalForm(("Co.", "Co", "Company")),
    LegalForm(("GmbH", "G.m.b.H.", "Gesellschaft mit beschraenkter Haftung")),
    LegalForm(("FZE", "F.Z.E.", "Free Zone Establishment")),
    LegalForm(("FZCO", "FZ Co.", "Free Zone Company")),
    LegalForm(("PJSC", "Public Joint Stock Company", "PAO"), prefix=True),
    LegalForm(("OJSC", "Open Joint Stock Company", "OAO"), prefix=True),
    LegalForm(("CJSC", "Closed Joint Stock Company", "ZAO"), prefix=True),
    LegalForm(("JSC", "Joint Stock Company", "AO"), prefix=True),
    LegalForm(("SARL", "S.A.R.L.", "Societe a Responsabilite Limitee")),
    LegalForm(("SAL", "S.A.L.", "Societe Anonyme Libanaise")),
    LegalForm(("PLC", "P.L.C.", "Public Limited Company")),
    LegalForm(("EOOD", "E.O.O.D.")),
    LegalForm(("OOD", "O.O.D.")),
    LegalForm(("B.V.", "BV")),
    LegalForm(("N.V.", "NV")),
    LegalForm(("AG", "A.G.", "Aktiengesellschaft")),
)
_FORM_ADDITIONS = ("Ltd.", "LLC", "S.A.", "Co., Ltd.", "Inc.", "GmbH")


def _spelling_pattern(spelling: str) -> str:
    # `Co., Ltd.` also matches `CO. LTD` and `CO LTD`: dots and commas optional, spaces flexible.
    out = []
    for ch in spelling:
        if ch in ".,":
            out.append(re.escape(ch) + "?")
        elif ch == " ":
            out.append(r"[\s-]*" if out and out[-1].endswith("?") else r"[\s-]+")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _find_legal_form(text: str) -> tuple[int, int, LegalForm] | None:
    """The legal form at the end (or, for some, the start) of a name, longest spelling first."""
    found: list[tuple[int, int, int, LegalForm]] = []
    for form in LEGAL_FORMS:
        for spelling in form.spellings:
            pattern = _spelling_pattern(spelling)
            suffix = re.search(rf"(?:^|[\s,(]+)({pattern})\)?\.?$", text, re.IGNORECASE)
            if suffix and suffix.start() > 0:
                found.append((len(suffix.group(1)), suffix.start(), len(text), form))
            if form.prefix:
                prefix = re.match(rf"({pattern})[\s,]+(?=\S)", text, re.IGNORECASE)
                if prefix:
                    found.append((len(prefix.group(1)), 0, prefix.end(), form))
    if not found:
        return None
    _, start, end, form = max(found, key=lambda item: item[0])
    return start, end, form


def _has_other_legal_form(text: str) -> bool:
    """A legal form LEGAL_FORMS does not list, by rigour's table of organisation types, or an
    abbreviation ending the name (`PLATERIA L.GR. E.U.`): such names get no form added."""
    from rigour.names import extract_org_types

    return bool(extract_org_types(text.casefold())) or bool(
        re.search(r"(?:\b[A-Za-z]{1,3}\.){2,}\s*$", text)
    )


def change_legal_form(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """Organisations: the legal form spelled another way (`LLC` -> `Limited Liability Company`
    -> `OOO`, `S.A.` -> `Sociedad Anonima`, `LTD.` -> `LIMITED`) or dropped (`... CO., LTD.` ->
    `...`); a name without one gets one added a quarter of the time (`... S.A.`)."""
    if not entity.schema.is_party:
        return None
    text = name.full
    upper = text.isupper()
    found = _find_legal_form(text)
    if found is None:
        if rng.random() >= 0.25 or _has_other_legal_form(text):
            return None
        form_text = rng.choice(_FORM_ADDITIONS)
        return f"{text} {form_text.upper() if upper else form_text}"
    start, end, form = found
    rest = (text[:start] + text[end:]).strip(" ,-")
    if not rest or len(rest.split()) < 1 or not has_letters(rest):
        return None
    at_start = start == 0
    current = text[start:end].strip(" ,()")
    others = [s for s in form.spellings if fold(s) != fold(current)]
    if others and rng.random() < 0.6:
        spelling = rng.choice(others)
        spelling = spelling.upper() if upper else spelling
        return f"{spelling} {rest}" if at_start else f"{rest} {spelling}"
    return rest


def alias(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """A strong alias of the entry, exactly as the list writes it."""
    if name.kind is not NameKind.ALIAS or name.full == entity.caption:
        return None
    return name.full


def original_script(name: Name, entity: Entity, rng: random.Random) -> str | None:
    """The entry's name in its original script (UN NAME_ORIGINAL_SCRIPT: Arabic, Cyrillic, ...),
    with no Latin letters in it."""
    text = name.full
    if not has_letters(text) or any(
        unicodedata.name(ch, "").startswith("LATIN") for ch in text if ch.isalpha()
    ):
        return None
    return text


GENERATORS: dict[str, Generator] = {
    "alias": alias,
    "reordered": reorder,
    "dropped_second_surname": drop_second_surname,
    "dropped_middle_name": drop_middle_name,
    "accents_removed": remove_accents,
    "accents_added": add_accents,
    "case_changed": change_case,
    "punctuation_removed": remove_punctuation,
    "typo1": typo1,
    "typo2": typo2,
    "translit": translit,
    "initials": initials,
    "legal_form": change_legal_form,
    "spacing": spacing,
    "original_script": original_script,
}
assert tuple(GENERATORS) == POSITIVE_KINDS
# Variants the dev set does not hold, for `generate_positives(kinds=...)` only.
OTHER_GENERATORS: dict[str, Generator] = {
    "typo1_any_key": typo1_any_key,
    "typo2_any_key": typo2_any_key,
    "typo2_one_word": typo2_one_word,
    "words_joined": words_joined,
}

# Share of each kind's examples drawn from each kind of party, so that vessels and organisations
# are tested too and not only the persons that dominate the lists. Aircraft are left out: their
# "names" are tail numbers and serials, screened as identifiers.
SCHEMA_SHARES = (("person", 0.5), ("organization", 0.4), ("vessel", 0.1))


def schema_group(schema: Schema) -> str | None:
    if schema is Schema.PERSON:
        return "person"
    if schema.is_party:
        return "organization"
    if schema is Schema.VESSEL:
        return "vessel"
    return None


def is_script_name(name: Name) -> bool:
    """A name in a non-Latin script: the index leaves these out (see `index_entities`)."""
    return name.kind is NameKind.ORIGINAL_SCRIPT or not is_latin(name.full)


def base_names(entity: Entity, kind: str, rng: random.Random) -> list[Name]:
    """The names of `entity` a variant of `kind` may start from: the primary name first, then
    strong aliases in random order; for `original_script` only the original-script names."""
    if kind == "original_script":
        return [name for name in entity.names if is_script_name(name)]
    primary = [n for n in entity.names if n.kind is NameKind.PRIMARY and not is_script_name(n)]
    aliases = [n for n in entity.names if n.kind is NameKind.ALIAS and not is_script_name(n)]
    rng.shuffle(aliases)
    if kind == "alias":
        return aliases
    return primary[:1] + aliases


def _kind_rng(seed: int, kind: str) -> random.Random:
    return random.Random(f"{seed}:{kind}")


def generate_positives(
    entities: Sequence[Entity],
    *,
    seed: int = DEFAULT_SEED,
    per_kind: int = 200,
    kinds: Sequence[str] = POSITIVE_KINDS,
) -> list[DevRecord]:
    """Up to `per_kind` variants of each of `kinds`, at most one per entity, sampled at random
    across persons, organisations and vessels in the proportions of SCHEMA_SHARES (a group short
    of eligible entries leaves its share to the others). A kind's variants depend on the seed
    and that kind only."""
    records: list[DevRecord] = []
    by_group: dict[str, list[Entity]] = {}
    for entity in sorted(entities, key=lambda e: e.id):
        group = schema_group(entity.schema)
        if group is not None:
            by_group.setdefault(group, []).append(entity)
    for kind, generator in {**GENERATORS, **OTHER_GENERATORS}.items():
        if kind not in kinds:
            continue
        rng = _kind_rng(seed, kind)
        iterators: dict[str, Iterator[Entity]] = {}
        for group, members in by_group.items():
            shuffled = members[:]
            rng.shuffle(shuffled)
            iterators[group] = iter(shuffled)
        made: list[tuple[Entity, str]] = []
        for group, share in SCHEMA_SHARES:
            if group in iterators:
                made += _draw(iterators[group], kind, generator, rng, round(per_kind * share))
        for group, _ in SCHEMA_SHARES:  # fill what a short group left over
            if group in iterators and len(made) < per_kind:
                made += _draw(iterators[group], kind, generator, rng, per_kind - len(made))
        for n, (entity, variant) in enumerate(made, start=1):
            records.append(
                DevRecord(f"{kind}-{n:04d}", variant, entity.schema.value, kind, 1, entity.id)
            )
    return records


def _draw(
    entities: Iterator[Entity], kind: str, generator: Generator, rng: random.Random, want: int
) -> list[tuple[Entity, str]]:
    """Up to `want` (entity, variant) pairs from the next entities, one per entity."""
    made: list[tuple[Entity, str]] = []
    if want <= 0:
        return made
    for entity in entities:
        for name in base_names(entity, kind, rng):
            variant = generator(name, entity, rng)
            if variant is not None:
                made.append((entity, variant))
                break
        if len(made) >= want:
            break
    return made


# --------------------------------------------------------------------------------------------
# Negatives


@dataclass(frozen=True)
class NamePool:
    """Common given names and surnames by country (ISO alpha-2, upper case), most common first.

    Built from names-dataset by `load_name_pool`; tests build a small one by hand.
    """

    given: dict[str, dict[str, tuple[str, ...]]]  # country -> "M"/"F" -> names
    surnames: dict[str, tuple[str, ...]]
    faker_person_locales: tuple[str, ...] = ()
    faker_company_locales: tuple[str, ...] = ()
    meta: dict[str, str] = field(default_factory=dict)

    def given_names(self, country: str, gender: str | None = None) -> tuple[str, ...]:
        by_gender = self.given.get(country.upper(), {})
        if gender in ("M", "F"):
            return by_gender.get(gender, ())
        return by_gender.get("M", ()) + by_gender.get("F", ())


# names-dataset countries for the clean names: the US and Europe, and the regions the lists
# concentrate on (Middle East, Russia and neighbours, Latin America, East and South Asia, Africa).
NAME_COUNTRIES = _words(
    """US GB CA DE FR ES IT PT NL BE CH AT PL CZ HU SE NO DK FI GR TR RU KZ AZ GE IR IQ SA AE EG MA
    DZ TN LB JO SY YE AF IN BD ID MY PH CN JP KR NG GH ZA MX CO AR BR CL PE EC"""
)
# Locales for countries names-dataset lacks (Ukraine, Vietnam, Romania, Pakistan, Kenya, ...).
FAKER_PERSON_LOCALES = (
    "uk_UA", "vi_VN", "ro_RO", "sk_SK", "hr_HR", "sl_SI", "bs_BA", "sq_AL", "lv_LV", "lt_LT",
    "et_EE", "bg_BG", "ka_GE", "hy_AM", "uz_UZ", "en_PK", "en_KE", "yo_NG", "ha_NG", "zu_ZA",
    "tw_GH", "fil_PH", "en_IE", "en_NZ", "ga_IE", "is_IS", "mt_MT", "lb_LU",
)  # fmt: skip
FAKER_COMPANY_LOCALES = (
    "en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "es_MX", "es_CO", "it_IT", "pt_BR", "pt_PT",
    "nl_NL", "pl_PL", "sv_SE", "tr_TR", "id_ID", "ro_RO", "cs_CZ", "fi_FI", "da_DK", "hr_HR",
    "ru_RU", "uk_UA", "en_IN", "en_AU", "fr_CH", "de_AT",
)  # fmt: skip
# Names-dataset rows that are not names ("Md", "Sh", "Abu", "Umm") or titles.
_NOT_A_NAME = frozenset(
    _words(
        "md mr mrs ms dr sh gh mo abu abo abou umm um al el haji hajj sayed syed sheikh shaikh "
        "engr eng the de van von le la"
    )
)
# names-dataset mixes Czech names into Iran's lists (Petr ranks 3rd among Iranian men):
# such a country's names that also rank high in the second country are dropped.
_CONTAMINATED_BY = {"IR": "CZ"}
HISPANIC_POOL_COUNTRIES = frozenset(_words("ES MX CO AR CL PE EC"))
# Where a listed person's country has no names-dataset list, the nearest culture that has one.
CULTURE_FALLBACK = {
    "VE": "CO", "CU": "MX", "NI": "MX", "HN": "MX", "GT": "MX", "SV": "MX", "PA": "CO", "BO": "PE",
    "PY": "AR", "UY": "AR", "DO": "MX", "UA": "RU", "BY": "RU", "KG": "KZ", "TJ": "KZ",
    "UZ": "KZ", "TM": "KZ", "AM": "RU", "PK": "AF", "KP": "KR", "SO": "YE", "SD": "EG", "SS": "NG",
    "LY": "TN", "PS": "JO", "KW": "SA", "QA": "SA", "BH": "SA", "OM": "SA", "ML": "DZ",
    "NE": "NG", "TD": "NG", "CF": "CM", "CD": "CM", "CG": "CM", "MM": "TH", "VN": "CN",
    "HK": "CN", "TW": "CN", "MO": "CN", "SG": "MY", "LK": "IN", "NP": "IN", "ET": "NG",
    "ER": "NG", "KE": "NG", "UG": "NG", "TZ": "NG", "RW": "NG", "BI": "NG", "ZW": "ZA",
    "MZ": "ZA", "AO": "ZA", "LR": "GH", "SL": "GH", "GN": "GH", "CI": "GH", "SN": "GH",
    "MR": "MA", "RS": "HR", "BA": "HR", "ME": "HR", "MK": "BG", "AL": "GR", "CY": "GR",
    "IL": "JO", "YE": "SA",
}  # fmt: skip


# Scripts whose ICU transliteration reads as a customer would write the name in Latin letters.
# Arabic and Persian are left out: ICU writes their consonants only (`محمد` -> `mhmd`).
_TRANSLITERABLE = frozenset({"CYRILLIC", "GREEK", "GEORGIAN", "ARMENIAN", "HANGUL"})


@functools.cache
def _russian_bgn() -> icu.Transliterator:
    return icu.Transliterator.createInstance("Russian-Latin/BGN")


def latinize(text: str) -> str | None:
    """`text` in Latin letters, or None when its script has no usable transliteration. Russian
    follows BGN/PCGN without the soft-sign apostrophe, as passports write it (`Сергей Васильев`
    -> `Sergey Vasilyev`, not ICU's default `Sergej Vasil'ev`); other scripts use ICU."""
    from normality import ascii_text

    text = _collapse(text.replace("«", "").replace("»", ""))
    if not text or not has_letters(text):
        return None
    if is_latin(text):
        return text
    scripts = {unicodedata.name(ch, "").split()[0] for ch in text if ch.isalpha()}
    if not scripts <= _TRANSLITERABLE:
        return None
    if "CYRILLIC" in scripts:
        text = _russian_bgn().transliterate(text).replace("'", "").replace("ʹ", "")
    text = ascii_text(text) or ""
    if not text or not is_latin(text):
        return None
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in text.split())


def _clean_name_word(word: str) -> str | None:
    """A names-dataset entry as a Latin-script, capitalised name, or None if it is not one."""
    word = word.strip()
    if not word or " " in word or not all(ch.isalpha() or ch in "-'" for ch in word):
        return None
    latin = latinize(word)
    if latin is None or len(latin) < 3 or latin.casefold() in _NOT_A_NAME:
        return None
    return latin[:1].upper() + latin[1:].lower() if latin.isupper() or latin.islower() else latin


def load_name_pool(top_n: int = 120) -> NamePool:
    """The `top_n` most common given names (by gender) and surnames of each of NAME_COUNTRIES,
    from names-dataset. Takes about 25 s and 2 GB of memory, once: the dev set is cached."""
    from names_dataset import NameDataset

    dataset = NameDataset()
    # One pass over the dataset for all countries: per-country calls rescan it each time.
    top_given = dataset.get_top_names(n=top_n * 2)
    top_surnames = dataset.get_top_names(n=top_n * 2, use_first_names=False)
    countries = [*NAME_COUNTRIES, *set(_CONTAMINATED_BY.values())]
    given: dict[str, dict[str, tuple[str, ...]]] = {}
    surnames: dict[str, tuple[str, ...]] = {}
    for country in countries:
        first = top_given.get(country, {})
        given[country] = {
            gender: _unique_clean(first.get(gender, ()), top_n) for gender in ("M", "F")
        }
        surnames[country] = _unique_clean(top_surnames.get(country, ()), top_n)
    for country, other in _CONTAMINATED_BY.items():
        foreign = {fold(n) for names in given[other].values() for n in names}
        foreign |= {fold(n) for n in surnames[other]}
        given[country] = {
            g: tuple(n for n in names if fold(n) not in foreign)
            for g, names in given[country].items()
        }
        surnames[country] = tuple(n for n in surnames[country] if fold(n) not in foreign)
        if other not in NAME_COUNTRIES:
            del given[other], surnames[other]
    return NamePool(
        given,
        surnames,
        FAKER_PERSON_LOCALES,
        FAKER_COMPANY_LOCALES,
        meta={"names_dataset_top_n": str(top_n)},
    )


def _unique_clean(words: Iterable[str], limit: int) -> tuple[str, ...]:
    seen: dict[str, str] = {}
    for word in words:
        cleaned = _clean_name_word(word)
        if cleaned and fold(cleaned) not in seen:
            seen[fold(cleaned)] = cleaned
        if len(seen) >= limit:
            break
    return tuple(seen.values())


def _pool_person(pool: NamePool, country: str, rng: random.Random) -> str | None:
    gender = "M" if rng.random() < 0.55 else "F"
    given = pool.given_names(country, gender) or pool.given_names(country)
    surnames = pool.surnames.get(country, ())
    if not given or not surnames:
        return None
    words = [rng.choice(given)]
    if rng.random() < 0.2:
        words.append(rng.choice(given))  # a middle name
    words.append(rng.choice(surnames))
    if country in HISPANIC_POOL_COUNTRIES and rng.random() < 0.5:
        words.append(rng.choice(surnames))  # paternal and maternal surnames
    if len({fold(w) for w in words}) < len(words):
        return None
    return " ".join(words)


def generate_clean_negatives(
    pool: NamePool,
    listed_keys: set[str],
    *,
    seed: int = DEFAULT_SEED,
    persons: int = 5000,
    companies: int = 1000,
) -> tuple[list[DevRecord], Counter[str]]:
    """`persons` person names (about four in five from the pool's countries, the rest from faker's
    other locales) and `companies` faker company names, none of them listed (same `name_key` as
    any index name) and none twice. Returns the records and why candidates were dropped."""
    dropped: Counter[str] = Counter()
    seen: set[str] = set()
    records: list[DevRecord] = []
    made_by_kind: Counter[str] = Counter()

    def accept(text: str | None, kind: str, schema: str) -> bool:
        if text is None:
            dropped[f"{kind}: not usable"] += 1
            return False
        key = name_key(text)
        if key in listed_keys:
            dropped[f"{kind}: listed name"] += 1
            return False
        if key in seen:
            dropped[f"{kind}: duplicate"] += 1
            return False
        seen.add(key)
        made_by_kind[kind] += 1
        records.append(DevRecord(f"{kind}-{made_by_kind[kind]:04d}", text, schema, kind, 0, ""))
        return True

    rng = _kind_rng(seed, "clean_person")
    countries = sorted(c for c in pool.given if pool.surnames.get(c))
    from_pool = persons if not pool.faker_person_locales else round(persons * 0.8)
    made = attempts = 0
    while made < from_pool and attempts < from_pool * 20:
        attempts += 1
        if accept(_pool_person(pool, rng.choice(countries), rng), "clean_person", "Person"):
            made += 1
    fakers = _fakers(pool.faker_person_locales, seed)
    attempts = 0
    while made < persons and fakers and attempts < persons * 20:
        attempts += 1
        fake = fakers[rng.randrange(len(fakers))]
        if rng.random() < 0.55:
            text = latinize(f"{fake.first_name_male()} {fake.last_name_male()}")
        else:
            text = latinize(f"{fake.first_name_female()} {fake.last_name_female()}")
        if accept(text, "clean_person", "Person"):
            made += 1
    rng = _kind_rng(seed, "clean_company")
    fakers = _fakers(pool.faker_company_locales, seed)
    made = attempts = 0
    while made < companies and fakers and attempts < companies * 20:
        attempts += 1
        fake = fakers[rng.randrange(len(fakers))]
        company = fake.company()
        if len(company.split()) == 1:  # some locales name a company by a surname alone
            company = f"{company} {fake.company_suffix()}"
        if accept(latinize(company), "clean_company", "Company"):
            made += 1
    return records, dropped


def _fakers(locales: Sequence[str], seed: int) -> list[Faker]:
    if not locales:
        return []
    from faker import Faker

    fakers: list[Faker] = []
    for n, locale in enumerate(locales):
        fake = Faker(locale)
        fake.seed_instance(seed + n)
        fakers.append(fake)
    return fakers


def culture_country(entity: Entity, pool: NamePool, minimum: int = 20) -> str | None:
    """The pool country whose given names suit `entity`: its first nationality, citizenship or
    address country for which the pool has `minimum` given names, directly or through
    CULTURE_FALLBACK."""
    for code in entity_countries(entity):
        code = code.upper()
        for candidate in (code, CULTURE_FALLBACK.get(code)):
            if candidate and len(pool.given_names(candidate)) >= minimum:
                return candidate
    return None


_SOUND_REWRITES = (
    ("iya", "ia"), ("y", "i"), ("w", "v"), ("ou", "u"), ("oo", "u"), ("ee", "i"), ("kh", "h"),
    ("q", "k"), ("dh", "d"), ("h", ""), ("j", "i"), ("e", "i"), ("o", "u"),
)  # fmt: skip


@functools.cache
def _translit_heads() -> dict[str, str]:
    """Each one-word spelling in TRANSLIT_GROUPS -> the group's first spelling."""
    return {
        fold(spelling): fold(group[0])
        for group in TRANSLIT_GROUPS
        for spelling in group
        if " " not in spelling
    }


@functools.cache
def sound_key(word: str) -> str:
    """One key for the spellings of a name: a folded word through TRANSLIT_GROUPS, common
    romanisation swaps (`iya`/`ia`, `w`/`v`, `ou`/`u`, `h` after the first letter, `e`/`i`, ...) and
    Metaphone: `Yuliya`/`Yulia`, `Basel`/`Basil`, `Arriola`/`Arreola`, `Mahdavi`/`Mahdawi` agree;
    `Roberto`/`Rigoberto` do not."""
    from rigour.text.phonetics import metaphone

    word = _translit_heads().get(word, word)
    rest = word[1:]
    for old, new in _SOUND_REWRITES:
        rest = rest.replace(old, new)
    loose = word[:1] + rest
    return metaphone(loose) or loose


def _same_given_name(candidate: str, listed: str) -> bool:
    """Whether two folded words may be spellings of one name: same `sound_key`, or one edit
    apart (optimal string alignment) in words of 4+ letters."""
    if sound_key(candidate) == sound_key(listed):
        return True
    return min(len(candidate), len(listed)) >= 4 and OSA.distance(candidate, listed) <= 1


def _consonants(word: str) -> str:
    """The word's first letter and its later consonants, `h`, `w` and `y` left out and doubled
    letters as one: `Mhmad` and `Muhammad` are both `md`."""
    out = word[:1]
    for ch in word[1:]:
        if ch not in "aeiouhwy" and ch != out[-1]:
            out += ch
    return out


def name_sounds(text: str) -> list[frozenset[str]]:
    """Per word of a name (particles left out, an article joined to its word split off:
    `Alzahrani` is `Al-Zahrani`), the keys its spellings share: `sound_key` and `_consonants`."""
    words = []
    for word in fold_words(text).split():
        if len(word) >= 6 and word[:2] in ("al", "el") and word[2] not in "aeiou":
            word = word[2:]
        if word not in PARTICLES:
            words.append(word)
    return [frozenset((sound_key(w), "c" + _consonants(w))) for w in words]


def joined_sounds(text: str) -> list[frozenset[str]]:
    """`name_sounds` of each two adjacent words written as one: `Jong Chol` may be written
    `Jongcheol`, `Yong Su` `Yeongsu`."""
    words = [w for w in fold_words(text).split() if w not in PARTICLES]
    return [
        frozenset((sound_key(a + b), "c" + _consonants(a + b)))
        for a, b in itertools.pairwise(words)
    ]


class ListedSounds:
    """The `name_sounds` of every listed person name, to ask whether a made-up name could be one
    of them with words left out."""

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.names: list[frozenset[str]] = []
        self.by_key: dict[str, list[int]] = {}
        for entity in entities:
            if entity.schema is not Schema.PERSON:
                continue
            for name in entity.names:
                if not is_latin(name.full):
                    continue
                keys = frozenset().union(*name_sounds(name.full), *joined_sounds(name.full))
                for key in keys:
                    self.by_key.setdefault(key, []).append(len(self.names))
                self.names.append(keys)

    def covers(self, text: str) -> bool:
        """Whether every word of `text` sounds like a word of one listed person name."""
        words = name_sounds(text)
        if not words:
            return False
        first = {n for key in words[0] for n in self.by_key.get(key, ())}
        return any(all(word & self.names[n] for word in words[1:]) for n in first)


def generate_hard_negatives(
    entities: Sequence[Entity],
    pool: NamePool,
    listed_keys: set[str],
    *,
    seed: int = DEFAULT_SEED,
    count: int = 600,
    min_given_names: int = 20,
) -> tuple[list[DevRecord], Counter[str]]:
    """A listed person's surnames (all of them) with another common given name from the same
    culture (`MADURO MOROS, Nicolas` of Venezuela -> `Juan Maduro Moros`), at most one per person.
    The given name is of the person's gender where the list states it, and no spelling of any
    word of the person's names (`_same_given_name`: not `Yuliya` for `Yulia`, `Basel` for
    `Basil`). A name that could be another listed person is dropped: every word of it (particles
    aside) sounds like a word of one listed person name, or two of its words written as one
    (`ListedSounds`; `Edgar Arriola Marquez` is `ARREOLA MARQUEZ, Edgar`, `Mahdi Saleh` may be
    `SALEH, Mohammed Mahdi`, `Jongcheol Ri` is `RI, Jong Chol`)."""
    rng = _kind_rng(seed, "hard_negative")
    listed_sounds = ListedSounds(entities)
    persons = sorted((e for e in entities if e.schema is Schema.PERSON), key=lambda e: e.id)
    rng.shuffle(persons)
    records: list[DevRecord] = []
    dropped: Counter[str] = Counter()
    seen: set[str] = set()
    for entity in persons:
        if len(records) >= count:
            break
        country = culture_country(entity, pool, min_given_names)
        if country is None:
            dropped["no known culture"] += 1
            continue
        primary = next((n for n in entity.names if n.kind is NameKind.PRIMARY), None)
        parts = person_parts(primary) if primary is not None and is_latin(primary.full) else None
        if parts is None:
            dropped["no surname"] += 1
            continue
        own_words = {word for name in entity.names for word in fold_words(name.full).split()}
        gender = {"male": "M", "female": "F"}.get(entity.gender or "", "M")
        choices = [
            g
            for g in pool.given_names(country, gender)[:50]
            if not any(_same_given_name(fold(g), word) for word in own_words)
        ]
        if not choices:
            dropped["no other given name"] += 1
            continue
        surname = " ".join(
            "-".join(p[:1].upper() + p[1:].lower() for p in word.split("-"))
            for word in parts.surname
        )
        text = f"{rng.choice(choices)} {surname}"
        key = name_key(text)
        if key in listed_keys:
            dropped["listed name"] += 1
            continue
        if listed_sounds.covers(key):
            dropped["sounds like a listed person"] += 1
            continue
        if key in seen:
            dropped["duplicate"] += 1
            continue
        seen.add(key)
        records.append(
            DevRecord(f"hard_negative-{len(records) + 1:04d}", text, "Person", "hard_negative", 0)
        )
    return records, dropped


# --------------------------------------------------------------------------------------------
# The index and the whole dev set


def load_index_entities(data_dir: Path = DEFAULT_DATA_DIR) -> tuple[Entity, ...]:
    """Every entry of OFAC SDN 2021 and UN 2026, as watchlist's own parsers read them."""
    entities: list[Entity] = []
    for source, relative in INDEX_LISTS:
        parsed = get_source(source).parse(data_dir / relative)
        if parsed.rejected:
            log.warning("%s: %d records rejected by the parser", source, len(parsed.rejected))
        entities.extend(parsed.entities)
    return tuple(entities)


def index_entities(entities: Iterable[Entity]) -> tuple[Entity, ...]:
    """The entities the screeners index: original-script names (UN NAME_ORIGINAL_SCRIPT) left
    out, so that an `original_script` query must be matched to the entry's Latin names."""
    return tuple(
        entity.evolve(names=tuple(n for n in entity.names if not is_script_name(n)))
        for entity in entities
    )


def listed_name_keys(entities: Iterable[Entity]) -> set[str]:
    return {name_key(name.full) for entity in entities for name in entity.names}


def build_devset(
    entities: Sequence[Entity],
    pool: NamePool,
    *,
    seed: int = DEFAULT_SEED,
    per_kind: int = 200,
    clean_persons: int = 5000,
    clean_companies: int = 1000,
    hard_negatives: int = 600,
) -> tuple[list[DevRecord], dict[str, object]]:
    """The dev set and a report of what was dropped on the way (for the benchmark's output)."""
    keys = listed_name_keys(entities)
    positives = generate_positives(entities, seed=seed, per_kind=per_kind)
    clean, clean_dropped = generate_clean_negatives(
        pool, keys, seed=seed, persons=clean_persons, companies=clean_companies
    )
    hard, hard_dropped = generate_hard_negatives(
        entities, pool, keys, seed=seed, count=hard_negatives
    )
    report: dict[str, object] = {
        "dropped_clean": dict(sorted(clean_dropped.items())),
        "dropped_hard_negatives": dict(sorted(hard_dropped.items())),
    }
    return [*positives, *clean, *hard], report


def write_devset(records: Iterable[DevRecord], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for r in records:
            writer.writerow((r.id, r.name, r.schema, r.kind, r.label, r.true_entity_id))


def read_devset(path: Path) -> list[DevRecord]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None or tuple(header) != COLUMNS:
            raise ValueError(
                f"{path}: header {header} is not {','.join(COLUMNS)}; delete the file to rebuild it"
            )
        records = []
        for line, row in enumerate(reader, start=2):
            if len(row) != len(COLUMNS):
                raise ValueError(
                    f"{path} line {line}: expected {len(COLUMNS)} fields, found {len(row)};"
                    " delete the file to rebuild it"
                )
            records.append(DevRecord(row[0], row[1], row[2], row[3], int(row[4]), row[5]))
    return records


def cache_key(entities: Iterable[Entity], params: dict[str, object]) -> str:
    """What the cached CSV depends on: the parsed entities' ids, schemas, names and countries
    (so a parser change rebuilds it too), this module's code, the versions of the name sources
    and the parameters."""
    from importlib.metadata import version

    digest = hashlib.sha256()
    for entity in entities:
        digest.update(
            f"{entity.id}|{entity.schema}|{entity_countries(entity)}|{entity.gender}\n".encode()
        )
        for name in entity.names:
            digest.update(f"{name.kind}|{name.full}|{name.last}\n".encode())
    digest.update(Path(__file__).read_bytes())
    for package in ("names-dataset", "faker"):
        digest.update(f"{package}=={version(package)}\n".encode())
    digest.update(json.dumps(params, sort_keys=True).encode())
    return digest.hexdigest()


def cached_devset(
    entities: Sequence[Entity], path: Path = DEVSET_CSV, *, seed: int = DEFAULT_SEED
) -> list[DevRecord] | None:
    """The dev set cached at `path` if it was built from the same entities, generators and seed,
    else None."""
    meta_path = path.with_suffix(".meta.json")
    if not path.exists() or not meta_path.exists():
        return None
    meta = json.loads(meta_path.read_text())
    if meta.get("key") != cache_key(entities, {"seed": seed}):
        log.info("the cached dev set is stale (lists, parsers, generators or seed changed)")
        return None
    return read_devset(path)


def load_or_build_devset(
    data_dir: Path = DEFAULT_DATA_DIR,
    path: Path = DEVSET_CSV,
    *,
    entities: Sequence[Entity] | None = None,
    seed: int = DEFAULT_SEED,
    rebuild: bool = False,
) -> list[DevRecord]:
    """The cached dev set at `path` (see `cached_devset`), or else build it (names-dataset:
    about a minute, 2 GB) and cache it, with a `.meta.json` beside it."""
    if entities is None:
        entities = load_index_entities(data_dir)
    if not rebuild:
        cached = cached_devset(entities, path, seed=seed)
        if cached is not None:
            return cached
    started = time.perf_counter()
    pool = load_name_pool()
    records, report = build_devset(entities, pool, seed=seed)
    write_devset(records, path)
    meta = {
        "key": cache_key(entities, {"seed": seed}),
        "seed": seed,
        "built_in_s": round(time.perf_counter() - started, 1),
        "counts": dict(Counter(r.kind for r in records)),
        **report,
    }
    path.with_suffix(".meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n")
    return records


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA_DIR, help="shared data folder")
    parser.add_argument("--out", type=Path, default=DEVSET_CSV, help="CSV to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--rebuild", action="store_true", help="ignore the cached CSV")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    records = load_or_build_devset(args.data, args.out, seed=args.seed, rebuild=args.rebuild)
    counts = Counter(r.kind for r in records)
    for kind in (*POSITIVE_KINDS, *NEGATIVE_KINDS):
        print(f"{kind:24} {counts.get(kind, 0):6}")
    print(f"{'total':24} {len(records):6}  -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
