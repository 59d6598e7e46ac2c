"""The real officers' admin offers spreadsheet import and export where the issue asks for it,
scoped to the officer's councils (the upload, preview and confirmation are tested in
test_spreadsheet_admin.py, reading and writing sheets in tests/outcomes/)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

SHEETS = ["objective", "measurement", "progressupdate"]


@pytest.mark.parametrize("model", SHEETS)
def test_the_changelist_links_to_import_and_export(client, editor_a, records_a, model):
    client.force_login(editor_a)

    page = client.get(reverse(f"admin:outcomes_{model}_changelist")).content.decode()

    assert reverse(f"admin:outcomes_{model}_import") in page
    assert reverse(f"admin:outcomes_{model}_export") in page


@pytest.mark.parametrize("model", SHEETS)
def test_the_import_form_opens_for_an_officer(client, editor_a, model):
    client.force_login(editor_a)

    response = client.get(reverse(f"admin:outcomes_{model}_import"))

    assert response.status_code == 200


@pytest.mark.parametrize("model", SHEETS)
def test_an_export_holds_only_the_officers_own_council(
    client, editor_b, records_a, records_b, model
):
    client.force_login(editor_b)

    response = client.get(reverse(f"admin:outcomes_{model}_export") + "?format=csv")

    body = b"".join(response.streaming_content if response.streaming else [response.content])
    text = body.decode("utf-8-sig")
    assert response.status_code == 200
    assert "brackenfield" in text.lower()
    assert "wyvern" not in text.lower()
