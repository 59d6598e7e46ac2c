"""Two officers saving the same record from stale forms: the first edit survives, the second
officer gets a clear conflict message with their typed text still in the form."""

import pytest

from strategies.admin_concurrency import VersionedAdminForm

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db

EDITED_FIELD = {"strategy": "summary", "objective": "description", "progressupdate": "commentary"}


@pytest.fixture
def second_editor(council_a):
    from tests.factories import make_membership, make_user

    user = make_user("second_editor_a", is_staff=True)
    make_membership(user, council_a, "editor")
    return user


def open_form(client, user, obj):
    client.force_login(user)
    return change_form_data(client.get(admin_url(obj)))


@pytest.mark.parametrize("model", ["strategy", "objective", "progressupdate"])
def test_second_save_from_a_stale_form_gets_a_conflict_message(
    client, editor_a, second_editor, records_a, model
):
    obj = records_a[model]
    field = EDITED_FIELD[model]
    first_form = open_form(client, editor_a, obj)
    second_form = open_form(client, second_editor, obj)

    client.force_login(editor_a)
    first_form[field] = "The first officer's words."
    assert client.post(admin_url(obj), first_form).status_code == 302

    client.force_login(second_editor)
    second_form[field] = "The second officer's words."
    response = client.post(admin_url(obj), second_form)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "Someone else saved changes" in form.non_field_errors()[0]
    assert form[field].value() == "The second officer's words."
    obj.refresh_from_db()
    assert getattr(obj, field) == "The first officer's words."


def test_saving_again_after_a_conflict_is_a_deliberate_overwrite(
    client, editor_a, second_editor, records_a
):
    objective = records_a["objective"]
    stale = open_form(client, second_editor, objective)
    objective.description = "Someone else's change."
    objective.save()

    client.force_login(second_editor)
    stale["description"] = "Mine."
    conflict = client.post(admin_url(objective), stale)
    resubmitted = change_form_data(conflict)
    response = client.post(admin_url(objective), resubmitted)

    assert response.status_code == 302
    objective.refresh_from_db()
    assert objective.description == "Mine."


def test_objective_inline_on_the_aim_page_detects_a_stale_form(
    client, editor_a, second_editor, records_a
):
    objective = records_a["objective"]
    aim = objective.aim
    stale = open_form(client, second_editor, aim)
    objective.title = "Renamed by someone else"
    objective.save()

    client.force_login(second_editor)
    stale["objectives-0-title"] = "Renamed by me"
    response = client.post(admin_url(aim), stale)

    assert response.status_code == 200
    inline_form = response.context["inline_admin_formsets"][0].formset.forms[0]
    assert "Someone else saved changes" in inline_form.non_field_errors()[0]
    objective.refresh_from_db()
    assert objective.title == "Renamed by someone else"


def test_a_lost_race_at_save_time_becomes_a_conflict_message_not_an_error(
    client, editor_a, records_a, monkeypatch
):
    """Both saves pass form validation; the database's version check settles it."""
    objective = records_a["objective"]
    stale = open_form(client, editor_a, objective)
    objective.description = "The winner's change."
    objective.save()
    checks = {"count": 0}
    real_clean = VersionedAdminForm.clean

    def clean_that_misses_the_first_check(form):
        checks["count"] += 1
        if checks["count"] == 1:
            return super(VersionedAdminForm, form).clean()
        return real_clean(form)

    monkeypatch.setattr(VersionedAdminForm, "clean", clean_that_misses_the_first_check)
    stale["description"] = "The loser's change."

    response = client.post(admin_url(objective), stale)

    assert response.status_code == 200
    assert "Someone else saved changes" in response.context["adminform"].form.non_field_errors()[0]
    objective.refresh_from_db()
    assert objective.description == "The winner's change."


def test_form_carries_the_version_as_a_hidden_field(client, editor_a, records_a):
    client.force_login(editor_a)

    response = client.get(admin_url(records_a["strategy"]))

    field = response.context["adminform"].form["version"]
    assert field.is_hidden
    assert field.value() == records_a["strategy"].version
