"""The database refuses progress and measurements that break the rules, whatever wrote them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from outcomes.models import Measurement, MeasurementStatus, ProgressUpdate, Rating
from outcomes.periods import Quarter
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)

pytestmark = pytest.mark.django_db

Q1 = Quarter.containing(dt.date(2026, 4, 1))


@pytest.fixture
def strategy(council_a):
    return make_strategy(council_a)


@pytest.fixture
def objective(strategy):
    return make_objective(make_aim(strategy))


@pytest.fixture
def programme(strategy):
    return make_programme(strategy)


@pytest.fixture
def indicator(objective):
    return make_indicator(objective)


def update(**fields):
    """An unsaved update for Q1 2026-27 with sensible defaults."""
    fields.setdefault("period_start", Q1.start)
    fields.setdefault("period_end", Q1.end)
    fields.setdefault("rating", Rating.ON_TRACK)
    fields.setdefault("commentary", "Work went to plan this quarter.")
    return ProgressUpdate(**fields)


def refused_by_database(instance):
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


def test_an_update_for_an_objective_or_a_programme_is_accepted(objective, programme):
    update(objective=objective).save()
    update(programme=programme).save()

    assert ProgressUpdate.objects.count() == 2


def test_an_update_for_both_an_objective_and_a_programme_is_refused(objective, programme):
    both = update(objective=objective, programme=programme)

    refused_by_database(both)
    with pytest.raises(ValidationError) as raised:
        both.full_clean()
    assert "objective" in raised.value.message_dict


def test_an_update_for_neither_an_objective_nor_a_programme_is_refused():
    neither = update()

    refused_by_database(neither)
    with pytest.raises(ValidationError) as raised:
        neither.full_clean()
    assert "objective" in raised.value.message_dict


@pytest.mark.parametrize("rating", [Rating.AT_RISK, Rating.OFF_TRACK])
def test_an_exception_without_next_steps_is_refused(objective, rating):
    without = update(objective=objective, rating=rating, next_steps="")

    refused_by_database(without)
    with pytest.raises(ValidationError) as raised:
        without.full_clean()
    assert raised.value.message_dict["next_steps"] == [
        "Say what will be done, since this is at risk or off track."
    ]


def test_an_exception_with_next_steps_is_accepted(objective):
    at_risk = update(objective=objective, rating=Rating.AT_RISK, next_steps="Recruit two staff.")

    at_risk.full_clean()
    at_risk.save()


def test_next_steps_of_only_spaces_do_not_count(objective):
    with pytest.raises(ValidationError) as raised:
        update(objective=objective, rating=Rating.AT_RISK, next_steps="   ").full_clean()

    assert "next_steps" in raised.value.message_dict


def test_an_update_without_commentary_is_refused(objective):
    refused_by_database(update(objective=objective, commentary=""))


def test_an_update_not_aligned_to_a_financial_quarter_fails_validation(objective):
    misaligned = update(
        objective=objective, period_start=dt.date(2026, 4, 15), period_end=dt.date(2026, 7, 14)
    )

    with pytest.raises(ValidationError) as raised:
        misaligned.full_clean()

    assert raised.value.message_dict["period_start"] == [
        "Progress is reported by financial quarter: April to June, July to September, "
        "October to December or January to March."
    ]


def test_an_update_ending_before_it_starts_is_refused(objective):
    refused_by_database(update(objective=objective, period_start=Q1.end, period_end=Q1.start))


def test_an_objective_has_one_update_per_period(objective):
    make_update(objective=objective, quarter=Q1)

    refused_by_database(update(objective=objective))
    make_update(objective=objective, quarter=Q1.next)
    assert objective.updates.count() == 2


def test_a_programme_has_one_update_per_period(programme):
    make_update(programme=programme, quarter=Q1)

    refused_by_database(update(programme=programme))


def test_an_objective_and_a_programme_may_each_report_the_same_period(objective, programme):
    make_update(objective=objective, quarter=Q1)
    make_update(programme=programme, quarter=Q1)

    assert ProgressUpdate.objects.filter(period_start=Q1.start).count() == 2


def test_an_update_cannot_be_signed_off_without_a_meeting(objective):
    refused_by_database(update(objective=objective, signed_off_at=timezone.now()))


def test_an_indicator_has_one_measurement_per_date(indicator):
    make_measurement(indicator, dt.date(2026, 6, 30), Decimal("61.5"))

    refused_by_database(
        Measurement(indicator=indicator, period_end=dt.date(2026, 6, 30), value=Decimal("62"))
    )
    make_measurement(indicator, dt.date(2026, 9, 30), Decimal("62"))
    assert indicator.measurements.count() == 2


@pytest.mark.parametrize("status", [MeasurementStatus.SUPPRESSED, MeasurementStatus.NOT_AVAILABLE])
def test_a_suppressed_or_unavailable_figure_has_no_value(indicator, status):
    with_value = Measurement(
        indicator=indicator, period_end=dt.date(2026, 6, 30), value=Decimal("3"), status=status
    )

    refused_by_database(with_value)
    with pytest.raises(ValidationError) as raised:
        with_value.full_clean()
    assert "value" in raised.value.message_dict

    Measurement.objects.create(
        indicator=indicator, period_end=dt.date(2026, 6, 30), value=None, status=status
    )


@pytest.mark.parametrize(
    "status",
    [MeasurementStatus.FINAL, MeasurementStatus.PROVISIONAL, MeasurementStatus.REVISED],
)
def test_any_other_figure_has_a_value(indicator, status):
    without_value = Measurement(
        indicator=indicator, period_end=dt.date(2026, 6, 30), value=None, status=status
    )

    refused_by_database(without_value)
    with pytest.raises(ValidationError) as raised:
        without_value.full_clean()
    assert raised.value.message_dict["value"] == [
        "Enter a value, or set the status to suppressed or not available."
    ]


def test_a_zero_value_is_a_value_not_a_missing_one(indicator):
    zero = make_measurement(indicator, dt.date(2026, 6, 30), Decimal("0"))

    zero.refresh_from_db()
    assert zero.value == Decimal("0")
