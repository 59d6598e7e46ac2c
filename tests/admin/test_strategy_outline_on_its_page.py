"""A strategy's admin page shows its whole outline: aims with their objectives, each
objective's lead and description, and programmes with their milestones, in a fixed number of
queries however large the strategy."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.admin.outline import strategy_outline
from strategies.models import Milestone
from tests.factories import make_aim, make_objective, make_programme, make_strategy

pytestmark = pytest.mark.django_db


def _fill(strategy, aims):
    for a in range(aims):
        aim = make_aim(strategy, title=f"Aim number {a}", order=a)
        for o in range(3):
            make_objective(
                aim,
                title=f"Objective {a}.{o}",
                lead=f"Head of service {a}.{o}",
                description=f"Why objective {a}.{o} matters.",
                order=o,
            )
        programme = make_programme(strategy, title=f"Programme {a}")
        Milestone.objects.create(
            programme=programme, title=f"Milestone {a}", due_on=dt.date(2026, 3, 31)
        )


def test_the_strategy_page_shows_aims_objectives_leads_descriptions_and_milestones(
    client, council_a, editor_a
):
    strategy = make_strategy(council_a)
    _fill(strategy, 2)
    client.force_login(editor_a)

    html = client.get(reverse("admin:strategies_strategy_change", args=[strategy.pk])).content
    html = html.decode()

    outline = html.split('class="strategy-outline"')[1]
    for text in (
        "Aim: Aim number 0",
        "Objective 1.2",
        "Lead: Head of service 1.2",
        "Why objective 1.2 matters.",
        "Programme: Programme 1",
        "Milestone 1 (due 31 March 2026)",
    ):
        assert text in outline
    assert outline.index("Objective 0.0") < outline.index("Objective 0.2")
    assert outline.index("Objective 0.2") < outline.index("Aim: Aim number 1")


@pytest.mark.parametrize("aims", [1, 8])
def test_the_outline_takes_the_same_queries_however_large(
    council_a, aims, django_assert_max_num_queries
):
    strategy = make_strategy(council_a)
    _fill(strategy, aims)
    with django_assert_max_num_queries(4):
        strategy_outline(strategy)
