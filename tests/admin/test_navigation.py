"""A whole strategy stays a few clicks away: strategy → aim → objective → indicator."""

import pytest

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def links_on(client, obj):
    return client.get(admin_url(obj)).content.decode()


def test_a_strategy_links_to_its_aims_and_programmes(client, editor_a, records_a):
    client.force_login(editor_a)

    page = links_on(client, records_a["strategy"])

    assert admin_url(records_a["aim"]) in page
    assert admin_url(records_a["programme"]) in page


def test_an_aim_links_to_its_objectives(client, editor_a, records_a):
    client.force_login(editor_a)

    assert admin_url(records_a["objective"]) in links_on(client, records_a["aim"])


def test_an_objective_links_to_its_indicators_and_progress(client, editor_a, records_a):
    client.force_login(editor_a)

    page = links_on(client, records_a["objective"])

    assert admin_url(records_a["indicator"]) in page
    assert admin_url(records_a["progressupdate"]) in page


def test_a_strategy_links_to_its_decisions_engagement_and_progress(client, editor_a, records_a):
    client.force_login(editor_a)
    strategy = records_a["strategy"]

    page = links_on(client, strategy)

    for model in ("decision", "engagement", "progressupdate"):
        assert (
            f"{admin_url(records_a[model], 'changelist')}?strategy__id__exact={strategy.pk}" in page
        )


@pytest.mark.parametrize("model", ["strategy", "objective", "aim", "programme"])
def test_officer_change_pages_render(client, editor_a, records_a, model):
    client.force_login(editor_a)

    assert client.get(admin_url(records_a[model])).status_code == 200
