"""Production settings are deployable: `check --deploy` is clean and static files collect."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra):
    # A deployment never sets the test suite's async escape hatch.
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_ENV="production",
        SECRET_KEY="a-long-random-production-secret-key-for-tests-0123456789abcdefghij",
        ALLOWED_HOSTS="tracker.example.org",
        # Named, not connected to: `check` does not open the cache.
        REDIS_URL="redis://cache.example.org:6379/0",
    )
    env.update(extra)
    return env


def test_check_deploy_prints_no_warnings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr


def test_check_deploy_warns_when_production_has_no_shared_cache():
    env = production_env()
    del env["REDIS_URL"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert "REDIS_URL is not set" in result.stdout + result.stderr


def test_collectstatic_writes_hashed_compressed_files(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=ROOT,
        env=production_env(STATIC_ROOT=str(tmp_path)),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "staticfiles.json").exists()
    css = list((tmp_path / "govuk").glob("govuk-frontend.min.*.css"))
    assert css, "the GOV.UK stylesheet should be collected under a hashed name"
    assert list((tmp_path / "govuk").glob("govuk-frontend.min.*.css.gz"))
