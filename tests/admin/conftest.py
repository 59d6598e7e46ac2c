import datetime as dt

import pytest
from django.urls import reverse

from councils.models import CouncilMembership, Inspection
from outcomes.models import Challenge, NationalFigure, NationalIndicator, Theme
from strategies.models import (
    BoardAction,
    Decision,
    Engagement,
    Milestone,
    Principle,
    ProgrammeObjective,
    StrategyPartner,
)
from tests.factories import (
    make_aim,
    make_board,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_partner,
    make_programme,
    make_strategy,
    make_target,
    make_update,
    make_user,
)


def build_records(council, board):
    """One record of every admin model, all belonging to `council`, and of the parts edited
    inline on their pages (a target, a milestone), which have history pages of their own."""
    strategy = make_strategy(council, title=f"{council.name} plan", board=board)
    aim = make_aim(strategy, title=f"{council.name} aim")
    objective = make_objective(aim, title=f"{council.name} objective")
    indicator = make_indicator(objective, title=f"{council.name} indicator")
    measurement = make_measurement(indicator, dt.date(2025, 6, 30), 12)
    target = make_target(indicator, dt.date(2027, 3, 31), 20)
    programme = make_programme(strategy, title=f"{council.name} programme")
    milestone = Milestone.objects.create(programme=programme, title="Service launched")
    programme_objective = ProgrammeObjective.objects.create(
        programme=programme, objective=objective
    )
    partner = make_partner(council, name=f"{council.name} police")
    strategy_partner = StrategyPartner.objects.create(strategy=strategy, partner=partner)
    principle = Principle.objects.create(strategy=strategy, title="Listen to children")
    meeting = make_meeting(board)
    officer = make_user(f"officer_of_{council.slug}", is_staff=True)
    national = NationalIndicator.objects.create(
        slug=f"{council.slug}-national", name=f"{council.name} national measure", unit_label="%"
    )
    return {
        "council": council,
        "partner": partner,
        "inspection": Inspection.objects.create(
            council=council, published_on=dt.date(2024, 5, 1), overall_effectiveness="good"
        ),
        "councilmembership": CouncilMembership.objects.create(user=officer, council=council),
        "strategy": strategy,
        "aim": aim,
        "objective": objective,
        "indicator": indicator,
        "measurement": measurement,
        "programme": programme,
        "decision": Decision.objects.create(strategy=strategy, meeting_date=dt.date(2024, 3, 1)),
        "engagement": Engagement.objects.create(
            strategy=strategy, audience="Children in care", method="survey"
        ),
        "board": board,
        "meeting": meeting,
        "boardaction": BoardAction.objects.create(
            meeting=meeting, description="Report on waiting times", owner="Director"
        ),
        "progressupdate": make_update(objective=objective),
        "challenge": Challenge.objects.create(
            meeting=meeting,
            objective=objective,
            question="Why are health visits late?",
            owner="Head of Health Visiting",
            answer_due=dt.date(2026, 9, 30),
        ),
        "indicatortarget": target,
        "milestone": milestone,
        "programmeobjective": programme_objective,
        "strategypartner": strategy_partner,
        "principle": principle,
        # National, not the council's: here so every admin model has a record on the grid.
        "theme": Theme.objects.create(
            slug=f"{council.slug}-theme",
            title=f"{council.name} theme",
            framework="social_care_framework",
        ),
        "nationalindicator": national,
        "nationalfigure": NationalFigure.objects.create(
            national_indicator=national,
            council=council,
            period_end=dt.date(2025, 3, 31),
            value=40,
            source="Children in need census",
        ),
    }


@pytest.fixture
def records_a(council_a, board_a):
    return build_records(council_a, board_a)


@pytest.fixture
def records_b(council_b):
    return build_records(council_b, make_board(council_b, name="Brackenfield board"))


@pytest.fixture
def staff_without_council(db):
    return make_user("staff_without_council", is_staff=True)


def admin_url(obj, view="change"):
    opts = obj._meta
    name = f"admin:{opts.app_label}_{opts.model_name}_{view}"
    if view in ("changelist", "add"):
        return reverse(name)
    return reverse(name, args=[obj.pk])


def _post_value(value):
    if isinstance(value, bool):
        return "on" if value else None
    return value


def change_form_data(response):
    """What a browser would post back from an admin form page, exactly as it was rendered."""
    forms = [response.context["adminform"].form]
    data = {}
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        forms.extend(formset.formset.forms)
    for form in forms:
        for name in form.fields:
            value = _post_value(form[name].value())
            if value is not None:
                data[form.add_prefix(name)] = value
    return data
