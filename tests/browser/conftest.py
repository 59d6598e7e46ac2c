import pytest
from axe_playwright_python.sync_playwright import Axe

_axe = Axe()


@pytest.fixture
def assert_accessible():
    """Run axe-core in the page and fail with its report if anything is violated."""

    def check(page):
        results = _axe.run(page)
        assert results.violations_count == 0, results.generate_report()

    return check
