"""The database refuses strategies and board records that break the rules."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from strategies.models import BoardAction, Strategy, StrategyStatus
from tests.factories import make_board, make_meeting, make_strategy

pytestmark = pytest.mark.django_db


def refused(build):
    with pytest.raises(IntegrityError), transaction.atomic():
        build()


def test_a_strategy_slug_is_unique_within_its_council(council_a):
    make_strategy(council_a, slug="children-and-young-people-plan")

    refused(lambda: make_strategy(council_a, slug="children-and-young-people-plan"))


def test_another_council_may_reuse_a_strategy_slug(council_a, council_b):
    make_strategy(council_a, slug="children-and-young-people-plan")
    make_strategy(council_b, slug="children-and-young-people-plan")

    assert Strategy.objects.filter(slug="children-and-young-people-plan").count() == 2


def test_a_strategy_cannot_end_before_it_starts(council_a):
    refused(lambda: make_strategy(council_a, start_year=2026, end_year=2025))


def test_a_strategy_may_cover_a_single_year(council_a):
    make_strategy(council_a, start_year=2026, end_year=2026)


@pytest.mark.parametrize(("start", "end"), [(1899, 2024), (2024, 2201)])
def test_a_strategy_needs_plausible_years(council_a, start, end):
    refused(lambda: make_strategy(council_a, start_year=start, end_year=end))


def test_a_public_strategy_must_record_when_it_first_became_public(council_a):
    strategy = make_strategy(council_a, status=StrategyStatus.PUBLISHED)

    # Bypasses save(), which would fill the date in.
    refused(lambda: Strategy.objects.filter(pk=strategy.pk).update(first_public_at=None))


def test_making_a_strategy_public_records_when(council_a):
    strategy = make_strategy(council_a)
    assert strategy.first_public_at is None
    assert not strategy.was_ever_public

    strategy.status = StrategyStatus.CONSULTATION
    strategy.save()

    strategy.refresh_from_db()
    assert strategy.first_public_at is not None
    assert strategy.published_at is None


def test_first_public_at_is_never_cleared_or_moved(council_a):
    strategy = make_strategy(council_a, status=StrategyStatus.PUBLISHED)
    first = strategy.first_public_at

    strategy.status = StrategyStatus.DRAFT
    strategy.save()
    strategy.status = StrategyStatus.ARCHIVED
    strategy.save()

    strategy.refresh_from_db()
    assert strategy.first_public_at == first
    assert strategy.was_ever_public
    assert strategy.archived_at is not None


def test_a_status_change_saved_with_update_fields_still_records_the_dates(council_a):
    strategy = make_strategy(council_a)

    strategy.status = StrategyStatus.PUBLISHED
    strategy.save(update_fields=["status"])

    strategy.refresh_from_db()
    assert strategy.first_public_at is not None
    assert strategy.published_at is not None


@pytest.fixture
def meeting(council_a):
    return make_meeting(make_board(council_a))


def action(meeting, **fields):
    return BoardAction(
        meeting=meeting, description="Report on waiting times.", owner="DCS", **fields
    )


def test_a_board_action_marked_done_needs_a_completion_date(meeting):
    refused(lambda: action(meeting, status=BoardAction.Status.DONE).save())


@pytest.mark.parametrize(
    "status",
    [BoardAction.Status.OPEN, BoardAction.Status.IN_PROGRESS, BoardAction.Status.DROPPED],
)
def test_a_board_action_not_done_has_no_completion_date(meeting, status):
    refused(lambda: action(meeting, status=status, completed_on=dt.date(2026, 7, 1)).save())


def test_a_board_action_done_with_its_completion_date_is_accepted(meeting):
    action(meeting, status=BoardAction.Status.DONE, completed_on=dt.date(2026, 7, 1)).save()
    action(meeting).save()

    assert BoardAction.objects.count() == 2
