"""Changes to the parts edited on a record's page (a strategy's principles and partners, a
programme's milestones, a board's members, an indicator's targets) are listed on that record's
history page with who and when, deletions included, and each version can be viewed and restored
within the same council rules as the record itself."""

import datetime as dt

import pytest
from django.urls import reverse

from outcomes.periods import Quarter
from strategies.models import BoardMember, Milestone, Principle, StrategyPartner
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_partner,
    make_strategy,
    make_target,
    make_update,
    make_user,
    sign_off,
)

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def part_version_url(record):
    opts = record.instance._meta
    return reverse(
        f"admin:{opts.app_label}_{opts.model_name}_simple_history",
        args=[record.instance.pk, record.history_id],
    )


def part_changes(client, obj):
    response = client.get(admin_url(obj, "history"))
    assert response.status_code == 200
    return response.context["part_changes"]


def delete_principle_in_the_strategy_form(client, strategy, principle):
    data = change_form_data(client.get(admin_url(strategy)))
    index = next(
        key.split("-")[1]
        for key, value in data.items()
        if key.startswith("principles-") and key.endswith("-id") and str(value) == str(principle.pk)
    )
    data[f"principles-{index}-DELETE"] = "on"
    response = client.post(admin_url(strategy), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    )
    assert not Principle.objects.filter(pk=principle.pk).exists()


@pytest.fixture
def strategy(council_a):
    return make_strategy(council_a, status="published")


@pytest.fixture
def principle(strategy):
    return Principle.objects.create(strategy=strategy, title="Listen to children", order=1)


# --- seeing changes ----------------------------------------------------------------------------


def test_a_deleted_principle_is_listed_with_who_deleted_it(client, editor_a, strategy, principle):
    client.force_login(editor_a)
    delete_principle_in_the_strategy_form(client, strategy, principle)

    changes = part_changes(client, strategy)

    latest = changes[0]
    assert (latest["part"], latest["name"], latest["action"]) == (
        "Principle",
        "Listen to children",
        "Deleted",
    )
    assert latest["who"] == "Erin Editor"
    assert latest["url"]
    page = client.get(admin_url(strategy, "history")).content.decode()
    assert "Changes to its parts" in page
    assert "View or restore" in page


def test_a_changed_partner_role_is_listed_with_what_changed(client, editor_a, council_a, strategy):
    partnership = StrategyPartner.objects.create(
        strategy=strategy, partner=make_partner(council_a, name="Wyvern police"), role="Member"
    )
    partnership._history_user = editor_a
    partnership.role = "Leads on safety"
    partnership.save()
    client.force_login(editor_a)

    changes = part_changes(client, strategy)

    assert [change["action"] for change in changes] == ["Changed", "Added"]
    assert [(c["field"], c["old"], c["new"]) for c in changes[0]["changes"]] == [
        ("Role", "Member", "Leads on safety")
    ]


def test_programme_indicator_and_board_history_list_their_parts(
    client, editor_a, records_a, board_a
):
    Milestone.objects.create(programme=records_a["programme"], title="Hub opens")
    make_target(records_a["indicator"], dt.date(2028, 3, 31), 25)
    BoardMember.objects.create(board=board_a, name="Sam Smith", representation="officer")
    client.force_login(editor_a)

    assert "Hub opens" in {c["name"] for c in part_changes(client, records_a["programme"])}
    assert "Indicator target" in {c["part"] for c in part_changes(client, records_a["indicator"])}
    assert "Sam Smith (Officer)" in {c["name"] for c in part_changes(client, board_a)}


def test_part_admins_are_not_in_the_admin_index(client, editor_a, principle):
    client.force_login(editor_a)

    response = client.get(reverse("admin:index"))

    models = {m["object_name"] for app in response.context["app_list"] for m in app["models"]}
    assert "Principle" not in models
    assert "BoardMember" not in models
    assert "Strategy" in models


# --- restoring ---------------------------------------------------------------------------------


def test_an_editor_restores_a_deleted_principle(client, editor_a, strategy, principle):
    client.force_login(editor_a)
    delete_principle_in_the_strategy_form(client, strategy, principle)
    url = part_changes(client, strategy)[0]["url"]

    page = client.get(url)
    assert page.status_code == 200
    assert not page.context["revert_disabled"]
    response = client.post(url, change_form_data(page))

    assert response.status_code == 302
    assert response["Location"] == admin_url(strategy, "history")
    restored = Principle.objects.get(pk=principle.pk)
    assert (restored.strategy, restored.title, restored.order) == (
        strategy,
        "Listen to children",
        1,
    )
    assert restored.history.first().history_user == editor_a


def test_an_editor_restores_an_earlier_wording(client, editor_a, strategy, principle):
    first = principle.history.first()
    principle.title = "Listen to children, sometimes"
    principle.save()
    client.force_login(editor_a)

    page = client.get(part_version_url(first))
    client.post(part_version_url(first), change_form_data(page))

    principle.refresh_from_db()
    assert principle.title == "Listen to children"


def test_a_restore_cannot_move_a_part_to_another_strategy(client, editor_a, council_a, principle):
    other = make_strategy(council_a)
    record = principle.history.first()
    client.force_login(editor_a)
    page = client.get(part_version_url(record))
    assert "strategy" not in page.context["adminform"].form.fields
    data = change_form_data(page)
    data["strategy"] = other.pk

    client.post(part_version_url(record), data)

    principle.refresh_from_db()
    assert principle.strategy_id == record.strategy_id


