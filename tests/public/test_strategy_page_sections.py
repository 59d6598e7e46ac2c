"""The strategy page shows the strategy whole: each section, with what the public may see of it."""

import datetime as dt

import pytest

from strategies.models import (
    Decision,
    Engagement,
    Milestone,
    Principle,
    StrategyCouncil,
    StrategyPartner,
    StrategyRelation,
)
from tests.factories import make_board, make_partner, make_programme, make_strategy


def section(html, anchor):
    """The page from the heading with this id to the next top-level heading."""
    assert f'id="{anchor}"' in html, f"no #{anchor} section"
    return html.split(f'id="{anchor}"', 1)[1].split('<h2 class="govuk-heading-l"', 1)[0]


@pytest.fixture
def strategy(council_a):
    return make_strategy(council_a, status="published", title="Growing up well")


def page(client, strategy):
    response = client.get(strategy.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_principles_are_listed(client, strategy):
    Principle.objects.create(
        strategy=strategy, title="Think family", description="We see the whole family."
    )
    principles = section(page(client, strategy), "principles")
    assert "<strong>Think family</strong>: We see the whole family." in principles


def test_partners_are_listed_with_their_sector_and_role(client, strategy, council_a):
    police = make_partner(council_a, "West Mercia Police")
    StrategyPartner.objects.create(strategy=strategy, partner=police, role="Leads on exploitation")
    partners = section(page(client, strategy), "partners")
    assert "West Mercia Police" in partners
    assert "Police</td>" in partners
    assert "Leads on exploitation" in partners


def test_programmes_show_their_milestones_done_and_not(client, strategy, council_a):
    programme = make_programme(
        strategy,
        title="Family hubs",
        description="A hub in every town.",
        lead_partner=make_partner(council_a, "Wyvern NHS Trust"),
        delivery_year=1,
        funding_kind="exact",
        funding_amount=250000,
        funding_source="Start for Life grant",
    )
    Milestone.objects.create(
        programme=programme,
        title="First hub opens",
        due_on=dt.date(2025, 9, 1),
        completed_on=dt.date(2025, 10, 2),
    )
    Milestone.objects.create(
        programme=programme, title="Last hub opens", due_on=dt.date(2027, 1, 1)
    )
    programmes = section(page(client, strategy), "programmes")
    assert "Family hubs" in programmes
    assert "A hub in every town." in programmes
    assert "Wyvern NHS Trust" in programmes
    assert "Year 1 of the strategy" in programmes
    assert "£250,000 from Start for Life grant" in programmes
    assert "First hub opens" in programmes
    assert "Done 2 October 2025" in programmes
    assert 'Last hub opens</td><td class="govuk-table__cell">1 January 2027' in programmes
    assert "Not yet" in programmes


def test_the_overseeing_board_is_named(client, council_a):
    board = make_board(council_a, name="Star Chamber", description="Young people hold us to it.")
    strategy = make_strategy(council_a, status="published", board=board)
    board_section = section(page(client, strategy), "board")
    assert "Star Chamber oversees delivery and signs off progress." in board_section
    assert "Young people hold us to it." in board_section


def test_the_approval_decision_is_shown(client, strategy):
    Decision.objects.create(
        strategy=strategy,
        body="cabinet",
        meeting_date=dt.date(2024, 3, 14),
        key_decision="yes",
        portfolio_holder="Cllr Shaun Davies",
        senior_officer="Director of Children's Services",
        recommendations="Approve the strategy.",
        reasons="Children asked for it.",
        alternatives_rejected="Carry on as before.",
        conflicts_of_interest="None declared.",
        call_in_deadline=dt.date(2024, 3, 21),
    )
    decision = section(page(client, strategy), "decision")
    assert "Cabinet, 14 March 2024" in decision
    assert 'Key decision</dt><dd class="govuk-summary-list__value">Yes' in decision
    for text in (
        "Cllr Shaun Davies",
        "Director of Children&#x27;s Services",
        "Approve the strategy.",
        "Children asked for it.",
        "Carry on as before.",
        "None declared.",
        "21 March 2024",
    ):
        assert text in decision


def test_consultation_and_engagement_is_shown(client, strategy):
    Engagement.objects.create(
        strategy=strategy,
        audience="children in care",
        method="survey",
        start_date=dt.date(2023, 10, 1),
        end_date=dt.date(2023, 11, 30),
        participants=412,
        what_they_said="Too many changes of social worker.",
        what_changed="An objective on stable relationships.",
    )
    Engagement.objects.create(strategy=strategy, audience="parents", method="workshop")
    engagement = section(page(client, strategy), "engagement")
    assert "Survey with children in care" in engagement
    assert "1 October 2023 to 30 November 2023" in engagement
    assert "412" in engagement
    assert "Too many changes of social worker." in engagement
    assert "An objective on stable relationships." in engagement
    assert "Workshop with parents" in engagement
    # An unknown number is said to be unknown, never shown as 0.
    assert "Not known" in engagement


def test_co_owning_councils_are_linked(client, strategy, council_b):
    StrategyCouncil.objects.create(strategy=strategy, council=council_b, role="Runs adoption")
    html = page(client, strategy)
    assert f'<a class="govuk-link" href="{council_b.get_absolute_url()}">Brackenfield</a>' in html
    assert "(Runs adoption)" in html


def test_the_predecessor_and_successor_are_linked(client, council_a):
    old = make_strategy(council_a, status="archived", title="Old plan", start_year=2019)
    current = make_strategy(council_a, status="published", title="Current plan", predecessor=old)
    new = make_strategy(council_a, status="consultation", title="New plan", predecessor=current)
    related = section(page(client, current), "related")
    assert f'Replaces <a class="govuk-link" href="{old.get_absolute_url()}">Old plan' in related
    # Out for consultation, it is not in force yet: proposed, not replacing.
    assert (
        f'To be replaced by <a class="govuk-link" href="{new.get_absolute_url()}">New plan'
        in related
    )
    newest = make_strategy(council_a, status="published", title="Newest plan", predecessor=current)
    related = section(page(client, current), "related")
    assert (
        f'Replaced by <a class="govuk-link" href="{newest.get_absolute_url()}">Newest plan'
        in related
    )


def test_a_hidden_predecessor_or_successor_is_never_linked(client, council_a, council_b):
    old = make_strategy(council_a, status="draft", title="Secret old plan")
    current = make_strategy(council_a, status="published", predecessor=old)
    make_strategy(council_a, status="approved", title="Secret new plan", predecessor=current)
    # Something public to list, so the list is drawn and a hidden entry would show in it.
    corporate = make_strategy(council_b, status="published", title="Council plan")
    StrategyRelation.objects.create(from_strategy=current, to_strategy=corporate)
    related = section(page(client, current), "related")
    assert "Council plan" in related
    assert "Secret" not in related
    assert "Replaces" not in related
    assert "Replaced by" not in related


def test_a_strategy_with_no_public_relations_says_so(client, council_a):
    old = make_strategy(council_a, status="draft", title="Secret old plan")
    current = make_strategy(council_a, status="published", predecessor=old)
    related = section(page(client, current), "related")
    assert "No related plans have been published." in related
    assert "Secret" not in related


def test_related_plans_are_linked_both_ways(client, strategy, council_b):
    corporate = make_strategy(council_b, status="published", title="Council plan")
    service = make_strategy(council_b, status="published", title="Early help plan")
    hidden = make_strategy(council_b, status="draft", title="Secret service plan")
    StrategyRelation.objects.create(from_strategy=strategy, to_strategy=corporate, kind="part_of")
    StrategyRelation.objects.create(from_strategy=service, to_strategy=strategy, kind="part_of")
    StrategyRelation.objects.create(from_strategy=strategy, to_strategy=hidden)
    related = section(page(client, strategy), "related")
    assert (
        f'Delivers part of <a class="govuk-link" href="{corporate.get_absolute_url()}">'
        "Council plan</a> (Brackenfield)"
    ) in related
    assert (
        f'<a class="govuk-link" href="{service.get_absolute_url()}">Early help plan</a> '
        "(Brackenfield) delivers part of this strategy"
    ) in related
    assert "Secret" not in related


def test_a_programmes_milestones_fold_away_and_an_unstated_due_date_says_so(client, strategy):
    programme = make_programme(strategy, title="Family hubs")
    Milestone.objects.create(programme=programme, title="Agree the hub model")
    Milestone.objects.create(
        programme=programme, title="First hub opens", due_on=dt.date(2025, 9, 1)
    )
    programmes = section(page(client, strategy), "programmes")
    # A native details element: it opens without JavaScript and keeps the overview short.
    folded = programmes.split('<details class="govuk-details">', 1)[1].split("</details>", 1)[0]
    assert "Milestones (2)" in folded
    assert 'Agree the hub model</td><td class="govuk-table__cell">Not stated' in folded
    assert "No date" not in programmes


def test_an_engagement_of_another_kind_is_headed_engagement(client, strategy):
    Engagement.objects.create(strategy=strategy, audience="Parents and carers", method="other")
    consultation = section(page(client, strategy), "engagement")
    assert "Engagement with Parents and carers" in consultation
    assert "Other with" not in consultation
