"""Each objective's and programme's latest signed-off update is found two ways: a lateral join on
PostgreSQL (one index read per objective) and a row number elsewhere (the SQLite demo). Both
must pick the same update: the latest period end, the later-entered on a tie, never one still
awaiting sign-off."""

import datetime as dt

import pytest
from django.utils import timezone

from outcomes.models import ProgressUpdate
from outcomes.periods import Quarter
from outcomes.queries import (
    _latest_by_lateral_join,
    _latest_by_row_number,
    latest_signed_off_ratings,
)
from tests.factories import make_aim, make_meeting, make_objective, make_programme, make_update

pytestmark = pytest.mark.django_db

Q1 = Quarter.containing(dt.date(2025, 4, 1))
Q2 = Quarter.containing(dt.date(2025, 7, 1))
Q3 = Quarter.containing(dt.date(2025, 10, 1))


@pytest.fixture
def history(strategy_a, board_a):
    meeting = make_meeting(board_a, date=dt.date(2026, 1, 20))
    aim = make_aim(strategy_a)
    signed_then_pending = make_objective(aim, title="Signed, then one awaiting sign-off")
    make_update(objective=signed_then_pending, quarter=Q1, meeting=meeting)
    q2 = make_update(objective=signed_then_pending, quarter=Q2, meeting=meeting, rating="at_risk")
    make_update(objective=signed_then_pending, quarter=Q3, rating="complete")
    # Two updates ending the same day: a quarter's, and a later-entered one for its last month.
    tied = make_objective(aim, title="Two updates ending on one day")
    make_update(objective=tied, quarter=Q2, meeting=meeting)
    last_month = ProgressUpdate.objects.create(
        objective=tied,
        period_start=dt.date(2025, 9, 1),
        period_end=Q2.end,
        rating="off_track",
        commentary="September alone, entered after the quarter's update.",
        next_steps="A recovery plan goes to the board in January.",
        meeting=meeting,
        signed_off_at=timezone.now(),
    )
    only_pending = make_objective(aim, title="Nothing signed off")
    make_update(objective=only_pending, quarter=Q1)
    untouched = make_objective(aim, title="No updates at all")
    programme = make_programme(strategy_a)
    programme_q1 = make_update(programme=programme, quarter=Q1, meeting=meeting)
    objectives = [signed_then_pending, tied, only_pending, untouched]
    expected = {signed_then_pending.pk: q2.pk, tied.pk: last_month.pk}
    return objectives, expected, programme, programme_q1


def picked(queryset, subject):
    return {getattr(update, f"{subject}_id"): update.pk for update in queryset}


def test_the_lateral_join_and_the_row_number_pick_the_same_updates(require_postgresql, history):
    objectives, expected, programme, programme_q1 = history
    ids = [objective.pk for objective in objectives]
    for find in (_latest_by_lateral_join, _latest_by_row_number):
        assert picked(find("objective", ids), "objective") == expected, find.__name__
        assert picked(find("programme", [programme.pk]), "programme") == {
            programme.pk: programme_q1.pk
        }
        assert picked(find("objective", []), "objective") == {}


def test_a_roll_up_counts_the_latest_signed_off_rating(history):
    objectives, *_ = history
    ratings = latest_signed_off_ratings("objective", [o.pk for o in objectives])
    assert {pk: rating for pk, (rating, *_rest) in ratings.items()} == {
        objectives[0].pk: "at_risk",
        objectives[1].pk: "off_track",
    }
