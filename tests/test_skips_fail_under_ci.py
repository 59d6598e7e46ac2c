"""A test that needs a missing tool or data file skips on a developer's machine and fails under
CI (CI=true), so a build machine that lost one cannot pass by quietly testing less."""

import pytest

from tests import conftest


def test_something_missing_is_skipped_outside_ci(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", False)

    with pytest.raises(pytest.skip.Exception, match="pdftotext is not installed"):
        conftest.skip_unless_available(False, "pdftotext is not installed")


def test_something_missing_fails_under_ci(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", True)

    with pytest.raises(pytest.fail.Exception, match=r"pdftotext is not installed.*CI=true"):
        conftest.skip_unless_available(False, "pdftotext is not installed")


def test_something_present_neither_skips_nor_fails(monkeypatch):
    monkeypatch.setattr(conftest, "IN_CI", True)

    conftest.skip_unless_available(True, "never said")


def test_missing_shared_data_fails_under_ci(monkeypatch, tmp_path, require_shared_data):
    monkeypatch.setattr(conftest, "IN_CI", True)
    monkeypatch.setattr(conftest, "SHARED_DATA", tmp_path / "nowhere")

    with pytest.raises(pytest.fail.Exception, match="shared data is not beside this clone"):
        require_shared_data("uk-local-authorities", "uk_local_authorities.csv")
