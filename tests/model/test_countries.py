from watchlist.model.countries import country_code


def test_reads_country_names_as_lists_write_them():
    assert country_code("Venezuela") == "ve"
    assert country_code("Korea, North") == "kp"
    assert country_code("Iran (Islamic Republic of)") == "ir"


def test_reads_ofsi_spellings():
    assert country_code("Congo (Democratic Republic)") == "cd"
    assert country_code("Bosnia-Herzegovina") == "ba"
    assert country_code("Occupied Palestinian Territories") == "ps"


def test_unknown_or_empty_names_give_none():
    assert country_code("Atlantis") is None
    assert country_code("") is None
    assert country_code(None) is None
