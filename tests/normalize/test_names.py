"""Names as token lists: titles, legal forms, particles, roles, joined runs."""

from __future__ import annotations

import re

from hypothesis import assume, given
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from watchlist.normalize import (
    NameMode,
    NameToken,
    TokenKind,
    TokenRole,
    analyze_name,
    is_title,
    name_mode,
    name_units,
)
from watchlist.normalize import names as names_module
from watchlist.normalize.keyboard import one_slip


def texts(name: str, mode: NameMode = NameMode.ANY) -> list[str]:
    return [t.text for t in analyze_name(name, mode)]


def kinds(name: str, mode: NameMode = NameMode.ANY) -> list[tuple[str, str]]:
    return [(t.text, t.kind.value) for t in analyze_name(name, mode)]


def test_schema_names_map_to_reading_modes() -> None:
    assert name_mode("Person") is NameMode.PERSON
    assert name_mode("Company") is NameMode.ORGANIZATION
    assert name_mode("Vessel") is NameMode.OBJECT
    assert name_mode(None) is NameMode.ANY


def test_surname_comma_given_reads_given_names_first_with_roles() -> None:
    tokens = analyze_name("MADURO MOROS, Nicolas", NameMode.PERSON)

    assert [(t.text, t.role) for t in tokens] == [
        ("nicolas", TokenRole.GIVEN),
        ("maduro", TokenRole.FAMILY),
        ("moros", TokenRole.FAMILY),
    ]


def test_list_name_parts_give_roles() -> None:
    tokens = analyze_name(
        "AIMAN MUHAMMED RABI AL-ZAWAHIRI",
        NameMode.PERSON,
        first="AIMAN",
        middle="MUHAMMED RABI",
        last="AL-ZAWAHIRI",
    )

    roles = {t.text: t.role for t in tokens}
    assert roles == {
        "aiman": TokenRole.GIVEN,
        "muhammed": TokenRole.MIDDLE,
        "rabi": TokenRole.MIDDLE,
        "al": TokenRole.FAMILY,
        "zawahiri": TokenRole.FAMILY,
    }


def test_person_titles_are_dropped() -> None:
    assert texts("Dr. Ayman al-Zawahiri", NameMode.PERSON) == ["ayman", "al", "zawahiri"]
    assert texts("NAWAY, Haji Ali", NameMode.PERSON) == ["ali", "naway"]
    assert texts("Mullah Mohammed Omar", NameMode.PERSON) == ["mohammed", "omar"]
    assert texts("MAULAN FAZLULLAH", NameMode.PERSON) == ["fazlullah"]
    assert texts("MAUALWI RAJBA", NameMode.PERSON) == ["rajba"]  # MAULAWI, letters swapped


def test_a_title_with_a_typing_slip_is_still_a_title() -> None:
    assert texts("YASSIN, Sheki Ahmed Ismail", NameMode.PERSON) == ["ahmed", "ismail", "yassin"]
    assert texts("AASI, Sheimh Yusuf", NameMode.PERSON) == ["yusuf", "aasi"]  # m beside k
    assert texts("WALI, Muftj Noor", NameMode.PERSON) == ["noor", "wali"]  # j beside i
    assert texts("EBRAHIMI, Ayatllah", NameMode.PERSON) == ["ebrahimi"]  # a letter left out


def test_a_title_with_a_slip_is_a_title_wherever_the_title_is_one() -> None:
    # After the given name, as lists write `Saleck Ould Cheikh`: j beside h, an extra key.
    assert texts("MOHMEDOU, Saleck Ould Cheikjh", NameMode.PERSON) == [
        "saleck",
        "ould",
        "mohmedou",
    ]
    # A rank leads the name; typed with a slip it still does (t beside r).
    assert texts("HAMDUAT, Genetal Maki", NameMode.PERSON) == ["maki", "hamduat"]
    assert texts("Marshall Smith", NameMode.PERSON) == ["marshall", "smith"]  # no rank


