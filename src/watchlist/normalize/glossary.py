"""Organisation names read in English: the common words of group and company names translated.

A name in Arabic, Chinese, Russian, French or Spanish is often listed under its English
translation, not a romanisation: `الجماعة الإسلامية المقاتلة الليبية` is LIBYAN ISLAMIC
FIGHTING GROUP, `華信船務(香港)有限公司` is HUAXIN SHIPPING HONGKONG LTD, `Mouvement pour
l'unification et le jihad en Afrique de l'Ouest` is a name that an Arabic query reaches only
through English. Transliteration cannot cross that gap; a small glossary of the words such names
are made of can. `english_reading` replaces every glossary word of a name by its English word
and leaves the rest (the proper names: Haqqani, Huaxin) to transliteration; screening reads a
query and a listed name that way too, as one more reading beside the name as written.

Words that legal forms are made of (`sociedad`, `en` in `S. en C.`) are left out: the legal
form must stay legible in the reading. English synonyms read as one word (`combatant` as
`fighting`, `organisation` as `organization`), so that two translations of one name meet.

Hand-written: no library of the field (rigour, followthemoney) translates name words across
languages; rigour's organisation types cover legal forms only, which `names` already reads.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from watchlist.normalize.text import has_abjad

# A line per English word (or more, for long ones): the words that translate it, in any script.
# Arabic is written without its article (`ال`) and clitics, which `_arabic_word` takes off,
# with ة as ه and hamza seats as bare letters (see `_ARABIC_FOLD`); Persian and Pashto letters
# are folded to Arabic ones. Latin words are folded (no accents, lower case).
_GLOSSARY = """
state: دوله государство etat estado
islamic: اسلامي اسلاميه исламский исламская исламское исламского исламской
islamic: islamique islamico islamica islamiya islamiyya
islamist: اسلاموي islamiste islamista
group: جماعه مجموعه группа groupe grupo 集團 集团
fighting: مقاتله مقاتل combatant combattant combattante combatiente
movement: حركه движение mouvement movimiento
front: جبهه фронт frente
army: جيش армия armee ejercito
battalion: كتيبه батальон bataillon batallon
brigades: كتائب الويه бригады brigade brigada brigadas
organization: تنظيم منظمه организация organisation organizacion
network: شبكه сеть reseau
society: جمعيه association общество
foundation: موسسه фонд fondation fundacion
charitable: خيريه благотворительный caritative caritativa
revival: احياء
heritage: تراث
office: مكتب офис bureau oficina
exchange: صرافه صيرفه обмен
company: شركه كمبني كمپني компания compagnie compania 公司 會社 会社
limited company: 有限公司
limited liability company: 有限责任公司 有限責任公司
company limited: 股份有限公司
bank: بنك مصرف банк banque banco 銀行 银行
trading: تجاره تجاريه торговая торговый commerce comercio 貿易 贸易
shipping: 船務 船务 海運 海运 航運 航运
international: دولي دوليه международный международная internationale internacional 國際 国际
technology: 技術 技术 科技
machinery: 機械 机械
joint: 聯合 联合
industrial: صناعي صناعيه 實業 实业 工業 工业
investment: استثمار 投資 投资
development: تنميه 發展 发展
holding: 控股
petroleum: نفط 石油
liberation: تحرير освобождение liberation liberacion
national: وطني وطنيه национальный nationale nacional
revolutionary: ثوري ثوريه революционный revolutionnaire
revolutionary: revolucionario revolucionarias revolucionarios
resistance: مقاومه сопротивление
martyrs: شهداء
supporters: انصار
emigrants: مهاجرين مهاجرون
people: اهل
unification: توحيد
peninsula: جزيره
jihad: جهاد джихад
west: غرب запад ouest oeste
east: شرق восток
north: شمال север nord norte
south: جنوب юг sud
arab: عرب عربي عربيه arabian arabs арабский arabe
africa: افريقيا افريقيه африка afrique
iraq: عراق ирак irak
levant: شام левант
yemen: يمن йемен
libya: ليبيا ливия libye
libyan: ليبي ليبيه ливийская libyen
egypt: مصر египет egypte egipto
egyptian: مصري مصريه египетский egyptien egipcio
moroccan: مغربي مغربيه marocain marroqui
maghreb: مغرب магриб
tunisian: تونسي تونسيه тунисская tunisien tunecino
syria: سوريا سوريه сирия syrie siria
afghanistan: افغانستان афганистан
pakistan: باكستان пакистан
somalia: صومال сомали somalie
hongkong: 香港
korea: 朝鮮 朝鲜 韓國 韩国 корея coree
china: 中國 中国 китай chine
of: د
and: او
for: pour
in: في au aux
"""

# Arabic letters folded to one form before lookup: hamza seats and alif forms to alif, ta
# marbuta to heh, alif maqsura and Persian yeh to yeh, Persian keheh to kaf; short vowels and
# tatweel dropped. A name's spelling varies in exactly these.
_ARABIC_FOLD = str.maketrans(
    {
        "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي",
        "ی": "ي", "ې": "ي", "ۍ": "ي", "ک": "ك", "ھ": "ه", "ہ": "ه", "ۀ": "ه", "ـ": None,
    }
)  # fmt: skip
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")
# Clitics written joined to a word: the conjunction و, the prepositions ب and ل, the article
# ال and their combinations (`والشام`, `للصرافة`, `بالعراق`), longest first; و reads `and`.
_ARABIC_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ب", "ل", "ف")
_HAN = re.compile("[\u3400-\u9fff\uf900-\ufaff]")
# A word, with the article or preposition French and Italian elide before it (`l'ouest`).
_WORD = re.compile(r"(?:\b[ldLD]['’])?[^\W\d_]+")


def _fold_arabic(word: str) -> str:
    return _ARABIC_MARKS.sub("", word.translate(_ARABIC_FOLD))


def _fold_latin(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str], re.Pattern[str], dict[str, str]]:
    """(Arabic stem -> English, other word -> English, Han term pattern, Han term -> English)."""
    arabic: dict[str, str] = {}
    words: dict[str, str] = {}
    han: dict[str, str] = {}
    for line in _GLOSSARY.strip().splitlines():
        english, _, spellings = line.partition(":")
        for spelling in spellings.split():
            if _HAN.search(spelling):
                han[spelling] = english
            elif has_abjad(spelling):
                arabic[_fold_arabic(spelling)] = english
            else:
                words[_fold_latin(spelling)] = english
        if " " not in english:
            words.setdefault(english, english)
    pattern = re.compile("|".join(sorted(map(re.escape, han), key=len, reverse=True)))
    return arabic, words, pattern, han


@lru_cache(maxsize=1)
def _ascii_words() -> re.Pattern[str]:
    """Any ASCII glossary word that reads as another word."""
    _, words, _, _ = _tables()
    changing = sorted((w for w, english in words.items() if w != english and w.isascii()), key=len)
    return re.compile(r"\b(?:" + "|".join(reversed(changing)) + r")\b", re.IGNORECASE)


def _arabic_word(word: str, glossary: dict[str, str]) -> str | None:
    folded = _fold_arabic(word)
    if folded in glossary:
        return glossary[folded]
    for prefix in _ARABIC_PREFIXES:
        if folded.startswith(prefix) and (stem := folded[len(prefix) :]) in glossary:
            english = glossary[stem]
            return f"and {english}" if prefix.startswith("و") else english
    return None


@lru_cache(maxsize=65536)
def english_reading(text: str) -> str | None:
    """`text` with every glossary word in English, or None when it has none that changes.

    >>> english_reading("الجماعة الاسلامية المقاتلة الليبية")
    'group islamic fighting libyan'
    >>> english_reading("MOROCCAN ISLAMIC COMBATANT GROUP")
    'MOROCCAN ISLAMIC fighting GROUP'
    """
    arabic, words, han_pattern, han = _tables()
    if text.isascii() and _ascii_words().search(text) is None:
        return None  # most names: one search in C instead of a lookup per word
    changed = False
    text = _ARABIC_MARKS.sub("", text)  # short vowels would split a word
    if han and _HAN.search(text):
        replaced = han_pattern.sub(lambda m: f" {han[m.group(0)]} ", text)
        changed = replaced != text
        text = replaced

    def word(match: re.Match[str]) -> str:
        nonlocal changed
        found = match.group(0)
        if has_abjad(found):
            english = _arabic_word(found, arabic)
        else:
            bare = _fold_latin(found[2:] if found[1:2] in ("'", "’") else found)
            english = words.get(bare)
            if english == bare:
                return found  # already the English word
        if english is None:
            return found
        changed = True
        return english

    text = _WORD.sub(word, text)
    return " ".join(text.split()) if changed else None
