"""A strategy whose period has passed reads "Ended" wherever it is listed, names what replaced it,
and says so in the feed and the open data; the home page leads with strategies a board reports
on."""

import datetime as dt

import pytest

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
    assert data["status"] == "published"


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


def test_a_successor_still_out_for_consultation_has_not_replaced_it(client, ended, council_a):
    make_strategy(
        council_a,
        status="consultation",
        title="Room to Grow draft",
        start_year=2025,
        end_year=2029,
        predecessor=ended,
    )
    page = client.get(council_a.get_absolute_url()).content.decode()
    assert ">Ended</strong>" in page
    assert "replaced by" not in page
