"""An officer posts a quarter's progress for every objective of a strategy in one sitting, and
ticks their themes, in a real Chromium at a phone's width: no sideways scrolling, and no
critical or serious axe-core violations on the return."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from outcomes.models import ProgressUpdate, Theme
from outcomes.periods import current_period
from tests.factories import PASSWORD, make_aim, make_objective, make_strategy, make_update

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_axe = Axe()


def assert_no_serious_violations(page):
    # The admin is Django's own UI: its minor and moderate findings are Django's to fix; what
    # would stop someone using the page (critical, serious) is ours.
    results = _axe.run(page)
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("critical", "serious")
    ]
    assert not serious, results.generate_report()


@pytest.fixture
def strategy(council_a, editor_a):
    Theme.objects.create(title="Start well", slug="start-well", order=1)
    Theme.objects.create(title="Keep safe and secure at home and online", slug="keep-safe", order=2)
    strategy = make_strategy(council_a, title="Wyvern Vale Children's Plan")
    aim = make_aim(strategy, title="Start well")
    for number in range(1, 4):
        objective = make_objective(aim, title=f"Ready for school {number}")
        make_update(objective=objective, quarter=current_period().previous)
    return strategy


def test_an_officer_posts_every_objective_on_one_page_at_375_pixels(live_server, page, strategy):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor_a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    page.goto(f"{live_server.url}/admin/strategies/strategy/{strategy.pk}/return/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quarterly return")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_no_serious_violations(page)

    first, second, third = (
        page.get_by_role("group", name=f"Objective: Ready for school {n}") for n in (1, 2, 3)
    )
    first.get_by_label("Rating").select_option(label="On track")
    first.get_by_label("What happened this quarter").fill("Hubs opened in every ward.")
    second.get_by_label("Rating").select_option(label="At risk")
    second.get_by_label("What happened this quarter").fill("Health visitor posts unfilled.")
    third.get_by_label("No change since").check()
    page.get_by_role("group", name="Themes of the aim “Start well”").get_by_label(
        "Start well"
    ).check()
    second.get_by_role("group", name="Themes of the objective").get_by_label("Keep safe").check()
    page.get_by_role("button", name="Save the return").click()

    # At risk without next steps: nothing saved, the row says why, the typed text stays.
    expect(page.get_by_text("Nothing has been saved.")).to_be_visible()
    expect(second.get_by_label("What happened this quarter")).to_have_value(
        "Health visitor posts unfilled."
    )
    assert ProgressUpdate.objects.filter(period_start=current_period().start).count() == 0
    # The ticks are not saved either, and are still ticked to save with the rest.
    assert not strategy.aims.get().themes.exists()
    expect(
        second.get_by_role("group", name="Themes of the objective").get_by_label("Keep safe")
    ).to_be_checked()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    assert_no_serious_violations(page)

    second.get_by_label("Next steps").fill("Recruitment drive in the autumn.")
    page.get_by_role("button", name="Save the return").click()

    expect(page.get_by_text("Saved 3 updates")).to_be_visible()
    aim = strategy.aims.get()
    assert [theme.title for theme in aim.themes.all()] == ["Start well"]
    second_objective = aim.objectives.get(title="Ready for school 2")
    assert [theme.slug for theme in second_objective.themes.all()] == ["keep-safe"]
    expect(page.get_by_text("Every objective and programme has an update")).to_be_visible()
    assert ProgressUpdate.objects.filter(period_start=current_period().start).count() == 3
    assert_no_serious_violations(page)
