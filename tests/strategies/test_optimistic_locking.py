"""Two officers saving the same record: the second gets a conflict, the first edit survives."""

import pytest

from outcomes.models import Objective
from strategies.concurrency import StaleEditError
from strategies.models import Strategy
from tests.factories import make_aim, make_objective, make_strategy

pytestmark = pytest.mark.django_db


def test_saving_a_stale_strategy_raises_and_the_first_edit_survives(council_a):
    strategy = make_strategy(council_a, title="Children and Young People Plan")
    first = Strategy.objects.get(pk=strategy.pk)
    second = Strategy.objects.get(pk=strategy.pk)

    first.title = "Our Plan for Children"
    first.save()
    second.title = "Growing Up Well"
    with pytest.raises(StaleEditError, match="was changed by someone else after you opened it"):
        second.save()

    strategy.refresh_from_db()
    assert strategy.title == "Our Plan for Children"
    assert strategy.version == 1


def test_each_save_moves_the_version_on(council_a):
    strategy = make_strategy(council_a)
    assert strategy.version == 0

    strategy.save()
    strategy.save(update_fields=["title"])

    strategy.refresh_from_db()
    assert strategy.version == 2


def test_reloading_after_a_conflict_lets_the_edit_through(council_a):
    strategy = make_strategy(council_a)
    stale = Strategy.objects.get(pk=strategy.pk)
    strategy.save()

    with pytest.raises(StaleEditError):
        stale.save()
    stale.refresh_from_db()
    stale.title = "Growing Up Well"
    stale.save()

    assert Strategy.objects.get(pk=strategy.pk).title == "Growing Up Well"


def test_objectives_are_guarded_too(council_a):
    objective = make_objective(make_aim(make_strategy(council_a)), title="Keep safe")
    first = Objective.objects.get(pk=objective.pk)
    second = Objective.objects.get(pk=objective.pk)

    first.title = "Keep children safe"
    first.save()
    with pytest.raises(StaleEditError):
        second.save()

    objective.refresh_from_db()
    assert objective.title == "Keep children safe"
