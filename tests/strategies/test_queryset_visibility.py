"""Who sees which strategy, on the grid of every status against every persona."""

import pytest
from django.contrib.auth.models import AnonymousUser

from strategies.models import Strategy, StrategyStatus
from tests.factories import make_board_member, make_strategy

pytestmark = pytest.mark.django_db

PUBLIC = {StrategyStatus.CONSULTATION, StrategyStatus.PUBLISHED, StrategyStatus.ARCHIVED}
EVERY_STATUS = set(StrategyStatus)

# Council A's strategies, overseen by board A, as each persona may read them.
SEES = {
    "anonymous": PUBLIC,
    "stranger": PUBLIC,
    "editor_b": PUBLIC,
    "editor_a": EVERY_STATUS,
    "publisher_a": EVERY_STATUS,
    "board_member": EVERY_STATUS,
    "site_admin": EVERY_STATUS,
}


@pytest.fixture
def strategies(council_a, board_a):
    return {
        status: make_strategy(council_a, status=status, board=board_a, slug=f"plan-{status}")
        for status in StrategyStatus
    }


@pytest.fixture
def persona(request):
    if request.param == "anonymous":
        return AnonymousUser()
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("status", list(StrategyStatus))
def test_public_shows_only_consultation_published_and_archived(strategies, status):
    assert Strategy.objects.public().filter(pk=strategies[status].pk).exists() == (status in PUBLIC)


@pytest.mark.parametrize("status", list(StrategyStatus))
@pytest.mark.parametrize("persona", list(SEES), indirect=True)
def test_each_persona_sees_exactly_the_statuses_they_may(strategies, persona, status, request):
    name = request.node.callspec.params["persona"]

    visible = Strategy.objects.for_user(persona).filter(pk=strategies[status].pk).exists()

    assert visible == (status in SEES[name]), f"{name} and a {status} strategy"


@pytest.mark.parametrize("persona", list(SEES), indirect=True)
def test_each_strategy_is_listed_once_however_many_board_seats(
    strategies, persona, board_a, request
):
    # A second board seat must not duplicate rows through the join.
    if request.node.callspec.params["persona"] == "board_member":
        make_board_member(board_a, persona, name="Second seat")

    rows = list(Strategy.objects.for_user(persona).values_list("pk", flat=True))

    assert len(rows) == len(set(rows))


def test_a_board_member_does_not_see_drafts_of_strategies_their_board_does_not_oversee(
    council_a, board_member
):
    unboarded = make_strategy(council_a, status=StrategyStatus.DRAFT)

    assert not Strategy.objects.for_user(board_member).filter(pk=unboarded.pk).exists()


def test_an_inactive_editor_sees_only_public_strategies(strategies, editor_a):
    editor_a.is_active = False
    editor_a.save()

    visible = set(Strategy.objects.for_user(editor_a).values_list("status", flat=True))

    assert visible == PUBLIC