def test_a_board_members_account_stays_read_only_for_an_editor(client, editor_a, board_a):
    account = make_user("councillor")
    member = BoardMember.objects.create(
        board=board_a, name="Cllr Jones", representation="elected_member", user=account
    )
    record = member.history.first()
    member.user = None
    member.save()
    client.force_login(editor_a)

    page = client.get(part_version_url(record))
    client.post(part_version_url(record), change_form_data(page))

    assert "user" not in page.context["adminform"].form.fields
    member.refresh_from_db()
    assert member.user is None


def test_a_signed_off_update_listed_on_its_objective_cannot_be_restored(
    client, editor_a, council_a, board_a
):
    objective = make_objective(make_aim(make_strategy(council_a)))
    update = make_update(objective=objective, quarter=Quarter.containing(dt.date(2025, 7, 1)))
    sign_off(update, make_meeting(board_a, dt.date(2025, 11, 3)))
    client.force_login(editor_a)

    [change] = [c for c in part_changes(client, objective) if c["part"] == "Progress update"][:1]
    page = client.get(change["url"])

    assert page.context["revert_disabled"]


# --- other councils ----------------------------------------------------------------------------


def test_another_councils_parts_answer_404(client, editor_a, editor_b, strategy, principle):
    client.force_login(editor_a)
    delete_principle_in_the_strategy_form(client, strategy, principle)
    deleted = principle.history.first()
    live = Principle.objects.create(strategy=strategy, title="Keep children safe")
    client.force_login(editor_b)

    for record in (deleted, live.history.first()):
        url = part_version_url(record)
        assert client.get(url).status_code == 404
        assert client.post(url, {"title": "Taken over"}).status_code == 404
        assert client.get(admin_url(record.instance, "history")).status_code == 404
    assert client.get(admin_url(live)).status_code == 404
    assert not Principle.objects.filter(pk=principle.pk).exists()


def test_a_site_administrator_restores_a_deleted_part(client, site_admin, strategy, principle):
    record = principle.history.first()
    pk = principle.pk
    principle.delete()
    client.force_login(site_admin)

    page = client.get(part_version_url(record))
    response = client.post(part_version_url(record), change_form_data(page))

    assert response.status_code == 302
    assert Principle.objects.filter(pk=pk, strategy=strategy).exists()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", "login"),
        ("stranger", "login"),
        ("board_member", "login"),
        ("staff_without_council", 404),
        ("editor_a", 200),
        ("publisher_a", 200),
        ("editor_b", 404),
        ("site_admin", 200),
    ],
)
def test_part_history_pages_answer_each_persona_as_their_council_allows(
    client, request, staff_without_council, principle, persona, expected
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))

    for url in (admin_url(principle, "history"), part_version_url(principle.history.first())):
        response = client.get(url)
        if expected == "login":
            assert response.status_code == 302
            assert "/login/" in response["Location"]
        else:
            assert response.status_code == expected, url


def test_a_parts_own_change_and_list_pages_lead_to_its_strategy(client, editor_a, principle):
    client.force_login(editor_a)

    assert client.get(admin_url(principle))["Location"] == admin_url(principle.strategy)
    assert client.get(admin_url(principle, "delete"))["Location"] == admin_url(principle.strategy)
    assert client.get(admin_url(principle, "changelist"))["Location"] == admin_url(
        principle.strategy, "changelist"
    )
    assert Principle.objects.filter(pk=principle.pk).exists()


def test_an_indicator_targets_earlier_version_can_be_opened_to_restore(client, editor_a, records_a):
    target = make_target(records_a["indicator"], dt.date(2028, 3, 31), 25)
    target.value = 30
    target.save()
    client.force_login(editor_a)

    changes = [
        c for c in part_changes(client, records_a["indicator"]) if c["part"] == "Indicator target"
    ]
    assert changes
    assert all(change["url"] for change in changes)
    assert client.get(changes[-1]["url"]).status_code == 200


def _partners_changed(council, strategy, editor, count):
    for number in range(count):
        partnership = StrategyPartner.objects.create(
            strategy=strategy,
            partner=make_partner(council, name=f"Partner {strategy.pk}-{number}"),
            role="Member",
        )
        partnership._history_user = editor
        partnership.role = "Leads"
        partnership.save()


@pytest.mark.parametrize("size", [3, 30])
def test_a_history_page_takes_the_same_queries_however_many_parts_changed(
    client, editor_a, council_a, django_assert_max_num_queries, size
):
    strategy = make_strategy(council_a, status="draft", title=f"Plan with {size} partners")
    _partners_changed(council_a, strategy, editor_a, size)
    client.force_login(editor_a)
    with django_assert_max_num_queries(40):
        changes = part_changes(client, strategy)
    assert len([c for c in changes if c["part"] == "Partner"]) == 2 * size


@pytest.mark.parametrize("object_id", ["abc", "²", "9" * 30])
def test_a_history_page_for_an_odd_id_is_not_found(client, site_admin, object_id):
    client.force_login(site_admin)
    response = client.get(f"/admin/strategies/strategy/{object_id}/history/")
    assert response.status_code == 404