def _misspelt_title_by_scan(word: str) -> str | None:
    """The first fuzzy title one slip from `word`, every title measured."""
    if len(word) < 5 or not word.isalpha():
        return None
    return next(
        (
            title
            for title in names_module._FUZZY_TITLES
            if OSA.distance(word, title) <= 1 and one_slip(word, title)
        ),
        None,
    )


@given(
    st.sampled_from(names_module._FUZZY_TITLES),
    st.integers(0, 12),
    st.sampled_from(["", "a", "e", "h", "j", "k", "l", "m", "r", "x"]),
    st.sampled_from(["substitute", "insert", "delete", "swap"]),
)
def test_titles_one_slip_away_are_found_as_a_scan_of_every_title_finds_them(
    title: str, at: int, letter: str, edit: str
) -> None:
    at = at % len(title)
    word = {
        "substitute": title[:at] + letter + title[at + 1 :],
        "insert": title[:at] + letter + title[at:],
        "delete": title[:at] + title[at + 1 :],
        "swap": title[:at] + title[at + 1 : at + 2] + title[at] + title[at + 2 :],
    }[edit]
    assert names_module._misspelt_title(word) == _misspelt_title_by_scan(word)


@given(st.text(alphabet="aehiklmnorstuy", min_size=4, max_size=9))
def test_other_words_are_titles_only_where_a_scan_finds_one(word: str) -> None:
    assert names_module._misspelt_title(word) == _misspelt_title_by_scan(word)


def test_names_another_letter_from_a_title_stay_names() -> None:
    for name in ("Shein", "Shafik", "Alhaq", "Hajri", "Alham", "Mualla", "Alhadi"):
        assert texts(f"{name} Rahman", NameMode.PERSON) == [name.lower(), "rahman"], name


def test_dr_is_a_title_wherever_it_stands() -> None:
    assert texts("AL ZAWAHIRI Dr Ayman", NameMode.PERSON) == ["al", "zawahiri", "ayman"]
    assert texts("AL-RUBA Khadim Dr.", NameMode.PERSON) == ["al", "ruba", "khadim"]


def test_title_words_that_are_names_stay() -> None:
    assert texts("AL-SHAYKH, Diyab", NameMode.PERSON) == ["diyab", "al", "shaykh"]
    assert texts("Mustafa Queen", NameMode.PERSON) == ["mustafa", "queen"]
    assert texts("Nico Marchal", NameMode.PERSON) == ["nico", "marchal"]
    assert texts("General", NameMode.PERSON) == ["general"]


def test_titles_of_unknown_type_queries_are_marked_not_dropped() -> None:
    assert kinds("Sheikh Mohammed") == [("sheikh", "title"), ("mohammed", "name")]


def test_organisation_words_are_never_titles() -> None:
    assert kinds("General Trading Co", NameMode.ORGANIZATION) == [
        ("general", "name"),
        ("trading", "name"),
        ("co", "legal"),
    ]


def test_legal_forms_are_canonical_across_languages() -> None:
    for name in ("Acme Ltd", "Acme Limited", "ACME GMBH", "Acme LLC", "ООО Acme", "Acme OOO"):
        assert kinds(name, NameMode.ORGANIZATION) in (
            [("acme", "name"), ("llc", "legal")],
            [("llc", "legal"), ("acme", "name")],
        ), name
    assert kinds("Banco X S.A. de C.V.", NameMode.ORGANIZATION)[-1] == ("jsc", "legal")
    assert kinds("BANCO X S A DE C V", NameMode.ORGANIZATION)[-1] == ("jsc", "legal")
    assert kinds("PJSC Gazprom", NameMode.ORGANIZATION) == [("jsc", "legal"), ("gazprom", "name")]


def test_misspelt_legal_form_is_still_a_legal_form() -> None:
    assert kinds("MIRZA XOMPANY", NameMode.ORGANIZATION) == [("mirza", "name"), ("co", "legal")]


