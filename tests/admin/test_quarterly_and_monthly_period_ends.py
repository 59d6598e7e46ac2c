"""A quarterly or monthly figure is dated on the last day of its quarter or month: a date in the
middle (usually the publication date, or the period's start) is refused with the date it should
be, and nothing is saved."""

import datetime as dt

import pytest

from outcomes.models import Frequency, Measurement, YearType
from outcomes.models.indicators import period_end_message
from tests.factories import make_aim, make_indicator, make_objective, make_strategy

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def _post_figure(client, indicator, period_end):
    data = change_form_data(client.get(admin_url(indicator)))
    data.update(
        {
            "measurements-TOTAL_FORMS": "1",
            "measurements-0-period_end": period_end,
            "measurements-0-value": "12",
            "measurements-0-status": "final",
        }
    )
    return client.post(admin_url(indicator), data)


@pytest.mark.parametrize(
    ("frequency", "year_type", "wrong", "right"),
    [
        (Frequency.QUARTERLY, YearType.FINANCIAL, "15/09/2025", "such as 30 September 2025"),
        (Frequency.QUARTERLY, YearType.FINANCIAL, "31/08/2025", "such as 30 September 2025"),
        (Frequency.QUARTERLY, YearType.CALENDAR, "01/01/2026", "such as 31 March 2026"),
        (Frequency.QUARTERLY, YearType.ACADEMIC, "30/09/2025", "such as 30 November 2025"),
        (Frequency.MONTHLY, YearType.FINANCIAL, "01/02/2024", "such as 29 February 2024"),
    ],
)
def test_a_figure_dated_off_its_period_end_is_refused_with_the_right_date(
    client, council_a, editor_a, frequency, year_type, wrong, right
):
    objective = make_objective(make_aim(make_strategy(council_a)))
    indicator = make_indicator(objective, frequency=frequency, year_type=year_type)
    client.force_login(editor_a)

    response = _post_figure(client, indicator, wrong)

    assert response.status_code == 200
    assert right in response.content.decode()
    assert not Measurement.objects.exists()


@pytest.mark.parametrize(
    ("frequency", "year_type", "day"),
    [
        (Frequency.QUARTERLY, YearType.FINANCIAL, "31/12/2025"),
        (Frequency.QUARTERLY, YearType.CALENDAR, "31/03/2026"),
        (Frequency.QUARTERLY, YearType.ACADEMIC, "31/08/2025"),
        (Frequency.MONTHLY, YearType.FINANCIAL, "29/02/2024"),
        (Frequency.MONTHLY, YearType.ACADEMIC, "30/04/2026"),
    ],
)
def test_a_figure_on_its_period_end_is_accepted(
    client, council_a, editor_a, frequency, year_type, day
):
    objective = make_objective(make_aim(make_strategy(council_a)))
    indicator = make_indicator(objective, frequency=frequency, year_type=year_type)
    client.force_login(editor_a)

    response = _post_figure(client, indicator, day)

    assert response.status_code == 302
    assert Measurement.objects.get().period_end == dt.datetime.strptime(day, "%d/%m/%Y").date()


def test_each_kind_of_year_has_four_quarter_ends_one_of_them_its_year_end():
    year_ends = {
        YearType.FINANCIAL: dt.date(2025, 3, 31),
        YearType.ACADEMIC: dt.date(2025, 8, 31),
        YearType.CALENDAR: dt.date(2025, 12, 31),
    }
    for year_type, year_end in year_ends.items():
        days = (dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(365))
        ends = [day for day in days if not period_end_message(Frequency.QUARTERLY, year_type, day)]
        assert len(ends) == 4
        assert year_end in ends


@pytest.mark.parametrize(
    "day", [dt.date.min, dt.date(9999, 10, 1), dt.date(9999, 12, 15), dt.date.max]
)
def test_the_first_and_last_dates_there_are_get_a_message_not_an_error(day):
    for frequency in Frequency:
        for year_type in YearType:
            assert isinstance(period_end_message(frequency, year_type, day), str)
