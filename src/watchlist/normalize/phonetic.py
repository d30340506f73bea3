"""Keys under which spellings of one name agree: a consonant skeleton and metaphone.

Names reach the lists through many romanisations (Mohammed, Muhammad, Mohamed; Usama, Osama;
Hussein, Husayn; Qaida, Qaeda; Sergei, Sergey; Yusuf, Yousef). The romanisations of one Arabic,
Persian or Cyrillic name mostly differ in their vowels and in how they write one consonant
(`q`/`k`, `kh`/`h`, `sh`/`ch`). Arabic script writes no short vowels at all, so a name
transliterated from it (محمد -> `mhmd`) has only its consonants. The skeleton keeps the
consonants, in classes, and drops the vowels: all of the above and the Arabic-script spelling
meet on one key (`mhmd`, `sm`, `hsn`, `kd`, `srg`, `sf`). It is hand-written because the
general phonetic algorithms (metaphone, soundex) keep a word's first vowel (`USM` vs `OSM`) and
read vowel-less input as English.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rigour.text.phonetics import metaphone

# Consonant spellings that stand for one sound across romanisation systems, and sounds that the
# romanisations of one Arabic letter spread over: ج is j or g (Rajab, Ragab), ذ ض ظ are d, dh or
# z (Dhakir, Zakir; Ramadan, Ramazan), ث is th or s (Uthman, Osman), ق is q, k or g. `X` is
# the class of sh/ch/sch (Sharif, Cherif, Scharif). Text romanised from Arabic script
# (`abjad`) has no th/dh/ph digraphs: there `th` is ت+ح (فتحي `fthy`, Fathi).
_CONSONANT_CLASSES = {
    "ce": "se",  # a soft c: Belgacem, Cesar
    "ci": "si",
    "tsch": "X",
    "dzh": "g",
    "sch": "X",
    "tch": "X",
    "sh": "X",
    "ch": "X",
    "zh": "g",
    "dj": "g",
    "j": "g",
    "kh": "k",
    "gh": "g",
    "ph": "f",
    "th": "s",
    "dh": "d",
    "dz": "d",
    "z": "d",
    "ck": "k",
    "x": "ks",
    "q": "k",
    "c": "k",
}
_CLASS_PATTERN = re.compile("|".join(sorted(_CONSONANT_CLASSES, key=len, reverse=True)))
_ABJAD_CLASSES = [k for k in _CONSONANT_CLASSES if k not in ("th", "dh", "ph")]
_ABJAD_CLASS_PATTERN = re.compile("|".join(sorted(_ABJAD_CLASSES, key=len, reverse=True)))
# `w`, `y` and `v` count as vowels: Arabic و and ي write long vowels (يوسف -> ywsf for Yusuf) and
# Persian romanises و as v (Vali, Wali).
_VOWELS = frozenset("aeiouwyv")


@lru_cache(maxsize=131072)
def skeleton(token: str, abjad: bool = False) -> str:
    """The consonant skeleton of a folded token (lower-case ASCII): consonant classes in order,
    vowels and doubled letters (side by side) dropped, and a final `h` (Allah and الله -> allh,
    Juma and جمعه -> jmh); the token itself when nothing is left (`ai`).

    >>> skeleton("mohammed"), skeleton("muhammad"), skeleton("mhmd")
    ('mhmd', 'mhmd', 'mhmd')
    """
    pattern = _ABJAD_CLASS_PATTERN if abjad else _CLASS_PATTERN
    classed = pattern.sub(lambda m: _CONSONANT_CLASSES[m.group(0)], token)
    out: list[str] = []
    previous = ""
    for ch in classed:
        # Only a letter doubled in place is one consonant: across a vowel it is two, or a run
        # of words reads as one of them (`yahya haqqani` `hhkn` is not `haqqani` `hkn`).
        if ch not in _VOWELS and ch != previous:
            out.append(ch)
        previous = ch

    if len(out) > 1 and out[-1] == "h":
        out.pop()
    return "".join(out) or token


def phonetic_key(token: str) -> str:
    """Metaphone of a folded token (rigour's implementation); empty for digits."""
    if not token.isalpha():
        return ""
    return metaphone(token)


def spoken_reading(text: str) -> str | None:
    """Another reading of a word romanised from Arabic script, as its romanised spellings
    have it: ق read as g, as Maghrebi, Gulf and Iraqi speech says it and their names are spelt
    (قاسمي Gasmi, بلقاسم Belgacem); `sh` read as s and h, two letters (صحراوي `shrawy`,
    Sahraoui), not ش. None when it reads no differently."""
    if "q" not in text and "sh" not in text:
        return None
    return text.replace("q", "g").replace("sh", "sah")
