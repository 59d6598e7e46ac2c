"""A council's page shows its Ofsted history as a timeline, its latest judgement beside each
strategy, and its statistical neighbours with theirs."""

import datetime as dt
import re

import pytest

from councils.models import Inspection, StatisticalNeighbour
from tests.factories import make_council, make_strategy

pytestmark = pytest.mark.django_db


def text(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def inspect(council, published_on, grade, **fields):
    return Inspection.objects.create(
        council=council, published_on=published_on, overall_effectiveness=grade, **fields
    )


def test_the_history_reads_newest_first_with_visit_dates_sub_judgements_and_report(
    client, council_a
):
    inspect(council_a, dt.date(2019, 3, 1), "requires_improvement")
    inspect(
        council_a,
        dt.date(2024, 7, 12),
        "outstanding",
        visit_start=dt.date(2024, 4, 29),
        visit_end=dt.date(2024, 5, 3),
        inspection_type="short",
        leaders="outstanding",
        help_and_protection="good",
        care_leavers="outstanding",
        url="https://files.ofsted.gov.uk/v1/file/50252260",
        source="Ofsted, local authority inspection outcomes (official statistics)",
    )

    page = text(client.get(council_a.get_absolute_url()))

    assert page.index("12 July 2024") < page.index("1 March 2019")
    assert "12 July 2024: ILACS short inspection" in page
    assert "Inspectors visited from 29 April 2024 to 3 May 2024" in page
    assert "Children who need help and protection Good" in page
    assert "Care leavers Outstanding" in page
    assert "Read the report published 12 July 2024" in page
    assert "Source: Ofsted, local authority inspection outcomes (official statistics)" in page
    assert "Latest overall judgement: Outstanding" in page


def test_an_inspection_without_an_overall_grade_says_so(client, council_a):
    inspect(council_a, dt.date(2024, 1, 10), "good")
    inspect(council_a, dt.date(2026, 6, 1), "")

    page = text(client.get(council_a.get_absolute_url()))

    assert "Overall effectiveness: No overall grade Ofsted no longer gives an overall grade" in page
    # The latest judgement is the latest that has one.
    assert "Latest overall judgement: Good" in page


def test_the_latest_judgement_sits_beside_each_strategy(client, council_a):
    inspect(council_a, dt.date(2022, 5, 1), "inadequate")
    inspect(council_a, dt.date(2024, 5, 1), "good")
    strategy = make_strategy(council_a, status="published")

    council_page = text(client.get(council_a.get_absolute_url()))
    strategy_page = text(client.get(strategy.get_absolute_url()))
    list_page = text(client.get("/strategies/"))

    assert "Wyvern Vale's latest Ofsted judgement: Good (May 2024)" in council_page
    assert "Wyvern Vale's latest Ofsted judgement: Good (May 2024)" in list_page
    assert "Latest Ofsted judgement Good children's services, published 1 May 2024" in strategy_page


def test_neighbours_are_listed_in_order_with_their_judgement_and_whether_they_publish_here(
    client, council_a
):
    near = make_council("Nearby")
    far = make_council("Farby")
    StatisticalNeighbour.objects.create(council=council_a, neighbour=near, rank=1)
    StatisticalNeighbour.objects.create(council=council_a, neighbour=far, rank=2)
    inspect(near, dt.date(2023, 2, 1), "outstanding")
    make_strategy(far, status="published")
    make_strategy(near, status="draft")

    response = client.get(council_a.get_absolute_url())
    page = text(response)

    assert [(n.neighbour.name, n.has_public_strategy) for n in response.context["neighbours"]] == [
        ("Nearby", False),
        ("Farby", True),
    ]
    assert "Nearby Outstanding February 2023 Not yet" in page
    assert "Farby None recorded Yes" in page


def test_a_council_without_neighbours_says_so(client, council_a):
    page = text(client.get(council_a.get_absolute_url()))

    assert "No statistical neighbours have been recorded for Wyvern Vale." in page