def test_joint_stock_written_as_one_word_is_a_legal_form() -> None:
    assert texts("PUBLIC COMMERCIAL JOINTSTOCK BANK", NameMode.ORGANIZATION) == texts(
        "PUBLIC COMMERCIAL JOINT-STOCK BANK", NameMode.ORGANIZATION
    )
    assert kinds("JOINTSTOCK BANK", NameMode.ORGANIZATION)[0] == ("jsc", "legal")


def test_misspelt_words_of_a_long_legal_form_read_as_the_form() -> None:
    assert texts("JONIT ASTOCK COMPANY SANATORIUM AY-PETRI", NameMode.ORGANIZATION) == texts(
        "JOINT STOCK COMPANY SANATORIUM AY-PETRI", NameMode.ORGANIZATION
    )
    assert kinds("STATE CONCENR NATIONAL", NameMode.ORGANIZATION) == [
        ("soe", "legal"),
        ("national", "name"),
    ]


def test_a_legal_form_joined_or_split_otherwise_reads_as_the_form() -> None:
    listed = texts("PUBLIC JOINT-STOCK COMPANY BANK VVB", NameMode.ORGANIZATION)
    for spelling in (
        "PUBLIC JOINTSTOCK COMPANY",
        "PUBLIC JOIN-STOCK COMPANY",
        "PUBLIC JOINT STOCKCOMPANY",
    ):
        assert texts(f"{spelling} BANK VVB", NameMode.ORGANIZATION) == listed, spelling
    assert texts("SMP BANK OPEN JOINTSTOCK COMPANY", NameMode.ORGANIZATION) == [
        "smp",
        "bank",
        "jsc",
    ]


def test_a_legal_form_glued_to_a_word_of_the_name_is_split_off() -> None:
    org = NameMode.ORGANIZATION
    for glued, spaced in (
        ("UNIVERSE SHIPPINGLIMITED", "UNIVERSE SHIPPING LIMITED"),
        ("SINA SHIPPINGCOMPANY LIMITED", "SINA SHIPPING COMPANY LIMITED"),
        ("PRIVATE JOINT-STOCK COMPANYMAKO HOLDING", "PRIVATE JOINT-STOCK COMPANY MAKO HOLDING"),
        ("EURO AFRICAN GROUPLTD", "EURO AFRICAN GROUP LTD"),
        ("PETROTECHFZE", "PETROTECH FZE"),
        ("DISDROGASLTDA.", "DISDROGAS LTDA."),
        ("JOSAFATS.A.", "JOSAFAT S.A."),
        ("PERUVIAN PRECIOUS METALSS.A.C.", "PERUVIAN PRECIOUS METALS S.A.C."),
        ("TRIO ENERGYDMCC", "TRIO ENERGY DMCC"),
        ("EIGHTH OCEANGMBH & CO. KG", "EIGHTH OCEAN GMBH & CO. KG"),
        ("BODECARNE, S.A. DEC.V.", "BODECARNE, S.A. DE C.V."),
        ("NOCTURNUM INC, S. DE R.L. DEC.V.", "NOCTURNUM INC, S. DE R.L. DE C.V."),
    ):
        assert texts(glued, org) == texts(spaced, org), glued


def test_a_word_that_only_ends_like_a_legal_form_stays_whole() -> None:
    org = NameMode.ORGANIZATION
    assert texts("BANCORP", org) == ["bancorp"]  # too little left before `corp`
    assert texts("KHORS AIRCOMPANY", org) == ["khors", "aircompany"]
    assert texts("ACCOMPANY TRADING", org) == ["accompany", "trading"]
    assert texts("GROUPCORP TRADING", org) == ["groupcorp", "trading"]  # `corp` ends a name
    assert texts("UNIVERSAL TRADING", org) == ["universal", "trading"]  # not `univer sal`
    assert texts("DECV TRADING", org) == ["decv", "trading"]
    assert texts("NEWTELCO", org) == ["newtelco"]


