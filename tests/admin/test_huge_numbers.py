"""A number too large for the database, typed into an admin filter in the address, gets the
admin's "bad filter" answer rather than an error page. SQLite raises OverflowError for it (the
demo runs on SQLite); PostgreSQL, which the suite runs on, finds nothing, so SQLite's refusal is
played here."""

import pytest
from django.contrib.admin.views.main import ChangeList

from outcomes.models import ProgressUpdate

from .conftest import admin_url

pytestmark = pytest.mark.django_db

HUGE = "1" + "0" * 23


@pytest.fixture
def sqlite_overflows(monkeypatch):
    def refuse(self, request):
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr(ChangeList, "get_results", refuse)


def test_a_changelist_filter_too_large_is_a_bad_filter(client, editor_a, sqlite_overflows):
    client.force_login(editor_a)
    url = admin_url(ProgressUpdate, "changelist")
    response = client.get(url, {"objective__id__exact": HUGE})
    assert response.status_code == 302
    assert response["Location"] == f"{url}?e=1"


def test_an_export_filter_too_large_is_explained(client, editor_a, monkeypatch):
    def refuse(**kwargs):
        raise OverflowError("Python int too large to convert to SQLite INTEGER")

    monkeypatch.setattr("outcomes.admin_spreadsheets.spreadsheet_export", refuse)
    client.force_login(editor_a)
    url = admin_url(ProgressUpdate, "changelist")
    response = client.get(f"{url}export/", {"objective__id__exact": HUGE}, follow=True)
    assert response.status_code == 200
    assert "could not be used for an export" in response.content.decode()
