"""A statistical neighbour reads as publishing here, or as sharing joint work, exactly when the
councils list would find it: a public strategy it leads or co-owns, or a public strategy's
programme it runs jointly. A draft gives it neither."""

import pytest

from councils.models import StatisticalNeighbour
from public.public_work import councils_with_public_strategies, councils_with_public_work
from strategies.models import ProgrammeCouncil, StrategyCouncil
from tests.factories import make_council, make_programme, make_strategy

pytestmark = pytest.mark.django_db


def _neighbours(council_a):
    """One neighbour for each way a council can have, or seem to have, work here."""
    published = make_strategy(council_a, status="published")
    draft = make_strategy(council_a, status="draft")
    ways = {
        "leads a public strategy": lambda c: make_strategy(c, status="consultation"),
        "leads only a draft": lambda c: make_strategy(c, status="draft"),
        "co-owns a public strategy": lambda c: StrategyCouncil.objects.create(
            strategy=published, council=c
        ),
        "co-owns only a draft": lambda c: StrategyCouncil.objects.create(strategy=draft, council=c),
        "runs a public programme jointly": lambda c: ProgrammeCouncil.objects.create(
            programme=make_programme(published), council=c
        ),
        "runs a draft programme jointly": lambda c: ProgrammeCouncil.objects.create(
            programme=make_programme(draft), council=c
        ),
        "has nothing here": lambda c: None,
    }
    for rank, (way, make) in enumerate(ways.items(), start=1):
        neighbour = make_council(way.capitalize())
        make(neighbour)
        StatisticalNeighbour.objects.create(council=council_a, neighbour=neighbour, rank=rank)


def test_each_neighbours_flags_match_the_councils_list(client, council_a):
    _neighbours(council_a)
    publishing = set(councils_with_public_strategies().values_list("name", flat=True))
    with_work = set(councils_with_public_work().values_list("name", flat=True))

    links = client.get(council_a.get_absolute_url()).context["neighbours"]

    assert (
        {link.neighbour.name for link in links if link.has_public_strategy}
        == (publishing - {council_a.name})
        == {"Leads a public strategy", "Co-owns a public strategy"}
    )
    assert {
        link.neighbour.name for link in links if link.has_public_strategy or link.has_joint_work
    } == (with_work - {council_a.name})
    assert {link.neighbour.name for link in links if link.has_joint_work} == {
        "Runs a public programme jointly"
    }
