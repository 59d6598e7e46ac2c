"""A strategy whose period has passed reads "Ended" wherever it is listed, names what replaced it,
and says so in the feed and the open data; the home page leads with strategies a board reports
on."""

import csv
import datetime as dt
import io

import pytest

from public.opendata.columns import CSV_COLUMNS
from public.views import _with_signed_off_progress
from strategies.models import Strategy
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_strategy,
    make_update,
    sign_off,
)


@pytest.fixture
def today(time_machine):
    time_machine.move_to(dt.date(2026, 6, 1), tick=False)


@pytest.fixture
def ended(council_a, today):
    return make_strategy(
        council_a, status="published", title="Room to Grow", start_year=2020, end_year=2024
    )


def test_an_ended_strategy_reads_ended_in_every_list(client, ended, council_a):
    for url in ("/", "/strategies/", "/strategies/?q=room", council_a.get_absolute_url()):
        page = client.get(url).content.decode()
        assert ">Ended</strong>" in page, url
        assert ">Published</strong>" not in page, url


def test_an_ended_strategy_names_its_successor_with_a_link(client, ended, council_a):
    successor = make_strategy(
        council_a,
        status="published",
        title="Room to Grow again",
        start_year=2025,
        end_year=2029,
        predecessor=ended,
    )
    page = client.get("/strategies/").content.decode()
    assert f'replaced by <a class="govuk-link" href="{successor.get_absolute_url()}">' in page
    assert ">Published</strong>" in page  # the successor is current


def test_a_strategy_on_its_last_day_has_not_ended(client, council_a, time_machine):
    time_machine.move_to(dt.date(2025, 3, 31), tick=False)
    make_strategy(council_a, status="published", start_year=2020, end_year=2025)
    page = client.get("/strategies/").content.decode()
    assert ">Published</strong>" in page
    assert ">Ended</strong>" not in page


def test_a_consultation_draft_never_reads_ended(client, council_a, today):
    make_strategy(council_a, status="consultation", start_year=2020, end_year=2021)
    page = client.get("/strategies/").content.decode()
    assert ">Ended</strong>" not in page


def test_the_feed_and_open_data_say_it_has_ended(client, ended):
    feed = client.get("/feeds/updates.atom").content.decode()
    assert "Ended: Room to Grow" in feed
    assert "This strategy ended on 31 March 2024" in feed
    data = client.get(ended.get_absolute_url() + "data.json").json()
    assert data["ended"] is True
    assert data["status"] == "ended"
    csv_text = client.get(ended.get_absolute_url() + "data.csv").content.decode("utf-8-sig")
    (strategy_row, *_parts) = csv.DictReader(io.StringIO(csv_text))
    assert strategy_row["status"] == "ended"
    # The column's description on the data page names the value the file gives.
    (status_column,) = [sources for name, sources in CSV_COLUMNS if name == "status"]
    assert "ended" in " ".join(source.meaning for source in status_column)


def test_the_home_page_leads_with_strategies_that_have_signed_off_progress(
    client, council_a, board_a, today
):
    reported = make_strategy(
        council_a, status="published", board=board_a, title="Reported plan", start_year=2025
    )
    sign_off(make_update(objective=make_objective(make_aim(reported))), make_meeting(board_a))
    # Published later, so newer, but nothing signed off.
    make_strategy(council_a, status="published", title="Newer silent plan", start_year=2025)
    page = client.get("/").content.decode()
    assert page.index("Reported plan") < page.index("Newer silent plan")


@pytest.fixture
def draft_successor(ended, council_a):
    return make_strategy(
        council_a,
        status="consultation",
        title="Room to Grow draft",
        start_year=2025,
        end_year=2029,
        predecessor=ended,
    )


def test_a_successor_still_out_for_consultation_has_not_replaced_it(
    client, ended, council_a, draft_successor
):
    page = client.get(council_a.get_absolute_url()).content.decode()
    assert ">Ended</strong>" in page
    assert "replaced by" not in page


def test_after_those_the_home_page_lists_plans_with_objectives_before_plans_recorded_by_title(
    client, council_a, today
):
    with_objectives = make_strategy(
        council_a, status="published", title="Plan with objectives", start_year=2025
    )
    make_objective(make_aim(with_objectives))
    # Published later, so newer, but with nothing a board could rate.
    make_strategy(council_a, status="published", title="Newer title-only plan", start_year=2025)
    page = client.get("/").content.decode()
    assert page.index("Plan with objectives") < page.index("Newer title-only plan")


def test_the_home_page_lists_a_plan_still_in_force_before_one_that_has_ended(
    client, ended, council_a, board_a, today
):
    sign_off(make_update(objective=make_objective(make_aim(ended))), make_meeting(board_a))
    make_strategy(council_a, status="published", title="Plan in force", start_year=2025)
    page = client.get("/").content.decode()
    assert page.index("Plan in force") < page.index("Room to Grow")
    assert "Ended" in page.split("Room to Grow")[1].split("</li>")[0]


@pytest.mark.parametrize(
    ("start_year", "end_year", "day", "has_ended"),
    [
        (2020, 2024, dt.date(2024, 3, 31), False),
        (2020, 2024, dt.date(2024, 4, 1), True),
        (2025, 2025, dt.date(2026, 3, 31), False),
        (2025, 2025, dt.date(2026, 4, 1), True),
    ],
)
def test_the_home_pages_ordering_reads_ended_as_the_strategy_does(
    council_a, time_machine, start_year, end_year, day, has_ended
):
    time_machine.move_to(day, tick=False)
    strategy = make_strategy(
        council_a, status="published", start_year=start_year, end_year=end_year
    )
    annotated = _with_signed_off_progress(Strategy.objects.filter(pk=strategy.pk)).get()
    assert strategy.has_ended() is has_ended
    assert annotated.period_passed is has_ended


def test_its_own_page_names_a_successor_out_for_consultation_as_proposed_not_as_replacing_it(
    client, ended, draft_successor
):
    draft = draft_successor
    page = client.get(ended.get_absolute_url()).content.decode()
    assert "Replaced by" not in page
    assert "no strategy replacing it has been published" in page
    assert (
        f'A draft to replace it is out for consultation: <a class="govuk-link" href="{draft.get_absolute_url()}">'
        in page
    )
    related = page.split('id="related"')[1]
    assert "To be replaced by" in related
    assert "a draft out for consultation" in related


def test_its_open_data_names_a_successor_out_for_consultation_as_proposed(
    client, ended, draft_successor
):
    data = client.get(ended.get_absolute_url() + "data.json").json()
    assert data["successor_ids"] == []
    relations = {plan["id"]: plan["relation"] for plan in data["related_plans"]}
    assert relations == {draft_successor.pk: "to_be_replaced_by"}
