import datetime as dt

import pytest

from outcomes.periods import current_period
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)


@pytest.fixture
def strategy_a(council_a, board_a):
    """A draft strategy of council A overseen by board A: board members see drafts too."""
    return make_strategy(council_a, title="Wyvern Vale Children's Plan", board=board_a)


@pytest.fixture
def aim_a(strategy_a):
    return make_aim(strategy_a, title="Start well", order=1)


@pytest.fixture
def objective_a(aim_a):
    return make_objective(aim_a, title="Every baby gets a health visit")


@pytest.fixture
def programme_a(strategy_a):
    return make_programme(strategy_a, title="Family hubs")


@pytest.fixture
def period():
    return current_period()


@pytest.fixture
def awaiting_updates(objective_a, programme_a, period):
    """Two updates for the current period, neither signed off."""
    return [
        make_update(objective=objective_a, quarter=period, rating="at_risk"),
        make_update(programme=programme_a, quarter=period, rating="on_track"),
    ]


@pytest.fixture
def meeting_a(board_a):
    return make_meeting(board_a, date=dt.date.today(), title="Quarterly review")
