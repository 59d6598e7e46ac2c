"""Reporting periods: financial quarters (Q1 is April to June), computed, never stored as state."""

import datetime as dt
from dataclasses import dataclass

# Written in councils so that strategies, which may not import outcomes, reads the same today and
# the same years; the outcomes app and the pages above it keep reading them here.
from councils.dates import FIRST_YEAR, LAST_YEAR, today_in_london

QUARTER_START_MONTHS = (4, 7, 10, 1)


@dataclass(frozen=True, order=True)
class Quarter:
    start: dt.date
    end: dt.date

    @classmethod
    def containing(cls, day: dt.date) -> "Quarter":
        first_month = ((day.month - 1) // 3) * 3 + 1
        start = dt.date(day.year, first_month, 1)
        return cls(start=start, end=_end_of_quarter(start))

    @classmethod
    def from_dates(cls, start: dt.date, end: dt.date) -> "Quarter | None":
        """The quarter exactly spanning these dates, or None if they are not one quarter (or
        not yet known, as on a form being corrected)."""
        if not isinstance(start, dt.date) or not isinstance(end, dt.date):
            return None
        quarter = cls.containing(start)
        return quarter if quarter.start == start and quarter.end == end else None

    @classmethod
    def starting_on(cls, day) -> "Quarter | None":
        """The quarter that starts on `day` (a date, or its ISO text from a form or an address),
        or None when no plausible quarter does."""
        if isinstance(day, str):
            try:
                day = dt.date.fromisoformat(day)
            except ValueError:
                return None
        if not isinstance(day, dt.date) or not is_plausible(day):
            return None
        quarter = cls.containing(day)
        return quarter if quarter.start == day else None

    @property
    def previous(self) -> "Quarter":
        return Quarter.containing(self.start - dt.timedelta(days=1))

    @property
    def next(self) -> "Quarter":
        return Quarter.containing(self.end + dt.timedelta(days=1))

    @property
    def financial_year(self) -> int:
        """The year the financial year starts in: Q4 2025-26 is January to March 2026."""
        return self.start.year if self.start.month >= 4 else self.start.year - 1

    @property
    def number(self) -> int:
        return QUARTER_START_MONTHS.index(self.start.month) + 1

    @property
    def label(self) -> str:
        fy = self.financial_year
        return f"Q{self.number} {fy}-{str(fy + 1)[-2:]}"

    @property
    def long_label(self) -> str:
        return f"{self.label} ({self.start:%B} to {self.end:%B %Y})"

    def __str__(self):
        return self.label


def is_plausible(day: dt.date) -> bool:
    """Whether a reporting period may start or end on this day."""
    return FIRST_YEAR <= day.year <= LAST_YEAR


def _end_of_quarter(start: dt.date) -> dt.date:
    if start.year == dt.MAXYEAR and start.month > 9:
        # The quarter after this one would start in year 10000, which a date cannot hold.
        return dt.date.max
    month = start.month + 3
    year = start.year + (month > 12)
    month = month - 12 if month > 12 else month
    return dt.date(year, month, 1) - dt.timedelta(days=1)


def current_period(today: dt.date | None = None) -> Quarter:
    """The latest quarter that has ended: councils report in arrears."""
    today = today or today_in_london()
    return Quarter.containing(today).previous
