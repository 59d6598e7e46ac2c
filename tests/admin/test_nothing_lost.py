"""Public records are kept: a strategy that was ever public, and progress the board signed off."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages

from outcomes.models import Objective, ProgressUpdate
from outcomes.periods import Quarter
from strategies.models import Strategy
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_strategy,
    make_update,
    sign_off,
)

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def once_public(council_a):
    strategy = make_strategy(council_a, status="published")
    strategy.status = "draft"  # withdrawn, but it was public once
    strategy.save()
    return strategy


@pytest.mark.parametrize("persona", ["publisher_a", "site_admin"])
def test_deleting_a_strategy_that_was_ever_public_is_refused(client, request, once_public, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(admin_url(once_public, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert response.url == admin_url(once_public)
    assert any("Archive it instead" in text for text in message_texts(response))
    assert Strategy.objects.filter(pk=once_public.pk).exists()


def test_change_page_of_an_ever_public_strategy_offers_no_delete_link(
    client, publisher_a, once_public
):
    client.force_login(publisher_a)

    response = client.get(admin_url(once_public))

    assert not response.context["has_delete_permission"]


def test_bulk_delete_refuses_when_any_selected_strategy_was_ever_public(
    client, publisher_a, council_a, once_public
):
    draft = make_strategy(council_a)
    client.force_login(publisher_a)

    response = client.post(
        admin_url(Strategy, "changelist"),
        {
            "action": "delete_selected",
            "_selected_action": [once_public.pk, draft.pk],
            "post": "yes",
        },
    )

    assert response.status_code == 302
    assert any("Archive it instead" in text for text in message_texts(response))
    assert Strategy.objects.filter(pk__in=[once_public.pk, draft.pk]).count() == 2


def test_a_strategy_never_made_public_can_be_deleted(client, editor_a, council_a):
    draft = make_strategy(council_a)
    client.force_login(editor_a)

    response = client.post(admin_url(draft, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert not Strategy.objects.filter(pk=draft.pk).exists()


def test_bulk_delete_of_drafts_still_works(client, editor_a, council_a):
    drafts = [make_strategy(council_a), make_strategy(council_a)]
    client.force_login(editor_a)

    client.post(
        admin_url(Strategy, "changelist"),
        {"action": "delete_selected", "_selected_action": [s.pk for s in drafts], "post": "yes"},
    )

    assert not Strategy.objects.filter(pk__in=[s.pk for s in drafts]).exists()


@pytest.fixture
def signed_off_update(records_a, board_a):
    update = make_update(
        objective=records_a["objective"], quarter=Quarter.containing(dt.date(2025, 7, 1))
    )
    return sign_off(update, make_meeting(board_a, dt.date(2025, 11, 3)))


@pytest.mark.parametrize("persona", ["editor_a", "site_admin"])
def test_signed_off_update_is_read_only(client, request, signed_off_update, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(admin_url(signed_off_update))

    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert any("record the board saw" in text for text in message_texts(response))


def test_signed_off_update_cannot_be_changed_by_crafted_post(client, editor_a, signed_off_update):
    client.force_login(editor_a)

    response = client.post(
        admin_url(signed_off_update),
        {"commentary": "Rewritten after the meeting", "version": signed_off_update.version},
    )

    assert response.status_code == 403
    signed_off_update.refresh_from_db()
    assert signed_off_update.commentary != "Rewritten after the meeting"


@pytest.mark.parametrize("persona", ["editor_a", "site_admin"])
def test_signed_off_update_cannot_be_deleted(client, request, signed_off_update, persona):
    client.force_login(request.getfixturevalue(persona))

    response = client.post(admin_url(signed_off_update, "delete"), {"post": "yes"})

    assert response.status_code == 302
    assert any("cannot be changed or deleted" in text for text in message_texts(response))
    assert ProgressUpdate.objects.filter(pk=signed_off_update.pk).exists()


def test_signed_off_update_survives_bulk_delete(client, editor_a, signed_off_update):
    client.force_login(editor_a)

    client.post(
        admin_url(ProgressUpdate, "changelist"),
        {"action": "delete_selected", "_selected_action": [signed_off_update.pk], "post": "yes"},
    )

    assert ProgressUpdate.objects.filter(pk=signed_off_update.pk).exists()


def test_deleting_an_objective_with_signed_off_progress_is_refused(
    client, editor_a, signed_off_update
):
    client.force_login(editor_a)
    objective = signed_off_update.objective

    client.post(admin_url(objective, "delete"), {"post": "yes"})

    assert Objective.objects.filter(pk=objective.pk).exists()
    assert ProgressUpdate.objects.filter(pk=signed_off_update.pk).exists()


def test_deleting_an_objective_inline_with_signed_off_progress_is_refused(
    client, editor_a, signed_off_update
):
    client.force_login(editor_a)
    aim = signed_off_update.objective.aim
    data = change_form_data(client.get(admin_url(aim)))
    data["objectives-0-DELETE"] = "on"

    response = client.post(admin_url(aim), data)

    assert response.status_code == 200
    # The signed-off update is protected, so Django's inline names it as the reason.
    errors = str(response.context["inline_admin_formsets"][0].formset.non_form_errors())
    assert "would require deleting the following protected related objects" in errors
    assert str(signed_off_update) in errors
    assert ProgressUpdate.objects.filter(pk=signed_off_update.pk).exists()
    assert ProgressUpdate.objects.filter(pk=signed_off_update.pk).exists()


def test_sign_off_fields_are_not_in_the_officers_form(client, editor_a, records_a):
    client.force_login(editor_a)

    response = client.get(admin_url(records_a["progressupdate"]))

    fields = response.context["adminform"].form.fields
    assert not {"meeting", "signed_off_at", "signed_off_by", "author"} & set(fields)


def test_crafted_post_cannot_sign_off_an_update(client, editor_a, records_a, board_a):
    update = records_a["progressupdate"]
    meeting = make_meeting(board_a, dt.date(2026, 9, 1))
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))
    data["meeting"] = meeting.pk

    response = client.post(admin_url(update), data)

    assert response.status_code == 302
    update.refresh_from_db()
    assert update.meeting_id is None


def test_deleting_an_aim_whose_objectives_were_never_signed_off_works(client, editor_a, council_a):
    aim = make_aim(make_strategy(council_a))
    make_objective(aim)
    client.force_login(editor_a)

    client.post(admin_url(aim, "delete"), {"post": "yes"})

    assert not Objective.objects.filter(aim_id=aim.pk).exists()
