"""Every kind of public page, in a real Chromium at a phone's width and a desktop's: each passes
axe-core's accessibility checks, and a screenshot of each is kept for a human to look at."""

import datetime as dt

import pytest

from councils.models import Inspection
from outcomes.models import IndicatorTarget
from outcomes.periods import Quarter
from strategies.models import Decision, Engagement, Milestone, Principle, StrategyPartner
from tests.factories import (
    make_aim,
    make_board,
    make_board_member,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_partner,
    make_programme,
    make_strategy,
    make_update,
    sign_off,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)
Q1 = Quarter.containing(dt.date(2025, 4, 1))


@pytest.fixture
def strategy(council_a):
    board = make_board(council_a, name="Wyvern Vale Children's Partnership Board")
    meeting = make_meeting(board)
    old = make_strategy(
        council_a, status="archived", title="Children's plan", start_year=2019, end_year=2022
    )
    strategy = make_strategy(
        council_a,
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
    police = make_partner(council_a, "Wyvern Police")
    StrategyPartner.objects.create(strategy=strategy, partner=police, role="Keeps children safe")
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
                sign_off(make_update(objective=objective, quarter=Q1, rating=rating), meeting)
            indicator = make_indicator(
                objective,
                title="Children with a good level of development",
                decimal_places=1,
                baseline_value=61.2,
                baseline_date=dt.date(2023, 3, 31),
            )
            IndicatorTarget.objects.create(indicator=indicator, date=dt.date(2028, 3, 31), value=70)
            make_measurement(indicator, dt.date(2025, 3, 31), "64.5")
    programme = make_programme(
        strategy,
        title="Family help service",
        lead_partner=police,
        delivery_year=1,
        funding_amount=250000,
        funding_source="DfE grant",
    )
    Milestone.objects.create(
        programme=programme,
        title="First hub opens",
        due_on=dt.date(2025, 9, 1),
        completed_on=dt.date(2025, 8, 20),
    )
    sign_off(make_update(programme=programme, quarter=Q1, rating="on_track"), meeting)
    Decision.objects.create(
        strategy=strategy,
        meeting_date=dt.date(2024, 3, 14),
        is_key_decision=True,
        reasons="A new plan was due.",
    )
    Engagement.objects.create(
        strategy=strategy,
        audience="Children in care",
        method="survey",
        participants=412,
        what_changed="Added an aim on mental health.",
    )
    Inspection.objects.create(
        council=council_a,
        published_on=dt.date(2022, 6, 1),
        overall_effectiveness="outstanding",
        summary="Children are safe.",
    )
    Inspection.objects.create(
        council=council_a,
        published_on=dt.date(2016, 5, 1),
        overall_effectiveness="requires_improvement",
    )
    make_strategy(council_a, status="consultation", title="Early help strategy")
    return strategy


def _pages(strategy):
    return {
        "home": "/",
        "councils": "/councils/",
        "council": strategy.lead_council.get_absolute_url(),
        "strategies": "/strategies/",
        "search": "/strategies/?q=family+help",
        "search-with-errors": "/strategies/?period=soon&q=" + "x" * 300,
        "strategy": strategy.get_absolute_url(),
        "archived-strategy": strategy.predecessor.get_absolute_url(),
        "data": "/data/",
    }


def test_every_public_page_is_accessible_at_phone_and_desktop_widths(
    live_server, page, assert_accessible, strategy, tmp_path
):
    for name, path in _pages(strategy).items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(live_server.url + path)
            assert response.status == 200, name
            assert page.get_by_role("heading", level=1).count() == 1, name
            assert_accessible(page)
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
            page.screenshot(path=tmp_path / f"{name}-{width}.png", full_page=True)
    print(f"\nScreenshots: {tmp_path}")


def test_filters_work_without_javascript(live_server, browser, strategy):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/strategies/")
    page.get_by_label("Status").select_option("consultation")
    page.get_by_role("button", name="Apply filters").click()
    assert "status=consultation" in page.url
    assert page.get_by_role("link", name="Early help strategy").count() == 1
    assert page.get_by_role("link", name="Children and Young People Plan").count() == 0
    context.close()
