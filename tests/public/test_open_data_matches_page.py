"""The downloads hold exactly what the strategy page shows: every public fact on the page is in
the CSV and the JSON, and nothing the page hides (draft strategies, unsigned progress) is in
either, nor in the file of every strategy."""

import csv
import datetime as dt
import io
import json

import pytest
import time_machine

from councils.models import StatisticalNeighbour
from outcomes.models import (
    Aim,
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
    ProgrammeObjective,
    StrategyCouncil,
    StrategyPartner,
    StrategyRelation,
)
from tests.factories import (
    Q1,
    make_aim,
    make_board_member,
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

# A day when the indicator's latest figure (quarter to 30 June 2025) is overdue: the next, for the
# quarter to 30 September, was due by 31 December 2025.
TODAY = dt.date(2026, 2, 1)

HIDDEN = (
    "Secret draft plan",
    "Approved but unpublished plan",
    "Unsigned objective words",
    "Unsigned programme words",
    "Hidden young person",
    "Former member",
)


def build_whole_strategy(council, other_council, board):
    """A public strategy with something in every section of its page, and beside it drafts and
    unsigned progress that the page must not show."""
    old = make_strategy(
        council, status="archived", title="Old plan", start_year=2020, end_year=2023
    )
    strategy = make_strategy(
        council,
        status="published",
        board=board,
        title="Open plan",
        summary="Every child safe and well.",
        vision="A county where children thrive.",
        document_url="https://example.org/open-plan.pdf",
        kind="plan",
        start_year=2024,
        end_year=2027,
        predecessor=old,
    )
    board.description = "Meets every quarter with young people."
    board.save()
    StrategyCouncil.objects.create(
        strategy=strategy, council=other_council, role="Joint commissioner"
    )
    # Drafts beside it: a refresh in progress, and plans linked both ways.
    draft = make_strategy(council, status="draft", title="Secret draft plan", predecessor=strategy)
    approved = make_strategy(council, status="approved", title="Approved but unpublished plan")
    StrategyRelation.objects.create(from_strategy=strategy, to_strategy=draft, kind="part_of")
    StrategyRelation.objects.create(from_strategy=approved, to_strategy=strategy, kind="related")
    corporate = make_strategy(other_council, status="published", title="Corporate plan")
    StrategyRelation.objects.create(from_strategy=strategy, to_strategy=corporate, kind="part_of")
    early_help = make_strategy(council, status="consultation", title="Early help plan")
    StrategyRelation.objects.create(
        from_strategy=early_help, to_strategy=strategy, kind="delivered_by"
    )

    Principle.objects.create(strategy=strategy, title="Think family", description="Whole homes.")
    police = make_partner(council, "Wyvern Police")
    StrategyPartner.objects.create(strategy=strategy, partner=police, role="Keeps children safe")
    make_board_member(board, name="Cllr Open", show_name_publicly=True, organisation="The council")
    make_board_member(board, name="Hidden young person", representation="young_person")
    make_board_member(board, name="Former member", left_on=dt.date(2020, 1, 1))
    Decision.objects.create(
        strategy=strategy,
        body="cabinet",
        meeting_date=dt.date(2024, 3, 12),
        key_decision="yes",
        portfolio_holder="Cllr Portfolio",
        recommendations="Approve the plan.",
        url="https://example.org/decision",
    )
    Engagement.objects.create(
        strategy=strategy,
        audience="children in care",
        method="survey",
        start_date=dt.date(2023, 10, 1),
        end_date=dt.date(2023, 11, 30),
        participants=212,
        what_they_said="More say in their plans.",
        what_changed="Added a participation objective.",
    )

    aim = make_aim(strategy, title="Keep safe", description="Safety first.")
    objective = make_objective(
        aim, title="Fewer exclusions", description="Keep children in school.", lead="Head of SEND"
    )
    indicator = make_indicator(
        objective,
        title="Exclusion rate",
        description="Permanent exclusions per 100 pupils.",
        unit_label="per 100 pupils",
        decimal_places=1,
        frequency="quarterly",
        baseline_value="9.5",
        baseline_date=dt.date(2024, 3, 31),
        source="DfE exclusions statistics",
        source_url="https://example.org/exclusions",
    )
    make_target(indicator, dt.date(2027, 3, 31), 5)
    make_measurement(indicator, dt.date(2025, 3, 31), "8.5", note="Includes academies.")
    make_measurement(indicator, dt.date(2025, 6, 30), "7.25", status="provisional")

    programme = make_programme(
        strategy,
        title="Family help service",
        description="One front door for families.",
        lead_partner=police,
        delivery_year=1,
        funding_source="Families First grant",
        funding_kind="exact",
        funding_amount="1250000",
        status="in_progress",
    )
    ProgrammeObjective.objects.create(programme=programme, objective=objective)
    ProgrammeCouncil.objects.create(programme=programme, council=other_council, role="Joint funder")
    Milestone.objects.create(
        programme=programme,
        title="Hub opens",
        due_on=dt.date(2025, 9, 1),
        completed_on=dt.date(2025, 8, 28),
    )

    meeting = make_meeting(board)
    make_update(
        objective=objective,
        quarter=Q1,
        rating="at_risk",
        commentary="Signed-off words",
        meeting=meeting,
    )
    make_update(
        programme=programme, quarter=Q1, commentary="Programme signed-off words", meeting=meeting
    )
    make_update(
        objective=objective,
        quarter=Q1.next,
        rating="complete",
        commentary="Unsigned objective words",
    )
    make_update(
        programme=programme,
        quarter=Q1.next,
        rating="off_track",
        commentary="Unsigned programme words",
    )
    keep_safe = Theme.objects.create(
        slug="keep-safe", title="Keep safe", framework="children_and_young_people"
    )
    aim.themes.add(keep_safe)
    objective.themes.add(keep_safe)
    make_reported_inspection(
        council,
        dt.date(2024, 7, 12),
        dt.date(2024, 4, 29),
        dt.date(2024, 5, 3),
        inspection_type="short",
        care_leavers="outstanding",
        url="https://files.ofsted.gov.uk/v1/file/50252260",
    )
    StatisticalNeighbour.objects.create(council=council, neighbour=other_council, rank=1)
    # The indicator adopts a national one, with England's and the neighbour's figures.
    national = NationalIndicator.objects.create(
        slug="exclusions",
        name="Permanent exclusion rate",
        unit_label="per 100 pupils",
        framework_outcome="Outcome 1",
        framework_metric="exclusions.rate",
    )
    Indicator.objects.filter(pk=indicator.pk).update(national_indicator=national)
    for area, value in ((None, "9.9"), (other_council, None)):
        NationalFigure.objects.create(
            national_indicator=national,
            council=area,
            period_end=dt.date(2025, 3, 31),
            value=value,
            status="final" if value else "suppressed",
            source="DfE exclusions statistics",
            demonstration=area is None,
        )
    return strategy


@pytest.fixture
def whole_strategy(council_a, council_b, board_a):
    return build_whole_strategy(council_a, council_b, board_a)


def fetch(client, url):
    with time_machine.travel(TODAY, tick=False):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


def downloads(client, strategy):
    """The strategy's pages (its overview and each aim's and objective's own page, which show
    their descriptions, leads, progress and indicators) and its two downloads."""
    base = strategy.get_absolute_url()
    parts = [
        *Aim.objects.filter(strategy=strategy),
        *Objective.objects.filter(aim__strategy=strategy),
    ]
    page = "".join(
        fetch(client, url).content.decode()
        for url in [base, *(part.get_absolute_url() for part in parts)]
    )
    data = fetch(client, base + "data.json").json()
    csv_text = fetch(client, base + "data.csv").content.decode("utf-8-sig")
    return page, data, csv_text


def rows_of(csv_text, record_type):
    return [
        row for row in csv.DictReader(io.StringIO(csv_text)) if row["record_type"] == record_type
    ]


def long_date(iso):
    return f"{dt.date.fromisoformat(iso):%-d %B %Y}"


# Facts written the same way on the page and in the downloads, section by section.
TEXT_FACTS = [
    # The summary at the top of the page.
    "Open plan",
    "Every child safe and well.",
    "Wyvern Vale",
    "Brackenfield",
    "Joint commissioner",
    "Joint funder",
    "https://example.org/open-plan.pdf",
    # Vision and principles.
    "A county where children thrive.",
    "Think family",
    "Whole homes.",
    # Aims, objectives and their signed-off progress.
    "Keep safe",
    "Safety first.",
    "Fewer exclusions",
    "Keep children in school.",
    "Head of SEND",
    "Signed-off words",
    # Indicator figures and where they come from.
    "Exclusion rate",
    "per 100 pupils",
    "DfE exclusions statistics",
    "https://example.org/exclusions",
    # Programmes.
    "Family help service",
    "One front door for families.",
    "Families First grant",
    "Programme signed-off words",
    "Hub opens",
    # Partners, board, decision and engagement.
    "Wyvern Police",
    "Keeps children safe",
    "Meets every quarter with young people.",
    "Cllr Open",
    "Cllr Portfolio",
    "Approve the plan.",
    "https://example.org/decision",
    "children in care",
    "More say in their plans.",
    "Added a participation objective.",
    # Related plans.
    "Old plan",
    "Corporate plan",
    "Early help plan",
]


def test_every_fact_on_the_page_is_in_both_downloads(client, whole_strategy):
    page, data, csv_text = downloads(client, whole_strategy)
    json_text = json.dumps(data, ensure_ascii=False)
    for fact in TEXT_FACTS:
        assert fact in page, f"the test expects the page to show {fact!r}"
        assert fact in json_text, f"{fact!r} is on the page but not in the JSON"
        assert fact in csv_text, f"{fact!r} is on the page but not in the CSV"


def test_the_json_carries_the_page_facts_in_their_places(client, whole_strategy):
    page, data, _ = downloads(client, whole_strategy)
    assert data["co_owners"] == [
        {
            "name": "Brackenfield",
            "slug": "brackenfield",
            "gss_code": "E06000902",
            "url": "http://testserver/councils/brackenfield/",
            "role": "Joint commissioner",
        }
    ]
    assert data["board"]["description"] == "Meets every quarter with young people."
    assert [(plan["relation"], plan["title"]) for plan in data["related_plans"]] == [
        ("replaces", "Old plan"),
        ("part_of", "Corporate plan"),
        ("delivers", "Early help plan"),
    ]
    assert (data["period_start"], data["period_end"]) == ("2024-04-01", "2027-03-31")
    assert "1 April 2024 to 31 March 2027" in page
    objective = data["aims"][0]["objectives"][0]
    assert objective["latest_rating"]["commentary"] == "Signed-off words"
    programme = data["programmes"][0]
    assert programme["funding_amount"] == 1250000
    assert "£1,250,000" in page
    assert programme["delivery_year"] == 1
    assert "Year 1 of the strategy" in page
    assert programme["latest_rating"]["commentary"] == "Programme signed-off words"

    # The figures' provenance: the same dates the page shows beside the indicator.
    provenance = objective["indicators"][0]["provenance"]
    assert provenance["latest_period"] == "Quarter to 30 June 2025"
    assert provenance["next_due_on"] == "2025-12-31"
    assert provenance["out_of_date"] is True
    assert provenance["out_of_date_since"] == "2026-01-01"
    for key in ("last_updated", "next_due_on", "next_period_end", "out_of_date_since"):
        assert long_date(provenance[key]) in page, key
    assert "Out of date" in page


def test_the_csv_carries_the_page_facts_in_their_places(client, whole_strategy):
    _, data, csv_text = downloads(client, whole_strategy)
    (strategy,) = rows_of(csv_text, "strategy")
    assert strategy["title"] == "Open plan"
    assert strategy["status"] == "published"
    assert (strategy["start_year"], strategy["end_year"]) == ("2024", "2027")
    assert (strategy["start_date"], strategy["end_date"]) == ("2024-04-01", "2027-03-31")
    assert strategy["organisation"] == "Wyvern Vale"
    (co_owner,) = rows_of(csv_text, "co_owner")
    assert (co_owner["title"], co_owner["role"]) == ("Brackenfield", "Joint commissioner")
    (objective,) = rows_of(csv_text, "objective")
    assert objective["rating_commentary"] == "Signed-off words"
    (indicator,) = rows_of(csv_text, "indicator")
    assert indicator["source"] == "DfE exclusions statistics"
    assert indicator["source_url"] == "https://example.org/exclusions"
    provenance = data["aims"][0]["objectives"][0]["indicators"][0]["provenance"]
    assert indicator["last_updated"] == provenance["last_updated"]
    assert indicator["next_due_on"] == "2025-12-31"
    assert indicator["out_of_date_since"] == "2026-01-01"
    (programme,) = rows_of(csv_text, "programme")
    assert programme["funding_amount"] == "1250000"
    assert programme["funding_source"] == "Families First grant"
    assert programme["delivery_year"] == "1"
    assert programme["rating_commentary"] == "Programme signed-off words"
    (milestone,) = rows_of(csv_text, "milestone")
    assert (milestone["title"], milestone["date"], milestone["status"]) == (
        "Hub opens",
        "2025-09-01",
        "done",
    )
    (serves,) = rows_of(csv_text, "programme_objective")
    assert serves["title"] == "Fewer exclusions"
    assert [row["title"] for row in rows_of(csv_text, "partner")] == ["Wyvern Police"]
    (board,) = rows_of(csv_text, "board")
    assert board["description"] == "Meets every quarter with young people."
    assert [row["title"] for row in rows_of(csv_text, "related")] == [
        "Old plan",
        "Corporate plan",
        "Early help plan",
    ]


def test_nothing_the_page_hides_is_in_any_download(client, whole_strategy):
    page, data, csv_text = downloads(client, whole_strategy)
    everything = fetch(client, "/data/all.json").getvalue().decode()
    json_text = json.dumps(data, ensure_ascii=False)
    # What the page does show of the same kind, so an empty download cannot pass.
    for shown in ("Corporate plan", "Early help plan", "Signed-off words"):
        assert shown in json_text
        assert shown in csv_text
        assert shown in everything
    for hidden in HIDDEN:
        assert hidden not in page, f"the test expects the page to hide {hidden!r}"
        assert hidden not in json_text, hidden
        assert hidden not in csv_text, hidden
        assert hidden not in everything, hidden
    titles = {strategy["title"] for strategy in json.loads(everything)["strategies"]}
    assert titles == {"Old plan", "Open plan", "Corporate plan", "Early help plan"}
