"""Lists, search results and council pages show each strategy's latest signed-off rating counts
with their quarter, and a strategy with nothing signed off says so in words, never 0%."""

import datetime as dt

import pytest

from tests.factories import (
    Q1,
    make_aim,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)


@pytest.fixture
def rated(council_a, board_a):
    strategy = make_strategy(council_a, status="published", board=board_a, title="Rated plan")
    aim = make_aim(strategy)
    meeting = make_meeting(board_a, date=dt.date(2025, 8, 14))
    make_update(objective=make_objective(aim), quarter=Q1, rating="on_track", meeting=meeting)
    make_update(objective=make_objective(aim), quarter=Q1, rating="at_risk", meeting=meeting)
    make_objective(aim)
    make_update(programme=make_programme(strategy), quarter=Q1, rating="off_track")  # unsigned
    return strategy


GLANCE = (
    "Q1 2025-26 (April to June 2025)</strong>, signed off 14 August 2025: 1 on track, 1 at risk; "
    "2 not yet rated."
)


def test_lists_and_council_pages_show_rating_counts_with_their_quarter(client, rated, council_a):
    for url in ("/", "/strategies/", "/strategies/?q=rated", council_a.get_absolute_url()):
        assert GLANCE in client.get(url).content.decode(), url


def test_a_strategy_with_nothing_signed_off_says_so_in_words(client, council_a, board_a):
    strategy = make_strategy(council_a, status="published", board=board_a)
    make_objective(make_aim(strategy))
    for url in ("/strategies/", strategy.get_absolute_url()):
        page = client.get(url).content.decode()
        assert "Nothing signed off yet" in page, url
        assert "0%" not in page.split('id="progress"')[-1].split("How these figures")[0]


def test_the_strategy_summary_names_the_quarter_and_the_sign_off_day(client, rated):
    page = client.get(rated.get_absolute_url()).content.decode()
    assert (
        "Ratings for Q1 2025-26 (April to June 2025), signed off by the board on 14 August 2025."
        in page
    )


def test_no_rating_yet_and_not_started_differ_in_more_than_colour(client, council_a, board_a):
    strategy = make_strategy(council_a, status="published", board=board_a)
    aim = make_aim(strategy)
    make_update(
        objective=make_objective(aim),
        quarter=Q1,
        rating="not_started",
        meeting=make_meeting(board_a),
    )
    make_objective(aim)
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in page
    assert '<strong class="govuk-tag app-tag--unrated">No rating yet</strong>' in page
