"""Each public page runs a fixed number of queries however much data there is: measured on a
small dataset and on one ten times larger, against the same bound."""

import datetime as dt
import itertools

from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import Inspection, StatisticalNeighbour
from outcomes.models import Indicator, NationalFigure, NationalIndicator, Theme
from public.opendata import bulk
from strategies.models import (
    BoardMember,
    Milestone,
    ProgrammeCouncil,
    ProgrammeObjective,
    StrategyCouncil,
    StrategyPartner,
    StrategyRelation,
)
from tests.factories import (
    Q1,
    make_aim,
    make_board,
    make_council,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_partner,
    make_programme,
    make_strategy,
    make_target,
    make_update,
    sign_off,
)

_regions = itertools.count()
_ranks = itertools.count(1)
_years = itertools.count(1990)
_dates = (dt.date(2000, 1, 1) + dt.timedelta(days=day) for day in itertools.count())


def setting_up():
    council = make_council("Counting Vale", region="Region 0")
    board = make_board(council)
    target = make_strategy(
        council,
        status="published",
        board=board,
        title="Family help plan",
        summary="Family help for every child.",
        predecessor=make_strategy(council, status="archived", title="Old plan"),
    )
    return target, make_meeting(board), make_partner(council, "Counting Police")


def add_data(target, meeting, partner, n):
    """n more of everything: aims, objectives, indicators, figures and programmes in the strategy
    whose page is measured, councils with strategies of their own for the lists, and councils
    whose only work here is joint."""
    for _ in range(n):
        aim = make_aim(target, title="Keep safe")
        for _ in range(2):
            objective = make_objective(aim)
            sign_off(make_update(objective=objective, quarter=Q1), meeting)
            make_update(objective=objective, quarter=Q1.next, rating="complete")
            indicator = make_indicator(objective)
            make_target(indicator, dt.date(2027, 3, 31), 80)
            for year in (2023, 2024, 2025):
                make_measurement(indicator, dt.date(year, 3, 31), year - 1970)
        programme = make_programme(target, title="Family help service", lead_partner=partner)
        Milestone.objects.create(programme=programme, title="Launch", due_on=dt.date(2025, 9, 1))
        # Every programme serves the measured objective, so its page and its aim's list more.
        ProgrammeObjective.objects.create(
            programme=programme, objective=_charted_indicator(target).objective
        )
        sign_off(make_update(programme=programme, quarter=Q1, rating="at_risk"), meeting)
        StrategyPartner.objects.create(strategy=target, partner=make_partner(target.lead_council))
        BoardMember.objects.create(board=target.board, name="Member", representation="officer")

        council = make_council(region=f"Region {next(_regions) % 3}")
        StatisticalNeighbour.objects.create(
            council=target.lead_council, neighbour=council, rank=next(_ranks)
        )
        Inspection.objects.create(
            council=council, published_on=dt.date(2024, 1, 1), overall_effectiveness="good"
        )
        Inspection.objects.create(
            council=target.lead_council,
            published_on=next(_dates),
            overall_effectiveness="outstanding",
        )
        make_strategy(council, status="draft", title="Hidden family help draft")
        other = make_strategy(council, status="published", title="Another family help plan")
        StrategyCouncil.objects.create(strategy=other, council=target.lead_council)
        StrategyRelation.objects.create(from_strategy=target, to_strategy=other)
        make_aim(other, title="Keep safe").themes.add(_keep_safe())
        aim.themes.add(_keep_safe())
        make_programme(other, title="Family help hub")
        # A council whose only work here is a share in the measured strategy's programme.
        ProgrammeCouncil.objects.create(
            programme=programme, council=make_council(region=f"Region {next(_regions) % 3}")
        )
    charted = _charted_indicator(target)
    # The charted indicator adopts a national one: its page gains England's figures and every
    # neighbour's with the data.
    national, _ = NationalIndicator.objects.get_or_create(slug="counted", name="Counted")
    Indicator.objects.filter(pk=charted.pk).update(national_indicator=national)
    for link in StatisticalNeighbour.objects.filter(council=target.lead_council):
        for year in (2024, 2025):
            NationalFigure.objects.get_or_create(
                national_indicator=national,
                council=link.neighbour,
                period_end=dt.date(year, 3, 31),
                defaults={"value": link.rank + year - 2000, "source": "Counted census"},
            )
    for _ in range(n):
        NationalFigure.objects.create(
            national_indicator=national,
            period_end=dt.date(next(_years), 3, 31),
            value=50,
            source="Counted census",
        )
    NationalFigure.objects.get_or_create(
        national_indicator=national,
        period_end=dt.date(2025, 3, 31),
        council=None,
        defaults={"value": 60, "source": "Counted census"},
    )
    for _ in range(n):
        day = next(_dates)
        make_measurement(charted, day, day.day)
        make_target(charted, day, day.month)


