from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from watchlist.model import DatePrecision, FuzzyDate, parse_fuzzy_date


def test_reads_ofac_day_month_year():
    parsed = parse_fuzzy_date("23 Nov 1953")
    assert parsed is not None
    assert (parsed.year, parsed.month, parsed.day) == (1953, 11, 23)
    assert parsed.iso == "1953-11-23"
    assert parsed.text == "23 Nov 1953"


def test_reads_month_and_year_only():
    parsed = parse_fuzzy_date("Nov 1953")
    assert parsed is not None and parsed.precision is DatePrecision.MONTH


def test_circa_widens_year_bounds():
    parsed = parse_fuzzy_date("circa 1960")
    assert parsed is not None and parsed.circa
    assert parsed.year_bounds() == (1959, 1961)


def test_reads_year_ranges_in_several_wordings():
    for text in ("1960 to 1962", "between 1960 and 1962", "1960-1962"):
        parsed = parse_fuzzy_date(text)
        assert parsed is not None, text
        assert parsed.precision is DatePrecision.RANGE
        assert parsed.year_bounds() == (1960, 1962)


def test_zeros_mark_unknown_parts_in_uk_dates():
    parsed = parse_fuzzy_date("00/00/1994")
    assert parsed == FuzzyDate(1994, text="00/00/1994")
    assert parse_fuzzy_date("00/05/1994") == FuzzyDate(1994, 5, text="00/05/1994")


def test_day_first_numeric_dates():
    parsed = parse_fuzzy_date("23/11/1953")
    assert parsed is not None and parsed.to_date() == date(1953, 11, 23)


def test_rejects_text_that_is_not_a_date():
    for text in ("", "unknown", "31 Feb 1960", "1960 to 1950", "13/13/1990"):
        assert parse_fuzzy_date(text) is None, text


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2100, 12, 31)))
def test_iso_dates_round_trip(day: date):
    parsed = parse_fuzzy_date(day.isoformat())
    assert parsed is not None and parsed.to_date() == day


@given(st.text(max_size=30))
def test_never_raises_on_arbitrary_text(text: str):
    parse_fuzzy_date(text)


def test_reads_month_first_text_dates_and_numeric_month_year():
    assert parse_fuzzy_date("October 19, 2020") == FuzzyDate(2020, 10, 19, text="October 19, 2020")
    assert parse_fuzzy_date("05/1973") == FuzzyDate(1973, 5, text="05/1973")
