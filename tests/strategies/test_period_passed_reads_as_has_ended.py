"""A list orders and filters by whether a strategy has ended in SQL (with_period_passed); its page
and feeds ask the strategy itself (has_ended). The two say the same for every kind of period on
either side of 31 March."""

import datetime as dt

import pytest

from strategies.models import Strategy, StrategyStatus
from tests.factories import make_strategy

pytestmark = pytest.mark.django_db

PERIODS = {
    "a normal plan": (2021, 2024),
    "a one-year plan": (2025, 2025),
    "a two-year plan": (2024, 2025),
    "one running until replaced": (2020, None),
}


def _agree(strategy, today):
    annotated = Strategy.objects.with_period_passed(today).get(pk=strategy.pk)
    return annotated.period_passed, strategy.has_ended(today)


@pytest.mark.parametrize(
    ("period", "day", "ended"),
    [
        ("a normal plan", dt.date(2024, 3, 31), False),
        ("a normal plan", dt.date(2024, 4, 1), True),
        ("a one-year plan", dt.date(2026, 3, 31), False),
        ("a one-year plan", dt.date(2026, 4, 1), True),
        ("a two-year plan", dt.date(2025, 3, 31), False),
        ("a two-year plan", dt.date(2025, 4, 1), True),
        ("one running until replaced", dt.date(2020, 3, 31), False),
        ("one running until replaced", dt.date(2040, 4, 1), False),
    ],
)
def test_the_sql_and_the_strategy_agree_on_either_side_of_its_last_31_march(
    council_a, period, day, ended
):
    start_year, end_year = PERIODS[period]
    strategy = make_strategy(
        council_a, status="published", start_year=start_year, end_year=end_year
    )
    assert _agree(strategy, day) == (ended, ended)


def test_they_agree_for_every_status_and_period_through_the_years(council_a):
    strategies = [
        make_strategy(council_a, status=status, start_year=start_year, end_year=end_year)
        for status in StrategyStatus.values
        for start_year, end_year in PERIODS.values()
    ]
    days = [
        dt.date(year, month, day)
        for year in range(2023, 2028)
        for month, day in ((1, 1), (3, 31), (4, 1), (12, 31))
    ]
    for day in days:
        annotated = dict(
            Strategy.objects.with_period_passed(day).values_list("pk", "period_passed")
        )
        for strategy in strategies:
            assert annotated[strategy.pk] is strategy.has_ended(day), (strategy, day)
