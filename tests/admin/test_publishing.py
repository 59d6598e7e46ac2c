"""Only a publisher may make a strategy public, in the admin form and by the admin actions."""

import pytest

from strategies.models import Strategy
from tests.factories import make_aim, make_membership, make_objective, make_strategy

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def status_choices(response):
    return {value for value, _ in response.context["adminform"].form.fields["status"].choices}


def _add_our_plan(client, user, council, status, **fields):
    """Signs `user` in and saves the admin's add form for a strategy "Our plan" with `status`
    (or with other `fields`)."""
    client.force_login(user)
    data = change_form_data(client.get(admin_url(Strategy, "add")))
    data.update(
        lead_council=council.pk,
        title="Our plan",
        slug="our-plan",
        start_year=2025,
        end_year=2028,
        status=status,
    )
    data.update(fields)
    return client.post(admin_url(Strategy, "add"), data)


def test_editor_is_offered_only_statuses_that_keep_a_strategy_hidden(client, editor_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(editor_a)

    response = client.get(admin_url(strategy))

    assert status_choices(response) == {"draft", "approved"}


def test_publisher_is_offered_every_status(client, publisher_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)

    response = client.get(admin_url(strategy))

    assert status_choices(response) == {
        "draft",
        "approved",
        "consultation",
        "published",
        "archived",
    }


@pytest.mark.parametrize("status", ["consultation", "published", "archived"])
def test_editor_cannot_publish_with_a_crafted_post(client, editor_a, council_a, status):
    strategy = make_strategy(council_a)
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = status

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["status"]
    assert "Only a publisher" in errors[0]
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    assert strategy.first_public_at is None


def test_editor_cannot_add_a_strategy_that_is_already_public(client, editor_a, council_a):
    response = _add_our_plan(client, editor_a, council_a, "published")

    assert response.status_code == 200
    assert "Only a publisher" in response.context["adminform"].form.errors["status"][0]
    assert not Strategy.objects.filter(slug="our-plan").exists()


def test_publisher_of_one_council_cannot_publish_for_a_council_they_only_edit(
    client, publisher_a, council_b
):
    make_membership(publisher_a, council_b, "editor")
    strategy = make_strategy(council_b)
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = "published"

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    assert "Only a publisher" in response.context["adminform"].form.errors["status"][0]
    strategy.refresh_from_db()
    assert strategy.status == "draft"


def test_publishing_in_the_form_first_shows_what_will_happen(client, publisher_a, council_a):
    strategy = make_strategy(council_a, title="Wyvern Vale children's plan")
    aim = make_aim(strategy, title="Start well")
    make_objective(aim, title="Ready for school")
    make_objective(aim, title="Healthy first years")
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = "published"
    data["summary"] = "Typed before publishing."

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    assert response.templates[0].name == "admin/strategies/strategy/confirm_status_change.html"
    html = response.content.decode()
    assert "Nothing has been saved yet." in html
    assert "with 1 aim, 2 objectives, 0 programmes and 0 signed-off progress updates" in html
    assert "It can never go back to draft or approved" in html
    assert "Your other changes are saved with it: Summary." in html
    # What was typed goes back with the answer.
    assert ("summary", "Typed before publishing.") in response.context["posted"]
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    assert strategy.summary != "Typed before publishing."


def posted(response, answer):
    return {**dict(response.context["posted"]), answer: "yes"}


def test_publisher_backs_out_at_the_confirmation_and_keeps_what_was_typed(
    client, publisher_a, council_a
):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data.update(status="published", summary="Typed before publishing.")
    confirmation = client.post(admin_url(strategy), data)

    response = client.post(admin_url(strategy), posted(confirmation, "_not_confirmed_status"))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "you chose not to publish it" in form.non_field_errors()[0]
    assert form["summary"].value() == "Typed before publishing."
    assert form["status"].value() == "published"
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    assert strategy.first_public_at is None


def test_saving_a_draft_needs_no_confirmation(client, publisher_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data["status"] = "approved"

    assert client.post(admin_url(strategy), data).status_code == 302


def test_publisher_publishes_in_the_form_on_the_second_explicit_choice(
    client, publisher_a, council_a
):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data.update(status="published", summary="Typed before publishing.")
    confirmation = client.post(admin_url(strategy), data)

    response = client.post(admin_url(strategy), posted(confirmation, "_confirmed_status"))

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "published"
    assert strategy.first_public_at is not None
    assert strategy.summary == "Typed before publishing."


def test_a_form_with_errors_is_corrected_before_the_confirmation(client, publisher_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(strategy)))
    data.update(status="published", title="")

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 200
    assert response.templates[0].name != "admin/strategies/strategy/confirm_status_change.html"
    assert response.context["adminform"].form.errors["title"]


def test_editor_may_edit_a_public_strategys_content_but_not_its_status(client, editor_a, council_a):
    strategy = make_strategy(council_a, status="published")
    client.force_login(editor_a)
    response = client.get(admin_url(strategy))
    assert "status" not in response.context["adminform"].form.fields
    data = change_form_data(response)
    data["summary"] = "Updated by the editor."
    data["status"] = "draft"  # ignored: the field is read-only to them

    response = client.post(admin_url(strategy), data)

    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.summary == "Updated by the editor."
    assert strategy.status == "published"


def test_editor_does_not_get_the_publish_actions(client, editor_a, council_a):
    make_strategy(council_a)
    client.force_login(editor_a)

    response = client.get(admin_url(Strategy, "changelist"))

    actions = {value for value, _ in response.context["action_form"].fields["action"].choices}
    assert "publish_selected" not in actions
    assert "archive_selected" not in actions


def test_editor_cannot_run_the_publish_action_by_crafted_post(client, editor_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(editor_a)

    client.post(
        admin_url(Strategy, "changelist"),
        {"action": "publish_selected", "_selected_action": [strategy.pk], "confirmed": "yes"},
    )

    strategy.refresh_from_db()
    assert strategy.status == "draft"


def test_publisher_publishes_and_archives_with_the_actions(client, publisher_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)
    changelist = admin_url(Strategy, "changelist")

    confirmed = {"_selected_action": [strategy.pk], "confirmed": "yes"}
    client.post(changelist, {"action": "publish_selected", **confirmed})
    strategy.refresh_from_db()
    assert strategy.status == "published"

    client.post(changelist, {"action": "archive_selected", **confirmed})
    strategy.refresh_from_db()
    assert strategy.status == "archived"
    assert strategy.history.first().history_user == publisher_a


def test_archiving_a_draft_is_refused_with_a_reason(client, publisher_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(publisher_a)

    response = client.post(
        admin_url(Strategy, "changelist"),
        {"action": "archive_selected", "_selected_action": [strategy.pk], "confirmed": "yes"},
        follow=True,
    )

    strategy.refresh_from_db()
    assert strategy.status == "draft"
    assert "cannot be archived" in response.content.decode()


def test_strategy_change_page_links_to_the_public_page(client, editor_a, council_a):
    strategy = make_strategy(council_a)
    client.force_login(editor_a)

    response = client.get(admin_url(strategy))

    assert response.context["has_absolute_url"]


def test_editor_can_add_a_draft_strategy(client, editor_a, council_a):
    response = _add_our_plan(client, editor_a, council_a, "approved")

    assert response.status_code == 302
    strategy = Strategy.objects.get(slug="our-plan")
    assert strategy.status == "approved"
    assert strategy.history.first().history_user == editor_a


def test_the_publish_action_first_says_what_will_happen_and_publishes_nothing(
    client, publisher_a, council_a
):
    from tests.factories import make_aim, make_objective

    strategy = make_strategy(council_a, title="Our plan")
    make_objective(make_aim(strategy))
    client.force_login(publisher_a)

    response = client.post(
        admin_url(Strategy, "changelist"),
        {"action": "publish_selected", "_selected_action": [strategy.pk]},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "can never go back to draft or approved" in html
    assert "will be published, with 1 aim, 1 objective, 0 programmes" in html
    assert 'name="confirmed" value="yes"' in html
    strategy.refresh_from_db()
    assert strategy.status == "draft"


def test_the_archive_confirmation_says_which_cannot_be_archived(client, publisher_a, council_a):
    draft = make_strategy(council_a, title="A draft")
    client.force_login(publisher_a)

    response = client.post(
        admin_url(Strategy, "changelist"),
        {"action": "archive_selected", "_selected_action": [draft.pk]},
    )

    assert "will not be archived. It has not been made public" in response.content.decode()


def test_a_new_strategy_added_as_a_draft_for_consultation_is_confirmed_first(
    client, publisher_a, council_a
):
    confirmation = _add_our_plan(
        client,
        publisher_a,
        council_a,
        "consultation",
        title="Wyvern Vale early help strategy",
        slug="wyvern-vale-early-help",
        kind="early_help",
        start_year="2026",
        end_year="2029",
    )

    assert confirmation.context["title"] == (
        "Publish “Wyvern Vale early help strategy” as a draft for consultation?"
    )
    assert not Strategy.objects.filter(slug="wyvern-vale-early-help").exists()
    response = client.post(admin_url(Strategy, "add"), posted(confirmation, "_confirmed_status"))
    assert response.status_code == 302
    assert Strategy.objects.get(slug="wyvern-vale-early-help").status == "consultation"