def test_a_legal_form_word_with_typing_errors_is_a_legal_form() -> None:
    for misspelt, right in (
        ("KUNLUN SHIPPING COMPANY LIIMTE", "KUNLUN SHIPPING COMPANY LIMITED"),  # swap, dropped
        ("BIO CORORATIOM", "BIO CORPORATION"),  # dropped, neighbouring key
        ("WAATASEMU CHARUITY ASSOCIATION", "WAATASEMU CHARITY ASSOCIATION"),
        ("ISSA EMPRESA UNIPERSONAOL", "ISSA EMPRESA UNIPERSONAL"),
        ("DALIAN MAOYI YUXIAN GONGSI", "DALIAN MAOYI YOUXIAN GONGSI"),
    ):
        assert kinds(misspelt, NameMode.ORGANIZATION) == kinds(right, NameMode.ORGANIZATION)


def test_company_or_limited_with_any_two_typing_slips_is_a_legal_form() -> None:
    for misspelt, right in (
        ("HARA COMLNAY", "HARA COMPANY"),  # a neighbouring key, two letters swapped
        ("EAST STAR CPPANY", "EAST STAR COMPANY"),  # a neighbouring key, a letter left out
        ("DCB FINANCE PIMITE", "DCB FINANCE LIMITED"),  # neighbouring first key, last left out
    ):
        assert kinds(misspelt, NameMode.ORGANIZATION) == kinds(right, NameMode.ORGANIZATION)


def test_words_two_other_letters_from_a_legal_form_are_words() -> None:
    for name in ("CHRISTY ARTS", "LISTED ARTS", "COMPASS ARTS", "COMPANION ARTS"):
        assert all(kind == "name" for _, kind in kinds(name, NameMode.ORGANIZATION)), name
    # one letter from cooperation, two wrong letters from corporation
    assert kinds("COOPERATIN ARTS", NameMode.ORGANIZATION)[0] == ("coop", "legal")


def test_pte_limited_is_pte_ltd() -> None:
    assert texts("COSMO PTE. LIMITED", NameMode.ORGANIZATION) == texts(
        "COSMO PTE. LTD.", NameMode.ORGANIZATION
    )


def test_a_word_near_a_legal_word_keeps_its_spelling_outside_a_legal_form() -> None:
    assert kinds("ASTOCK MARKET LTD", NameMode.ORGANIZATION) == [
        ("astock", "name"),
        ("market", "name"),
        ("llc", "legal"),
    ]


def test_long_and_short_spellings_of_a_legal_form_agree() -> None:
    for short, long in (
        ("S. EN C.", "SOCIEDAD EN COMANDITA"),
        ("S.A.C.", "SOCIEDAD ANONIMA CERRADA"),
        ("C.A.", "COMPANIA ANONIMA"),
        ("SARL", "SOCIETE A RESPONSABILITE LIMITEE"),
        ("SAL", "SOCIETE ANONYME LIBANAISE"),
        ("E.U.", "EMPRESA UNIPERSONAL"),
        ("CO., LTD.", "COMPANY LIMITED"),
        ("S. DE R.L. DE C.V.", "SRL DE CV"),
        ("FZCO", "FZ CO."),
    ):
        assert texts(f"DIZRIVER {short}", NameMode.ORGANIZATION) == texts(
            f"DIZRIVER {long}", NameMode.ORGANIZATION
        ), short


def test_the_longest_legal_form_wins() -> None:
    assert kinds("ACME COMPANY LIMITED", NameMode.ORGANIZATION) == [
        ("acme", "name"),
        ("llc", "legal"),
    ]
    assert texts("PUBLIC JOINT STOCK COMPANY X", NameMode.ORGANIZATION) == ["jsc", "x"]


