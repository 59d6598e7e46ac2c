"""`updates_sign_off`: all or nothing, never twice, only the board's own updates."""

import datetime as dt

import pytest

from outcomes.services import SignOffRefused, updates_sign_off
from tests.factories import make_meeting, sign_off


def test_sign_off_records_meeting_person_time_and_comment(
    meeting_a, awaiting_updates, board_member
):
    signed = updates_sign_off(
        meeting=meeting_a, updates=awaiting_updates, user=board_member, comment=" Agreed. "
    )
    assert {update.pk for update in signed} == {update.pk for update in awaiting_updates}
    for update in awaiting_updates:
        update.refresh_from_db()
        assert update.meeting == meeting_a
        assert update.signed_off_by == board_member
        assert update.signed_off_at is not None
        assert update.sign_off_comment == "Agreed."


def test_sign_off_is_kept_in_history_and_moves_the_version_on(
    meeting_a, awaiting_updates, board_member
):
    update = awaiting_updates[0]
    version = update.version
    updates_sign_off(meeting=meeting_a, updates=[update], user=board_member)
    update.refresh_from_db()
    assert update.version == version + 1
    latest = update.history.first()
    assert latest.meeting_id == meeting_a.pk
    assert latest.history_type == "~"


def test_nothing_to_sign_off_is_refused(meeting_a, board_member):
    with pytest.raises(SignOffRefused, match="Choose at least one"):
        updates_sign_off(meeting=meeting_a, updates=[], user=board_member)


def test_signing_off_twice_is_refused_and_changes_nothing(
    board_a, meeting_a, awaiting_updates, board_member
):
    earlier = make_meeting(board_a, date=dt.date(2020, 1, 1))
    sign_off(awaiting_updates[0], earlier)
    with pytest.raises(SignOffRefused, match="already been signed off"):
        updates_sign_off(meeting=meeting_a, updates=awaiting_updates, user=board_member)
    for update in awaiting_updates:
        update.refresh_from_db()
    assert awaiting_updates[0].meeting == earlier
    assert not awaiting_updates[1].is_signed_off


def test_another_boards_meeting_cannot_sign_off_these_updates(
    board_b, awaiting_updates, board_member
):
    other_meeting = make_meeting(board_b)
    with pytest.raises(SignOffRefused, match="not for a strategy this board oversees"):
        updates_sign_off(meeting=other_meeting, updates=awaiting_updates, user=board_member)
    assert not any(update.is_signed_off for update in awaiting_updates)
