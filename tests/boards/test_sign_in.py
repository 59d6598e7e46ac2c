"""Board members sign in on GOV.UK pages, sign out with a POST form and reset a forgotten
password by email."""

import re

from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD


def test_sign_in_page_uses_the_gov_uk_form(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-input' in html
    assert '<h1 class="govuk-heading-l">Sign in</h1>' in html
    assert reverse("password_reset") in html


def test_board_member_signs_in_and_lands_on_their_board(client, board_a, board_member):
    response = client.post(
        reverse("login"), {"username": "board_member", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(
        "boards:detail", kwargs={"slug": "wyvern-vale"}
    )
    assert response.status_code == 200


def test_sign_in_returns_to_the_page_asked_for(client, board_a, board_member):
    wanted = reverse("boards:meetings", kwargs={"slug": "wyvern-vale"})
    response = client.post(
        f"{reverse('login')}?next={wanted}", {"username": "board_member", "password": PASSWORD}
    )
    assert response["Location"] == wanted


def test_wrong_password_shows_an_error_summary_and_keeps_the_username(client, board_member):
    response = client.post(reverse("login"), {"username": "board_member", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password" in html
    assert 'value="board_member"' in html
    assert "<title>Error: Sign in" in html


def test_empty_sign_in_says_what_is_missing(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert 'href="#id_username">Enter your username</a>' in html
    assert 'href="#id_password">Enter your password</a>' in html


def test_sign_out_needs_a_post_and_ends_the_session(client, board_member):
    client.force_login(board_member)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("public:home")
    assert client.get(reverse("boards:home")).status_code == 302


def test_board_pages_offer_a_sign_out_form(client, board_a, board_member):
    client.force_login(board_member)
    html = client.get(reverse("boards:detail", kwargs={"slug": "wyvern-vale"})).content.decode()
    assert f'<form method="post" action="{reverse("logout")}"' in html


def test_password_reset_sends_a_link_that_sets_a_new_password(client, board_member):
    response = client.post(reverse("password_reset"), {"email": "board_member@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["board_member@example.org"]
    assert message.subject == "Reset your Strategy Tracker password"
    link = re.search(r"https?://[^/]+(/accounts/password/reset/\S+/)", message.body).group(1)

    page = client.get(link, follow=True)
    assert "Choose a new password" in page.content.decode()
    set_url = page.redirect_chain[-1][0]
    new_password = "a-brand-new-long-passphrase"
    response = client.post(set_url, {"new_password1": new_password, "new_password2": new_password})
    assert response["Location"] == reverse("password_reset_complete")
    board_member.refresh_from_db()
    assert board_member.check_password(new_password)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_with_a_bad_address_explains_the_format(client, db):
    response = client.post(reverse("password_reset"), {"email": "not an address"})
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Enter an email address in the correct format" in html
    assert 'value="not an address"' in html


def test_mismatched_new_passwords_are_refused_with_a_message(client, board_member):
    client.post(reverse("password_reset"), {"email": "board_member@example.org"})
    link = re.search(r"(/accounts/password/reset/\S+/)", mail.outbox[0].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        set_url, {"new_password1": "one-long-passphrase", "new_password2": "another-passphrase"}
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    board_member.refresh_from_db()
    assert board_member.check_password(PASSWORD)


def test_a_used_reset_link_is_explained(client, db):
    response = client.get("/accounts/password/reset/MQ/not-a-token/")
    assert "This link has expired" in response.content.decode()
