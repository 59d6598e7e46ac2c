"""Entering a strategy's outline: new rows take the next order number, every part's page leads
back to its strategy, and an officer of one council finds it filled in as the lead council."""

import datetime as dt

import pytest

from outcomes.models import Aim
from strategies.models import Strategy
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_objective,
    make_strategy,
    make_update,
)

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def outline(council_a):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan")
    aim = make_aim(strategy, title="Start well", order=1)
    make_aim(strategy, title="Keep safe", order=2)
    objective = make_objective(aim, title="Ready for school")
    indicator = make_indicator(objective, title="Good level of development")
    return {
        "strategy": strategy,
        "aim": aim,
        "objective": objective,
        "indicator": indicator,
        "measurement": make_measurement(indicator, dt.date(2025, 3, 31), 64),
        "progressupdate": make_update(objective=objective),
    }


def test_a_new_aim_is_offered_the_next_order_number(client, editor_a, outline):
    client.force_login(editor_a)

    response = client.get(admin_url(outline["strategy"]))

    aims = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is Aim)
    assert aims.formset.empty_form["order"].value() == 3


def test_several_new_aims_are_numbered_in_turn(client, editor_a, outline):
    strategy = outline["strategy"]
    client.force_login(editor_a)
    response = client.get(admin_url(strategy))
    data = change_form_data(response)
    aims = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is Aim)
    prefix = aims.formset.prefix
    data[f"{prefix}-TOTAL_FORMS"] = "4"
    for index, title in ((2, "Enjoy and achieve"), (3, "Be heard")):
        data[f"{prefix}-{index}-title"] = title
        data[f"{prefix}-{index}-order"] = "3"  # as "Add another" offers it
        data[f"{prefix}-{index}-strategy"] = strategy.pk

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 302
    assert list(strategy.aims.order_by("order").values_list("title", "order")) == [
        ("Start well", 1),
        ("Keep safe", 2),
        ("Enjoy and achieve", 3),
        ("Be heard", 4),
    ]


@pytest.mark.parametrize("part", ["aim", "objective", "indicator", "measurement", "progressupdate"])
def test_a_parts_breadcrumbs_lead_back_to_its_strategy(client, editor_a, outline, part):
    client.force_login(editor_a)

    html = client.get(admin_url(outline[part])).content.decode()

    crumbs = html[html.index('<div class="breadcrumbs">') :]
    crumbs = crumbs[: crumbs.index("</div>")]
    assert f'href="{admin_url(outline["strategy"])}"' in crumbs
    assert "Wyvern Vale children&#x27;s plan" in crumbs


def test_an_officer_of_one_council_finds_it_filled_in(client, editor_a, council_a):
    client.force_login(editor_a)

    response = client.get(admin_url(Strategy, "add"))

    assert response.context["adminform"].form["lead_council"].value() == council_a.pk


def test_an_officer_of_two_councils_chooses(client, editor_a, council_b):
    from tests.factories import make_membership

    make_membership(editor_a, council_b)
    client.force_login(editor_a)

    response = client.get(admin_url(Strategy, "add"))

    assert response.context["adminform"].form["lead_council"].value() is None
