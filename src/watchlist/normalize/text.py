"""Text to comparable form: any script to lower-case ASCII words.

Lists and customers write the same name in many scripts and spellings (`Nicolás`, `NICOLAS`,
`Николас`, `نيكولاس`); matching compares one form of each. Transliteration comes from rigour
(its own spellings for Cyrillic, Greek, Armenian, Georgian and Hangul: `Шевченко` ->
`Shevchenko`) and ICU (every other script).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

import icu
from anyascii import anyascii
from rigour.text.translit import maybe_ascii

# ICU's Latin-ASCII writes `?` for the ayn and hamza modifier letters (`ʿAbd` -> `?Abd`); a
# romanised name drops them (`Abd`), so modifier letters and format characters (the Persian
# zero-width non-joiner in `احمدی‌نژاد`) are removed before it runs.
_ICU_ASCII = icu.Transliterator.createInstance(
    "Any-Latin; NFKD; [:Nonspacing Mark:] Remove; [:Modifier_Letter:] Remove; "
    "[:Format:] Remove; NFC; Latin-ASCII"
)

# A word in each script the lists and their customers write names in that ICU reads (Lao,
# Khmer, Mongolian and Tibetan go through anyascii instead, below). Any-Latin builds
# the transliterator of a script the first time it meets one (Han-Latin takes 80 ms, Thai 12):
# `watchlist screen` and the API warm them all up front (screen/settle.py), so that no query
# pays for it.
_SCRIPT_SAMPLES = (
    "محمد مهدی Путин Ελλάδα שלום ܐܬܘܪ 習近平 김정은 ヤマダ ひらがな ราม हिन्दी বাংলা "
    "ਪੰਜਾਬੀ தமிழ் ნინო Ավետիք ሰላም ܫܠܡܐ ދިވެހި မြန်မာ"
)


def warm_transliterators() -> None:
    """Have ICU build the transliterator of every script of `_SCRIPT_SAMPLES` now."""
    _ICU_ASCII.transliterate(_SCRIPT_SAMPLES)


# Apostrophes and quote-like marks join the letters around them: GAMA'A -> gamaa, D'Alema ->
# dalema, ''ABD-AL-'IZ' -> abd al iz (OFAC writes ayn and hamza as single quotes).
_APOSTROPHES = re.compile("['`´‘’‛′ʹʻʼʽʾʿˈ＇\"“”„]")
_NON_WORD = re.compile(r"[^a-z0-9]+")

# Arabic script: the article ال is written joined to its noun (الظواهري), while romanised lists
# write it apart or hyphenated (AL-ZAWAHIRI); splitting it keeps the two aligned. `الله` (Allah)
# stays one word, as romanisations write it (Abdullah, Nasrallah). Ta marbuta ة ends names that
# romanise with -a (أسامة Usama, حمزة Hamza); ICU would write `t`.
_ARABIC_LETTER: Final = "[\u0620-\u064a\u0671-\u06d3\u06fa-\u06ff]"
_ARABIC_ARTICLE = re.compile(f"(?<!{_ARABIC_LETTER})ال(?!له)(?={_ARABIC_LETTER}{{2,}})")
# The conjunctions and prepositions و wa, ف fa, ب bi, ك ka and ل li are written joined to the
# article and its noun (والمسلمين, بالدم, للصرافة: ل before ال drops the alif), where romanised
# lists write `wal-Muslimin`, `bid-Dam`, `lil-Sirafa`: the clitic and article become one
# Latin particle and the noun its own word.
_CLITIC_ARTICLE = re.compile(f"(?<!{_ARABIC_LETTER})([وفبك]ال|لل)(?!له)(?={_ARABIC_LETTER}{{2,}})")
_CLITIC_PARTICLES = {"وال": "wal", "فال": "fal", "بال": "bil", "كال": "kal", "لل": "lil"}
# و (wa, "and") is also written apart, before an article (`و الأنصار`, wal-Ansar) or a noun.
_LONE_WA = re.compile(f"(?<!{_ARABIC_LETTER})و(?!{_ARABIC_LETTER})")
_LONE_WA_ARTICLE = re.compile(f"(?<!{_ARABIC_LETTER})و\\s+(?=ال)")
# A final ه after a consonant is mostly ة written without its dots (القاعده for القاعدة, al-Qaida)
# or, in Persian, a final vowel (شبکه shabake, حواله hawala): both romanise with a vowel. After
# an alif it is a consonant (شاه Shah), and in الله (Allah, Abdullah).
_ALIFS: Final = "\u0622\u0623\u0625\u0627"
_FINAL_HEH = re.compile(f"(?<=[^\\W\\d_{_ALIFS}])(?<!لل)ه(?!{_ARABIC_LETTER})")
# Names glued to a following `Abd` compound (نظر محمدعبد البصیر, Nazir Mohammad Abdul Basir):
# `عبد` after three letters or more of a word starts a new one.
_GLUED_ABD = re.compile(f"(?<={_ARABIC_LETTER}{{3}})(?=عبد)")
_ABJAD_LETTERS = re.compile("[\u0590-\u05ff\u0600-\u06ff\u0700-\u074f\u0750-\u077f\u0780-\u07bf]")
# Pashto, Urdu and Kurdish letters that ICU's Any-Latin leaves untouched (ځدران stays `ځdran`),
# mapped to the Arabic or Persian letter with the sound romanisations give them (Zadran).
_EXTENDED_ARABIC = str.maketrans(
    {
        "ځ": "ز", "څ": "س", "ډ": "د", "ړ": "ر", "ږ": "ژ", "ګ": "گ", "ڼ": "ن", "ټ": "ت",
        "ۍ": "ی", "ې": "ی", "ٹ": "ت", "ڈ": "د", "ڑ": "ر", "ں": "ن", "ے": "ی", "ۓ": "ی",
        "ھ": "ه", "ہ": "ه", "ۀ": "ه", "ە": "ا", "ێ": "ی", "ۆ": "و", "ڵ": "ل", "ڕ": "ر", "ڤ": "ف",
        # ث and ذ: ICU writes `th` and `dh`, which read back as ت+ح (`fth` for فتح) and
        # د+ه; they become the s and z that Persian, Urdu and Turkish romanisations give
        # them (Osman, Sanaullah, Zakir), and that the skeleton puts in one class with `th`
        # and `dh` (Uthman, Dhakir).
        "ث": "س", "ذ": "ز",
    }
)  # fmt: skip


# Russian writes the Arabic conjunction and article wa-l- as `валь-` (`Катиба ат-Таухид
# валь-Джихад`, Katiba at-Tawhid wal-Jihad), в standing for w as it does in Arabic names.
_CYRILLIC_WAL = re.compile(r"(?<![^\W\d_])[вВ][аА][лЛ][ьЬ]?(?=-)")


def has_abjad(text: str) -> bool:
    """Whether `text` has letters of a script that writes no short vowels (Arabic, Persian,
    Pashto, Urdu, Hebrew, Syriac, Thaana): its romanisation is a consonant skeleton."""
    return _ABJAD_LETTERS.search(text) is not None


# Persian, Pashto and Urdu say ض as z (ضیا Zia, فضل Fazl) where Arabic says d: text written with
# their letters (Persian yeh ی, keheh ک, gaf گ, pe پ, che چ ...) is romanised so.
_PERSIAN_LETTERS = re.compile("[یکگپچژټځڅډړږڼۍېٹڈڑںھہے]")
_PERSIAN_Z = str.maketrans({"ض": "ز"})


def _prepare_arabic(text: str) -> str:
    if _PERSIAN_LETTERS.search(text):
        text = text.translate(_PERSIAN_Z)
    text = _FINAL_HEH.sub("ا", text.translate(_EXTENDED_ARABIC)).replace("ة", "ا")
    text = _LONE_WA.sub("وا", _LONE_WA_ARTICLE.sub("و", text))
    text = _CLITIC_ARTICLE.sub(lambda m: _CLITIC_PARTICLES[m.group(1)] + " ", text)
    text = _GLUED_ABD.sub(" ", _ARABIC_ARTICLE.sub("ال ", text))
    # Ayn, which ICU writes as a modifier letter that is then dropped, is mostly romanised as
    # the vowel it carries: علي Ali, عمر Omar, سعد Saad (not `ly`, `mr`, `sd`).
    return text.replace("ع", "ا")


# Scripts ICU has no transliterator for, which it would leave as they are (and drop their
# vowel signs): Lao, Tibetan, Khmer, Mongolian. anyascii's tables read them (`ភាសាខ្មែរ` ->
# phasakhmaer, `བོད` -> bod).
_NOT_IN_ICU = re.compile("[\u0e80-\u0eff\u0f00-\u0fff\u1780-\u17ff\u19e0-\u19ff\u1800-\u18af]+")


@lru_cache(maxsize=65536)
def transliterate(text: str) -> str:
    """`text` in Latin letters, ASCII only where a Latin spelling exists; NFKC-normalised."""
    text = unicodedata.normalize("NFKC", text)
    if text.isascii():
        return text
    # Latin letters with accents (the common case) need no transliterator: drop the marks.
    stripped = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    if stripped.isascii():
        return stripped
    text = _CYRILLIC_WAL.sub("wal", text)
    text = _NOT_IN_ICU.sub(lambda found: anyascii(found.group(0)), text)
    text = maybe_ascii(text)
    if text.isascii():
        return text
    if has_abjad(text):
        text = _prepare_arabic(text)
    return str(_ICU_ASCII.transliterate(text))


@lru_cache(maxsize=65536)
def fold_text(text: str) -> str:
    """Lower-case ASCII words separated by single spaces: the form names are compared in.

    >>> fold_text("GAMA'A AL-ISLAMIYYA")
    'gamaa al islamiyya'
    >>> fold_text("Nicolás  Maduro")
    'nicolas maduro'
    """
    text = transliterate(text).casefold()
    text = _APOSTROPHES.sub("", text)
    if not text.isascii():
        # Letters no transliterator knows (rare: Kurdish ە) are dropped rather than split the
        # word around them.
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if ch.isascii() or not ch.isalpha()
        )
    return " ".join(_NON_WORD.sub(" ", text).split())
