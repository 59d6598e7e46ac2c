"""A strategy whose document gives no end year runs until it is replaced: it says so, is never
shown as ended, and the open data says its end is not stated (null)."""

import datetime as dt
import io

import time_machine

from outcomes.demo import demo_load
from strategies.models import Strategy
from tests.factories import make_strategy


def test_an_open_ended_strategy_reads_until_replaced_and_never_ends(client, council_a):
    strategy = make_strategy(council_a, status="published", start_year=2015, end_year=None)
    with time_machine.travel(dt.date(2030, 6, 1), tick=False):
        assert not strategy.has_ended()
        page = client.get(strategy.get_absolute_url()).content.decode()
        listing = client.get("/strategies/").content.decode()
        data = client.get(strategy.get_absolute_url() + "data.json").json()
        feed = client.get("/feeds/updates.atom").content.decode()
    assert "2015 until replaced" in page
    assert "runs until a new strategy replaces it" in page
    assert "no share of its period can be said to have passed" in page
    assert ">Ended<" not in page
    assert "2015 until replaced" in listing
    assert ">Ended<" not in listing
    assert (data["end_year"], data["period_end"], data["ended"]) == (None, None, False)
    assert data["period_elapsed_percent"] is None
    assert "Ended:" not in feed


def test_the_period_filter_finds_an_open_ended_strategy_in_any_later_year(client, council_a):
    make_strategy(council_a, status="published", title="Open plan", start_year=2021, end_year=None)
    html = client.get("/strategies/", {"period": "2029"}).content.decode()
    assert "Open plan" in html


def test_the_demos_cheshire_east_plans_with_no_end_in_their_documents_run_until_replaced(db):
    demo_load(stdout=io.StringIO())
    cheshire = Strategy.objects.filter(lead_council__name="Cheshire East")
    open_ended = set(cheshire.filter(end_year=None).values_list("title", flat=True))
    assert "Vision for Children and Young People in Cheshire East" in open_ended
    assert len(open_ended) == 6
    # The corporate plan's own title gives its end.
    assert cheshire.get(title="Corporate Plan 2021 to 2025").end_year == 2025
    assert not [s for s in cheshire if s.has_ended(dt.date(2026, 11, 30)) and s.end_year is None]
