"""Every kind of public page, in a real Chromium at a phone's width and a desktop's, with
JavaScript on and off: each passes axe-core's accessibility checks, and a screenshot of each is
kept for a human to look at."""

import re

import pytest

from tests.public.showcase import build_showcase, error_pages, public_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 1280)


@pytest.fixture
def strategy(council_a):
    return build_showcase(council_a)


def _without_scripts(route):
    """Serve the page as a browser without JavaScript renders it: no script runs, so GOV.UK
    Frontend never marks the body js-enabled. The page is fetched as it is and its script
    elements dropped, because axe itself needs the browser's JavaScript to check it."""
    response = route.fetch()
    html = re.sub(r"<script\b.*?</script>", "", response.text(), flags=re.DOTALL)
    route.fulfill(response=response, body=html)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript-on", "javascript-off"])
def test_every_public_page_is_accessible_at_phone_and_desktop_widths(
    live_server, page, assert_accessible, strategy, screenshots, javascript
):
    pages = {name: (path, 200) for name, path in public_pages(strategy).items()}
    pages.update(error_pages(strategy))
    if not javascript:
        page.route(lambda url: not re.search(r"/static/|/favicon", url), _without_scripts)
    suffix = "" if javascript else "-no-js"
    for name, (path, status) in pages.items():
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            response = page.goto(live_server.url + path)
            assert response.status == status, name
            assert page.get_by_role("heading", level=1).count() == 1, name
            js_enabled = "js-enabled" in page.evaluate("document.body.className")
            assert js_enabled is javascript, name
            assert_accessible(page)
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{name} is {overflow}px wider than a {width}px screen"
            page.screenshot(path=screenshots / f"public-{name}-{width}{suffix}.png", full_page=True)


def test_filters_work_without_javascript(live_server, browser, strategy):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/strategies/")
    page.get_by_label("Status").select_option("consultation")
    page.get_by_role("button", name="Apply filters").click()
    # The click only starts the navigation: page.url read at once may still be the old address.
    page.wait_for_url(re.compile(r"status=consultation"))
    assert page.get_by_role("link", name="Early help strategy").count() == 1
    assert page.get_by_role("link", name="Children and Young People Plan").count() == 0
    context.close()


def test_an_indicator_chart_fits_a_phone_and_its_table_reads_without_javascript(
    live_server, browser, strategy
):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + public_pages(strategy)["indicator"])
    chart = page.locator("svg.app-chart")
    box = chart.bounding_box()
    assert 0 < box["width"] <= 375
    assert chart.get_attribute("role") == "img"
    table = page.get_by_role("table", name="Figures for Children with a good level of development")
    assert table.is_visible()
    assert table.get_by_role("cell", name="64.5 %").is_visible()
    context.close()


def test_an_aim_and_an_objective_read_without_javascript_on_a_phone(live_server, browser, strategy):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    pages = public_pages(strategy)
    page.goto(live_server.url + pages["aim"])
    assert page.get_by_role("heading", level=1, name="Start well").is_visible()
    quarters = page.get_by_role("table", name=re.compile("How many of the 2 objectives"))
    assert quarters.is_visible()
    page.get_by_role("link", name="Start well: objective 1").click()
    page.wait_for_url(live_server.url + pages["objective"])
    assert page.get_by_role("heading", level=2, name="Progress quarter by quarter").is_visible()
    assert page.get_by_role("link", name="Start well").first.is_visible()  # the breadcrumb
    # The figures table opens without JavaScript, as a native details element.
    page.get_by_text("Figures as a table").first.click()
    table = page.get_by_role("table", name="Figures for Children with a good level of development")
    assert table.first.is_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth") - 375
    assert overflow <= 0
    context.close()
