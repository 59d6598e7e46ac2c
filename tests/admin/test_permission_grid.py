"""Who may reach which admin page, on a grid: every registered model against every persona."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.messages import get_messages
from django.db import models
from django.forms.models import model_to_dict
from django.utils import timezone

from councils.admin_part_history import PartHistoryAdmin

from .conftest import admin_url

MODELS = [
    "council",
    "partner",
    "inspection",
    "councilmembership",
    "strategy",
    "aim",
    "objective",
    "indicator",
    "measurement",
    "programme",
    "decision",
    "engagement",
    "board",
    "meeting",
    "boardaction",
    "progressupdate",
    "challenge",
    "theme",
    "nationalindicator",
    "nationalfigure",
]
PERSONAS = [
    "anonymous",
    "stranger",
    "board_member",
    "staff_without_council",
    "editor_a",
    "publisher_a",
    "editor_b",
    "site_admin",
]
VIEWS = ["changelist", "add", "change", "delete"]

#: What an officer may do with each model: edit, only view, or nothing (site administrators').
#: Officers record the answer to a challenge but neither raise nor delete one (the board raises
#: them at its meetings), which the grid reads as "view": the change page opens for their own.
OFFICER_ACCESS = {
    "council": "view",
    "inspection": "view",
    "councilmembership": None,
    "challenge": "view",
    # National themes are the site administrators' to keep.
    "theme": None,
    # National indicators and their figures likewise: officers adopt one on their indicator.
    "nationalindicator": None,
    "nationalfigure": None,
}
LOGIN = "login"


def expected_status(persona, model, view):
    if persona in ("anonymous", "stranger", "board_member"):
        return LOGIN  # not staff: the admin sends them to sign in
    if persona == "site_admin":
        return 200
    if persona == "staff_without_council":
        return 403
    access = OFFICER_ACCESS.get(model, "edit")
    if access is None:
        return 403
    own = persona in ("editor_a", "publisher_a")
    if view == "changelist":
        return 200
    if view == "add":
        return 200 if access == "edit" else 403
    if view == "delete" and access != "edit":
        return 403
    return 200 if own else 404


def test_every_registered_model_is_on_the_grid():
    # Rows edited only inline have history pages of their own, tested with their parents in
    # test_history_of_parts.py.
    registered = {
        model._meta.model_name
        for model in apps.get_models()
        if model._meta.app_label in ("councils", "strategies", "outcomes")
        and admin.site.is_registered(model)
        and not isinstance(admin.site.get_model_admin(model), PartHistoryAdmin)
    }
    assert registered == set(MODELS)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_answer_each_persona_as_their_role_allows(
    client, request, records_a, staff_without_council, persona, model
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    obj = records_a[model]
    for view in VIEWS:
        response = client.get(admin_url(obj, view))
        expected = expected_status(persona, model, view)
        if expected == LOGIN:
            assert response.status_code == 302, (view, response.status_code)
            assert response.url.startswith("/admin/login/"), view
        else:
            assert response.status_code == expected, (view, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in MODELS if OFFICER_ACCESS.get(m, "edit")])
@pytest.mark.parametrize(
    ("persona", "sees", "does_not_see"),
    [("editor_a", "a", "b"), ("publisher_a", "a", "b"), ("editor_b", "b", "a")],
)
def test_changelists_list_only_the_officers_own_councils_rows(
    client, request, records_a, records_b, model, persona, sees, does_not_see
):
    client.force_login(request.getfixturevalue(persona))
    records = {"a": records_a, "b": records_b}

    response = client.get(admin_url(records_a[model], "changelist"))

    listed = {obj.pk for obj in response.context["cl"].queryset}
    assert records[sees][model].pk in listed
    assert records[does_not_see][model].pk not in listed


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_site_admin_changelists_list_every_council(client, site_admin, records_a, records_b, model):
    client.force_login(site_admin)

    response = client.get(admin_url(records_a[model], "changelist"))

    listed = {obj.pk for obj in response.context["cl"].queryset}
    assert {records_a[model].pk, records_b[model].pk} <= listed


@pytest.mark.django_db
def test_staff_without_a_council_sees_an_empty_admin(client, staff_without_council, records_a):
    client.force_login(staff_without_council)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert response.context["app_list"] == []


@pytest.mark.django_db
def test_officer_index_shows_the_apps_they_work_in(client, editor_a):
    client.force_login(editor_a)

    response = client.get("/admin/")

    models = {m["object_name"] for app in response.context["app_list"] for m in app["models"]}
    assert {"Strategy", "Objective", "ProgressUpdate", "Council"} <= models
    assert "CouncilMembership" not in models
    assert "User" not in models
    assert b"Strategy Tracker: council officers" in response.content


def taken_over(obj):
    """The record's own values with every free-text field rewritten: a complete form, so only
    the access check stands between it and a saved change."""
    data = {}
    for field in obj._meta.concrete_fields:
        if not field.editable or field.primary_key:
            continue
        value = field.value_from_object(obj)
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            value = "Taken over"
        if value is not None:
            data[field.attname if field.is_relation else field.name] = value
    return data


def snapshot(obj):
    return model_to_dict(type(obj)._base_manager.get(pk=obj.pk))


def assert_answer(response, expected):
    if expected == LOGIN:
        assert response.status_code == 302, response.status_code
        assert response.url.startswith("/admin/login/")
    else:
        assert response.status_code == expected, response.status_code


@pytest.mark.django_db
@pytest.mark.parametrize("model", MODELS)
def test_officer_of_another_council_cannot_post_changes_to_a_record(
    client, editor_b, records_a, model
):
    client.force_login(editor_b)
    obj = records_a[model]
    before = snapshot(obj)

    response = client.post(admin_url(obj), taken_over(obj))

    assert_answer(response, expected_status("editor_b", model, "change"))
    assert snapshot(obj) == before


#: Everyone who may not delete another council's record, or any record at all.
NOT_DELETING = ["anonymous", "stranger", "board_member", "staff_without_council", "editor_b"]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", NOT_DELETING)
@pytest.mark.parametrize("model", MODELS)
def test_a_delete_cannot_be_posted_by_anyone_outside_the_council(
    client, request, records_a, staff_without_council, persona, model
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    obj = records_a[model]

    response = client.post(admin_url(obj, "delete"), {"post": "yes"})

    assert_answer(response, expected_status(persona, model, "delete"))
    # Nothing went, not even through a cascade from this record.
    for record in records_a.values():
        assert type(record)._base_manager.filter(pk=record.pk).exists(), record


@pytest.mark.django_db
@pytest.mark.parametrize("model", [m for m in MODELS if OFFICER_ACCESS.get(m, "edit") != "edit"])
def test_an_officer_cannot_post_a_delete_of_their_own_councils_record_they_only_view(
    client, editor_a, records_a, model
):
    client.force_login(editor_a)
    obj = records_a[model]

    response = client.post(admin_url(obj, "delete"), {"post": "yes"})

    assert response.status_code == 403
    assert type(obj)._base_manager.filter(pk=obj.pk).exists()


@pytest.fixture
def kept_records(records_a, board_a):
    """Records of council A that no one may delete: what the public saw or the board signed."""
    update = records_a["progressupdate"]
    update.meeting = records_a["meeting"]
    update.signed_off_at = timezone.now()
    update.save()
    strategy = records_a["strategy"]
    strategy.status = "published"
    strategy.save()
    strategy.status = "draft"  # withdrawn, but it was public once
    strategy.save()
    return {
        "progressupdate": update,
        "strategy": strategy,
        # Each would take the signed-off update with it.
        "objective": records_a["objective"],
        "aim": records_a["aim"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["editor_a", "publisher_a", "site_admin"])
@pytest.mark.parametrize(
    ("model", "refusal"),
    [
        ("progressupdate", "cannot be changed or deleted"),
        ("strategy", "Archive it instead"),
        ("objective", None),
        ("aim", None),
    ],
)
def test_a_delete_refused_by_rule_cannot_be_posted_by_the_owners_either(
    client, request, kept_records, persona, model, refusal
):
    client.force_login(request.getfixturevalue(persona))
    obj = kept_records[model]

    response = client.post(admin_url(obj, "delete"), {"post": "yes"})

    if refusal:
        # Sent back to the record with the reason.
        assert response.status_code == 302
        assert response.url == admin_url(obj)
        assert any(refusal in str(m) for m in get_messages(response.wsgi_request))
    else:
        # Django's confirmation page again, naming the signed-off update that must be kept.
        assert response.status_code == 200
        assert response.context["protected"]
    for record in kept_records.values():
        assert type(record)._base_manager.filter(pk=record.pk).exists(), record
