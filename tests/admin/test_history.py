"""Every change is kept with who and when, can be reverted, and stays within the council."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.periods import Quarter
from tests.factories import make_meeting, make_update, sign_off

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def history_form_url(obj, record):
    opts = obj._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history", args=[obj.pk, record.pk]
    )


def edit(client, user, obj, **changes):
    client.force_login(user)
    data = change_form_data(client.get(admin_url(obj)))
    data.update(changes)
    response = client.post(admin_url(obj), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()
    return obj


@pytest.mark.parametrize(
    ("model", "field"),
    [("strategy", "summary"), ("objective", "description"), ("progressupdate", "commentary")],
)
def test_a_change_records_who_made_it(client, editor_a, records_a, model, field):
    obj = edit(client, editor_a, records_a[model], **{field: "Rewritten."})

    latest = obj.history.first()
    assert latest.history_user == editor_a
    assert latest.history_type == "~"
    assert getattr(latest, field) == "Rewritten."


def test_history_page_lists_the_change_and_its_author(client, editor_a, records_a):
    strategy = edit(client, editor_a, records_a["strategy"], summary="Rewritten.")

    response = client.get(admin_url(strategy, "history"))

    assert response.status_code == 200
    assert "editor_a" in response.content.decode()


def test_revert_restores_an_earlier_version(client, editor_a, publisher_a, records_a):
    strategy = records_a["strategy"]
    original = strategy.history.earliest()
    edit(client, editor_a, strategy, summary="A mistake.", title="Wrong title")

    client.force_login(publisher_a)
    revert_page = client.get(history_form_url(strategy, original))
    assert revert_page.status_code == 200
    response = client.post(history_form_url(strategy, original), change_form_data(revert_page))

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.title == original.title
    assert strategy.summary == original.summary
    assert strategy.history.first().history_user == publisher_a


def test_revert_keeps_the_fact_that_a_strategy_was_public(client, publisher_a, records_a):
    strategy = records_a["strategy"]
    strategy.status = "consultation"
    strategy.save()
    consultation_version = strategy.history.first()
    first_public_at = strategy.first_public_at
    strategy.status = "published"
    strategy.save()

    client.force_login(publisher_a)
    page = client.get(history_form_url(strategy, consultation_version))
    client.post(history_form_url(strategy, consultation_version), change_form_data(page))

    strategy.refresh_from_db()
    assert strategy.status == "consultation"
    assert strategy.first_public_at == first_public_at


def test_editor_reverting_to_a_public_version_restores_content_but_not_the_status(
    client, editor_a, council_a
):
    from tests.factories import make_strategy

    strategy = make_strategy(council_a, status="published", summary="As published.")
    published_version = strategy.history.first()
    strategy.status = "approved"
    strategy.summary = "Changed since."
    strategy.save()

    client.force_login(editor_a)
    page = client.get(history_form_url(strategy, published_version))
    data = change_form_data(page)
    data["status"] = "published"
    client.post(history_form_url(strategy, published_version), data)

    strategy.refresh_from_db()
    assert strategy.summary == "As published."
    assert strategy.status == "approved"


def test_revert_from_a_stale_page_gets_the_conflict_message(client, editor_a, records_a):
    objective = records_a["objective"]
    original = objective.history.earliest()
    edit(client, editor_a, objective, description="Second version.")
    page = client.get(history_form_url(objective, original))
    objective.description = "Saved by someone else meanwhile."
    objective.save()

    response = client.post(history_form_url(objective, original), change_form_data(page))

    assert response.status_code == 200
    assert "Someone else saved changes" in response.context["adminform"].form.non_field_errors()[0]
    objective.refresh_from_db()
    assert objective.description == "Saved by someone else meanwhile."


@pytest.mark.parametrize(
    "model", ["strategy", "objective", "progressupdate", "programme", "boardaction"]
)
def test_officer_of_another_council_gets_404_on_history_pages(client, editor_b, records_a, model):
    obj = records_a[model]
    client.force_login(editor_b)

    assert client.get(admin_url(obj, "history")).status_code == 404
    record = obj.history.first()
    assert client.get(history_form_url(obj, record)).status_code == 404
    assert client.post(history_form_url(obj, record), {}).status_code == 404


def test_history_of_a_deleted_record_is_hidden_from_officers(client, editor_a, council_a):
    from tests.factories import make_strategy

    strategy = make_strategy(council_a)
    pk = strategy.pk
    strategy.delete()
    strategy.pk = pk
    client.force_login(editor_a)

    assert client.get(admin_url(strategy, "history")).status_code == 404


def test_signed_off_update_cannot_be_reverted(client, editor_a, records_a, board_a):
    update = make_update(
        objective=records_a["objective"], quarter=Quarter.containing(dt.date(2025, 7, 1))
    )
    before = update.history.first()
    sign_off(update, make_meeting(board_a, dt.date(2025, 11, 3)))
    client.force_login(editor_a)

    page = client.get(history_form_url(update, before))
    response = client.post(history_form_url(update, before), {"version": update.version})

    assert page.context["revert_disabled"]
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.meeting_id is not None
    assert update.signed_off_at is not None
