import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_page_in_chromium_has_no_accessibility_violations(
    live_server, page, assert_accessible
):
    page.goto(live_server.url + "/")
    assert page.title() == "Children and Young People strategies – Strategy Tracker"
    # GOV.UK Frontend's module ran: the stylesheet and script were served.
    assert "govuk-frontend-supported" in page.evaluate("document.body.className")
    assert_accessible(page)


def test_home_page_works_without_javascript(live_server, browser):
    # axe-core is itself JavaScript and cannot run here; the test above checks this page with it.
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + "/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("link", name="Skip to main content").count() == 1
    context.close()
