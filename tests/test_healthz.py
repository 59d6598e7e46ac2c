import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.db import OperationalError

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db):
    with mock.patch(
        "public.views.connection.cursor", side_effect=OperationalError("connection refused")
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def test_healthz_is_never_cached(client, db):
    response = client.get("/healthz")
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_head_requests(client, db):
    assert client.head("/healthz").status_code == 200


def test_healthz_is_not_redirected_to_https_in_production(tmp_path):
    """A load balancer probes over plain HTTP and counts a redirect as down; everything else
    still redirects."""
    script = (
        "import django; django.setup(); from django.test import Client;"
        "c = Client(HTTP_HOST='tracker.example.org');"
        "print(c.get('/healthz').status_code, c.get('/robots.txt').status_code)"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="strategy_tracker.settings",
        DJANGO_ENV="production",
        SECRET_KEY="a-long-random-production-secret-key-for-tests-0123456789abcdefghij",
        ALLOWED_HOSTS="tracker.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["200", "301"]
