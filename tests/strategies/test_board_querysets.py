"""Who is on a board today and which of its actions are still open: each rule is one queryset
method that the board pages, the public page, the open data and the pack all read."""

import datetime as dt

import pytest

from strategies.models import BoardAction, BoardMember
from tests.factories import make_board_member, make_meeting

pytestmark = pytest.mark.django_db


def test_a_member_is_current_until_the_end_of_their_last_day(board_a):
    staying = make_board_member(board_a, name="Staying")
    leaving = make_board_member(board_a, name="Leaving", left_on=dt.date(2026, 3, 31))

    on_last_day = BoardMember.objects.current(today=dt.date(2026, 3, 31))
    day_after = BoardMember.objects.current(today=dt.date(2026, 4, 1))

    assert set(on_last_day) == {staying, leaving}
    assert set(day_after) == {staying}


def test_current_members_are_counted_from_today_in_london(board_a, time_machine):
    leaving = make_board_member(board_a, name="Leaving", left_on=dt.date(2026, 6, 30))

    # 00:30 on 1 July in London is still 30 June in UTC: the member has already gone.
    time_machine.move_to(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), tick=False)

    assert leaving not in BoardMember.objects.current()


def test_open_actions_are_those_neither_done_nor_dropped(board_a):
    meeting = make_meeting(board_a)
    by_status = {
        status: BoardAction.objects.create(
            meeting=meeting,
            description=f"An action {status}",
            owner="Director",
            status=status,
            completed_on=dt.date(2026, 7, 20) if status == BoardAction.Status.DONE else None,
        )
        for status in BoardAction.Status
    }

    assert set(BoardAction.objects.open()) == {
        by_status[BoardAction.Status.OPEN],
        by_status[BoardAction.Status.IN_PROGRESS],
    }