def test_two_letter_forms_count_only_at_the_edges_of_a_name() -> None:
    assert texts("JOINT STOCK COMPANY SANATORIUM AY-PETRI", NameMode.ORGANIZATION) == [
        "jsc",
        "sanatorium",
        "ay",
        "petri",
    ]
    assert texts("Ao Sun") == ["ao", "sun"]  # unknown type: a person's name


def test_company_acronyms_are_one_word_however_punctuated() -> None:
    assert texts("C.P.C.L. Y CIA", NameMode.ORGANIZATION) == texts(
        "C P C L Y CIA", NameMode.ORGANIZATION
    )
    assert texts("YARD NO.2657 HYUNDAI M.D.", NameMode.OBJECT) == [
        "yard",
        "no",
        "2657",
        "hyundai",
        "md",
    ]


def test_a_name_of_unknown_type_written_surname_comma_initials_is_a_person() -> None:
    assert kinds("PALMA SALAZAR, H. L.") == [
        ("h", "initial"),
        ("l", "initial"),
        ("palma", "name"),
        ("salazar", "name"),
    ]
    assert texts("AL-SAYYID, A. S. M. A.")[:4] == ["a", "s", "m", "a"]


def test_a_comma_before_a_legal_form_still_reads_a_company() -> None:
    assert kinds("ACME TRADING, LTD") == [("acme", "name"), ("trading", "name"), ("llc", "legal")]
    assert ("jsc", "legal") in kinds("BANCO NACIONAL DE CUBA, S.A.")


def test_letters_joined_by_dots_are_one_word_even_when_they_end_in_a_legal_form() -> None:
    # `lt` is a legal form, but `H.L.T.` is written as one acronym; `X S.A.` is not
    assert texts("CONSTRUCTORA H.L.T.", NameMode.ORGANIZATION) == ["constructora", "hlt"]
    assert texts("CONSTRUCTORA HLT") == ["constructora", "hlt"]
    assert kinds("X S.A.", NameMode.ORGANIZATION) == [("x", "initial"), ("jsc", "legal")]
    assert texts("J.R. Smith") == ["j", "r", "smith"]  # unknown type: maybe a person's initials


def test_an_organisations_own_acronym_in_brackets_weighs_as_a_particle() -> None:
    assert kinds("KHATIBA AL-TAWHID WAL-JIHAD (KTJ)", NameMode.ORGANIZATION) == [
        *kinds("KHATIBA AL-TAWHID WAL-JIHAD", NameMode.ORGANIZATION),
        ("ktj", "particle"),
    ]
    assert kinds("HAQQANI NETWORK (HQN)")[-1] == ("hqn", "particle")
    assert kinds("Le Groupe Salafiste pour la Predication et le Combat (GSPC)")[-1] == (
        "gspc",
        "particle",
    )
    # not an abbreviation of the name: kept
    assert texts("AL-HARAMAYN FOUNDATION (KENYA)")[-1] == "kenya"
    assert texts("PCC (UK)", NameMode.ORGANIZATION) == ["pcc", "uk"]


def test_vessel_prefixes_are_dropped() -> None:
    assert texts("M/V OCEAN STAR", NameMode.OBJECT) == ["ocean", "star"]


def test_abd_al_forms_become_abdul() -> None:
    assert texts("Abd al-Aziz") == ["abdul", "aziz"]
    assert texts("Abdel Aziz") == ["abdul", "aziz"]
    assert texts("ABDELAZIZ") == ["abdulaziz"]
    assert texts("Abdurrahman") == ["abdulrahman"]
    assert texts("'Abd Allatif") == ["abdul", "latif"]
    assert texts("Abdallah") == texts("Abdullah") == ["abdullah"]
    assert texts("Abd Allah") == ["abd", "allah"]


def test_assimilated_articles_become_al() -> None:
    assert kinds("ASH-SHABAAB") == [("al", "particle"), ("shabaab", "name")]
    assert texts("Katiba at-Tawhid") == ["katiba", "al", "tawhid"]


