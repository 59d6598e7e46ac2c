"""Every response carries the security headers, and signed-in pages are never cached."""

import subprocess
import sys

import pytest
from django.urls import reverse

from tests.factories import make_strategy
from tests.test_deploy import ROOT, production_env

PUBLIC_PAGE = "/strategies/"


def _policy(response):
    return {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split("; ")
    }


def _pages(client, board_member, site_admin, board_a):
    anonymous = client.get(PUBLIC_PAGE)
    client.force_login(board_member)
    board = client.get(reverse("boards:detail", args=[board_a.slug]))
    client.force_login(site_admin)
    admin_page = client.get(reverse("admin:strategies_strategy_changelist"))
    return {"public": anonymous, "board": board, "admin": admin_page}


@pytest.mark.django_db
def test_public_board_and_admin_pages_carry_a_strict_content_security_policy(
    client, board_member, site_admin, board_a
):
    for name, response in _pages(client, board_member, site_admin, board_a).items():
        assert response.status_code == 200, name
        policy = _policy(response)
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["default-src"] == ["'self'"], name
        assert "'unsafe-inline'" not in policy["script-src"], name
        assert "'unsafe-inline'" not in policy["style-src"], name
        assert any(source.startswith("'nonce-") for source in policy["script-src"]), name
        assert response["X-Content-Type-Options"] == "nosniff", name
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin", name
        assert response["X-Frame-Options"] == "DENY", name


@pytest.mark.django_db
def test_the_inline_script_carries_the_nonce_the_policy_names(client):
    response = client.get(PUBLIC_PAGE)
    nonce = next(
        source.removeprefix("'nonce-").removesuffix("'")
        for source in _policy(response)["script-src"]
        if source.startswith("'nonce-")
    )
    assert f'<script nonce="{nonce}">' in response.text


@pytest.mark.django_db
def test_signed_in_pages_are_private_and_never_stored(client, board_member, site_admin, board_a):
    pages = _pages(client, board_member, site_admin, board_a)
    for name in ["board", "admin"]:
        cache_control = pages[name]["Cache-Control"]
        assert "private" in cache_control, name
        assert "no-store" in cache_control, name
    assert "no-store" not in pages["public"].get("Cache-Control", "")


@pytest.mark.django_db
def test_a_public_page_seen_while_signed_in_is_not_stored_either(client, board_member, council_a):
    # The header shows who is signed in, so even a public page is personal then.
    make_strategy(council_a, status="published")
    client.force_login(board_member)
    assert "no-store" in client.get(PUBLIC_PAGE)["Cache-Control"]


def test_production_settings_send_every_header_over_https():
    # Production settings are read at start-up from the environment, so ask a fresh process.
    script = (
        "from django.test import Client;"
        "r = Client().get('/robots.txt', secure=True, HTTP_HOST='tracker.example.org');"
        "print(r.status_code);"
        "[print(f'{name}: {r[name]}') for name in ('Strict-Transport-Security', "
        "'Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy')]"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", script],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "200", result.stdout
    headers = dict(line.split(": ", 1) for line in lines[1:])
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert "unsafe-inline" not in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
