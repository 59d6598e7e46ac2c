"""One strategy with something in every section, for tests that look at whole pages (HTML
validity, accessibility, screenshots): every public page type has real content to show."""

import datetime as dt

from councils.models import Inspection, StatisticalNeighbour
from outcomes.models import (
    Indicator,
    NationalFigure,
    NationalIndicator,
    Objective,
    Theme,
)
from strategies.models import (
    Decision,
    Engagement,
    Milestone,
    Principle,
    ProgrammeCouncil,
    Strategy,
    StrategyPartner,
)
from tests.factories import (
    Q1,
    make_aim,
    make_board,
    make_board_member,
    make_council,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_partner,
    make_programme,
    make_reported_inspection,
    make_strategy,
    make_target,
    make_update,
)


def build_showcase(council):
    """Returns the published strategy; its predecessor is archived and a consultation draft of
    another strategy sits beside it. Its first indicator has a suppressed quarter. Its
    programme's rating and milestone are marked as invented for a demonstration."""
    board = make_board(council, name="Wyvern Vale Children's Partnership Board")
    meeting = make_meeting(board)
    old = make_strategy(
        council, status="archived", title="Children's plan", start_year=2019, end_year=2022
    )
    strategy = make_strategy(
        council,
        status="published",
        board=board,
        predecessor=old,
        title="Children and Young People Plan",
        start_year=2024,
        end_year=2028,
        summary="Our shared plan so that every child in Wyvern Vale starts well, stays safe "
        "and grows up ready for adult life.",
        vision="Wyvern Vale is a great place to grow up, where family help comes early.",
    )
    Principle.objects.create(
        strategy=strategy,
        title="Listen to children",
        description="Young people shape every decision.",
    )
    police = make_partner(council, "Wyvern Police")
    # A role as long as the demo's, so the page's width is checked with one.
    StrategyPartner.objects.create(
        strategy=strategy,
        partner=police,
        role="Keeps children safe and runs the multi-agency safeguarding hub with the council.",
    )
    make_board_member(
        board, name="Alex Young", representation="young_person", organisation="Youth Council"
    )
    make_board_member(
        board, name="Cllr Jo Lead", show_name_publicly=True, organisation="Wyvern Vale Council"
    )
    for aim_title, ratings in (
        ("Start well", ("on_track", "complete")),
        ("Keep safe", ("at_risk", "off_track", None)),
    ):
        aim = make_aim(strategy, title=aim_title)
        for number, rating in enumerate(ratings):
            objective = make_objective(
                aim,
                title=f"{aim_title}: objective {number + 1}",
                lead="Director of Children's Services",
            )
            if rating:
                make_update(objective=objective, quarter=Q1, rating=rating, meeting=meeting)
            indicator = make_indicator(
                objective,
                title="Children with a good level of development",
                decimal_places=1,
                baseline_value=61.2,
                baseline_date=dt.date(2023, 3, 31),
                source="Early years foundation stage profile",
                source_url="https://explore-education-statistics.service.gov.uk/",
            )
            make_target(indicator, dt.date(2026, 3, 31), 66)
            make_target(indicator, dt.date(2028, 3, 31), 70)
            for period_end, value in (
                (dt.date(2024, 6, 30), "62.1"),
                (dt.date(2024, 9, 30), "63"),
                (dt.date(2024, 12, 31), None),
                (dt.date(2025, 3, 31), "64.5"),
                (dt.date(2025, 6, 30), "63.8"),
            ):
                status = "suppressed" if value is None else "final"
                make_measurement(indicator, period_end, value, status=status)
    programme = make_programme(
        strategy,
        title="Family help service",
        lead_partner=police,
        delivery_year=1,
        funding_kind="exact",
        funding_amount=250000,
        funding_source="DfE grant",
    )
    Milestone.objects.create(
        programme=programme,
        title="First hub opens",
        due_on=dt.date(2025, 9, 1),
        completed_on=dt.date(2025, 8, 20),
        # Invented, as the demo's are: the notice and the labels are on every page checked.
        demonstration=True,
    )
    make_update(
        programme=programme, quarter=Q1, rating="on_track", meeting=meeting, demonstration=True
    )
    Decision.objects.create(
        strategy=strategy,
        meeting_date=dt.date(2024, 3, 14),
        key_decision="yes",
        reasons="A new plan was due.",
    )
    Engagement.objects.create(
        strategy=strategy,
        audience="Children in care",
        method="survey",
        participants=412,
        what_changed="Added an aim on mental health.",
    )
    make_reported_inspection(
        council,
        dt.date(2022, 6, 1),
        dt.date(2022, 4, 4),
        dt.date(2022, 4, 14),
        inspection_type="standard",
        summary="Children are safe.",
        url="https://files.ofsted.gov.uk/v1/file/1",
    )
    Inspection.objects.create(
        council=council, published_on=dt.date(2026, 6, 1), overall_effectiveness=""
    )
    Inspection.objects.create(
        council=council,
        published_on=dt.date(2016, 5, 1),
        overall_effectiveness="requires_improvement",
    )
    # Runs until replaced: its document gives no end year.
    make_strategy(council, status="consultation", title="Early help strategy", end_year=None)
    keep_safe = Theme.objects.create(
        slug="keep-safe",
        title="Keep safe",
        description="Safe at home and outside it.",
        framework="children_and_young_people",
        source="Telford & Wrekin's aims",
    )
    for aim in strategy.aims.filter(title="Keep safe"):
        aim.themes.add(keep_safe)
    # A statistical neighbour with no strategy of its own here, running a programme with us.
    neighbour = make_council("Hollinsfield", region="West Midlands")
    StatisticalNeighbour.objects.create(council=council, neighbour=neighbour, rank=1)
    ProgrammeCouncil.objects.create(programme=programme, council=neighbour, role="Hosts the panel")
    Inspection.objects.create(
        council=neighbour, published_on=dt.date(2023, 3, 1), overall_effectiveness="good"
    )
    # The first indicator adopts a national one: its page compares it with England's and the
    # neighbour's figures, one of them invented.
    national = NationalIndicator.objects.create(
        slug="good-level-of-development",
        name="Children with a good level of development",
        unit_label="%",
        decimal_places=1,
        polarity="higher_better",
        framework_outcome="Outcome 1: Children, young people and families stay together",
        framework_theme="Child wellbeing and development",
        framework_metric="eyfsp.gld_percent",
    )
    Indicator.objects.filter(pk=first_indicator(strategy).pk).update(national_indicator=national)
    for area, period_end, value, invented in (
        (None, dt.date(2024, 3, 31), "65.2", False),
        (None, dt.date(2025, 3, 31), "67.7", False),
        (neighbour, dt.date(2025, 3, 31), "63.0", True),
    ):
        NationalFigure.objects.create(
            national_indicator=national,
            council=area,
            period_end=period_end,
            value=value,
            source="DfE, Early years foundation stage profile results",
            source_url="https://explore-education-statistics.service.gov.uk/",
            demonstration=invented,
        )
    return strategy


