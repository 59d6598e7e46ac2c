"""A board member signs in, reviews the dashboard, signs off two updates at a meeting and raises
an action, in a real Chromium; each page passes axe-core's accessibility checks."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from outcomes.models import ProgressUpdate
from outcomes.periods import current_period
from strategies.models import BoardAction
from tests.factories import (
    PASSWORD,
    make_aim,
    make_board,
    make_meeting_with_updates,
    make_objective,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def board_with_work(council_a, board_a, board_member):
    meeting = make_meeting_with_updates(
        council_a,
        board_a,
        current_period(),
        objective_rating="at_risk",
        programme_rating="on_track",
    )
    strategy = board_a.strategies.get()
    make_objective(make_aim(strategy, title="Keep safe"), title="Fewer exclusions")
    return meeting


def test_board_member_signs_off_updates_and_raises_an_action(
    live_server, page, assert_accessible, board_with_work
):
    page.goto(live_server.url + "/boards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert_accessible(page)

    page.get_by_label("Username").fill("board_member")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wyvern Vale Children's Partnership Board"
    )
    expect(page.get_by_text("Overdue").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Sign these off at the meeting").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly review")
    assert_accessible(page)

    page.get_by_label("Objective: Health visits").check()
    page.get_by_label("Programme: Family hubs").check()
    page.get_by_label("The board's comment (optional)").fill("Ask for waiting times next time.")
    page.get_by_role("button", name="Sign off selected updates").click()

    expect(page.get_by_text("2 updates signed off at this meeting.")).to_be_visible()
    expect(page.get_by_text("Nothing is waiting for sign-off.")).to_be_visible()
    assert ProgressUpdate.objects.awaiting_sign_off().count() == 0
    assert set(ProgressUpdate.objects.values_list("sign_off_comment", flat=True)) == {
        "Ask for waiting times next time."
    }

    page.get_by_label("What needs to be done").fill("Report on health visit waiting times")
    page.get_by_label("Owner").fill("Head of Public Health")
    due = dt.date.today() + dt.timedelta(days=60)
    due_date = page.get_by_role("group", name="Due date")
    due_date.get_by_label("Day").fill(str(due.day))
    due_date.get_by_label("Month").fill(str(due.month))
    due_date.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Raise action").click()

    expect(page.get_by_text("Action raised.")).to_be_visible()
    action = BoardAction.objects.get()
    assert action.owner == "Head of Public Health"
    assert action.due_on == due
    assert_accessible(page)


def test_meeting_page_with_errors_is_accessible(
    live_server, page, assert_accessible, board_with_work, sign_in
):
    sign_in("board_member")
    page.goto(live_server.url + board_with_work.get_absolute_url())
    page.get_by_role("button", name="Raise action").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.title().startswith("Error: ")
    assert_accessible(page)


def test_other_board_and_account_pages_are_accessible(
    live_server, page, assert_accessible, board_with_work, council_b, site_admin, sign_in
):
    make_board(council_b, name="Brackenfield Children's Board", slug="brackenfield")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/accounts/password/reset/")
    page.get_by_label("Email address").fill("not an address")
    page.get_by_role("button", name="Send me a reset link").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    sign_in("site_admin")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your boards")
    assert_accessible(page)

    page.goto(live_server.url + "/boards/wyvern-vale/meetings/")
    page.get_by_role("button", name="Add meeting").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert_accessible(page)

    page.goto(live_server.url + "/boards/wyvern-vale/?rating=at_risk")
    expect(page.get_by_role("rowheader", name="Health visits")).to_be_visible()
    assert_accessible(page)
