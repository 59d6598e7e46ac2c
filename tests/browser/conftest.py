import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import PASSWORD

_axe = Axe()
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


@pytest.fixture(scope="session")
def screenshots():
    """Where the browser tests leave a screenshot of every page they check, for a person to look
    through after a run; emptied at the start of each run so nothing stale is mistaken for new."""
    shutil.rmtree(SCREENSHOTS, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    return SCREENSHOTS


@pytest.fixture
def page(page):
    """Every browser test runs with the site's Content Security Policy on, and fails if the
    browser refused anything under it: a page that needs an inline script or style we forgot to
    allow would otherwise break silently in production."""
    refused = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    yield page
    assert not refused, "The browser refused under the Content Security Policy:\n" + "\n".join(
        refused
    )


@pytest.fixture
def assert_accessible():
    """Run axe-core in the page and fail with its report if anything is violated."""

    def check(page):
        results = _axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check


@pytest.fixture
def sign_in(page, live_server):
    """Signs a persona in as a person would: on the site's sign-in page, which board members
    use, or with `admin=True` on the admin's, which officers use."""

    def sign_in(username, *, admin=False):
        address, button = (
            ("/admin/login/", "Log in") if admin else ("/accounts/sign-in/", "Sign in")
        )
        page.goto(live_server.url + address)
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name=button).click()

    return sign_in
