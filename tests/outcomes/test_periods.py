"""Reporting periods are financial quarters, and the current one is judged in London."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outcomes import periods
from outcomes.periods import Quarter, current_period

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2100, 12, 31))


@pytest.mark.parametrize(
    ("day", "start", "end", "label"),
    [
        (dt.date(2026, 4, 1), dt.date(2026, 4, 1), dt.date(2026, 6, 30), "Q1 2026-27"),
        (dt.date(2026, 6, 30), dt.date(2026, 4, 1), dt.date(2026, 6, 30), "Q1 2026-27"),
        (dt.date(2026, 8, 15), dt.date(2026, 7, 1), dt.date(2026, 9, 30), "Q2 2026-27"),
        (dt.date(2026, 12, 31), dt.date(2026, 10, 1), dt.date(2026, 12, 31), "Q3 2026-27"),
        (dt.date(2027, 2, 28), dt.date(2027, 1, 1), dt.date(2027, 3, 31), "Q4 2026-27"),
        (dt.date(2028, 2, 29), dt.date(2028, 1, 1), dt.date(2028, 3, 31), "Q4 2027-28"),
        (dt.date(1999, 5, 1), dt.date(1999, 4, 1), dt.date(1999, 6, 30), "Q1 1999-00"),
    ],
)
def test_a_day_falls_in_its_financial_quarter(day, start, end, label):
    quarter = Quarter.containing(day)

    assert (quarter.start, quarter.end) == (start, end)
    assert quarter.label == label


def test_the_long_label_names_the_months():
    assert Quarter.containing(dt.date(2026, 5, 1)).long_label == "Q1 2026-27 (April to June 2026)"


def test_the_quarter_before_april_is_the_previous_financial_years_fourth():
    q1 = Quarter.containing(dt.date(2026, 4, 1))

    assert q1.previous == Quarter(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert q1.previous.label == "Q4 2025-26"


def test_the_quarter_after_december_is_in_the_next_calendar_year_but_the_same_financial_year():
    q3 = Quarter.containing(dt.date(2026, 10, 1))

    assert q3.next == Quarter(dt.date(2027, 1, 1), dt.date(2027, 3, 31))
    assert q3.next.label == "Q4 2026-27"
    assert q3.next.next.label == "Q1 2027-28"


def test_dates_that_are_not_one_quarter_are_not_a_period():
    assert Quarter.from_dates(dt.date(2026, 4, 1), dt.date(2026, 6, 30)) is not None
    assert Quarter.from_dates(dt.date(2026, 4, 15), dt.date(2026, 7, 14)) is None
    assert Quarter.from_dates(dt.date(2026, 4, 1), dt.date(2026, 9, 30)) is None


def test_the_current_period_is_the_latest_quarter_that_has_ended():
    assert current_period(dt.date(2026, 7, 1)).label == "Q1 2026-27"
    assert current_period(dt.date(2026, 6, 30)).label == "Q4 2025-26"
    assert current_period(dt.date(2027, 1, 1)).label == "Q3 2026-27"


@pytest.mark.parametrize(
    ("utc", "label"),
    [
        # 00:30 on 1 July in London (BST), still 30 June in UTC: the first quarter has ended.
        (dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), "Q1 2026-27"),
        # 23:59 on 30 June in London: the first quarter is still running.
        (dt.datetime(2026, 6, 30, 22, 59, tzinfo=dt.UTC), "Q4 2025-26"),
        # In winter London keeps UTC, so midnight is midnight.
        (dt.datetime(2026, 12, 31, 23, 59, tzinfo=dt.UTC), "Q2 2026-27"),
        (dt.datetime(2027, 1, 1, 0, 0, tzinfo=dt.UTC), "Q3 2026-27"),
    ],
)
def test_the_current_period_turns_over_at_midnight_in_london_not_utc(time_machine, utc, label):
    time_machine.move_to(utc, tick=False)

    assert current_period().label == label


@given(days)
def test_a_quarter_contains_its_day_and_runs_from_the_first_of_a_month(day):
    quarter = Quarter.containing(day)

    assert quarter.start <= day <= quarter.end
    assert quarter.start.day == 1
    assert quarter.start.month in (1, 4, 7, 10)
    assert 90 <= (quarter.end - quarter.start).days + 1 <= 92
    assert Quarter.from_dates(quarter.start, quarter.end) == quarter


@given(days)
def test_consecutive_days_share_a_quarter_or_cross_from_one_to_the_next(day):
    today, tomorrow = Quarter.containing(day), Quarter.containing(day + dt.timedelta(days=1))

    if today != tomorrow:
        assert day == today.end
        assert tomorrow == today.next
        assert tomorrow.start == today.end + dt.timedelta(days=1)


@given(days)
def test_next_and_previous_undo_each_other(day):
    quarter = Quarter.containing(day)

    assert quarter.next.previous == quarter
    assert quarter.previous.next == quarter
    assert quarter.previous < quarter < quarter.next


@given(days)
def test_the_label_names_the_financial_year_the_quarter_falls_in(day):
    quarter = Quarter.containing(day)
    financial_year = day.year if day.month >= 4 else day.year - 1

    assert quarter.label == f"Q{quarter.number} {financial_year}-{(financial_year + 1) % 100:02d}"


@pytest.mark.parametrize("day", [dt.date.min, dt.date.max, dt.date(9999, 10, 1)])
def test_the_first_and_last_quarters_a_date_can_hold_do_not_overflow(day):
    quarter = Quarter.containing(day)

    assert quarter.start <= day <= quarter.end
    assert Quarter.from_dates(quarter.start, quarter.end) == quarter


@pytest.mark.parametrize(
    ("day", "plausible"),
    [
        (dt.date(1990, 1, 1), True),
        (dt.date(2100, 12, 31), True),
        (dt.date(1989, 12, 31), False),
        (dt.date(2101, 1, 1), False),
        (dt.date.max, False),
    ],
)
def test_reporting_periods_are_bounded_to_plausible_years(day, plausible):
    assert periods.is_plausible(day) is plausible


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-07-01", dt.date(2026, 7, 1)),
        (dt.date(2026, 1, 1), dt.date(2026, 1, 1)),
        ("2026-08-01", None),  # inside a quarter, not its first day
        ("9999-10-01", None),  # a quarter, but no plausible one
        ("not a date", None),
        ("²", None),
        (None, None),
    ],
)
def test_a_quarter_is_found_by_its_first_day_only(day, expected):
    quarter = Quarter.starting_on(day)
    assert (quarter.start if quarter else None) == expected
