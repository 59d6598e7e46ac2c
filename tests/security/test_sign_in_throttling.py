"""Sign-in throttling: a guessing loop is refused early, without hashing a password."""

from unittest import mock

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.backends import ModelBackend
from django.urls import reverse

SIGN_IN_FORMS = ["login", "admin:login"]


def _attempt(client, url, username, password):
    return client.post(url, {"username": username, "password": password})


@pytest.fixture
def known_user(board_member):
    board_member.set_password("the-right-password-9")
    board_member.save()
    return board_member


@pytest.mark.django_db
@pytest.mark.parametrize("form", SIGN_IN_FORMS)
def test_after_five_failures_an_account_is_refused_with_a_plain_message(
    client, known_user, form, settings
):
    url = reverse(form)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, url, known_user.username, "wrong").status_code == 200
    assert _attempt(client, url, known_user.username, "wrong").status_code == 429
    refused = _attempt(client, url, known_user.username, "the-right-password-9")
    assert refused.status_code == 429
    assert "Too many attempts to sign in" in refused.text
    assert "Try again in 15 minutes" in refused.text
    assert refused["Retry-After"] == "900"


@pytest.mark.django_db
def test_a_refused_attempt_hashes_no_password(client, known_user, settings):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, url, known_user.username, "wrong")
    with mock.patch.object(ModelBackend, "authenticate") as password_check:
        _attempt(client, url, known_user.username, "the-right-password-9")
    password_check.assert_not_called()


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_refused_too(client, known_user, settings):
    url = reverse("login")
    for number in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, url, f"someone-{number}", "wrong")
    assert _attempt(client, url, known_user.username, "the-right-password-9").status_code == 429


@pytest.mark.django_db
def test_a_lockout_is_logged(client, known_user, settings, caplog):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, url, known_user.username, "wrong")
    assert any(
        record.levelname == "WARNING" and "locking out" in record.getMessage().lower()
        for record in caplog.records
    )


@pytest.mark.django_db
def test_a_site_administrator_sees_the_lockout_and_can_lift_it(
    client, known_user, site_admin, settings
):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, url, known_user.username, "wrong")
    admin_client = client.__class__()
    admin_client.force_login(site_admin)
    listing = admin_client.get(reverse("admin:axes_accessattempt_changelist"))
    assert listing.status_code == 200
    assert known_user.username in listing.text

    attempt = AccessAttempt.objects.get(username=known_user.username)
    admin_client.post(
        reverse("admin:axes_accessattempt_delete", args=[attempt.pk]), {"post": "yes"}
    )
    signed_in = _attempt(client, url, known_user.username, "the-right-password-9")
    assert signed_in.status_code == 302


@pytest.mark.django_db
def test_an_officer_cannot_see_or_lift_lockouts(client, editor_a):
    client.force_login(editor_a)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403


@pytest.mark.django_db
def test_a_right_password_before_the_limit_resets_the_count(client, known_user, settings):
    url = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, url, known_user.username, "wrong")
    assert _attempt(client, url, known_user.username, "the-right-password-9").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(client, url, known_user.username, "wrong")
    assert _attempt(client, url, known_user.username, "the-right-password-9").status_code == 302
