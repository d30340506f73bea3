"""Organisation names read in English: glossary words translated, proper names left."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from watchlist.normalize.glossary import english_reading


def test_arabic_organisation_words_read_in_english_whatever_their_clitics() -> None:
    assert english_reading("الجماعة الإسلامية المقاتلة الليبية") == "group islamic fighting libyan"
    # و (and), the article and ل (for) joined to the word; the name itself stays as written
    assert english_reading("الدولة الإسلامية في العراق والشام") == (
        "state islamic in iraq and levant"
    )
    assert english_reading("مكتب حنيفة للصرافة") == "office حنيفة exchange"


def test_persian_and_pashto_letters_and_vowel_marks_do_not_hide_a_word() -> None:
    assert english_reading("شبکه حقانی") == "network حقانی"
    assert english_reading("تنظیم جیش المھاجرین") == "organization army emigrants"
    assert english_reading("الجَماعة") == "group"


def test_chinese_terms_are_found_inside_the_unspaced_name() -> None:
    assert english_reading("華信船務(香港)有限公司") == "華信 shipping ( hongkong ) limited company"
    assert english_reading("沈忠國際海運有限公司") == "沈忠 international shipping limited company"


def test_french_and_spanish_words_and_elided_articles() -> None:
    assert english_reading("Groupe Islamique Combattant Marocain") == (
        "group islamic fighting moroccan"
    )
    assert english_reading("JIHAD EN AFRIQUE DE L'OUEST") == "JIHAD EN africa DE west"
    assert english_reading("Banco Nacional de Cuba") == "bank national de Cuba"


def test_english_synonyms_read_as_one_word() -> None:
    assert english_reading("MOROCCAN ISLAMIC COMBATANT GROUP") == "MOROCCAN ISLAMIC fighting GROUP"
    assert english_reading("AL-QAIDA IN THE ARABIAN PENINSULA") == "AL-QAIDA IN THE arab PENINSULA"


def test_names_without_glossary_words_have_no_other_reading() -> None:
    assert english_reading("ISLAMIC STATE IN IRAQ AND THE LEVANT") is None
    assert english_reading("MADURO MOROS, Nicolas") is None
    assert english_reading("محمد ولی محمد عوض") is None
    assert english_reading("D'Alema") is None


def test_legal_forms_stay_legible() -> None:
    assert english_reading("COMERCIALIZADORA INTERNACIONAL Y CIA. S. EN C.") == (
        "COMERCIALIZADORA international Y CIA. S. EN C."
    )
    assert english_reading("SOCIEDAD ANONIMA") is None


@given(st.text(max_size=40))
def test_any_text_reads_or_not_without_error(text: str) -> None:
    reading = english_reading(text)

    assert reading is None or (reading and reading == " ".join(reading.split()))
