"""The admin pages an officer uses every quarter, in a real Chromium: no critical or serious
axe-core violations at a desk's width or a phone's, nothing but the page's own tables scrolling
sideways at 375 px, and the save button always in reach."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from outcomes.periods import current_period
from tests.factories import (
    PASSWORD,
    make_aim,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

_axe = Axe()


def serious_violations(page):
    # The admin is Django's own UI: its minor and moderate findings are Django's to fix; what
    # would stop someone using the page (critical, serious) is ours.
    results = _axe.run(page)
    serious = [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in ("critical", "serious")
    ]
    return serious, results.generate_report()


@pytest.fixture
def outline(council_a, board_a, editor_a):
    import datetime as dt

    strategy = make_strategy(council_a, title="Wyvern Vale Children's Plan")
    aim = make_aim(strategy, title="Start well")
    objective = make_objective(aim, title="Every child ready for school at five")
    make_objective(aim, title="Fewer children in temporary housing")
    programme = make_programme(strategy, title="Family hubs")
    indicator = make_indicator(objective, title="Good level of development", decimal_places=1)
    make_measurement(indicator, dt.date(2025, 8, 31), "64.8")
    update = make_update(objective=objective, quarter=current_period().previous)
    meeting = make_meeting(board_a)
    return {
        "strategy": f"/admin/strategies/strategy/{strategy.pk}/change/",
        "strategy_add": "/admin/strategies/strategy/add/",
        "return": f"/admin/strategies/strategy/{strategy.pk}/return/",
        "outline": f"/admin/strategies/strategy/{strategy.pk}/outline/",
        "aim": f"/admin/outcomes/aim/{aim.pk}/change/",
        "objective": f"/admin/outcomes/objective/{objective.pk}/change/",
        "indicator": f"/admin/outcomes/indicator/{indicator.pk}/change/",
        "programme": f"/admin/strategies/programme/{programme.pk}/change/",
        "update": f"/admin/outcomes/progressupdate/{update.pk}/change/",
        "update_add": "/admin/outcomes/progressupdate/add/",
        "meeting": f"/admin/strategies/meeting/{meeting.pk}/change/",
        "updates": "/admin/outcomes/progressupdate/",
    }


PAGES = [
    "strategy",
    "strategy_add",
    "return",
    "outline",
    "aim",
    "objective",
    "indicator",
    "programme",
    "update",
    "update_add",
    "meeting",
    "updates",
]


# The elements that reach past the screen's right edge, innermost first, to say what to fix.
TOO_WIDE = """
[...document.querySelectorAll("body *")]
  .filter((e) => e.getBoundingClientRect().right > 376 && !e.closest(".wrapper, .select2-container--open"))
  .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > 376))
  .slice(0, 8)
  .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + "." + [...e.classList].join("."))
"""


def sign_in(page, live_server):
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("editor_a")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("name", PAGES)
def test_an_officers_admin_page_has_no_critical_or_serious_violations(
    live_server, page, outline, name
):
    sign_in(page, live_server)
    response = page.goto(live_server.url + outline[name])
    assert response.status == 200, outline[name]
    serious, report = serious_violations(page)
    assert not serious, report


@pytest.mark.parametrize("name", PAGES)
def test_an_officers_admin_page_reflows_at_375_pixels_with_its_save_button_in_reach(
    live_server, page, outline, name, screenshots
):
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page, live_server)
    page.goto(live_server.url + outline[name])
    page.screenshot(path=screenshots / f"admin-{name}-375.png", full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375, (
        "the page scrolls sideways; too wide: " + ", ".join(page.evaluate(TOO_WIDE))
    )
    serious, report = serious_violations(page)
    assert not serious, report
    if name in ("return", "updates"):
        return
    save = page.locator('.submit-row [type="submit"]').first
    box = save.bounding_box()
    assert box is not None, "the save button is hidden"
    assert box["x"] >= 0, "the save button is out of reach"
    assert box["x"] + box["width"] <= 375, "the save button is out of reach"
