"""Who was given edit or publishing rights for a council, by whom and when, and every change to
a partner record, are kept and shown in the admin, within the council rules."""

import pytest

from councils.models import CouncilMembership, Partner
from tests.factories import make_partner, make_user

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def test_giving_and_changing_edit_rights_is_recorded(client, site_admin, council_a):
    officer = make_user("new_officer", is_staff=True)
    client.force_login(site_admin)
    data = change_form_data(client.get(admin_url(CouncilMembership, "add")))
    data.update(user=officer.pk, council=council_a.pk, role="editor")
    assert client.post(admin_url(CouncilMembership, "add"), data).status_code == 302
    membership = CouncilMembership.objects.get(user=officer)
    data = change_form_data(client.get(admin_url(membership)))
    data["role"] = "publisher"
    assert client.post(admin_url(membership), data).status_code == 302

    added, promoted = membership.history.order_by("history_date")
    assert (added.history_type, added.role, added.history_user) == ("+", "editor", site_admin)
    assert (promoted.history_type, promoted.role, promoted.history_user) == (
        "~",
        "publisher",
        site_admin,
    )
    response = client.get(admin_url(membership, "history"))
    assert response.status_code == 200
    assert "site_admin" in response.content.decode()


def test_a_removed_membership_keeps_its_history_for_site_administrators(
    client, site_admin, editor_a
):
    membership = editor_a.council_memberships.get()
    pk = membership.pk
    membership.delete()
    membership.pk = pk
    client.force_login(site_admin)

    assert client.get(admin_url(membership, "history")).status_code == 200
    assert membership.history.filter(history_type="-").exists()


def test_officers_cannot_read_membership_history(client, editor_a, publisher_a):
    membership = publisher_a.council_memberships.get()
    client.force_login(editor_a)

    assert client.get(admin_url(membership, "history")).status_code in (403, 404)


def test_a_partner_change_is_recorded_and_shown_to_its_council(
    client, editor_a, editor_b, council_a
):
    partner = make_partner(council_a, name="Wyvern police")
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(partner)))
    data["website"] = "https://police.example.org/"
    assert client.post(admin_url(partner), data).status_code == 302

    latest = Partner.history.filter(id=partner.pk).first()
    assert (latest.history_user, latest.website) == (editor_a, "https://police.example.org/")
    assert client.get(admin_url(partner, "history")).status_code == 200
    client.force_login(editor_b)
    assert client.get(admin_url(partner, "history")).status_code == 404
