import datetime as dt

import pytest

from tests.factories import (
    make_aim,
    make_board_member,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
    sign_off,
)

PUBLIC = ("consultation", "published", "archived")
HIDDEN = ("draft", "approved")
# Who may "view on site" a hidden strategy of council A overseen by board A.
MAY_SEE_HIDDEN = {
    "anonymous": False,
    "editor_a": True,
    "editor_b": False,
    "board_member": True,
    "site_admin": True,
}


@pytest.fixture
def log_in(client, request):
    def as_(persona):
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        return client

    return as_


@pytest.mark.parametrize("status", PUBLIC + HIDDEN)
@pytest.mark.parametrize("persona", list(MAY_SEE_HIDDEN))
def test_strategy_page_is_shown_only_to_those_who_may_read_it(
    log_in, council_a, board_a, board_member, editor_a, editor_b, status, persona
):
    strategy = make_strategy(council_a, status=status, board=board_a)
    response = log_in(persona).get(strategy.get_absolute_url())
    expected = 200 if status in PUBLIC or MAY_SEE_HIDDEN[persona] else 404
    assert response.status_code == expected


def test_a_hidden_strategy_says_the_public_cannot_see_it(client, council_a, editor_a):
    strategy = make_strategy(council_a, status="draft", title="Our draft")
    client.force_login(editor_a)
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "The public cannot see it" in html


def test_a_published_strategy_has_no_draft_banner(client, council_a):
    strategy = make_strategy(council_a, status="published")
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "The public cannot see it" not in html
    assert "Draft for consultation" not in html


def test_a_strategy_out_for_consultation_says_it_is_a_draft_for_consultation(client, council_a):
    strategy = make_strategy(council_a, status="consultation")
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "govuk-notification-banner" in html
    assert "This is a draft for consultation" in html


def test_an_archived_strategy_links_its_published_successor(client, council_a):
    old = make_strategy(
        council_a, status="archived", title="Old plan", start_year=2019, end_year=2022
    )
    new = make_strategy(council_a, status="published", title="New plan", predecessor=old)
    html = client.get(old.get_absolute_url()).content.decode()
    assert "superseded by" in html
    assert f'href="{new.get_absolute_url()}"' in html


def test_an_archived_strategy_never_links_a_draft_successor(client, council_a):
    old = make_strategy(council_a, status="archived", title="Old plan")
    draft = make_strategy(council_a, status="draft", title="Secret refresh", predecessor=old)
    html = client.get(old.get_absolute_url()).content.decode()
    assert "Secret refresh" not in html
    assert draft.get_absolute_url() not in html


def test_only_signed_off_progress_appears_even_for_the_officer_who_wrote_it(
    client, council_a, board_a, editor_a
):
    strategy = make_strategy(council_a, status="published", board=board_a)
    objective = make_objective(make_aim(strategy), title="Fewer children wait")
    programme = make_programme(strategy, title="Family help")
    meeting = make_meeting(board_a)
    from outcomes.periods import Quarter

    q1 = Quarter.containing(dt.date(2025, 4, 1))
    sign_off(
        make_update(
            objective=objective, quarter=q1, rating="at_risk", commentary="Signed-off commentary"
        ),
        meeting,
    )
    make_update(
        objective=objective,
        quarter=q1.next,
        rating="complete",
        commentary="Unsigned objective commentary",
    )
    make_update(
        programme=programme,
        quarter=q1,
        rating="off_track",
        commentary="Unsigned programme commentary",
    )
    client.force_login(editor_a)
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "Signed-off commentary" in html
    assert "Unsigned objective commentary" not in html
    assert "Unsigned programme commentary" not in html
    assert ">At risk<" in html
    assert ">Off track<" not in html.split('id="programmes"')[1].split('id="related"')[0]


def test_ratings_roll_up_to_aims_and_the_whole_strategy(client, council_a, board_a):
    strategy = make_strategy(council_a, status="published", board=board_a)
    aim = make_aim(strategy)
    meeting = make_meeting(board_a)
    for rating in ("on_track", "complete", "off_track"):
        sign_off(make_update(objective=make_objective(aim), rating=rating), meeting)
    make_objective(aim)  # never rated
    response = client.get(strategy.get_absolute_url())
    rollup = response.context["rollup"]
    assert rollup.counts == {
        "on_track": 1,
        "at_risk": 0,
        "off_track": 1,
        "complete": 1,
        "not_started": 0,
        "no_rating": 1,
    }
    # Of the three rated, two are complete or on track; the unrated one is not counted as failing.
    assert (rollup.rated, rollup.unrated, rollup.delivered_percent) == (3, 1, 67)
    assert "rated objectives and programmes are complete or on track (67%); 1 not yet rated" in (
        response.content.decode()
    )


def test_a_strategy_past_its_end_with_no_successor_says_so(client, council_a):
    strategy = make_strategy(council_a, status="published", start_year=2015, end_year=2018)
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "ended on 31 March 2018 and no strategy replacing it has been published" in html
    assert "100%" in html


def test_young_board_members_are_never_named(client, council_a, board_a):
    strategy = make_strategy(council_a, status="published", board=board_a)
    make_board_member(
        board_a, name="Sam Child", representation="young_person", organisation="Youth Council"
    )
    make_board_member(board_a, name="Cllr Open", show_name_publicly=True)
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "Sam Child" not in html
    assert "Young person, Youth Council" in html
    assert "Cllr Open" in html


def test_indicators_show_the_latest_measurement(client, council_a):
    strategy = make_strategy(council_a, status="published")
    indicator = make_indicator(
        make_objective(make_aim(strategy)), title="Good level of development", decimal_places=1
    )
    make_measurement(indicator, dt.date(2025, 3, 31), "61.25")
    make_measurement(indicator, dt.date(2026, 3, 31), "64.5")
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert "64.5 %" in html
    assert "to 31 March 2026" in html


def test_an_unknown_strategy_is_not_found(client, council_a):
    assert client.get("/strategies/wyvern-vale/no-such-plan/").status_code == 404
