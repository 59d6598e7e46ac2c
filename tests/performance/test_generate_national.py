"""`generate_national` builds the synthetic national dataset: deterministic for a seed, shaped as
the issue describes at every scale, and loaded only once."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from councils.models import Council
from outcomes.demo.national import RARE_WORD
from outcomes.models import Aim, Indicator, Measurement, Objective, ProgressUpdate
from strategies.models import Board, Programme, Strategy, StrategyStatus

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 30)


class Rollback(Exception):
    pass


def _generate(seed):
    call_command(
        "generate_national",
        "--scale=0.02",
        f"--seed={seed}",
        f"--today={TODAY.isoformat()}",
        stdout=StringIO(),
    )


def _snapshot():
    return (
        list(Council.objects.order_by("gss_code").values_list("gss_code", "name", "region")),
        list(Objective.objects.order_by("pk").values_list("title", "description")),
        list(
            ProgressUpdate.objects.order_by("pk").values_list(
                "period_start", "rating", "meeting__date"
            )
        ),
        list(Measurement.objects.order_by("pk").values_list("period_end", "value")),
    )


def _generated_with(seed):
    try:
        with transaction.atomic():
            _generate(seed)
            snapshot = _snapshot()
            raise Rollback
    except Rollback:
        return snapshot


def test_the_same_seed_gives_the_same_dataset():
    assert _generated_with(3) == _generated_with(3)
    assert _generated_with(3) != _generated_with(4)


def test_each_council_has_the_shape_of_a_national_council():
    _generate(1)
    councils = Council.objects.filter(gss_code__startswith="E69")
    assert councils.count() == 3
    assert Board.objects.count() == 3
    assert sorted(Strategy.objects.values_list("status", flat=True)) == sorted(
        [StrategyStatus.ARCHIVED, StrategyStatus.PUBLISHED, StrategyStatus.DRAFT] * 3
    )
    assert Aim.objects.count() == 9 * 5
    assert Objective.objects.count() == 9 * 20
    assert Indicator.objects.count() == 9 * 20 * 2
    assert Measurement.objects.count() == 9 * 20 * 2 * 12
    assert Programme.objects.count() == 9 * 3
    assert ProgressUpdate.objects.count() == (9 * 20 + 9 * 3) * 8
    signed = ProgressUpdate.objects.signed_off().count()
    assert signed > ProgressUpdate.objects.count() / 2, "most progress is signed off"
    # History is kept as the admin would have kept it.
    assert Objective.history.count() == Objective.objects.count()
    assert ProgressUpdate.history.count() == ProgressUpdate.objects.count()


def test_a_common_word_matches_every_strategy_and_the_rare_word_few():
    _generate(1)
    assert Strategy.objects.filter(summary__icontains="family").count() == 9
    rare = Strategy.objects.filter(summary__icontains=RARE_WORD).count()
    rare += Objective.objects.filter(title__icontains=RARE_WORD).count()
    assert rare < 9


def test_it_is_generated_once_per_database():
    _generate(1)
    with pytest.raises(CommandError, match="already loaded"):
        _generate(1)


def test_it_refuses_a_scale_out_of_range():
    with pytest.raises(CommandError, match="scale above 0"):
        call_command("generate_national", "--scale=0", stdout=StringIO())