def first_indicator(strategy):
    return Indicator.objects.filter(objective__aim__strategy=strategy).order_by("pk").first()


def public_pages(strategy):
    """Every public page type, by name: the HTML ones a person reads."""
    indicator = first_indicator(strategy)
    return {
        "home": "/",
        "councils": "/councils/",
        "councils-filtered": "/councils/?region=Nowhere",
        "council": strategy.lead_council.get_absolute_url(),
        "council-in-joint-work-only": "/councils/hollinsfield/",
        "strategies": "/strategies/",
        "search": "/strategies/?q=family+help",
        "search-with-errors": "/strategies/?period=soon&q=" + "x" * 300,
        "strategy": strategy.get_absolute_url(),
        "archived-strategy": strategy.predecessor.get_absolute_url(),
        "consultation-strategy": Strategy.objects.get(status="consultation").get_absolute_url(),
        "indicator": f"{strategy.get_absolute_url()}indicators/{indicator.pk}/",
        "aim": indicator.objective.aim.get_absolute_url(),
        "objective": indicator.objective.get_absolute_url(),
        # An objective nobody has rated, under the aim with a rating in each quarter but this.
        "unrated-objective": Objective.objects.filter(aim__strategy=strategy, updates=None)
        .order_by("pk")
        .first()
        .get_absolute_url(),
        "themes": "/themes/",
        "theme": "/themes/keep-safe/",
        "theme-neighbours": f"/themes/keep-safe/?neighbours_of={strategy.lead_council.slug}",
        "theme-with-errors": "/themes/keep-safe/?region=Mars&neighbours_of=nowhere",
        "data": "/data/",
        "accessibility": "/accessibility/",
    }


def error_pages(strategy):
    """Pages the public reaches by a wrong or guessed address, with the status each answers."""
    council = strategy.lead_council.slug
    return {"not-found": (f"/strategies/{council}/a-guessed-draft-strategy/", 404)}