def test_arabic_script_tokens_are_marked_and_never_latin_titles() -> None:
    tokens = analyze_name("عمر محمود", NameMode.PERSON)

    assert [t.text for t in tokens] == ["amr", "mhmwd"]  # Omar, not a title
    assert all(t.abjad for t in tokens)


def test_units_are_tokens_then_joined_runs() -> None:
    tokens = (NameToken("bin"), NameToken("laden"), NameToken("usama"))
    units = name_units(tokens)

    assert [(u.text, u.start, u.end) for u in units] == [
        ("bin", 0, 1),
        ("laden", 1, 2),
        ("usama", 2, 3),
        ("binladen", 0, 2),
        ("ladenusama", 1, 3),
        ("binladenusama", 0, 3),
    ]
    assert [u.mask for u in units] == [0b1, 0b10, 0b100, 0b11, 0b110, 0b111]


def test_article_particles_are_also_joined_assimilated() -> None:
    # بالدم, bi-l-dam, is written `BIDDAM`; نور الدين `NOUREDDINE`
    assert "biddm" in {u.text for u in name_units(analyze_name("الموقعون بالدم"))}
    assert "nwraddyn" in {u.text for u in name_units(analyze_name("نور الدين"))}


def test_a_run_ending_in_an_article_is_assimilated_to_the_next_word() -> None:
    # بلاد السودان, bilad as-Sudan, is written `BILADIS SUDAN`
    assert "bladas" in {u.text for u in name_units(analyze_name("في بلاد السودان"))}


def test_arabic_script_titles_and_particles() -> None:
    # حجي (Hajji) and قاري (Qari) are titles; في (fi, "in") a particle
    assert texts("مصطفى حجي محمد خان", NameMode.PERSON) == ["mstfy", "mhmd", "khan"]
    assert texts("قاري سیف الله توخى", NameMode.PERSON)[0] == "syf"
    assert kinds("القاعدة في العراق")[2] == ("fy", "particle")


def test_company_in_persian_script_is_a_legal_form() -> None:
    assert ("co", "legal") in kinds("ضرجمیل کمپنی", NameMode.ORGANIZATION)


def test_legal_forms_are_not_joined() -> None:
    units = name_units(analyze_name("Acme Trading Ltd", NameMode.ORGANIZATION))

    assert "acmetrading" in {u.text for u in units}
    assert not any("llc" in u.text and u.join for u in units)


def test_is_title_knows_western_and_religious_titles() -> None:
    assert is_title("dr") and is_title("sheikh") and is_title("mullah") and is_title("general")
    assert not is_title("maduro")


words = st.from_regex(r"[A-Za-z]{2,9}", fullmatch=True)
ARTICLE = re.compile(r"[aeu](?:[dnrstz]|sh|th|dh)", re.IGNORECASE)  # ad-, an-, ash-


@given(st.lists(words, min_size=1, max_size=5))
def test_word_order_does_not_change_the_tokens(parts: list[str]) -> None:
    # A Western honorific is a title only at the start (`Mr Aa`), a name after (`Mustafa Queen`).
    assume(not any(is_title(part.casefold()) for part in parts))
    # An Arabic article before a word with its sound is `al` (`an Naa`), before another not.
    assume(not any(ARTICLE.fullmatch(part) for part in parts))
    forward = analyze_name(" ".join(parts), NameMode.PERSON)
    backward = analyze_name(" ".join(reversed(parts)), NameMode.PERSON)

    assert sorted(t.text for t in forward) == sorted(t.text for t in backward)


@given(st.lists(words, min_size=1, max_size=5), st.sampled_from(list(NameMode)))
def test_every_token_is_folded_and_non_empty(parts: list[str], mode: NameMode) -> None:
    for token in analyze_name(" ".join(parts), mode):
        assert token.text and token.text == token.text.lower() and token.text.isascii()
        assert token.kind in TokenKind
