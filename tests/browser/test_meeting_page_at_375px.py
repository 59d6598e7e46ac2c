"""A board member reads and signs off updates on a phone: each update's sign-off choice is in
the update's own card, the page never scrolls sideways, and axe-core finds nothing wrong."""

import pytest
from playwright.sync_api import expect

from outcomes.models import ProgressUpdate
from outcomes.periods import current_period
from tests.factories import (
    make_meeting_with_updates,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def meeting(council_a, board_a, board_member):
    return make_meeting_with_updates(
        council_a,
        board_a,
        current_period().previous,
        objective_rating="at_risk",
        programme_rating="on_track",
    )


def test_a_board_member_signs_off_beside_the_text_at_375_pixels(
    live_server, page, assert_accessible, meeting, screenshots, sign_in
):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in("board_member")
    page.goto(live_server.url + meeting.get_absolute_url())

    card = page.locator(".govuk-summary-card").filter(has_text="Objective: Health visits")
    expect(card.get_by_role("checkbox", name="Sign off Objective: Health visits")).to_be_visible()
    page.screenshot(path=screenshots / "board-meeting-375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)

    page.get_by_role("button", name="Sign off selected updates").click()
    expect(page.get_by_role("heading", name="There is a problem")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_accessible(page)

    card.get_by_label("Sign off").check()
    page.get_by_role("button", name="Sign off selected updates").click()
    expect(page.get_by_text("1 update signed off at this meeting.")).to_be_visible()
    assert ProgressUpdate.objects.awaiting_sign_off().count() == 1
