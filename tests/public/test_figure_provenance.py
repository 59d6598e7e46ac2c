"""Every figure says where it comes from, for which period, when it was last updated and when the
next is due; a figure past its due date is marked out of date, counted from today in London."""

import datetime as dt
import re

import pytest
import time_machine

from outcomes.models import Measurement
from outcomes.provenance import Provenance, add_months, period_label
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_objective,
    make_strategy,
)


@pytest.fixture
def indicator(council_a):
    strategy = make_strategy(council_a, status="published")
    indicator = make_indicator(
        make_objective(make_aim(strategy)),
        title="Children with a good level of development",
        frequency="quarterly",
        source="Early years foundation stage profile, DfE",
        source_url="https://explore-education-statistics.service.gov.uk/",
    )
    make_measurement(indicator, dt.date(2026, 3, 31), "64")
    make_measurement(indicator, dt.date(2026, 6, 30), "65")
    return indicator


def _page(client, indicator, today):
    strategy = indicator.objective.aim.strategy
    with time_machine.travel(today, tick=False):
        return client.get(f"{strategy.get_absolute_url()}indicators/{indicator.pk}/")


def test_a_quarter_is_due_one_quarter_after_it_ends_plus_a_quarter_to_publish():
    assert add_months(dt.date(2026, 6, 30), 3) == dt.date(2026, 9, 30)
    assert add_months(dt.date(2026, 9, 30), 3) == dt.date(2026, 12, 31)
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)


def test_periods_are_named_by_frequency_and_year_type():
    assert period_label(dt.date(2026, 6, 30), "quarterly", "financial") == (
        "Quarter to 30 June 2026"
    )
    assert period_label(dt.date(2026, 5, 31), "monthly", "financial") == "Month to 31 May 2026"
    assert period_label(dt.date(2026, 3, 31), "annual", "financial") == (
        "Financial year 2025-26 (to 31 March 2026)"
    )
    assert period_label(dt.date(2025, 8, 31), "annual", "academic") == (
        "Academic year 2024/25 (to 31 August 2025)"
    )
    assert period_label(dt.date(2025, 12, 31), "annual", "calendar") == "Year to 31 December 2025"


def test_the_indicator_page_says_where_when_and_what_next(client, indicator):
    html = _page(client, indicator, dt.date(2026, 10, 1)).content.decode()
    assert "Quarter to 30 June 2026" in html
    assert 'href="https://explore-education-statistics.service.gov.uk/"' in html
    assert "Early years foundation stage profile, DfE" in html
    latest = indicator.measurements.get(period_end=dt.date(2026, 6, 30))
    assert re.search(rf"Last updated</dt>\s*<dd[^>]*>{latest.recorded_at:%-d %B %Y}<", html)
    assert "By 31 December 2026, for the period ending 30 September 2026" in html
    assert "Out of date" not in html


def test_a_revised_earlier_figure_counts_as_the_last_update(client, indicator):
    earlier = indicator.measurements.order_by("period_end").first()
    Measurement.objects.filter(pk=earlier.pk).update(
        recorded_at=dt.datetime(2027, 1, 5, 10, tzinfo=dt.UTC)
    )
    html = _page(client, indicator, dt.date(2027, 1, 6)).content.decode()
    assert re.search(r"Last updated</dt>\s*<dd[^>]*>5 January 2027<", html)


def test_a_figure_on_its_due_date_is_not_yet_out_of_date(client, indicator):
    html = _page(client, indicator, dt.date(2026, 12, 31)).content.decode()
    assert "Out of date" not in html


def test_a_figure_past_its_due_date_is_marked_out_of_date_since_the_day_after(client, indicator):
    html = _page(client, indicator, dt.date(2027, 1, 1)).content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Out of date</strong>' in html
    assert "since 1 January 2027: the next figure was due by 31 December 2026" in html


def test_the_objective_page_marks_out_of_date_figures_too(client, indicator):
    with time_machine.travel(dt.date(2027, 6, 1), tick=False):
        html = client.get(indicator.objective.get_absolute_url()).content.decode()
    assert "Out of date" in html
    assert "Quarter to 30 June 2026" in html


def test_an_annual_academic_figure_is_due_a_year_and_six_months_after_its_period(indicator):
    indicator.frequency = "annual"
    indicator.year_type = "academic"
    indicator.save()
    indicator.measurements.all().delete()
    make_measurement(indicator, dt.date(2025, 8, 31), "70")
    provenance = Provenance.of(indicator, today=dt.date(2027, 3, 1))
    assert provenance.period == "Academic year 2024/25 (to 31 August 2025)"
    assert provenance.next_period_end == dt.date(2026, 8, 31)
    assert provenance.due_on == dt.date(2027, 2, 28)
    assert provenance.is_out_of_date
    assert provenance.out_of_date_since == dt.date(2027, 3, 1)


def test_a_suppressed_latest_figure_still_counts_as_published_for_its_period(indicator):
    make_measurement(indicator, dt.date(2026, 9, 30), None, status="suppressed")
    provenance = Provenance.of(indicator, today=dt.date(2027, 1, 1))
    assert provenance.period == "Quarter to 30 September 2026"
    assert not provenance.is_out_of_date


def test_an_indicator_without_a_source_says_the_council_has_not_stated_one(client, council_a):
    strategy = make_strategy(council_a, status="published")
    indicator = make_indicator(make_objective(make_aim(strategy)))
    make_measurement(indicator, dt.date(2026, 6, 30), "1")
    html = _page(client, indicator, dt.date(2026, 7, 1)).content.decode()
    assert "Not stated by the council" in html


def test_the_data_page_states_the_due_date_rule(client, db):
    html = client.get("/data/").content.decode()
    assert 'id="due-dates"' in html
    assert "one period after the latest period ends" in html
