"""Dates as lists publish them: exact, month, year, circa, or between two years.

A birth date known only to the year must still compare with a customer's exact date, so a
FuzzyDate keeps its precision instead of inventing a day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}


class DatePrecision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    RANGE = "range"  # between two years


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    year: int
    month: int | None = None
    day: int | None = None
    circa: bool = False
    to_year: int | None = None  # set for "between YEAR and TO_YEAR"
    text: str | None = None  # the list's own wording, kept for display and audit

    @property
    def precision(self) -> DatePrecision:
        if self.to_year is not None:
            return DatePrecision.RANGE
        if self.day is not None:
            return DatePrecision.DAY
        if self.month is not None:
            return DatePrecision.MONTH
        return DatePrecision.YEAR

    @property
    def iso(self) -> str:
        """FollowTheMoney's prefix form: `1962`, `1962-05`, `1962-05-03`."""
        if self.to_year is not None or self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def year_bounds(self) -> tuple[int, int]:
        """The years this date may stand for; circa widens by one year each way."""
        low, high = self.year, self.to_year if self.to_year is not None else self.year
        if self.circa:
            return low - 1, high + 1
        return low, high

    def to_date(self) -> date | None:
        if self.precision is DatePrecision.DAY and self.month and self.day:
            return date(self.year, self.month, self.day)
        return None

    def __str__(self) -> str:
        if self.text:
            return self.text
        prefix = "circa " if self.circa else ""
        if self.to_year is not None:
            return f"{prefix}{self.year} to {self.to_year}"
        return prefix + self.iso


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
_DMY_TEXT = re.compile(r"^(?:(\d{1,2})\s+)?([A-Za-z]{3,9})\.?\s+(\d{4})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_NUMERIC_MY = re.compile(r"^(\d{1,2})[/.-](\d{4})$")
_MDY_TEXT = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})$")
_RANGE = re.compile(r"^(\d{4})\s*(?:to|-|–|and)\s*(\d{4})$")
_CIRCA = re.compile(r"^(?:circa|approximately|approx\.?|ca\.?|c\.|about)\s+", re.IGNORECASE)


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if not 1000 <= year <= 2100:
        return False
    if month is not None and not 1 <= month <= 12:
        return False
    if day is not None:
        if month is None:
            return False
        try:
            date(year, month, day)
        except ValueError:
            return False
    return True


def parse_fuzzy_date(text: str) -> FuzzyDate | None:
    """Read the date forms found in official lists, or None when the text is not a date.

    Handles `23 Nov 1953`, `Nov 1953`, `October 19, 2020`, `05/1973`, `1953`, `circa 1960`,
    `1960 to 1962`, `between 1960 and 1962`, ISO `1953-11-23` / `1953-11`, and day-first numeric
    `23/11/1953` (UK, EU) where zeros mark unknown parts (`00/00/1994`).
    """
    raw = " ".join(text.strip().rstrip(".;,").split())
    if not raw:
        return None
    circa = False
    body = raw
    match = _CIRCA.match(body)
    if match:
        circa = True
        body = body[match.end() :]
    if body.lower().startswith("between "):
        body = body[8:]
    found: FuzzyDate | None = None
    if m := _RANGE.match(body):
        low, high = int(m.group(1)), int(m.group(2))
        if _valid(low, None, None) and _valid(high, None, None) and low <= high:
            found = FuzzyDate(low, circa=circa, to_year=high if high != low else None)
    elif m := _DMY_TEXT.match(body):
        month = _MONTHS.get(m.group(2).lower())
        day = int(m.group(1)) if m.group(1) else None
        year = int(m.group(3))
        if month is not None and _valid(year, month, day):
            found = FuzzyDate(year, month, day, circa=circa)
    elif m := _MDY_TEXT.match(body):
        month = _MONTHS.get(m.group(1).lower())
        year, day = int(m.group(3)), int(m.group(2))
        if month is not None and _valid(year, month, day):
            found = FuzzyDate(year, month, day, circa=circa)
    elif m := _NUMERIC_MY.match(body):
        month_v, year = int(m.group(1)) or None, int(m.group(2))
        if _valid(year, month_v, None):
            found = FuzzyDate(year, month_v, circa=circa)
    elif m := _NUMERIC_DMY.match(body):
        day_n, month_n, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        month_v = month_n or None
        day_v = day_n or None if month_v else None
        if _valid(year, month_v, day_v):
            found = FuzzyDate(year, month_v, day_v, circa=circa)
    elif (m := _ISO.match(body)) and (len(body) == m.end() or body[m.end()] in "T "):
        year = int(m.group(1))
        month_v = int(m.group(2)) if m.group(2) else None
        day_v = int(m.group(3)) if m.group(3) else None
        month_v = month_v or None
        day_v = day_v or None if month_v else None
        if _valid(year, month_v, day_v):
            found = FuzzyDate(year, month_v, day_v, circa=circa)
    if found is None:
        return None
    if raw != found.iso:
        return FuzzyDate(found.year, found.month, found.day, found.circa, found.to_year, raw)
    return found


def parse_exact_date(text: str) -> date | None:
    """A calendar date (listing dates, effective dates), or None when it is not a full date."""
    parsed = parse_fuzzy_date(text)
    return parsed.to_date() if parsed else None
