"""The board signs an update off while an officer has its admin form open: the officer's save is
refused, with the reason and everything they typed, never a bare 403 or an error page."""

import datetime as dt
import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.utils.html import escape

from outcomes.models import ProgressUpdate
from outcomes.periods import Quarter
from outcomes.services import updates_sign_off
from strategies.admin_concurrency import VersionedAdminForm
from tests.factories import make_meeting, make_update

from .conftest import admin_url, change_form_data

TYPED = "Hubs opened in Ashby <and> Brook.\r\nA third opens in spring."


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def open_update(records_a, board_a):
    update = make_update(
        objective=records_a["objective"], quarter=Quarter.containing(dt.date(2025, 7, 1))
    )
    return update, make_meeting(board_a, dt.date(2025, 11, 3))


def board_signs_off(update, meeting, user):
    updates_sign_off(
        meeting=meeting, updates=[update], user=user, versions={update.pk: update.version}
    )


def assert_refused_with_the_typed_text(response, update, meeting):
    assert response.status_code == 200
    # Shown again read-only: it is now the record the board saw.
    assert not response.context["has_change_permission"]
    [message] = [text for text in message_texts(response) if "while you were editing" in text]
    # The message is HTML, so that the typed text keeps its line breaks; its text is escaped.
    assert escape(f"signed off at {meeting} while you were editing it") in message
    assert "your changes have not been saved" in message
    # What they typed is on the page, escaped, with its line break, ready to copy.
    page = response.content.decode()
    assert "Hubs opened in Ashby &lt;and&gt; Brook.<br>A third opens in spring." in page
    assert "At risk" in message
    update.refresh_from_db()
    assert update.commentary == "Work went to plan this quarter."
    assert update.rating == "on_track"


@pytest.mark.django_db
def test_a_save_from_a_form_opened_before_sign_off_shows_the_reason_and_the_typed_text(
    client, editor_a, board_member, records_a, board_a
):
    update, meeting = open_update(records_a, board_a)
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))
    board_signs_off(update, meeting, board_member)
    data.update(
        commentary=TYPED, rating="at_risk", next_steps="Recruit two posts.\r\nReview in May."
    )

    response = client.post(admin_url(update), data)

    assert_refused_with_the_typed_text(response, update, meeting)
    assert "Recruit two posts.<br>Review in May." in response.content.decode()


@pytest.mark.django_db
def test_fields_left_as_they_were_are_not_repeated(
    client, editor_a, board_member, records_a, board_a
):
    update, meeting = open_update(records_a, board_a)
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))
    board_signs_off(update, meeting, board_member)
    data["commentary"] = TYPED

    response = client.post(admin_url(update), data)

    [message] = [text for text in message_texts(response) if "while you were editing" in text]
    assert "Commentary:" in message
    assert "Rating:" not in message
    assert "Period start:" not in message


@pytest.mark.django_db
def test_another_councils_officer_still_gets_not_found(
    client, editor_b, board_member, records_a, board_a
):
    update, meeting = open_update(records_a, board_a)
    stale_version = update.version
    board_signs_off(update, meeting, board_member)
    client.force_login(editor_b)

    response = client.post(admin_url(update), {"commentary": TYPED, "version": stale_version})

    assert response.status_code == 404


@pytest.mark.django_db(transaction=True)
def test_a_sign_off_landing_between_the_checks_and_the_save_is_the_same_message(
    client, editor_a, board_member, records_a, board_a, monkeypatch
):
    """The board's sign-off commits on its own connection after the officer's form passed its
    checks; the model refuses the save, and the officer sees the same message, not a 500."""
    update, meeting = open_update(records_a, board_a)
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))
    data.update(commentary=TYPED, rating="at_risk", next_steps="Recruit two posts.")
    real_clean = VersionedAdminForm.clean
    signed = []

    def clean_then_the_board_signs_off(form):
        cleaned = real_clean(form)
        if not signed:
            signed.append(True)

            def sign():
                try:
                    board_signs_off(ProgressUpdate.objects.get(pk=update.pk), meeting, board_member)
                finally:
                    connection.close()

            thread = threading.Thread(target=sign)
            thread.start()
            thread.join()
        return cleaned

    monkeypatch.setattr(VersionedAdminForm, "clean", clean_then_the_board_signs_off)

    response = client.post(admin_url(update), data)

    assert_refused_with_the_typed_text(response, update, meeting)
