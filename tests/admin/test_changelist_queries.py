"""Admin changelists cost the same number of queries however many rows they list."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outcomes.models import Aim, Theme
from strategies.models import (
    ProgrammeCouncil,
    ProgrammeObjective,
    StrategyCouncil,
    StrategyPartner,
    StrategyRelation,
)
from tests.factories import (
    make_aim,
    make_council,
    make_indicator,
    make_measurement,
    make_objective,
    make_partner,
    make_programme,
    make_strategy,
    make_target,
)

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def add_aims(council, count):
    strategy = make_strategy(council)
    for number in range(count):
        aim = make_aim(strategy, f"Aim {number}")
        for _ in range(number % 3):
            make_objective(aim)


#: Session, user, memberships, the count, the page, the filters' choices and the like: what the
#: page costs with any number of rows.
AIM_CHANGELIST_QUERIES = 10


#: A strategy's own page: the strategy, each inline's rows, the choices, history and the like.
STRATEGY_PAGE_QUERIES = 30


@pytest.mark.parametrize("aims", [3, 30])
def test_the_aim_changelist_counts_objectives_without_a_query_per_row(
    client, editor_a, council_a, django_assert_max_num_queries, aims
):
    client.force_login(editor_a)
    add_aims(council_a, aims)

    with django_assert_max_num_queries(AIM_CHANGELIST_QUERIES):
        response = client.get(admin_url(Aim, "changelist"))

    assert response.status_code == 200
    listed = list(response.context["cl"].result_list)
    assert len(listed) == aims
    model_admin = response.context["cl"].model_admin
    counts = {aim.title: model_admin.objective_count(aim) for aim in listed}
    assert counts == {aim.title: aim.objectives.count() for aim in Aim.objects.all()}


@pytest.mark.parametrize("aims", [2, 12])
def test_a_strategys_page_reads_its_aims_and_their_themes_in_a_fixed_number_of_queries(
    client, editor_a, council_a, django_assert_max_num_queries, aims
):
    strategy = make_strategy(council_a)
    themes = [
        Theme.objects.create(title=f"Theme {number}", slug=f"theme-{number}", order=number)
        for number in range(3)
    ]
    for number in range(aims):
        make_aim(strategy, f"Aim {number}").themes.set(themes[: number % 3 + 1])
    client.force_login(editor_a)

    with django_assert_max_num_queries(STRATEGY_PAGE_QUERIES):
        response = client.get(admin_url(strategy))

    assert response.status_code == 200
    boxes = re.findall(r'<input[^>]*name="aims-\d+-themes"[^>]*>', response.content.decode())
    assert len(boxes) == aims * len(themes)
    assert sum("checked" in box for box in boxes) == sum(n % 3 + 1 for n in range(aims))


def _queries_for(client, url):
    # Once first, so that what Django caches for the process (content types) is in both counts.
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_rows_read_the_parent_the_page_has_rather_than_fetch_it_each(client, editor_a, council_a):
    """Each saved row of an inline is handed the parent the page already has: an indicator's
    figures and targets, whose forms read the indicator, cost the same queries for two rows of
    each as for nine."""
    client.force_login(editor_a)
    counts = {}
    for rows in (2, 9):
        indicator = make_indicator(make_objective(make_aim(make_strategy(council_a))))
        for number in range(rows):
            make_measurement(indicator, dt.date(2020 + number, 3, 31), number)
            make_target(indicator, dt.date(2030 + number, 3, 31), number)
        counts[rows] = _queries_for(client, admin_url(indicator))
    assert counts[2] == counts[9]


def test_a_table_of_selects_reads_their_choices_once(client, editor_a, council_a):
    """A strategy's co-owning councils are each a select of every council: read once for the
    table, not once for each row."""
    client.force_login(editor_a)
    counts = {}
    for rows in (2, 9):
        strategy = make_strategy(council_a)
        for number in range(rows):
            StrategyCouncil.objects.create(
                strategy=strategy, council=make_council(name=f"Neighbour {rows}-{number}")
            )
        counts[rows] = _queries_for(client, admin_url(strategy))
    assert counts[2] == counts[9]


def _reads_of_every_council(request):
    with CaptureQueriesContext(connection) as queries:
        response = request()
    every_council = [
        query["sql"]
        for query in queries
        if 'FROM "councils_council"' in query["sql"] and "WHERE" not in query["sql"]
    ]
    return response, every_council


def test_a_table_of_selects_reads_their_choices_only_when_drawn_and_only_once(
    client, editor_a, council_a
):
    """A programme's joint councils are each a select of every council. The admin builds the
    table's form class more than once a page (once only to learn its fields): the list of
    councils is read once, when the first row is drawn, and not at all on a save that does not
    draw the page again."""
    client.force_login(editor_a)
    programme = make_programme(make_strategy(council_a))
    ProgrammeCouncil.objects.create(programme=programme, council=make_council(name="Joint"))
    url = admin_url(programme)
    client.get(url)

    page, reads = _reads_of_every_council(lambda: client.get(url))
    assert len(reads) == 1

    data = {**change_form_data(page), "title": "Renamed"}
    saved, reads = _reads_of_every_council(lambda: client.post(url, data))
    assert saved.status_code == 302
    assert reads == []


def _strategy_with_linked_rows(council, rows):
    strategy = make_strategy(council)
    for number in range(rows):
        partner = make_partner(council, name=f"Partner {rows}-{number}")
        StrategyPartner.objects.create(strategy=strategy, partner=partner)
        related = make_strategy(council, title=f"Service plan {rows}-{number}")
        StrategyRelation.objects.create(from_strategy=strategy, to_strategy=related)
    return strategy


def test_a_table_of_autocompletes_reads_their_chosen_options_once(client, editor_a, council_a):
    """A strategy's partners and related strategies are autocompletes, which Django draws by
    looking up each row's choice on its own: here one query a column, however many rows."""
    client.force_login(editor_a)
    counts = {
        rows: _queries_for(client, admin_url(_strategy_with_linked_rows(council_a, rows)))
        for rows in (2, 9)
    }
    assert counts[2] == counts[9]


def test_each_autocomplete_row_still_shows_its_own_choice_and_only_that(
    client, editor_a, council_a
):
    client.force_login(editor_a)
    strategy = _strategy_with_linked_rows(council_a, 3)
    page = client.get(admin_url(strategy)).content.decode()
    for index, link in enumerate(StrategyPartner.objects.filter(strategy=strategy).order_by("pk")):
        assert f'name="partnerships-{index}-id" value="{link.pk}"' in page
        select = re.search(rf'<select name="partnerships-{index}-partner".*?</select>', page, re.S)
        options = re.findall(r"<option[^>]*>[^<]*</option>", select.group())
        assert options == [
            f'<option value="{link.partner_id}" selected>{link.partner.name}</option>'
        ]


def test_autocompletes_whose_choices_name_their_strategy_read_it_with_them(
    client, editor_a, council_a
):
    """An objective is offered as "title — aim · strategy": the objectives a programme serves
    are read with their aims and strategies, not each aim and strategy after."""
    client.force_login(editor_a)
    counts = {}
    for rows in (2, 9):
        strategy = make_strategy(council_a)
        programme = make_programme(strategy)
        for number in range(rows):
            objective = make_objective(make_aim(strategy, f"Aim {number}"))
            ProgrammeObjective.objects.create(programme=programme, objective=objective)
        counts[rows] = _queries_for(client, admin_url(programme))
    assert counts[2] == counts[9]
