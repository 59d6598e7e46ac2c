"""A strategy's open data carries its council's Ofsted history and statistical neighbours, and the
themes its aims and objectives are mapped to."""

import datetime as dt

import pytest

from councils.models import Inspection, StatisticalNeighbour
from outcomes.models import Theme
from tests.factories import make_aim, make_objective, make_strategy

pytestmark = pytest.mark.django_db


def test_the_json_holds_the_inspections_neighbours_and_themes(client, council_a, council_b):
    strategy = make_strategy(council_a, status="published")
    aim = make_aim(strategy, title="Keep safe")
    objective = make_objective(aim)
    keep_safe = Theme.objects.create(
        slug="keep-safe", title="Keep safe", framework="children_and_young_people"
    )
    aim.themes.add(keep_safe)
    Inspection.objects.create(
        council=council_a, published_on=dt.date(2026, 6, 1), overall_effectiveness=""
    )
    StatisticalNeighbour.objects.create(council=council_a, neighbour=council_b, rank=1)

    data = client.get(strategy.get_absolute_url() + "data.json").json()

    (inspection,) = data["council"]["inspections"]
    assert inspection["published_on"] == "2026-06-01"
    assert inspection["overall_effectiveness"] is None
    assert inspection["care_leavers"] is None
    assert [n["name"] for n in data["council"]["statistical_neighbours"]] == ["Brackenfield"]
    assert data["aims"][0]["themes"] == ["keep-safe"]
    assert data["aims"][0]["objectives"][0]["themes"] == []
    assert objective.pk == data["aims"][0]["objectives"][0]["id"]
