"""The admin's import and export pages, as officers use them in the real admin: upload, preview,
confirm or cancel, where the upload waits meanwhile, and who may use them."""

import csv
import datetime as dt
import io

import pytest
from django.contrib.messages import get_messages
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from outcomes.admin_spreadsheets import SESSION_PREFIX
from outcomes.models import Objective
from tests.factories import make_objective
from tests.outcomes.spreadsheet_helpers import build_world, upload

pytestmark = pytest.mark.django_db

HEADINGS = ["council", "strategy", "aim", "order", "title", "description", "lead"]
IMPORT_URL = "admin:outcomes_objective_import"
EXPORT_URL = "admin:outcomes_objective_export"
CHANGELIST_URL = "admin:outcomes_objective_changelist"
SESSION_KEY = SESSION_PREFIX + "objectives"


@pytest.fixture
def world(council_a):
    return build_world(council_a)


@pytest.fixture(autouse=True)
def waiting_uploads(settings, tmp_path):
    """The folder uploads wait in, one per test; what is in it is what the server still keeps."""
    settings.STORAGES = {
        **settings.STORAGES,
        "spreadsheet_uploads": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "uploads"},
        },
    }
    settings.SPREADSHEET_UPLOAD_MAX_AGE = 60 * 60
    folder = tmp_path / "uploads"

    def kept():
        return sorted(path.name for path in folder.iterdir()) if folder.exists() else []

    return kept


def new_objective_rows(council="wyvern-vale", strategy="cyp-plan"):
    return [HEADINGS, [council, strategy, "Keep safe", "3", "Safe at home", "", "Head of care"]]


def post_file(client, rows, name="objectives.csv"):
    return client.post(reverse(IMPORT_URL), {"file": upload(rows, name)})


def confirm(client, token, button="confirm"):
    return client.post(reverse(IMPORT_URL), {button: "Go", "token": token})


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_editor_imports_after_checking_the_preview(client, world, editor_a, waiting_uploads):
    client.force_login(editor_a)

    preview = post_file(client, new_objective_rows())

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "1 to create, 0 to update, 0 unchanged" in page
    assert 'name="confirm"' in page
    assert not Objective.objects.filter(title="Safe at home").exists()

    token = preview.context["token"]
    done = client.post(reverse(IMPORT_URL), {"confirm": "Import", "token": token})

    assert done.status_code == 302
    assert done["Location"] == reverse(CHANGELIST_URL)
    assert Objective.objects.get(title="Safe at home").aim == world.keep_safe
    assert [str(m) for m in get_messages(done.wsgi_request)] == [
        "Imported objectives.csv: 1 created, 0 updated, 0 unchanged."
    ]
    assert SESSION_KEY not in client.session
    assert waiting_uploads() == []


def test_an_excel_file_goes_through_the_same_preview(client, world, editor_a):
    client.force_login(editor_a)

    preview = post_file(client, new_objective_rows(), name="objectives.xlsx")
    client.post(reverse(IMPORT_URL), {"confirm": "Import", "token": preview.context["token"]})

    assert Objective.objects.filter(title="Safe at home").exists()


def test_a_file_with_a_bad_row_shows_every_error_and_no_confirm_button(client, world, editor_a):
    client.force_login(editor_a)
    rows = [
        HEADINGS,
        ["wyvern-vale", "cyp-plan", "Keep safe", "", "Safe at home", "", ""],
        ["wyvern-vale", "cyp-plan", "Stay well", "first", "Healthy", "", ""],
    ]

    preview = post_file(client, rows)

    page = preview.content.decode()
    assert preview.status_code == 200
    assert "2 problems found. Nothing will be imported." in page
    assert "Row 3, column ‘aim’: the strategy has no aim called ‘Stay well’" in page
    assert "Row 3, column ‘order’: enter a whole number, like 3" in page
    assert 'name="confirm"' not in page
    assert SESSION_KEY not in client.session


def test_the_upload_waits_in_file_storage_and_the_session_keeps_only_its_name(
    client, world, editor_a, waiting_uploads
):
    client.force_login(editor_a)

    preview = post_file(client, new_objective_rows())

    stored = client.session[SESSION_KEY]
    assert stored == {
        "name": preview.context["token"],
        "filename": "objectives.csv",
        "user": editor_a.pk,
    }
    assert waiting_uploads() == [stored["name"]]
    # Random and long: nobody can guess another upload's name from their own.
    assert "objectives" not in stored["name"]
    assert len(stored["name"].partition("-")[2]) >= 32
    assert 'name="cancel"' in preview.content.decode()
    assert "kept for 1 hour" in preview.content.decode()


