"""Settings come from the environment, with safe development defaults and a production switch."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_SECRET = "a-long-random-production-secret-key-for-tests-0123456789abcdefghij"


def load_settings(**environ):
    """Import settings in a fresh interpreter with exactly the given variables set."""
    env = {k: v for k, v in os.environ.items() if k not in _SETTINGS_VARIABLES}
    env.update(environ)
    script = (
        "import json, django; from django.conf import settings;"
        "db = settings.DATABASES['default'];"
        "print(json.dumps({'DEBUG': settings.DEBUG, 'ALLOWED_HOSTS': settings.ALLOWED_HOSTS,"
        "'ENGINE': db['ENGINE'], 'NAME': str(db['NAME']), 'HOST': db.get('HOST', ''),"
        "'SECRET_KEY': settings.SECRET_KEY, 'SSL': getattr(settings, 'SECURE_SSL_REDIRECT', False),"
        "'STATIC': settings.STORAGES['staticfiles']['BACKEND']}))"
    )
    env["DJANGO_SETTINGS_MODULE"] = "strategy_tracker.settings"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result


_SETTINGS_VARIABLES = {
    "DATABASE_URL",
    "SECRET_KEY",
    "DEBUG",
    "ALLOWED_HOSTS",
    "DJANGO_ENV",
    "SECURE_SSL_REDIRECT",
}


def test_development_defaults_use_sqlite_in_the_project_folder():
    result = load_settings()
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["DEBUG"] is True
    assert loaded["ENGINE"] == "django.db.backends.sqlite3"
    assert loaded["NAME"] == str(ROOT / "db.sqlite3")
    assert "127.0.0.1" in loaded["ALLOWED_HOSTS"]
    assert loaded["STATIC"] == "django.contrib.staticfiles.storage.StaticFilesStorage"


def test_database_url_selects_postgresql():
    result = load_settings(DATABASE_URL="postgres://tracker:pw@db.example.org:5432/tracker")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["ENGINE"] == "django.db.backends.postgresql"
    assert loaded["NAME"] == "tracker"
    assert loaded["HOST"] == "db.example.org"


def test_variables_override_the_defaults():
    result = load_settings(DEBUG="false", ALLOWED_HOSTS="tracker.example.org, www.example.org")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["DEBUG"] is False
    assert loaded["ALLOWED_HOSTS"] == ["tracker.example.org", "www.example.org"]


def test_production_switches_debug_off_and_secure_storage_on():
    result = load_settings(
        DJANGO_ENV="production", SECRET_KEY=PRODUCTION_SECRET, ALLOWED_HOSTS="tracker.example.org"
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["DEBUG"] is False
    assert loaded["SSL"] is True
    assert loaded["SECRET_KEY"] == PRODUCTION_SECRET
    assert loaded["STATIC"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_production_refuses_to_start_without_a_secret_key():
    result = load_settings(DJANGO_ENV="production", ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = load_settings(DJANGO_ENV="production", SECRET_KEY=PRODUCTION_SECRET)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DJANGO_ENV", "staging"),
        ("OPEN_DATA_BUILD", "sometimes"),
        # Without its slashes nginx would be asked for "_open_databuild-…/all.json".
        ("OPEN_DATA_ACCEL_REDIRECT", "_open_data"),
    ],
)
def test_a_mistyped_variable_is_named_in_the_error(name, value):
    result = load_settings(**{name: value})
    assert result.returncode != 0
    assert name in result.stderr
