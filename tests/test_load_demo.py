import io

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from councils.models import Council, CouncilKind, CouncilMembership, Inspection, Judgement, Role
from outcomes.demo import DEMO_PASSWORD, demo_load
from outcomes.demo.upsert import CREATED, UPDATED
from outcomes.models import Measurement, MeasurementStatus, Objective, ProgressUpdate, Rating
from outcomes.periods import current_period
from strategies.models import (
    BoardMember,
    Decision,
    DecisionBody,
    Programme,
    Representation,
    Strategy,
    StrategyRelation,
    StrategyStatus,
)


@pytest.fixture
def demo(db):
    return demo_load(stdout=io.StringIO())


def snapshot():
    """Every row of every table, history included, as plain values."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


def test_a_second_run_changes_no_row_and_writes_no_history(demo):
    before = snapshot()
    assert sum(len(rows) for label, rows in before.items() if "Historical" in label) > 0

    tally = demo_load(stdout=io.StringIO())

    assert tally.total(CREATED) == 0
    assert tally.total(UPDATED) == 0
    assert snapshot() == before


def test_a_second_run_repairs_a_changed_row_without_touching_the_others(demo):
    council = Council.objects.get(gss_code="E06000020")
    council.region = "Somewhere else"
    council.save()

    tally = demo_load(stdout=io.StringIO())

    assert tally.total(UPDATED) == 1
    assert Council.objects.get(gss_code="E06000020").region == "West Midlands"


@pytest.mark.parametrize(
    ("gss_code", "name", "register_code", "la_number", "region"),
    [
        ("E06000020", "Telford & Wrekin", "TFW", "894", "West Midlands"),
        ("E06000021", "Stoke-on-Trent", "STE", "861", "West Midlands"),
        ("E06000004", "Stockton-on-Tees", "STT", "808", "North East"),
        ("E06000049", "Cheshire East", "CHE", "895", "North West"),
    ],
)
def test_the_four_seed_councils_have_their_official_codes(
    demo, gss_code, name, register_code, la_number, region
):
    council = Council.objects.get(gss_code=gss_code)
    assert (council.name, council.register_code, council.la_number, council.region) == (
        name,
        register_code,
        la_number,
        region,
    )
    assert council.kind == CouncilKind.UNITARY
    assert council.strategies.public().exists()


def test_telford_inspections_show_requires_improvement_then_outstanding(demo):
    judgements = list(
        Inspection.objects.filter(council__gss_code="E06000020")
        .order_by("published_on")
        .values_list("overall_effectiveness", flat=True)
    )
    assert judgements == [
        Judgement.REQUIRES_IMPROVEMENT,
        Judgement.OUTSTANDING,
        Judgement.OUTSTANDING,
    ]


def test_stockton_strategy_has_its_cabinet_decision_and_archived_predecessor(demo):
    strategy = Strategy.objects.get(
        lead_council__gss_code="E06000004", slug="children-and-young-people-strategy-2019-2023"
    )
    decision = Decision.objects.get(strategy=strategy)
    assert decision.body == DecisionBody.CABINET
    assert str(decision.meeting_date) == "2019-02-14"
    assert decision.recommendations
    assert decision.reasons
    assert decision.alternatives_rejected
    assert decision.conflicts_of_interest
    assert decision.call_in_deadline is None
    assert strategy.predecessor.title == "Children and Young People's Plan 2015 to 2018"
    assert strategy.predecessor.status == StrategyStatus.ARCHIVED
    assert strategy.predecessor.archived_at is not None
    assert [p.title for p in strategy.principles.all()] == [
        "Resilience",
        "Relationships",
        "Respect",
        "Response",
    ]


def test_together4children_is_run_by_four_councils(demo):
    programme = Programme.objects.get(title="Together4Children adoption agency")
    strategy = programme.strategy
    partner_councils = {
        link.partner.name for link in strategy.partnerships.filter(partner__sector="council")
    }
    assert strategy.lead_council.name == "Stoke-on-Trent"
    assert partner_councils == {
        "Staffordshire County Council",
        "Shropshire Council",
        "Telford & Wrekin Council",
    }
    # Each partner council is also a council in its own right on the site.
    official_names = set(Council.objects.values_list("official_name", flat=True))
    assert partner_councils <= official_names
    assert programme.milestones.exists()


def test_cheshire_east_vision_has_six_outcomes_and_a_golden_thread(demo):
    vision = Strategy.objects.get(
        lead_council__gss_code="E06000049", slug="vision-for-children-and-young-people"
    )
    assert vision.aims.count() == 6
    assert vision.principles.count() == 3
    kinds = set(
        StrategyRelation.objects.filter(from_strategy=vision).values_list("kind", flat=True)
    )
    assert kinds == {StrategyRelation.Kind.PART_OF, StrategyRelation.Kind.DELIVERED_BY}
    decision = vision.decisions.get()
    assert decision.key_decision == "yes"
    assert "Kathryn Flavell" in decision.portfolio_holder


def test_demo_has_draft_consultation_published_and_archived_strategies(demo):
    statuses = set(Strategy.objects.values_list("status", flat=True))
    assert {
        StrategyStatus.DRAFT,
        StrategyStatus.CONSULTATION,
        StrategyStatus.PUBLISHED,
        StrategyStatus.ARCHIVED,
    } <= statuses
    assert not Strategy.objects.public().filter(status=StrategyStatus.DRAFT).exists()
    for strategy in Strategy.objects.public():
        assert strategy.first_public_at is not None


def test_telford_strategy_has_four_aims_programmes_board_and_partners(demo):
    strategy = Strategy.objects.get(
        lead_council__gss_code="E06000020", slug="children-and-young-peoples-strategy-2025-2028"
    )
    assert [aim.title for aim in strategy.aims.all()] == [
        "Start well",
        "Stay well",
        "Keep safe",
        "Enjoy and achieve",
    ]
    assert all(aim.objectives.exists() for aim in strategy.aims.all())
    assert {p.title for p in strategy.programmes.all()} == {
        "Family help service",
        "Family safeguarding model",
    }
    sectors = set(strategy.partnerships.values_list("partner__sector", flat=True))
    assert {"police", "health", "education", "voluntary"} <= sectors
    representations = set(strategy.board.members.values_list("representation", flat=True))
    assert {
        Representation.YOUNG_PERSON,
        Representation.ELECTED_MEMBER,
        Representation.STATUTORY_LEADER,
    } <= representations


def test_young_board_members_are_not_named_publicly(demo):
    young = BoardMember.objects.filter(representation=Representation.YOUNG_PERSON)
    assert young.exists()
    assert not young.filter(show_name_publicly=True).exists()
    for member in young:
        assert member.name.startswith("Young person")


def test_latest_quarter_awaits_sign_off_and_earlier_quarters_are_signed_off(demo):
    latest = current_period()
    awaiting = ProgressUpdate.objects.awaiting_sign_off()
    assert awaiting.exists()
    assert set(awaiting.values_list("period_start", flat=True)) == {latest.start}
    signed = ProgressUpdate.objects.signed_off()
    assert signed.filter(period_start=latest.previous.start).exists()
    for update in signed:
        assert update.signed_off_at is not None
        assert update.signed_off_by is not None
        assert update.meeting.date > update.period_end


def test_progress_uses_every_rating_and_two_objectives_are_overdue(demo):
    ratings = set(ProgressUpdate.objects.values_list("rating", flat=True))
    assert {Rating.ON_TRACK, Rating.AT_RISK, Rating.OFF_TRACK, Rating.COMPLETE} <= ratings
    latest = current_period()
    reporting = Objective.objects.filter(updates__isnull=False).distinct()
    overdue = reporting.exclude(updates__period_start=latest.start)
    assert overdue.count() == 2


def test_every_progress_update_passes_model_validation(demo):
    updates = ProgressUpdate.objects.all()
    assert updates.count() > 30
    for update in updates:
        update.full_clean()


def test_every_demo_row_passes_model_validation(demo):
    for app_label in ("councils", "strategies", "outcomes"):
        for model in apps.get_app_config(app_label).get_models():
            if model.__name__.startswith("Historical"):
                continue
            for obj in model._base_manager.all():
                obj.full_clean()


def test_one_measurement_is_suppressed_with_no_value(demo):
    suppressed = Measurement.objects.get(status=MeasurementStatus.SUPPRESSED)
    assert suppressed.value is None
    assert suppressed.note


@pytest.mark.parametrize(
    ("username", "council", "role", "is_staff"),
    [
        ("telford-editor", "E06000020", Role.EDITOR, True),
        ("telford-publisher", "E06000020", Role.PUBLISHER, True),
        ("stoke-editor", "E06000021", Role.EDITOR, True),
    ],
)
def test_officer_accounts_belong_to_their_council(demo, username, council, role, is_staff):
    user = authenticate(
        RequestFactory().post("/accounts/sign-in/"), username=username, password=DEMO_PASSWORD
    )
    assert user is not None
    assert user.is_staff is is_staff
    assert not user.is_superuser
    memberships = list(
        CouncilMembership.objects.filter(user=user).values_list("council__gss_code", "role")
    )
    assert memberships == [(council, role)]


def test_board_account_sits_on_the_telford_board_and_is_not_staff(demo):
    user = authenticate(
        RequestFactory().post("/accounts/sign-in/"),
        username="telford-board",
        password=DEMO_PASSWORD,
    )
    assert user is not None
    assert not user.is_staff
    assert not CouncilMembership.objects.filter(user=user).exists()
    member = BoardMember.objects.get(user=user)
    assert member.board.slug == "telford-children-and-young-peoples-board"
    assert Strategy.objects.for_user(user).filter(status=StrategyStatus.DRAFT).exists()


def test_admin_account_is_a_superuser(demo):
    user = authenticate(
        RequestFactory().post("/accounts/sign-in/"), username="admin", password=DEMO_PASSWORD
    )
    assert user is not None
    assert user.is_superuser
    assert user.is_staff


def test_a_second_run_restores_a_changed_demo_password(demo):
    user = get_user_model().objects.get(username="telford-editor")
    user.set_password("something-else")
    user.save()

    demo_load(stdout=io.StringIO())

    assert (
        authenticate(
            RequestFactory().post("/accounts/sign-in/"),
            username="telford-editor",
            password=DEMO_PASSWORD,
        )
        is not None
    )


def test_command_prints_counts_and_the_accounts(db):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    text = out.getvalue()
    assert "strategies.Strategy" in text
    assert "created" in text
    for username in (
        "admin",
        "telford-editor",
        "telford-publisher",
        "stoke-editor",
        "telford-board",
    ):
        assert username in text
    assert DEMO_PASSWORD in text


def test_command_refuses_to_run_in_production(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="--force"):
        call_command("load_demo", stdout=io.StringIO())
    assert not Council.objects.exists()


def test_command_runs_in_production_when_forced(db, settings):
    settings.PRODUCTION = True
    call_command("load_demo", "--force", stdout=io.StringIO())
    assert Council.objects.filter(gss_code="E06000020").exists()
