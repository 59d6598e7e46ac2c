"""The board dashboard: every strategy the board oversees, each objective's and programme's
latest rating and trend, what awaits sign-off, what is overdue, and open actions."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.models import Challenge
from strategies.models import BoardAction
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
    sign_off,
)


def _dashboard(client, board, **params):
    return client.get(reverse("boards:detail", kwargs={"slug": board.slug}), params)


def _rows(response):
    return {
        row.subject.title: row
        for section in response.context["sections"]
        for row in (*section.objectives, *section.programmes)
    }


@pytest.fixture
def history(objective_a, programme_a, period, board_a):
    """Five quarters of signed-off ratings for the objective, ending last quarter; the
    programme's current update awaits sign-off."""
    meeting = make_meeting(board_a, date=dt.date(2020, 1, 1))
    quarter = period.previous
    ratings = ["off_track", "at_risk", "at_risk", "on_track", "on_track"]
    for rating in reversed(ratings):
        sign_off(make_update(objective=objective_a, quarter=quarter, rating=rating), meeting)
        quarter = quarter.previous
    return make_update(programme=programme_a, quarter=period, rating="at_risk")


def test_board_member_sees_every_strategy_the_board_oversees(
    client, board_a, board_member, strategy_a, council_a
):
    other = make_strategy(council_a, title="Early Help Strategy", board=board_a)
    make_strategy(council_a, title="Someone else's plan")
    client.force_login(board_member)
    response = _dashboard(client, board_a)
    titles = [section.strategy.title for section in response.context["sections"]]
    assert titles == sorted([strategy_a.title, other.title])
    assert "Someone else&#x27;s plan" not in response.content.decode()


def test_trend_shows_the_last_four_ratings_oldest_first(client, board_member, board_a, history):
    client.force_login(board_member)
    row = _rows(_dashboard(client, board_a))["Every baby gets a health visit"]
    assert [update.rating for update in row.trend] == ["at_risk", "at_risk", "on_track", "on_track"]
    assert row.latest.rating == "on_track"


def test_latest_rating_includes_updates_not_yet_signed_off(client, board_member, board_a, history):
    client.force_login(board_member)
    response = _dashboard(client, board_a)
    assert _rows(response)["Family hubs"].latest == history
    assert "awaiting sign-off" in response.content.decode()


def test_updates_awaiting_sign_off_come_first(client, board_member, board_a, history):
    client.force_login(board_member)
    response = _dashboard(client, board_a)
    html = response.content.decode()
    assert response.context["awaiting"] == [history]
    assert html.index("Updates awaiting sign-off") < html.index('id="progress"')


def test_objective_with_no_update_this_period_is_overdue(
    client, board_member, board_a, history, period
):
    client.force_login(board_member)
    response = _dashboard(client, board_a)
    rows = _rows(response)
    assert rows["Every baby gets a health visit"].overdue  # last update was last quarter
    assert not rows["Family hubs"].overdue  # has an update for this period
    assert "Overdue" in response.content.decode()
    assert period.label in response.content.decode()


def test_a_superseded_strategy_is_not_on_the_dashboard(
    client, board_member, board_a, strategy_a, council_a
):
    old = make_strategy(council_a, title="Children's plan 2019 to 2022", board=board_a)
    make_objective(make_aim(old, title="Start well"), title="An objective of the old plan")
    old.status = "archived"
    old.save()
    client.force_login(board_member)
    response = _dashboard(client, board_a)
    assert [section.strategy for section in response.context["sections"]] == [strategy_a]
    assert "An objective of the old plan" not in response.content.decode()


def test_finished_programmes_are_not_overdue(client, board_member, board_a, strategy_a):
    make_programme(strategy_a, title="Old pilot", status="complete")
    client.force_login(board_member)
    assert not _rows(_dashboard(client, board_a))["Old pilot"].overdue


