"""The whole loop in a real Chromium: an officer posts an update in the admin, the board signs
it off at a meeting, and only then does the public strategy page show it. The board pages,
including the pack, pass axe-core; the pack's PDF carries the strategy and its exceptions."""

import datetime as dt
import subprocess

import pytest
from playwright.sync_api import expect

from outcomes.models import ProgressUpdate
from outcomes.periods import current_period
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_strategy,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

COMMENTARY = "Two health visitor posts are empty, so fewer babies were seen within 14 days."
NEXT_STEPS = "Agency staff start in August; recruitment closes in September."


@pytest.fixture
def loop(council_a, board_a, board_member, editor_a):
    strategy = make_strategy(
        council_a, status="published", title="Wyvern Vale Children's Plan", board=board_a
    )
    objective = make_objective(make_aim(strategy, title="Start well"), title="Health visits")
    indicator = make_indicator(objective, title="Babies visited within 14 days")
    make_measurement(indicator, dt.date(2025, 3, 31), 74)
    make_measurement(indicator, dt.date(2025, 9, 30), 79)
    meeting = make_meeting(board_a, date=dt.date.today(), title="Quarterly review")
    return strategy, objective, meeting


def test_update_posted_in_the_admin_is_public_once_the_board_signs_it_off(
    live_server, page, assert_accessible, loop, require_program, sign_in
):
    strategy, objective, meeting = loop
    period = current_period()
    public_url = live_server.url + strategy.get_absolute_url()
    # The objective's own page carries its signed-off commentary; the strategy's, its rating.
    objective_url = live_server.url + objective.get_absolute_url()

    # An officer posts the update from the link a reminder email carries.
    sign_in("editor_a", admin=True)
    page.goto(
        f"{live_server.url}/admin/outcomes/progressupdate/add/?objective={objective.pk}"
        f"&period_start={period.start:%Y-%m-%d}&period_end={period.end:%Y-%m-%d}"
    )
    page.locator("#id_rating").select_option("at_risk")
    page.locator("#id_commentary").fill(COMMENTARY)
    page.locator("#id_next_steps").fill(NEXT_STEPS)
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    update = ProgressUpdate.objects.get()
    assert (update.objective, update.period_start, update.rating) == (
        objective,
        period.start,
        "at_risk",
    )

    # Not public until the board signs it off.
    page.goto(public_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Wyvern Vale Children's Plan")
    expect(page.get_by_text("At risk")).to_have_count(0)
    page.goto(objective_url)
    expect(page.get_by_role("heading", level=1)).to_contain_text(objective.title)
    expect(page.get_by_text(COMMENTARY)).to_have_count(0)
    page.context.clear_cookies()

    # The board member signs it off at the meeting, with a comment.
    sign_in("board_member")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Wyvern Vale Children's Partnership Board"
    )
    assert_accessible(page)
    page.goto(live_server.url + meeting.get_absolute_url())
    expect(page.get_by_text(COMMENTARY)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Preview the board pack").click()
    expect(page.get_by_text("Preview.")).to_be_visible()
    expect(page.get_by_text(COMMENTARY).first).to_be_visible()
    assert_accessible(page)
    page.go_back()

    page.get_by_label("Objective: Health visits").check()
    page.get_by_label("The board's comment (optional)").fill("Bring the recruitment plan.")
    page.get_by_role("button", name="Sign off selected updates").click()
    expect(page.get_by_text("1 update signed off at this meeting.")).to_be_visible()
    assert_accessible(page)

    # A challenge to a named owner, then the meeting is held and the pack frozen.
    page.get_by_label("About").select_option(label="Objective: Health visits")
    page.get_by_label("Question").fill("When will every post be filled?")
    page.get_by_label("Who must answer").fill("Head of Health Visiting")
    due = dt.date.today() + dt.timedelta(days=30)
    group = page.get_by_role("group", name="Answer due by")
    group.get_by_label("Day").fill(str(due.day))
    group.get_by_label("Month").fill(str(due.month))
    group.get_by_label("Year").fill(str(due.year))
    page.get_by_role("button", name="Raise challenge").click()
    expect(page.get_by_text("Challenge raised")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Mark meeting as held and freeze the pack").click()
    expect(page.get_by_role("heading", name="Mark this meeting as held?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, mark as held and freeze the pack").click()
    expect(page.get_by_text("Meeting marked as held.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Board pack, as the board saw it").click()
    expect(page.get_by_text("Frozen when the meeting was held")).to_be_visible()
    expect(page.get_by_text("When will every post be filled?")).to_be_visible()
    assert_accessible(page)

    # The PDF of the same pack.
    pdf = page.request.get(
        f"{live_server.url}/boards/{meeting.board.slug}/meetings/{meeting.pk}/pack.pdf"
    )
    assert pdf.ok
    assert pdf.headers["content-type"] == "application/pdf"
    pdf_body = pdf.body()

    # Now the public sees it.
    page.context.clear_cookies()
    page.goto(objective_url)
    expect(page.get_by_text(COMMENTARY)).to_be_visible()
    expect(page.get_by_text("At risk").first).to_be_visible()
    page.goto(public_url)
    expect(page.get_by_text("At risk").first).to_be_visible()

    # The pack's PDF read back last, so a machine without pdftotext skips only this.
    pdftotext = require_program("pdftotext", "poppler-utils reads the PDF's text back")
    text = subprocess.run(
        [pdftotext, "-", "-"], input=pdf_body, capture_output=True, check=True
    ).stdout.decode()
    flat = " ".join(text.split())
    assert "Wyvern Vale Children's Plan" in flat
    assert COMMENTARY in flat
    assert NEXT_STEPS in flat
