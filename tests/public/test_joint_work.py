"""Work several councils do together shows on each of their council pages, with its lead
council named: a strategy a council co-owns, and a programme councils run jointly. A council with
no strategy of its own but a share in joint work says so."""

import io

import pytest
from django.core.exceptions import ValidationError

from outcomes.demo import demo_load
from strategies.models import Programme, ProgrammeCouncil, StrategyCouncil
from tests.factories import (
    make_aim,
    make_council,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
    sign_off,
)


@pytest.fixture
def agency(strategy_a, board_a):
    """Council A's published strategy with an adoption agency run with two other councils."""
    programme = make_programme(strategy_a, title="Regional adoption agency")
    sign_off(make_update(programme=programme, rating="on_track"), make_meeting(board_a))
    partners = [make_council("Brackenfield"), make_council("Holloway Moor")]
    for council in partners:
        ProgrammeCouncil.objects.create(programme=programme, council=council, role="Funds it")
    return strategy_a, programme, partners


def _page(client, council):
    response = client.get(council.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def test_a_partner_councils_page_shows_the_programme_and_names_its_lead(client, agency, council_a):
    _strategy, _programme, (brackenfield, holloway) = agency
    html = _page(client, brackenfield)
    joint = html.split('id="joint-work"')[1]
    assert "Regional adoption agency" in joint
    assert (
        f'Led by <a class="govuk-link" href="{council_a.get_absolute_url()}">{council_a.name}</a>'
        in joint
    )
    assert "Brackenfield (this council)" in joint
    assert f'href="{holloway.get_absolute_url()}">Holloway Moor</a>' in joint
    assert "On track" in joint


def test_a_council_with_only_joint_work_says_it_has_no_strategy_of_its_own(client, agency):
    html = _page(client, agency[2][0])
    assert "Brackenfield has no strategy of its own here, but shares in the joint work" in html
    assert "has not published a strategy here yet" not in html


def test_the_lead_councils_page_shows_whom_it_runs_the_programme_with(client, agency, council_a):
    joint = _page(client, council_a).split('id="joint-work"')[1]
    assert f"{council_a.name}</a> (this council), run jointly with" in joint
    assert "Brackenfield" in joint
    assert "Holloway Moor" in joint


def test_a_co_owned_strategy_shows_on_the_co_owners_page_under_its_lead(client, council_a):
    strategy = make_strategy(council_a, status="published", title="Shared plan")
    partner = make_council("Brackenfield")
    StrategyCouncil.objects.create(strategy=strategy, council=partner)
    html = _page(client, partner)
    joint = html.split('id="joint-work"')[1]
    assert "Strategies Brackenfield shares" in joint
    assert "Shared plan" in joint
    assert council_a.name in joint
    # On the lead council's own page it is one of its own strategies, not shared work.
    assert 'id="joint-work"' not in _page(client, council_a)


def test_a_drafts_joint_programme_is_not_shown(client, council_a):
    draft = make_strategy(council_a, status="draft")
    programme = make_programme(draft, title="Secret agency")
    partner = make_council("Brackenfield")
    ProgrammeCouncil.objects.create(programme=programme, council=partner)
    html = _page(client, partner)
    assert "Secret agency" not in html
    assert "has not published a strategy here yet" in html


def test_the_strategy_page_and_open_data_name_the_councils_running_a_programme(client, agency):
    strategy, _programme, _partners = agency
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "Run jointly by" in html
    assert "(lead council), " in html
    data = client.get(strategy.get_absolute_url() + "data.json").json()
    councils = data["programmes"][0]["councils"]
    assert [(c["name"], c["role"]) for c in councils] == [
        ("Brackenfield", "Funds it"),
        ("Holloway Moor", "Funds it"),
    ]
    csv_text = client.get(strategy.get_absolute_url() + "data.csv").content.decode("utf-8-sig")
    assert csv_text.count("programme_council,") == 2


def test_the_lead_council_is_not_listed_as_running_its_own_programme_jointly(council_a):
    programme = make_programme(make_strategy(council_a))
    with pytest.raises(ValidationError, match="lead council"):
        ProgrammeCouncil(programme=programme, council=council_a).full_clean()


def test_joint_pages_run_a_fixed_number_of_queries(client, agency, django_assert_max_num_queries):
    strategy, _programme, (brackenfield, _holloway) = agency
    with django_assert_max_num_queries(20):
        client.get(brackenfield.get_absolute_url())
    for n in range(10):
        more = make_programme(strategy, title=f"Agency {n}")
        ProgrammeCouncil.objects.create(programme=more, council=brackenfield)
        make_objective(make_aim(make_strategy(brackenfield, status="published")))
    with django_assert_max_num_queries(20):
        client.get(brackenfield.get_absolute_url())


def test_the_demos_together4children_shows_on_each_of_its_four_councils_pages(client, db):
    demo_load(stdout=io.StringIO())
    programme = Programme.objects.get(title="Together4Children adoption agency")
    councils = [programme.strategy.lead_council, *programme.councils.all()]
    assert sorted(c.name for c in councils) == [
        "Shropshire",
        "Staffordshire",
        "Stoke-on-Trent",
        "Telford & Wrekin",
    ]
    for council in councils:
        joint = _page(client, council).split('id="joint-work"')[1]
        assert "Together4Children adoption agency" in joint
        assert "Led by" in joint
        assert "Stoke-on-Trent" in joint
    staffordshire = next(c for c in councils if c.name == "Staffordshire")
    assert "Staffordshire has no strategy of its own here" in _page(client, staffordshire)
