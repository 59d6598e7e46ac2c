"""How much of a strategy's period has passed, beside how much is delivered, from a fixed today;
and the plain statement when a strategy has run out with nothing published to replace it."""

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

ENDED = "and no strategy replacing it has been published"


@pytest.fixture
def today(time_machine):
    """Set today in London by stopping the clock on that day."""

    def set_to(day):
        time_machine.move_to(day, tick=False)

    return set_to


def progress(html):
    return html.split('id="progress"', 1)[1].split('id="aims"', 1)[0]


def test_half_the_period_passed_is_shown_beside_what_is_delivered(
    client, council_a, board_a, today
):
    # 1 April 2025 to 31 March 2027 is 729 days; 1 April 2026 is day 365 of them.
    today(dt.date(2026, 4, 1))
    strategy = make_strategy(
        council_a, status="published", board=board_a, start_year=2025, end_year=2027
    )
    aim = make_aim(strategy)
    meeting = make_meeting(board_a)
    sign_off(make_update(objective=make_objective(aim), rating="on_track"), meeting)
    sign_off(make_update(objective=make_objective(aim), rating="off_track"), meeting)
    make_objective(aim)
    make_objective(aim)
    html = progress(client.get(strategy.get_absolute_url()).content.decode())
    assert ">50%</span> of the strategy's period has passed." in html
    assert (
        ">1 of 2</span> rated objectives and programmes is complete or on track (50%); "
        "2 not yet rated." in html
    )
    assert ENDED not in html


def test_a_strategy_not_yet_started_says_so(client, council_a, today):
    today(dt.date(2025, 1, 10))
    strategy = make_strategy(council_a, status="published", start_year=2025, end_year=2027)
    html = progress(client.get(strategy.get_absolute_url()).content.decode())
    assert ">0%</span> of the strategy's period has passed (it has not started yet)." in html


def test_past_its_end_with_no_successor_it_says_so_plainly(client, council_a, today):
    today(dt.date(2027, 6, 1))
    strategy = make_strategy(council_a, status="published", start_year=2024, end_year=2027)
    html = progress(client.get(strategy.get_absolute_url()).content.decode())
    assert f"This strategy's period ended on 31 March 2027 {ENDED}." in html
    assert ">100%</span> of the strategy's period has passed." in html


def test_on_its_last_day_it_has_not_yet_ended(client, council_a, today):
    today(dt.date(2027, 3, 31))
    strategy = make_strategy(council_a, status="published", start_year=2024, end_year=2027)
    assert ENDED not in client.get(strategy.get_absolute_url()).content.decode()


def test_past_its_end_with_a_published_successor_it_does_not(client, council_a, today):
    today(dt.date(2027, 6, 1))
    strategy = make_strategy(council_a, status="published", start_year=2024, end_year=2027)
    make_strategy(council_a, status="published", start_year=2027, predecessor=strategy)
    assert ENDED not in client.get(strategy.get_absolute_url()).content.decode()


def test_past_its_end_with_only_a_draft_out_for_consultation_it_still_warns(
    client, council_a, today
):
    # A draft out for consultation is not in force, so it has not replaced anything yet, as
    # every list says; the warning names it.
    today(dt.date(2027, 6, 1))
    strategy = make_strategy(council_a, status="published", start_year=2024, end_year=2027)
    make_strategy(council_a, status="consultation", start_year=2027, predecessor=strategy)
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert ENDED in page
    assert "A draft to replace it is out for consultation" in page


def test_a_successor_the_public_cannot_see_does_not_count(client, council_a, today):
    today(dt.date(2027, 6, 1))
    strategy = make_strategy(council_a, status="published", start_year=2024, end_year=2027)
    make_strategy(council_a, status="draft", start_year=2027, predecessor=strategy)
    assert ENDED in client.get(strategy.get_absolute_url()).content.decode()