def test_an_expired_upload_is_refused_with_a_clear_message_and_writes_nothing(
    client, world, editor_a, waiting_uploads, time_machine
):
    time_machine.move_to(dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(editor_a)
    preview = post_file(client, new_objective_rows())

    time_machine.shift(dt.timedelta(hours=1, seconds=1))
    response = confirm(client, preview.context["token"])

    assert response.status_code == 302
    assert response["Location"] == reverse(IMPORT_URL)
    assert messages_of(response) == [
        "That upload has expired: a file waits at most 1 hour to be imported after it is "
        "checked. Nothing was imported. Upload the file again."
    ]
    assert not Objective.objects.filter(title="Safe at home").exists()
    assert SESSION_KEY not in client.session
    assert waiting_uploads() == []


def test_an_upload_confirmed_within_the_hour_is_imported(
    client, world, editor_a, waiting_uploads, time_machine
):
    time_machine.move_to(dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(editor_a)
    preview = post_file(client, new_objective_rows())

    time_machine.shift(dt.timedelta(minutes=59))
    confirm(client, preview.context["token"])

    assert Objective.objects.filter(title="Safe at home").exists()


def test_another_user_cannot_confirm_an_upload(
    client, world, editor_a, publisher_a, waiting_uploads
):
    client.force_login(editor_a)
    preview = post_file(client, new_objective_rows())
    stored = client.session[SESSION_KEY]
    # Another officer of the same council, so only the check on who uploaded it refuses them,
    # holding everything the uploader's session holds.
    other = Client()
    other.force_login(publisher_a)

    for button in ("confirm", "cancel"):
        session = other.session
        session[SESSION_KEY] = stored
        session.save()
        response = confirm(other, preview.context["token"], button)

        assert response.status_code == 302
        assert response["Location"] == reverse(IMPORT_URL)
        assert messages_of(response)[-1] == (
            "That file was uploaded by someone else, so you cannot import it. Upload it "
            "yourself to import it."
        )
    assert not Objective.objects.filter(title="Safe at home").exists()
    # Still there for the person who uploaded it.
    assert waiting_uploads() == [stored["name"]]
    confirm(client, preview.context["token"])
    assert Objective.objects.filter(title="Safe at home").exists()


def test_cancelling_removes_the_upload_and_writes_nothing(client, world, editor_a, waiting_uploads):
    client.force_login(editor_a)
    preview = post_file(client, new_objective_rows())

    response = confirm(client, preview.context["token"], "cancel")

    assert response["Location"] == reverse(CHANGELIST_URL)
    assert messages_of(response) == ["Import cancelled. Nothing was imported."]
    assert SESSION_KEY not in client.session
    assert waiting_uploads() == []
    assert confirm(client, preview.context["token"])["Location"] == reverse(IMPORT_URL)
    assert not Objective.objects.filter(title="Safe at home").exists()


def test_a_new_upload_replaces_the_one_waiting(client, world, editor_a, waiting_uploads):
    client.force_login(editor_a)
    first = post_file(client, new_objective_rows())

    second = post_file(client, new_objective_rows())

    assert waiting_uploads() == [second.context["token"]]
    refused = confirm(client, first.context["token"])
    assert messages_of(refused) == [
        "That upload has expired or was replaced by a newer one. Upload the file again."
    ]
    assert not Objective.objects.filter(title="Safe at home").exists()


def test_each_new_upload_clears_away_uploads_nobody_came_back_for(
    client, world, editor_a, publisher_a, waiting_uploads, time_machine
):
    time_machine.move_to(dt.datetime(2026, 7, 1, 9, 0, tzinfo=dt.UTC), tick=False)
    client.force_login(editor_a)
    post_file(client, new_objective_rows())
    time_machine.shift(dt.timedelta(minutes=30))
    other = Client()
    other.force_login(publisher_a)
    recent = post_file(other, new_objective_rows()).context["token"]

    time_machine.shift(dt.timedelta(minutes=31))
    latest = post_file(other, new_objective_rows(strategy="cyp-plan")).context["token"]

    # The editor's is over an hour old; the publisher's first was replaced by their second.
    assert waiting_uploads() == [latest]
    assert recent != latest


def test_an_upload_no_longer_kept_is_explained_and_writes_nothing(
    client, world, editor_a, waiting_uploads
):
    client.force_login(editor_a)
    preview = post_file(client, new_objective_rows())
    storages["spreadsheet_uploads"].delete(preview.context["token"])

    response = confirm(client, preview.context["token"])

    assert response["Location"] == reverse(IMPORT_URL)
    assert messages_of(response) == [
        "That upload is no longer kept, so nothing was imported. Upload the file again."
    ]
    assert not Objective.objects.filter(title="Safe at home").exists()


def test_confirming_without_a_stored_upload_writes_nothing(client, world, editor_a):
    client.force_login(editor_a)
    post_file(client, new_objective_rows())

    response = client.post(reverse(IMPORT_URL), {"confirm": "Import", "token": "guessed"})

    assert response.status_code == 302
    assert response["Location"] == reverse(IMPORT_URL)
    assert not Objective.objects.filter(title="Safe at home").exists()


def test_an_unreadable_file_is_explained_on_the_upload_page(client, world, editor_a):
    client.force_login(editor_a)

    response = client.post(reverse(IMPORT_URL), {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4")})

    assert response.status_code == 200
    assert "Choose a CSV file (.csv) or an Excel workbook (.xlsx)." in response.content.decode()


def test_the_upload_page_documents_the_columns(client, world, editor_a):
    client.force_login(editor_a)

    page = client.get(reverse(IMPORT_URL)).content.decode()

    for heading in HEADINGS:
        assert f"<code>{heading}</code>" in page
    assert "you can import only into councils you belong to" in page.lower()


def test_editor_of_another_council_cannot_import_into_a(client, world, editor_b):
    client.force_login(editor_b)

    preview = post_file(client, new_objective_rows())

    page = preview.content.decode()
    assert "Row 2, column ‘council’: you can only import into councils you belong to" in page
    assert 'name="confirm"' not in page
    assert not Objective.objects.filter(title="Safe at home").exists()


@pytest.mark.parametrize("persona", ["anonymous", "stranger"])
def test_anonymous_and_non_staff_are_sent_to_sign_in(client, world, stranger, persona):
    if persona == "stranger":
        client.force_login(stranger)

    for response in (
        client.get(reverse(IMPORT_URL)),
        post_file(client, new_objective_rows()),
        client.get(reverse(EXPORT_URL)),
    ):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert not Objective.objects.filter(title="Safe at home").exists()


def test_staff_belonging_to_no_council_are_refused(client, world, staff_without_council):
    client.force_login(staff_without_council)

    assert client.get(reverse(IMPORT_URL)).status_code == 403
    assert client.get(reverse(EXPORT_URL)).status_code == 403


def test_the_list_links_to_import_and_to_exports_of_the_current_filter(client, world, editor_a):
    client.force_login(editor_a)

    response = client.get(reverse(CHANGELIST_URL), {"q": "school"})

    page = response.content.decode()
    assert f'href="{reverse(IMPORT_URL)}"' in page
    assert f'href="{reverse(EXPORT_URL)}?q=school&amp;format=csv"' in page
    assert f'href="{reverse(EXPORT_URL)}?q=school&amp;format=xlsx"' in page


def test_export_follows_the_lists_filters(client, world, council_a, editor_a):
    other = build_world(council_a, slug="early-help")
    make_objective(other.keep_safe, "Only in early help")
    client.force_login(editor_a)

    response = client.get(
        reverse(EXPORT_URL), {"aim__strategy__id__exact": other.strategy.pk, "format": "csv"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="objectives-')
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == HEADINGS
    assert {row[1] for row in rows[1:]} == {"early-help"}
    assert "Only in early help" in {row[4] for row in rows[1:]}


def test_export_as_excel(client, world, editor_a):
    client.force_login(editor_a)

    response = client.get(reverse(EXPORT_URL), {"format": "xlsx"})

    assert response.status_code == 200
    assert response.content.startswith(b"PK")


def test_export_with_an_unknown_format_or_filter_goes_back_to_the_list(client, world, editor_a):
    client.force_login(editor_a)

    for query in ({"format": "pdf"}, {"format": "csv", "no_such_field": "1"}):
        response = client.get(reverse(EXPORT_URL), query)
        assert response.status_code == 302
        assert response["Location"] == reverse(CHANGELIST_URL)


def test_editor_of_another_council_exports_none_of_a(client, world, editor_b):
    client.force_login(editor_b)

    response = client.get(reverse(EXPORT_URL), {"format": "csv"})

    assert b"wyvern-vale" not in response.content
