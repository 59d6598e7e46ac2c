"""Numbers and dates as people write them: figures to the indicator's decimal places, and an
annual figure's period end checked against the indicator's kind of year."""

import datetime as dt
from decimal import Decimal

import pytest

from outcomes.models import Frequency, Measurement, YearType
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_objective,
    make_strategy,
)

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(council_a):
    objective = make_objective(make_aim(make_strategy(council_a)))
    return make_indicator(
        objective,
        title="Good level of development",
        decimal_places=1,
        frequency=Frequency.ANNUAL,
        year_type=YearType.ACADEMIC,
        baseline_value=Decimal("64.8"),
        baseline_date=dt.date(2024, 8, 31),
    )


def test_figures_show_to_the_indicators_decimal_places(client, editor_a, indicator):
    make_measurement(indicator, dt.date(2025, 8, 31), Decimal("66.2"))
    client.force_login(editor_a)

    html = client.get(admin_url(indicator)).content.decode()

    assert 'value="64.8"' in html
    assert 'value="66.2"' in html
    assert "64.8000" not in html
    assert "66.2000" not in html


def test_a_figure_with_more_places_than_shown_is_never_rounded_away(client, editor_a, indicator):
    make_measurement(indicator, dt.date(2025, 8, 31), Decimal("66.25"))
    client.force_login(editor_a)

    html = client.get(admin_url(indicator)).content.decode()

    assert 'value="66.25"' in html


def test_the_measurement_list_shows_figures_to_the_indicators_places(client, editor_a, indicator):
    make_measurement(indicator, dt.date(2025, 8, 31), Decimal("1234.5"))
    client.force_login(editor_a)

    html = client.get(admin_url(Measurement, "changelist")).content.decode()

    assert "1,234.5" in html
    assert "1234.5000" not in html


@pytest.mark.parametrize(
    ("year_type", "wrong", "right"),
    [
        (YearType.ACADEMIC, dt.date(2025, 7, 31), "31 August 2025"),
        (YearType.FINANCIAL, dt.date(2025, 4, 30), "31 March 2026"),
        (YearType.CALENDAR, dt.date(2025, 11, 30), "31 December 2025"),
    ],
)
def test_an_annual_figure_dated_off_its_year_end_is_refused_with_the_right_date(
    client, editor_a, indicator, year_type, wrong, right
):
    indicator.year_type = year_type
    indicator.save()
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(indicator)))
    data.update(
        {
            "measurements-TOTAL_FORMS": "1",
            "measurements-0-period_end": wrong.strftime("%d/%m/%Y"),
            "measurements-0-value": "66.2",
            "measurements-0-status": "final",
        }
    )

    response = client.post(admin_url(indicator), data)

    assert response.status_code == 200
    assert right in response.content.decode()
    assert not Measurement.objects.exists()


def test_an_annual_figure_on_its_year_end_is_accepted(client, editor_a, indicator):
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(indicator)))
    data.update(
        {
            "measurements-TOTAL_FORMS": "1",
            "measurements-0-period_end": "31/08/2025",
            "measurements-0-value": "66.2",
            "measurements-0-status": "final",
        }
    )

    response = client.post(admin_url(indicator), data)

    assert response.status_code == 302, response.content.decode()[-3000:]
    assert Measurement.objects.get().value == Decimal("66.2")
