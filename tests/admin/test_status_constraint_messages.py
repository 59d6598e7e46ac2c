"""When a database rule refuses a row, the officer reads a sentence saying what to change, not
"Constraint “strategy_relation_not_to_itself” is violated."."""

import datetime as dt

import pytest
from django.apps import apps
from django.db.models import BaseConstraint

from strategies.models import StrategyPartner
from tests.factories import make_board, make_partner, make_strategy

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def constraints():
    for app_label in ("councils", "strategies", "outcomes"):
        for model in apps.get_app_config(app_label).get_models():
            for constraint in model._meta.constraints:
                yield pytest.param(constraint, id=constraint.name)


@pytest.mark.parametrize("constraint", list(constraints()))
def test_every_constraint_explains_itself_in_plain_words(constraint):
    message = constraint.violation_error_message

    assert message != BaseConstraint.default_violation_error_message
    assert constraint.name not in message
    assert message.endswith(".")


def add_inline_row(data, prefix, **fields):
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = value
    return data


def inline_errors(response, prefix):
    for inline in response.context["inline_admin_formsets"]:
        if inline.formset.prefix == prefix:
            return [
                str(error) for form in inline.formset.forms for error in form.non_field_errors()
            ]
    raise AssertionError(f"no inline {prefix}")


def test_relating_a_strategy_to_itself_is_refused_in_plain_words(client, editor_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(strategy)))
    add_inline_row(data, "relations_out", to_strategy=strategy.pk, kind="related")

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    assert inline_errors(response, "relations_out") == [
        "A strategy cannot be related to itself. Choose a different strategy."
    ]


def test_a_board_member_leaving_before_joining_is_refused_in_plain_words(
    client, editor_a, council_a
):
    board = make_board(council_a, name="Wyvern Vale board", slug="wyvern-vale-board")
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(board)))
    add_inline_row(
        data,
        "members",
        name="Sam Smith",
        representation="officer",
        joined_on=dt.date(2025, 4, 1).isoformat(),
        left_on=dt.date(2025, 3, 1).isoformat(),
    )

    response = client.post(admin_url(board), data)

    assert response.status_code == 200
    assert inline_errors(response, "members") == [
        "The date a member left cannot be before the date they joined."
    ]


def test_a_partner_listed_twice_is_refused_in_plain_words(client, editor_a, council_a):
    strategy = make_strategy(council_a)
    partner = make_partner(council_a, name="Wyvern Vale police")
    StrategyPartner.objects.create(strategy=strategy, partner=partner)
    client.force_login(editor_a)
    page = client.get(admin_url(strategy))
    data = change_form_data(page)
    # The existing row is left out of the post, as another officer's open page would have it:
    # the database, not the formset, is what finds the duplicate.
    data["partnerships-TOTAL_FORMS"] = data["partnerships-INITIAL_FORMS"] = "0"
    for key in [key for key in data if key.startswith("partnerships-0-")]:
        del data[key]
    add_inline_row(data, "partnerships", partner=partner.pk, role="Lead for safety")

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    assert inline_errors(response, "partnerships") == [
        "This partner is already listed on the strategy. Change its role on the existing row "
        "instead."
    ]
