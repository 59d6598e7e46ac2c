"""A strategy's open data carries its council's Ofsted history and statistical neighbours, and the
themes its aims and objectives are mapped to."""

import datetime as dt

import pytest

from councils.models import Inspection, StatisticalNeighbour
from outcomes.models import NationalFigure, NationalIndicator, Theme
from tests.factories import make_aim, make_indicator, make_objective, make_strategy

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


def test_an_adopted_national_indicator_and_its_comparison_figures_are_in_the_json_and_csv(
    client, council_a, council_b
):
    strategy = make_strategy(council_a, status="published")
    national = NationalIndicator.objects.create(
        slug="repeat-referrals",
        name="Repeat referrals (within 12 months)",
        unit_label="%",
        polarity="lower_better",
        framework_metric="cin_referrals.Re_referrals_percent",
    )
    make_indicator(
        make_objective(make_aim(strategy)),
        title="Re-referrals",
        polarity="lower_better",
        national_indicator=national,
    )
    StatisticalNeighbour.objects.create(council=council_a, neighbour=council_b, rank=1)
    for area, value in ((None, "21.5"), (council_b, "19.0"), (council_a, "23.1")):
        NationalFigure.objects.create(
            national_indicator=national,
            council=area,
            period_end=dt.date(2025, 3, 31),
            value=value,
            source="DfE, Children in need",
            demonstration=True,
        )
    # Another national indicator's figure for the neighbour is not this one's.
    other = NationalIndicator.objects.create(slug="other", name="Other")
    NationalFigure.objects.create(
        national_indicator=other,
        council=council_b,
        period_end=dt.date(2025, 3, 31),
        value=1,
        source="Elsewhere",
    )

    data = client.get(strategy.get_absolute_url() + "data.json").json()

    (indicator,) = data["aims"][0]["objectives"][0]["indicators"]
    assert indicator["national_indicator"]["slug"] == "repeat-referrals"
    assert (
        indicator["national_indicator"]["framework_metric"] == "cin_referrals.Re_referrals_percent"
    )
    assert [(f["area"], f["area_code"], f["value"]) for f in indicator["comparison_figures"]] == [
        ("England", "E92000001", 21.5),
        (council_a.name, council_a.gss_code, 23.1),
        (council_b.name, council_b.gss_code, 19.0),
    ]
    assert all(f["demonstration"] for f in indicator["comparison_figures"])

    rows = client.get(strategy.get_absolute_url() + "data.csv").content.decode("utf-8-sig")
    indicator_row = next(line for line in rows.splitlines() if line.startswith("indicator,"))
    assert "repeat-referrals" in indicator_row
    comparison = [line for line in rows.splitlines() if line.startswith("comparison_figure,")]
    assert len(comparison) == 3
    assert "England" in comparison[0]
    assert "E92000001" in comparison[0]
