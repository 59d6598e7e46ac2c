"""An indicator that adopts a national indicator shows the council's figures charted beside
England's and its statistical neighbours', and says in words where the council stands."""

import datetime as dt
import re
from html import unescape

import pytest

from councils.models import StatisticalNeighbour
from outcomes.models import NationalFigure, NationalIndicator
from tests.factories import (
    make_aim,
    make_council,
    make_indicator,
    make_measurement,
    make_objective,
    make_strategy,
)

pytestmark = pytest.mark.django_db

YEAR_2024, YEAR_2025 = dt.date(2024, 3, 31), dt.date(2025, 3, 31)


@pytest.fixture
def national():
    return NationalIndicator.objects.create(
        slug="children-in-need",
        name="Rate of children in need, per 10,000 children",
        unit_label="per 10,000 children",
        decimal_places=1,
        polarity="lower_better",
        framework_outcome="Outcome 1: Children, young people and families stay together",
    )


@pytest.fixture
def indicator(council_a, national):
    strategy = make_strategy(council_a, status="published")
    indicator = make_indicator(
        make_objective(make_aim(strategy)),
        title="Children in need",
        polarity="lower_better",
        unit_label="per 10,000 children",
        decimal_places=1,
        frequency="annual",
        national_indicator=national,
    )
    make_measurement(indicator, YEAR_2024, "55.0")
    make_measurement(indicator, YEAR_2025, "52.1")
    return indicator


def figure(national, period_end, value, council=None, **fields):
    fields.setdefault("source", "DfE Characteristics of children in need")
    return NationalFigure.objects.create(
        national_indicator=national, council=council, period_end=period_end, value=value, **fields
    )


def neighbours_of(council, count):
    """`count` neighbours, ranked in DfE's order."""
    made = []
    for rank in range(1, count + 1):
        neighbour = make_council(f"Neighbour {rank}")
        StatisticalNeighbour.objects.create(council=council, neighbour=neighbour, rank=rank)
        made.append(neighbour)
    return made


def url(indicator):
    return f"{indicator.objective.aim.strategy.get_absolute_url()}indicators/{indicator.pk}/"


def text(html):
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_it_says_where_the_council_stands_against_england_and_its_neighbours(
    client, council_a, national, indicator
):
    figure(national, YEAR_2025, "58.9")
    values = ["40", "45", "50", "60", "61", "62", "63", "64", "65", "70"]
    for neighbour, value in zip(neighbours_of(council_a, len(values)), values, strict=True):
        figure(national, YEAR_2025, value, council=neighbour)

    page = text(client.get(url(indicator)).content.decode())

    assert f"Financial year 2024-25 (to 31 March 2025): {council_a.name}, 52.1 per 10,000" in page
    assert (
        f"England, 58.9 per 10,000 children: {council_a.name} is lower than England, which is better."
        in page
    )
    assert "Among itself and its 10 statistical neighbours with a figure" in page
    assert "4th best of 11, in the middle third" in page


def test_higher_is_better_ranks_the_other_way(client, council_a, national, indicator):
    NationalIndicator.objects.filter(pk=national.pk).update(polarity="higher_better")
    indicator.__class__.objects.filter(pk=indicator.pk).update(polarity="higher_better")
    figure(national, YEAR_2025, "58.9")
    for neighbour in neighbours_of(council_a, 3):
        figure(national, YEAR_2025, "50", council=neighbour)

    page = text(client.get(url(indicator)).content.decode())

    assert "lower than England, which is worse" in page
    assert "1st best of 4, in the top third" in page


def test_the_chart_draws_england_and_the_neighbours_median_keyed_by_shape(
    client, council_a, national, indicator
):
    figure(national, YEAR_2024, "60.0")
    figure(national, YEAR_2025, "58.9")
    for neighbour in neighbours_of(council_a, 2):
        figure(national, YEAR_2025, "50", council=neighbour)

    html = client.get(url(indicator)).content.decode()

    svg = re.search(r'<svg class="app-chart".*?</svg>', html, re.S).group(0)
    assert "<rect " in svg  # England's square points
    assert "England: latest 58.9 per 10,000 children" in svg
    key = text(
        re.search(
            r'<figcaption class="govuk-body-s app-chart-key">.*?</figcaption>', html, re.S
        ).group(0)
    )
    assert f"{council_a.name}: solid line, round points" in key
    assert "England: dashed line, square points" in key
    assert "Statistical neighbours' median: dotted line, triangle points" in key


def test_missing_figures_are_said_to_be_not_available(client, council_a, national, indicator):
    neighbours_of(council_a, 2)

    page = text(client.get(url(indicator)).content.decode())

    assert "Not available: there is no period for which both" in page
    assert "Neighbour 1 Not available" in page


def test_no_england_figure_for_the_period_is_said(client, council_a, national, indicator):
    (neighbour,) = neighbours_of(council_a, 1)
    figure(national, YEAR_2025, "50", council=neighbour)

    page = text(client.get(url(indicator)).content.decode())

    assert "England’s figure for this period is not available." in page
    assert "2nd best of 2" in page  # its neighbour, at 50, is lower


def test_invented_figures_are_labelled(client, council_a, national, indicator):
    figure(national, YEAR_2025, "58.9", demonstration=True)

    page = text(client.get(url(indicator)).content.decode())

    assert "Some of these figures were invented for the demonstration." in page


def test_an_indicator_adopting_nothing_shows_no_comparison(client, national, indicator):
    indicator.__class__.objects.filter(pk=indicator.pk).update(national_indicator=None)

    page = text(client.get(url(indicator)).content.decode())

    assert "How Wyvern Vale compares" not in page
    assert "compares" not in page.split("Figures as a table")[0]


def test_a_councils_figure_for_a_quarter_is_named_as_such_and_its_published_figure_preferred(
    client, council_a, national, indicator
):
    indicator.__class__.objects.filter(pk=indicator.pk).update(frequency="quarterly")
    figure(national, YEAR_2025, "58.9")

    page = text(client.get(url(indicator)).content.decode())

    assert "52.1 per 10,000 children (its own figure, for the quarter to 31 March 2025)." in page
    # The comparison table names it the same way, the month keeping its capital.
    assert "52.1 per 10,000 children (quarter to 31 March 2025)" in page

    figure(national, YEAR_2025, "50.5", council=council_a)

    page = text(client.get(url(indicator)).content.decode())

    assert f"{council_a.name}, 50.5 per 10,000 children." in page
