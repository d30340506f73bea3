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
_CLASS_SPELLINGS = sorted(_CONSONANT_CLASSES, key=len, reverse=True)  # the order they are tried
_CLASS_PATTERN = re.compile("|".join(_CLASS_SPELLINGS))
_ABJAD_CLASSES = [k for k in _CLASS_SPELLINGS if k not in ("th", "dh", "ph")]
_ABJAD_CLASS_PATTERN = re.compile("|".join(_ABJAD_CLASSES))
# `w`, `y` and `v` count as vowels: Arabic و and ي write long vowels (يوسف -> ywsf for Yusuf) and
# Persian romanises و as v (Vali, Wali).
_VOWELS = frozenset("aeiouwyv")

try:
    from watchlist.normalize import _respell as _compiled
except ImportError:  # built without a C compiler: the Python versions do the work
    _compiled = None  # type: ignore[assignment]
if _compiled is not None:
    _compiled.configure_skeleton(
        [(k, _CONSONANT_CLASSES[k]) for k in _CLASS_SPELLINGS],
        [(k, _CONSONANT_CLASSES[k]) for k in _ABJAD_CLASSES],
        "".join(sorted(_VOWELS)),
    )


@lru_cache(maxsize=131072)
def skeleton(token: str, abjad: bool = False) -> str:
    """The consonant skeleton of a folded token (lower-case ASCII): consonant classes in order,
    vowels and doubled letters (side by side) dropped, and a final `h` (Allah and الله -> allh,
    Juma and جمعه -> jmh); the token itself when nothing is left (`ai`).

    >>> skeleton("mohammed"), skeleton("muhammad"), skeleton("mhmd")
    ('mhmd', 'mhmd', 'mhmd')

    Compiled where built (normalize/_respell.c), for ASCII.
    """
    if _compiled is not None:
        found = _compiled.skeleton(token, abjad)
        if found is not None:
            return found
    return _skeleton_python(token, abjad)


def _skeleton_python(token: str, abjad: bool = False) -> str:
    """`skeleton` in Python: the reference of the compiled version, and what reads words not in
    ASCII."""
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


def glide_skeleton(token: str, abjad: bool = False) -> str:
    """The skeleton with the word's first `w` or `y` kept, where no other consonant comes
    before it: there it is a consonant, in any script (ولي Wali, عوض Ewaz, أيمن Ayman,
    يوسف Yusuf), and short names have few consonants besides (`wl`, `wd`). Empty when the word
    has no such glide or nothing follows it but vowels."""
    start = len(token) - len(token.lstrip("aeiou"))
    if start == len(token) or token[start] not in "wy":
        return ""
    rest = token[start + 1 :]
    if all(ch in _VOWELS for ch in rest):
        return ""
    return token[start] + skeleton(rest, abjad)


def phonetic_key(token: str) -> str:
    """Metaphone of a folded token (rigour's implementation); empty for digits."""
    if not token.isalpha():
        return ""
    return metaphone(token)


# How speech and the romanisations that follow it read letters of Arabic script otherwise than
# the transliteration does, each a property of a whole region's spelling of names:
# - a final ة (transliterated a) as -at, as it is said and written before the noun it governs
#   (هيئة تحرير الشام Hay'at Tahrir al-Sham, جبهة النصرة Jabhat al-Nusrah);
# - ق as g, as Maghrebi, Gulf and Iraqi speech says it (قاسمي Gasmi, بلقاسم Belgacem);
# - `sh` as s and h, two letters (صحراوي `shrawy`, Sahraoui), not ش;
# - ذ and ظ (transliterated z) as th, as Iraqi and Gulf names write them (كاظم Kathim, البذالي
#   al-Bathali, الذهب al-Thahab); zay reads so too, as nothing in the folded text tells it apart.
_SPOKEN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile("(?<=..)a$"), "at"),
    (re.compile("q"), "g"),
    (re.compile("sh"), "sah"),
    (re.compile("z"), "s"),
)


@lru_cache(maxsize=131072)
def spoken_readings(text: str) -> tuple[str, ...]:
    """Other readings of a word romanised from Arabic script, as its romanised spellings have
    them (see _SPOKEN_RULES): each rule applied or not, in every combination, as a name may
    be spelt by one rule and not another (قاعدة `qaada`, Qa'idat). Empty when none applies.

    >>> spoken_readings("qasmy")
    ('gasmy',)
    """
    readings = [text]
    for pattern, replacement in _SPOKEN_RULES:
        if pattern.search(text):
            readings += [pattern.sub(replacement, r) for r in readings]
    return tuple(readings[1:])


_GERMAN_CH = re.compile("(?<!s)ch")


def latin_readings(text: str) -> tuple[str, ...]:
    """Other readings of a Latin word against a word romanised from Arabic script: `ch` as kh,
    as German-style romanisations write خ (بريخ Barich, Barech; not `sch`, which is ش). Empty
    when none applies."""
    if "ch" not in text:
        return ()
    reading = _GERMAN_CH.sub("kh", text)
    return (reading,) if reading != text else ()