def _keep_safe():
    return Theme.objects.get_or_create(
        slug="keep-safe", defaults={"title": "Keep safe", "framework": "children_and_young_people"}
    )[0]


def _charted_indicator(strategy):
    """The indicator whose own page is measured: it gains figures and targets with the data."""
    return Indicator.objects.filter(objective__aim__strategy=strategy).order_by("pk").first()


def _joint_only(strategy):
    """The first council whose only work here is a share in the measured strategy's programmes."""
    return (
        ProgrammeCouncil.objects.filter(programme__strategy=strategy).order_by("pk").first().council
    )


def urls(strategy):
    detail = strategy.get_absolute_url()
    council = strategy.lead_council
    return {
        "home": "/",
        "councils list": "/councils/",
        "councils list filtered": "/councils/?region=Region+0&kind=unitary",
        "council detail": council.get_absolute_url(),
        "council detail, joint work only": _joint_only(strategy).get_absolute_url(),
        "strategies list filtered by a joint-only council": (
            f"/strategies/?council={_joint_only(strategy).slug}"
        ),
        "strategies list": "/strategies/",
        "strategies list filtered": (
            f"/strategies/?council={council.slug}&status=published&period=2025&aim=keep"
        ),
        "strategies search": "/strategies/?q=family+help",
        "strategies search page 2": "/strategies/?q=family+help&page=2",
        "strategy detail": detail,
        "strategy csv": detail + "data.csv",
        "strategy json": detail + "data.json",
        "indicator page": f"{detail}indicators/{_charted_indicator(strategy).pk}/",
        "aim page": _charted_indicator(strategy).objective.aim.get_absolute_url(),
        "objective page": _charted_indicator(strategy).objective.get_absolute_url(),
        "themes": "/themes/",
        "theme comparison": "/themes/keep-safe/",
        "theme comparison by region": "/themes/keep-safe/?region=Region+0",
        "theme comparison by neighbours": f"/themes/keep-safe/?neighbours_of={council.slug}",
        "data page": "/data/",
        "site feed": "/feeds/updates.atom",
        "council feed": f"/councils/{council.slug}/feed.atom",
        "sitemap": "/sitemap.xml",
        "accessibility statement": "/accessibility/",
        "all data": "/data/all.json",
    }


# Generous enough for a page's fixed set of queries, far below one per row at either size.
BOUND = 30


def _count(client, url, django_assert_max_num_queries):
    if url == "/data/all.json":
        # The whole dataset is built away from the request (production builds it in its own
        # process; tests/public/test_bulk_downloads.py counts the build's queries). The request
        # serves the finished file.
        bulk.build("http://testserver")
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(BOUND):
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_public_pages_run_the_same_number_of_queries_with_ten_times_the_data(
    client, db, django_assert_max_num_queries
):
    target, meeting, partner = setting_up()
    add_data(target, meeting, partner, 2)
    small = {
        name: _count(client, url, django_assert_max_num_queries)
        for name, url in urls(target).items()
    }
    add_data(target, meeting, partner, 18)
    large = {
        name: _count(client, url, django_assert_max_num_queries)
        for name, url in urls(target).items()
    }
    assert large == small