def test_filter_by_rating(client, board_member, board_a, history, strategy_a):
    make_objective(make_aim(strategy_a, title="Keep safe"), title="Fewer exclusions")
    client.force_login(board_member)
    assert set(_rows(_dashboard(client, board_a, rating="at_risk"))) == {"Family hubs"}
    assert set(_rows(_dashboard(client, board_a, rating="on_track"))) == {
        "Every baby gets a health visit"
    }
    assert set(_rows(_dashboard(client, board_a, rating="none"))) == {"Fewer exclusions"}


def test_filter_by_aim_includes_programmes_serving_it(
    client, board_member, board_a, strategy_a, aim_a, objective_a, programme_a
):
    keep_safe = make_aim(strategy_a, title="Keep safe")
    make_objective(keep_safe, title="Fewer exclusions")
    make_programme(strategy_a, title="Youth service")
    programme_a.objectives.add(objective_a)
    client.force_login(board_member)
    assert set(_rows(_dashboard(client, board_a, aim=aim_a.pk))) == {
        "Every baby gets a health visit",
        "Family hubs",
    }
    assert set(_rows(_dashboard(client, board_a, aim=keep_safe.pk))) == {"Fewer exclusions"}


def test_bad_filter_shows_an_error_and_everything(
    client, board_member, board_a, objective_a, programme_a
):
    client.force_login(board_member)
    response = _dashboard(client, board_a, rating="brilliant", aim="999999")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Choose a rating from the list." in html
    assert "Choose an aim from the list." in html
    assert set(_rows(response)) == {"Every baby gets a health visit", "Family hubs"}


def test_open_actions_show_owner_due_date_and_overdue(client, board_member, board_a, meeting_a):
    today = dt.date.today()
    BoardAction.objects.create(
        meeting=meeting_a,
        description="Late report",
        owner="Head of Early Help",
        due_on=today - dt.timedelta(days=1),
    )
    BoardAction.objects.create(
        meeting=meeting_a,
        description="Future review",
        owner="Director",
        due_on=today + dt.timedelta(days=30),
        status="in_progress",
    )
    BoardAction.objects.create(
        meeting=meeting_a,
        description="Finished thing",
        owner="Director",
        status="done",
        completed_on=today,
    )
    BoardAction.objects.create(
        meeting=meeting_a, description="Abandoned thing", owner="Director", status="dropped"
    )
    client.force_login(board_member)
    response = _dashboard(client, board_a)
    actions = response.context["actions"]
    assert [a.description for a in actions] == ["Late report", "Future review"]
    assert [a.is_overdue for a in actions] == [True, False]
    html = response.content.decode()
    assert "Head of Early Help" in html
    assert "Finished thing" not in html


def _build(board, council, size):
    for number in range(size):
        strategy = make_strategy(council, board=board, title=f"Plan {number}")
        for aim_number in range(size):
            aim = make_aim(strategy, title=f"Aim {number}.{aim_number}")
            for _ in range(size):
                objective = make_objective(aim)
                make_update(objective=objective, rating="at_risk")
        programme = make_programme(strategy)
        programme.objectives.add(objective)
        make_update(programme=programme, rating="on_track")
        meeting = make_meeting(board, date=dt.date(2026, 1, 1) + dt.timedelta(days=number))
        BoardAction.objects.create(meeting=meeting, description="Do it", owner="Someone")
        Challenge.objects.create(
            meeting=meeting,
            objective=objective,
            question="Why?",
            owner="Someone",
            answer_due=meeting.date,
        )
        Challenge.objects.create(
            meeting=meeting,
            programme=programme,
            question="Why?",
            owner="Someone",
            answer_due=meeting.date,
        )


@pytest.mark.parametrize("size", [1, 4])
def test_dashboard_takes_a_fixed_number_of_queries(
    client, board_member, board_a, council_a, size, django_assert_max_num_queries
):
    _build(board_a, council_a, size)
    client.force_login(board_member)
    with django_assert_max_num_queries(14):
        response = _dashboard(client, board_a)
    assert len(response.context["sections"]) == size
    assert response.content.decode().count("1 open challenge") == 2 * size
    with django_assert_max_num_queries(14):
        _dashboard(
            client,
            board_a,
            rating="at_risk",
            aim=response.context["sections"][0].strategy.aims.all()[0].pk,
        )
