import datetime as dt

import pytest

from councils.models import CouncilKind, Inspection
from strategies.models import StrategyCouncil, StrategyPartner
from tests.factories import make_council, make_partner, make_strategy


def test_councils_list_only_councils_with_public_strategies(client, council_a, council_b):
    make_strategy(council_a, status="published")
    make_strategy(council_b, status="draft")
    response = client.get("/councils/")
    assert response.status_code == 200
    assert list(response.context["councils"]) == [council_a]
    assert "Brackenfield" not in response.content.decode()


def test_a_co_owning_council_is_listed(client, council_a, council_b):
    strategy = make_strategy(council_a, status="published")
    StrategyCouncil.objects.create(strategy=strategy, council=council_b)
    councils = client.get("/councils/").context["councils"]
    assert {c.name: c.public_count for c in councils} == {"Wyvern Vale": 1, "Brackenfield": 1}


def test_each_council_counts_the_public_strategies_it_leads_or_co_owns_once(
    client, council_a, council_b
):
    led = make_strategy(council_a, status="published")
    make_strategy(council_a, status="archived")
    make_strategy(council_a, status="draft")
    StrategyCouncil.objects.create(strategy=led, council=council_b)
    hidden = make_strategy(council_b, status="approved")
    StrategyCouncil.objects.create(strategy=hidden, council=council_a)
    # A lead listed again as a co-owner still counts its strategy once.
    StrategyCouncil.objects.create(strategy=led, council=council_a)
    councils = client.get("/councils/").context["councils"]
    assert {c.name: c.public_count for c in councils} == {"Wyvern Vale": 2, "Brackenfield": 1}


def test_the_councils_list_counts_in_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries
):
    for number in range(12):
        council = make_council(f"Council {number}")
        make_strategy(council, status="published")
    with django_assert_max_num_queries(6):
        assert client.get("/councils/").status_code == 200


def test_councils_filter_by_region_and_kind(client, db):
    north = make_council("Northby", region="North East", kind=CouncilKind.COUNTY)
    south = make_council("Southby", region="South East", kind=CouncilKind.UNITARY)
    for council in (north, south):
        make_strategy(council, status="published")

    def names(**params):
        response = client.get("/councils/", params)
        assert response.status_code == 200
        return [c.name for c in response.context["councils"]]

    assert names() == ["Northby", "Southby"]
    assert names(region="North East") == ["Northby"]
    assert names(kind="unitary") == ["Southby"]
    assert names(region="North East", kind="unitary") == []


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"region": "Atlantis"}, "Choose a region from the list."),
        ({"kind": "parish"}, "Choose a kind of council from the list."),
    ],
)
def test_a_bad_council_filter_is_explained(client, council_a, params, message):
    make_strategy(council_a, status="published")
    response = client.get("/councils/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_council_page_shows_public_strategies_inspections_and_partners(client, council_a):
    make_strategy(council_a, status="published", title="Our published plan")
    draft = make_strategy(council_a, status="draft", title="Our secret draft")
    public_partner = make_partner(council_a, "Wyvern Police")
    draft_partner = make_partner(council_a, "Hidden Trust")
    StrategyPartner.objects.create(
        strategy=council_a.strategies.get(title="Our published plan"), partner=public_partner
    )
    StrategyPartner.objects.create(strategy=draft, partner=draft_partner)
    Inspection.objects.create(
        council=council_a,
        published_on=dt.date(2016, 5, 1),
        overall_effectiveness="requires_improvement",
    )
    Inspection.objects.create(
        council=council_a, published_on=dt.date(2022, 6, 1), overall_effectiveness="outstanding"
    )
    response = client.get(council_a.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Our published plan" in html
    assert "Our secret draft" not in html
    assert "Wyvern Police" in html
    assert "Hidden Trust" not in html
    assert html.index(">Outstanding<") < html.index(">Requires improvement to be good<")
    assert "govuk-tag--green" in html


def test_an_unknown_council_is_not_found(client, db):
    assert client.get("/councils/nowhere/").status_code == 404
