"""A publisher publishing from the strategy's own form, in a real Chromium: the save shows what
will happen first, the page has no critical or serious axe violations at a desk's width or a
phone's, and backing out returns to the form with what was typed and nothing saved."""

import pytest
from playwright.sync_api import expect

from strategies.models import Strategy
from tests.factories import PASSWORD, make_aim, make_objective, make_strategy

from .test_admin_pages_officers_use import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
def test_a_publisher_backs_out_of_publishing_at_the_confirmation(
    live_server, page, council_a, publisher_a, width
):
    strategy = make_strategy(council_a, title="Wyvern Vale Children's Plan")
    make_objective(make_aim(strategy, title="Start well"), title="Ready for school")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("publisher_a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/strategies/strategy/{strategy.pk}/change/")

    page.locator("#id_summary").fill("Typed before publishing.")
    page.locator("#id_status").select_option("published")
    page.locator('.submit-row [name="_save"]').click()

    expect(page.get_by_text("Nothing has been saved yet.")).to_be_visible()
    expect(page.get_by_text("with 1 aim, 1 objective")).to_be_visible()
    serious, report = serious_violations(page)
    assert not serious, report
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("button", name="No, take me back to the form").click()

    expect(page.get_by_text("you chose not to publish it")).to_be_visible()
    expect(page.locator("#id_summary")).to_have_value("Typed before publishing.")
    assert Strategy.objects.get(pk=strategy.pk).status == "draft"
    page.locator("#id_status").select_option("draft")
    page.locator('.submit-row [name="_save"]').click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()
    saved = Strategy.objects.get(pk=strategy.pk)
    assert (saved.status, saved.summary) == ("draft", "Typed before publishing.")
