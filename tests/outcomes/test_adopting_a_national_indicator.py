"""A council's indicator may adopt a national indicator: the unit, and the polarity where the
national definition gives one, are checked to match rather than silently changed."""

import pytest
from django.core.exceptions import ValidationError

from outcomes.models import Indicator, NationalIndicator, Polarity
from tests.factories import make_aim, make_council, make_objective, make_strategy

pytestmark = pytest.mark.django_db


@pytest.fixture
def objective():
    return make_objective(make_aim(make_strategy(make_council())))


@pytest.fixture
def referrals():
    return NationalIndicator.objects.create(
        slug="repeat-referrals",
        name="Repeat referrals (within 12 months)",
        unit_label="%",
        polarity=Polarity.LOWER_BETTER,
    )


def indicator(objective, national, **fields):
    fields.setdefault("polarity", Polarity.LOWER_BETTER)
    return Indicator(
        objective=objective, title="Re-referrals", national_indicator=national, **fields
    )


def test_a_blank_unit_takes_the_national_one(objective, referrals):
    adopted = indicator(objective, referrals, unit_label="")

    adopted.full_clean()

    assert adopted.unit_label == "%"


def test_a_different_unit_is_refused_with_the_national_one_named(objective, referrals):
    adopted = indicator(objective, referrals, unit_label="per 10,000 children")

    with pytest.raises(ValidationError) as caught:
        adopted.full_clean()

    assert "counted in “%”" in caught.value.message_dict["unit_label"][0]


def test_a_different_polarity_is_refused(objective, referrals):
    adopted = indicator(objective, referrals, unit_label="%", polarity=Polarity.HIGHER_BETTER)

    with pytest.raises(ValidationError) as caught:
        adopted.full_clean()

    assert "lower is better" in caught.value.message_dict["polarity"][0]


def test_a_national_indicator_with_no_judgement_yet_leaves_the_councils_polarity(objective):
    national = NationalIndicator.objects.create(slug="cin", name="Children in need", unit_label="")

    indicator(objective, national, polarity=Polarity.HIGHER_BETTER).full_clean()


def test_many_councils_objectives_adopt_the_same_one(referrals):
    for _ in range(2):
        objective = make_objective(make_aim(make_strategy(make_council())))
        adopted = indicator(objective, referrals, unit_label="%")
        adopted.full_clean()
        adopted.save()

    assert referrals.adoptions.count() == 2
