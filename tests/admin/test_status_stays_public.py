"""A public strategy stays public: no editor can take it down, by the change form or by
reverting its history, and nobody can send a once-public strategy back to draft or approved."""

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse

from strategies.admin.strategy import StrategyAdmin
from strategies.models import Strategy
from tests.factories import make_strategy

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def history_form_url(strategy, record):
    return reverse("admin:strategies_strategy_simple_history", args=[strategy.pk, record.pk])


def published_with_an_approved_version(council):
    """A strategy published after an earlier `approved` version, as most are."""
    strategy = make_strategy(council, status="approved", summary="Before publication.")
    approved_version = strategy.history.first()
    strategy.status = "published"
    strategy.summary = "As published."
    strategy.save()
    return strategy, approved_version


def revert(client, user, strategy, record, **changes):
    client.force_login(user)
    page = client.get(history_form_url(strategy, record))
    assert page.status_code == 200
    data = change_form_data(page)
    data.update(changes)
    return page, client.post(history_form_url(strategy, record), data)


def form_errors(response):
    form = response.context["adminform"].form
    return [str(message) for messages in form.errors.values() for message in messages]


# --- editors ---------------------------------------------------------------------------------


def test_editor_reverting_to_an_approved_version_does_not_unpublish(client, editor_a, council_a):
    strategy, approved_version = published_with_an_approved_version(council_a)

    page, response = revert(client, editor_a, strategy, approved_version)

    assert "status" not in page.context["adminform"].form.fields
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "published"
    assert strategy.summary == "Before publication."
    client.logout()
    assert client.get(strategy.get_absolute_url()).status_code == 200


def test_editor_reverting_with_a_crafted_status_does_not_unpublish(client, editor_a, council_a):
    strategy, approved_version = published_with_an_approved_version(council_a)

    revert(client, editor_a, strategy, approved_version, status="draft")

    strategy.refresh_from_db()
    assert strategy.status == "published"


def test_the_form_refuses_an_editor_taking_a_strategy_out_of_public_view(editor_a, council_a):
    # Read-only status is the first guard; the form's own check is the second, whatever fields
    # a view puts in front of it.
    strategy = make_strategy(council_a, status="published")
    request = RequestFactory().get("/")
    request.user = editor_a
    form_class = StrategyAdmin(Strategy, site).get_form(request, None, fields=["status"])
    form = form_class(data={"status": "approved", "version": strategy.version}, instance=strategy)

    assert not form.is_valid()
    assert "Only a publisher" in form.errors["status"][0]


# --- publishers and site administrators -----------------------------------------------------


@pytest.fixture(params=["publisher_a", "site_admin"])
def may_publish(request):
    return request.getfixturevalue(request.param)


@pytest.mark.parametrize("status", ["draft", "approved"])
def test_a_public_strategy_cannot_go_back_to_draft_or_approved(
    client, may_publish, council_a, status
):
    strategy = make_strategy(council_a, status="published")
    client.force_login(may_publish)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = status

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    assert any("Archive it instead" in error for error in form_errors(response))
    strategy.refresh_from_db()
    assert strategy.status == "published"


def test_reverting_to_a_version_before_publication_is_refused_with_a_reason(
    client, may_publish, council_a
):
    strategy, approved_version = published_with_an_approved_version(council_a)

    _, response = revert(client, may_publish, strategy, approved_version)

    assert response.status_code == 200
    assert any("Archive it instead" in error for error in form_errors(response))
    strategy.refresh_from_db()
    assert strategy.status == "published"
    assert strategy.summary == "As published."


def test_reverting_content_while_keeping_the_strategy_public_is_allowed(
    client, publisher_a, council_a
):
    strategy, approved_version = published_with_an_approved_version(council_a)

    _, response = revert(client, publisher_a, strategy, approved_version, status="published")

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "published"
    assert strategy.summary == "Before publication."


def test_publisher_may_still_archive_through_the_form(client, publisher_a, council_a):
    strategy = make_strategy(council_a, status="published")
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = "archived"
    confirmation = client.post(admin_url(strategy), data)
    assert "Archiving keeps the strategy public" in confirmation.content.decode()
    assert Strategy.objects.get(pk=strategy.pk).status == "published"

    response = client.post(
        admin_url(strategy), {**dict(confirmation.context["posted"]), "_confirmed_status": "yes"}
    )

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "archived"


def test_a_once_public_strategy_already_withdrawn_cannot_be_sent_back_to_draft(
    client, publisher_a, council_a
):
    strategy = make_strategy(council_a, status="published")
    # Withdrawn before this rule existed: the record says it was public once.
    Strategy.objects.filter(pk=strategy.pk).update(status="approved")
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = "draft"

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    strategy.refresh_from_db()
    assert strategy.status == "approved"


def test_reverting_to_an_archived_version_is_confirmed_first(client, publisher_a, council_a):
    strategy = make_strategy(council_a, status="archived")
    archived_version = strategy.history.first()
    strategy.status = "published"
    strategy.save()

    _, confirmation = revert(client, publisher_a, strategy, archived_version)

    assert confirmation.templates[0].name == (
        "admin/strategies/strategy/confirm_status_change.html"
    )
    assert Strategy.objects.get(pk=strategy.pk).status == "published"
    response = client.post(
        history_form_url(strategy, archived_version),
        {**dict(confirmation.context["posted"]), "_confirmed_status": "yes"},
    )
    assert response.status_code == 302
    assert Strategy.objects.get(pk=strategy.pk).status == "archived"
