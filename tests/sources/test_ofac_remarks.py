"""The OFAC remarks parser: one test per clause form, and properties over any text."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from watchlist.model import DatePrecision, IdentifierKind, NameKind, RelationKind
from watchlist.sources.ofac_remarks import (
    UsedAs,
    parse_ofac_date,
    parse_remarks,
    split_list_name,
    split_remarks,
)


def test_reads_dob_in_every_precision_ofac_uses():
    facts = parse_remarks(
        "DOB 23 Nov 1953; alt. DOB circa 1960; alt. DOB 1960 to 1962; alt. DOB Nov 1953; "
        "alt. DOB 1948."
    )
    exact, circa, years, month, year = facts.birth_dates
    assert (exact.year, exact.month, exact.day) == (1953, 11, 23)
    assert circa.circa and circa.year_bounds() == (1959, 1961)
    assert years.precision is DatePrecision.RANGE and (years.year, years.to_year) == (1960, 1962)
    assert month.precision is DatePrecision.MONTH and (month.year, month.month) == (1953, 11)
    assert year.precision is DatePrecision.YEAR and year.year == 1948
    assert {clause.used_as for clause in facts.clauses} == {UsedAs.BIRTH_DATE}


def test_reads_ranges_of_full_dates_as_years_or_a_month():
    whole_years = parse_ofac_date("01 Jan 1961 to 31 Dec 1963")
    assert whole_years is not None
    assert (whole_years.year, whole_years.to_year) == (1961, 1963)
    assert whole_years.text == "01 Jan 1961 to 31 Dec 1963"
    one_year = parse_ofac_date("01 Jan 1973 to 31 Dec 1973")
    assert one_year is not None and one_year.precision is DatePrecision.YEAR
    month = parse_ofac_date("01 Feb 1960 to 29 Feb 1960")
    assert month is not None and (month.year, month.month, month.day) == (1960, 2, None)
    widened = parse_ofac_date("26 Sep 1946 to 07 Dec 1946")
    assert widened is not None and widened.year_bounds() == (1946, 1946)
    assert parse_ofac_date("circa 1979-1982") is not None
    assert parse_ofac_date("31 Dec 1963 to 01 Jan 1961") is None  # backwards
    assert parse_ofac_date("sometime in the sixties") is None


def test_keeps_an_unreadable_dob_in_remarks():
    facts = parse_remarks("DOB in the 1960s; Gender Male")
    assert facts.birth_dates == ()
    assert facts.remarks == ("DOB in the 1960s",)
    assert facts.gender == "male"


def test_reads_place_of_birth_nationality_citizenship_and_gender():
    facts = parse_remarks(
        "POB Caracas, Venezuela; alt. POB Maracay; nationality Korea, North; "
        "alt. nationality Atlantis; citizen Venezuela; Gender Female."
    )
    assert facts.birth_places == ("Caracas, Venezuela", "Maracay")
    assert facts.nationalities == ("kp", "Atlantis")  # unknown countries keep the list's text
    assert facts.citizenships == ("ve",)
    assert facts.gender == "female"


def test_reads_passport_with_country_and_dates():
    facts = parse_remarks(
        "Passport 123456 (Venezuela) expires 2020; alt. Passport G025057 issued 23 Jun 1999 "
        "expires 05 Feb 2004; Diplomatic Passport 008827 (Iran) issued 1999"
    )
    first, second, diplomatic = facts.identifiers
    assert first.kind is IdentifierKind.PASSPORT and first.value == "123456"
    assert first.country == "ve" and first.expires is not None and first.expires.year == 2020
    assert second.country is None
    assert second.issued is not None and second.issued.iso == "1999-06-23"
    assert second.expires is not None and second.expires.iso == "2004-02-05"
    assert diplomatic.label == "Diplomatic Passport" and diplomatic.issued is not None


def test_keeps_an_unreadable_issue_date_in_the_identifier_note():
    (passport,) = parse_remarks("Passport 0310857 (Eritrea) issued in Asmara").identifiers
    assert passport.value == "0310857" and passport.issued is None
    assert passport.note == "issued in Asmara"


def test_reads_national_ids_and_tax_numbers_with_their_labels():
    facts = parse_remarks(
        "Cedula No. V-5892464 (Venezuela); National ID No. 216040 (Yemen); "
        "Tax ID No. 7750004150 (Russia); R.F.C. AEML-710509-Q27 (Mexico); "
        "C.U.R.P. CAIM680202MCHRLR08 (Mexico); RFC SAEA710101 (Mexico); "
        "NIT # 800018928-0 (Colombia); RUC # 20108363101 (Peru)"
    )
    found = [(i.kind, i.value, i.country, i.label) for i in facts.identifiers]
    assert found == [
        (IdentifierKind.NATIONAL_ID, "V-5892464", "ve", "Cedula No."),
        (IdentifierKind.NATIONAL_ID, "216040", "ye", "National ID No."),
        (IdentifierKind.TAX_ID, "7750004150", "ru", "Tax ID No."),
        (IdentifierKind.TAX_ID, "AEML-710509-Q27", "mx", "R.F.C."),
        (IdentifierKind.NATIONAL_ID, "CAIM680202MCHRLR08", "mx", "C.U.R.P."),
        (IdentifierKind.TAX_ID, "SAEA710101", "mx", "RFC"),
        (IdentifierKind.TAX_ID, "800018928-0", "co", "NIT #"),
        (IdentifierKind.TAX_ID, "20108363101", "pe", "RUC #"),
    ]


def test_reads_bank_vessel_and_company_codes():
    facts = parse_remarks(
        "SWIFT/BIC BFEARUMM; Vessel Registration Identification IMO 9187629; MMSI 572469210; "
        "Company Number IMO 5950423; Legal Entity Number 253400V1H6ART1UQ0N98 (Russia); "
        "D-U-N-S Number 542957624; Registration Number 1077711000102 (Russia)"
    )
    found = [(i.kind, i.value) for i in facts.identifiers]
    assert found == [
        (IdentifierKind.SWIFT_BIC, "BFEARUMM"),
        (IdentifierKind.IMO, "9187629"),
        (IdentifierKind.MMSI, "572469210"),
        (IdentifierKind.IMO, "5950423"),
        (IdentifierKind.LEI, "253400V1H6ART1UQ0N98"),
        (IdentifierKind.DUNS, "542957624"),
        (IdentifierKind.REGISTRATION, "1077711000102"),
    ]
    assert facts.identifiers[1].label == "Vessel Registration Identification IMO"


def test_reads_digital_currency_addresses_of_any_currency():
    facts = parse_remarks(
        "Digital Currency Address - XBT 12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h; "
        "alt. Digital Currency Address - ETH 0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c; "
        "Digital Currency Address - USDT TXmVthgn6yhbFjYAdNVEpf8ZbqHPbXzqe7; "
        "Digital Currency Address - XMR 4AbCd"
    )
    assert [(i.kind, i.label, i.value) for i in facts.identifiers] == [
        (
            IdentifierKind.CRYPTO_WALLET,
            "Digital Currency Address - XBT",
            "12QtD5BFwRsdNsAZY76UVE1xyCGNTojH9h",
        ),
        (
            IdentifierKind.CRYPTO_WALLET,
            "Digital Currency Address - ETH",
            "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c",
        ),
        (
            IdentifierKind.CRYPTO_WALLET,
            "Digital Currency Address - USDT",
            "TXmVthgn6yhbFjYAdNVEpf8ZbqHPbXzqe7",
        ),
        (IdentifierKind.CRYPTO_WALLET, "Digital Currency Address - XMR", "4AbCd"),
    ]


def test_reads_aircraft_details():
    facts = parse_remarks(
        "Aircraft Construction Number (also called L/N or S/N or F/N) 8401; Aircraft "
        "Manufacture Date 1992; Aircraft Model IL76-TD; Aircraft Operator YAS AIR; alt. Aircraft "
        "Operator POUYA AIR; Aircraft Manufacturer's Serial Number (MSN) 1023409321; Aircraft "
        "Tail Number EP-MMH; Aircraft Mode S Transponder Code 730C78"
    )
    assert facts.aircraft is not None
    assert (facts.aircraft.model, facts.aircraft.operator) == ("IL76-TD", "YAS AIR")
    assert facts.aircraft.manufacture_date == "1992"
    assert ("Aircraft Operator", "POUYA AIR") in facts.extra
    assert [(i.kind, i.value) for i in facts.identifiers] == [
        (IdentifierKind.AIRCRAFT_SERIAL, "8401"),
        (IdentifierKind.AIRCRAFT_SERIAL, "1023409321"),
        (IdentifierKind.AIRCRAFT_TAIL, "EP-MMH"),
        (IdentifierKind.OTHER, "730C78"),
    ]


def test_remark_akas_are_weak_aliases_split_for_individuals():
    facts = parse_remarks(
        "a.k.a. 'ILLIASSOU, Djibbo'; f.k.a. 'OLD NAME'; a.k.a. 'GAMA'A AL-ISLAMIYYA'", person=True
    )
    first, former, quoted = facts.names
    assert first.kind is NameKind.WEAK_ALIAS
    assert (first.full, first.first, first.last) == ("ILLIASSOU, Djibbo", "Djibbo", "ILLIASSOU")
    assert former.kind is NameKind.WEAK_ALIAS and former.note == "f.k.a. (weak)"
    assert quoted.full == "GAMA'A AL-ISLAMIYYA"  # inner single quotes survive


def test_entity_aliases_are_not_split_at_commas():
    (name,) = parse_remarks("a.k.a. 'ANGLO-CARIBBEAN CO., LTD.'").names
    assert name.full == "ANGLO-CARIBBEAN CO., LTD." and name.last is None


def test_keeps_an_alias_cut_off_mid_name_as_a_remark():
    facts = parse_remarks("a.k.a. 'tianyinyin0404'; a.k.a. 'snowsjo")
    assert [n.full for n in facts.names] == ["tianyinyin0404"]
    assert facts.remarks == ("a.k.a. 'snowsjo",)


def test_linked_to_becomes_an_unresolved_relation():
    facts = parse_remarks(
        "Linked To: HIZBALLAH; Linked To: MADURO MOROS, Nicolas; (Linked To: HAMAS)",
        source="ofac-sdn",
    )
    assert [(r.kind, r.target_name, r.target_id) for r in facts.relations] == [
        (RelationKind.LINKED_TO, "HIZBALLAH", None),
        (RelationKind.LINKED_TO, "MADURO MOROS, Nicolas", None),
        (RelationKind.LINKED_TO, "HAMAS", None),
    ]
    assert {r.source for r in facts.relations} == {"ofac-sdn"}


def test_reads_contact_details():
    facts = parse_remarks(
        "Website www.nitc.co.ir; Email Address info@nitc.co.ir; alt. Email Address "
        "administrator@nitc.co.ir; Phone Number 982188526300; Telephone (98)(21)(66153220); "
        "Fax (98)(21)(22224537)"
    )
    assert facts.websites == ("www.nitc.co.ir",)
    assert facts.emails == ("info@nitc.co.ir", "administrator@nitc.co.ir")
    assert facts.phones == ("982188526300", "(98)(21)(66153220)")
    assert facts.extra == (("Fax", "(98)(21)(22224537)"),)


def test_sanctions_information_goes_to_the_note_and_extra():
    facts = parse_remarks(
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
        "Executive Order 13886; Organization Type: Transnational Terrorist Group; Target Type "
        "Criminal Organization; Additional Sanctions Information - Subject to Secondary "
        "Sanctions; Executive Order 13662 Directive Determination - Subject to Directive 1"
    )
    assert facts.sanctions == (
        "Secondary sanctions risk: section 1(b) of Executive Order 13224, as amended by "
        "Executive Order 13886",
        "Additional Sanctions Information - Subject to Secondary Sanctions",
        "Executive Order 13662 Directive Determination - Subject to Directive 1",
    )
    assert ("Organization Type", "Transnational Terrorist Group") in facts.extra
    assert ("Target Type", "Criminal Organization") in facts.extra
    assert (
        "Secondary sanctions risk",
        "section 1(b) of Executive Order 13224, as amended by Executive Order 13886",
    ) in facts.extra


def test_reads_title_and_position_and_recognises_the_title_column():
    facts = parse_remarks(
        "Title Basij Deputy Commander; Position: Director, Bank X; President of Zimbabwe",
        titles=["President of Zimbabwe"],
    )
    assert facts.titles == ("Basij Deputy Commander",)
    assert facts.positions == ("Director, Bank X",)
    assert [c.used_as for c in facts.clauses] == [UsedAs.TITLE, UsedAs.POSITION, UsedAs.TITLE]
    assert facts.remarks == ()
    # The remarks' final full stop is not the title's own: `Lt. Col.` ends them as `Lt. Col`.
    last = parse_remarks("DOB 1950; Lt. Col.", titles=["Lt. Col."])
    assert [c.used_as for c in last.clauses] == [UsedAs.BIRTH_DATE, UsedAs.TITLE]


def test_keeps_unrecognised_clauses_verbatim():
    facts = parse_remarks("ICTY indictee at large; all offices worldwide; HAMAS - Hebron.")
    assert facts.remarks == ("ICTY indictee at large", "all offices worldwide", "HAMAS - Hebron")


def test_split_remarks_drops_only_the_final_full_stop():
    assert split_remarks("a.k.a. 'BNC'.") == ("a.k.a. 'BNC'",)
    assert split_remarks("Website www.x.ru.; Linked To: R D I S.A.") == (
        "Website www.x.ru.",
        "Linked To: R D I S.A",
    )
    assert split_remarks(None) == ()
    assert split_remarks(" . ") == ()


def test_split_list_name_reads_surname_comma_given():
    assert split_list_name("MADURO MOROS, Nicolas") == ("Nicolas", "MADURO MOROS")
    assert split_list_name("HANIYA") == (None, None)
    assert split_list_name("A, B, C") == (None, None)


_CLAUSES = st.sampled_from(
    [
        "DOB 23 Nov 1953",
        "alt. DOB circa 1960",
        "DOB 1960 to 1962",
        "DOB 01 Jan 1961 to 31 Dec 1963",
        "POB Caracas, Venezuela",
        "nationality Venezuela",
        "citizen Mexico",
        "Gender Male",
        "Gender Unknown",
        "Passport 123456 (Venezuela) expires 2020",
        "Passport issued in Sarajevo",
        "Cedula No. V-5892464 (Venezuela)",
        "Digital Currency Address - XBT 1Kuf2Rd8mDyAViwBozGTNYnvWL8uYFrkVo",
        "Digital Currency Address - ETH",
        "Vessel Registration Identification IMO 9187629",
        "a.k.a. 'X, Y'",
        "a.k.a. 'cut",
        "Linked To: HIZBALLAH",
        "Secondary sanctions risk: section 1(b)",
        "Aircraft Model IL76-TD",
        "alt. Aircraft Model IL76",
        "Vessel Year of Build 1999",
        "ICTY indictee",
        "(Linked To: HAMAS)",
        "alt. ",
        "",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_CLAUSES, st.text(max_size=40)), max_size=8), st.booleans())
@example(["DOB 1960", "Passport 1 (", "Gender\nMale"], True)
def test_never_raises_and_accounts_for_every_clause(parts: list[str], person: bool) -> None:
    text = "; ".join(parts)
    facts = parse_remarks(text, person=person)
    expected = text.strip().removesuffix(".")
    assert "; ".join(clause.text for clause in facts.clauses) == (expected if expected else "")
    kept = list(facts.remarks)
    for clause in facts.clauses:
        body = clause.text.strip()
        if clause.used_as is UsedAs.REMARK:
            kept.remove(body)  # each unparsed clause is in remarks, verbatim
        elif clause.used_as is UsedAs.EMPTY:
            assert not body
        elif clause.used_as is UsedAs.IDENTIFIER:
            assert any(identifier.value in body for identifier in facts.identifiers)
        elif clause.used_as is UsedAs.NAME:
            assert any(name.full in body for name in facts.names)
        elif clause.used_as is UsedAs.RELATION:
            assert any(relation.target_name in body for relation in facts.relations)
        elif clause.used_as is UsedAs.BIRTH_DATE:
            assert any(str(date.year) in body for date in facts.birth_dates)
    assert kept == []
