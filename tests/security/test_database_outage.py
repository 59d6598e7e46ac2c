"""While the database is away every page answers 503 with the friendly page, the log says so
once, and service returns by itself."""

import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client
from django.urls import reverse

from councils.middleware import OutageLog


@contextmanager
def database_away():
    def refuse(self):
        raise OperationalError("connection to server failed: Connection refused")

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", refuse):
        yield


@pytest.fixture(autouse=True)
def _no_outage_yet():
    # Each process remembers whether it has logged the current outage; start every test clean.
    OutageLog.logged = False


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/strategies/", "/councils/", "/data/all.json"])
def test_public_pages_answer_503_with_the_friendly_page(anonymous, path):
    with database_away():
        response = anonymous.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Sorry, the service is unavailable" in response.text


@pytest.mark.django_db
def test_signed_in_pages_answer_503_even_when_the_session_cannot_be_read(board_member, board_a):
    client = Client(raise_request_exception=False)
    client.force_login(board_member)
    with database_away():
        board = client.get(reverse("boards:detail", args=[board_a.slug]))
        admin_page = client.get(reverse("admin:index"))
    assert board.status_code == 503
    assert admin_page.status_code == 503


@pytest.mark.django_db
def test_the_health_check_answers_503(anonymous):
    with database_away():
        assert anonymous.get("/healthz").status_code == 503


@pytest.mark.django_db
def test_an_outage_is_logged_once_and_its_end_once(anonymous, caplog):
    caplog.set_level(logging.INFO)
    with database_away():
        for _ in range(5):
            anonymous.get("/strategies/")
    anonymous.get("/strategies/")
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1, [record.getMessage() for record in errors]
    assert errors[0].exc_info is None
    assert "Database unavailable" in errors[0].getMessage()
    assert [r.getMessage() for r in caplog.records if "available again" in r.getMessage()] == [
        "Database available again"
    ]


@pytest.mark.django_db
def test_service_returns_by_itself(anonymous):
    with database_away():
        assert anonymous.get("/strategies/").status_code == 503
    assert anonymous.get("/strategies/").status_code == 200


@pytest.mark.django_db
def test_a_query_error_is_still_a_500_not_an_outage(anonymous):
    class QueryCanceled(Exception):
        sqlstate = "57014"

    def fail(self):
        try:
            raise QueryCanceled
        except QueryCanceled as cause:
            raise OperationalError("canceling statement due to statement timeout") from cause

    with mock.patch.object(BaseDatabaseWrapper, "ensure_connection", fail):
        assert anonymous.get("/strategies/").status_code == 500
