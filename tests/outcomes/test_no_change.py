""" "No change this period": an officer confirms in one step that nothing has changed, recording
an update that carries the previous rating forward and says so."""

import pytest

from outcomes.models import ProgressUpdate
from outcomes.periods import current_period
from outcomes.services import CarryForwardRefused, update_carry_forward
from tests.factories import make_aim, make_objective, make_programme, make_strategy, make_update

URL = "/admin/outcomes/progressupdate/no-change/"


@pytest.fixture
def period():
    return current_period()


@pytest.fixture
def objective(council_a, period):
    objective = make_objective(make_aim(make_strategy(council_a)), title="Health visits")
    make_update(
        objective=objective,
        quarter=period.previous,
        rating="at_risk",
        commentary="Two vacancies.",
        next_steps="Recruit by June.",
    )
    return objective


def test_carry_forward_copies_the_rating_and_says_so(objective, period, editor_a):
    update = update_carry_forward(objective=objective, user=editor_a, period=period)
    assert update.period_start == period.start
    assert update.rating == "at_risk"
    assert update.carried_forward
    assert update.commentary == (
        f"No change since {period.previous.label}. The previous update said: Two vacancies."
    )
    assert update.next_steps == "Recruit by June."
    assert update.author == editor_a
    assert not update.is_signed_off


def test_next_steps_are_not_copied_when_on_track(council_a, period, editor_a):
    programme = make_programme(make_strategy(council_a))
    make_update(programme=programme, quarter=period.previous, next_steps="Keep going.")
    update = update_carry_forward(programme=programme, user=editor_a, period=period)
    assert update.rating == "on_track"
    assert update.next_steps == ""


def test_carry_forward_is_refused_without_a_previous_update(council_a, period, editor_a):
    objective = make_objective(make_aim(make_strategy(council_a)), title="New work")
    with pytest.raises(CarryForwardRefused, match="no update for"):
        update_carry_forward(objective=objective, user=editor_a, period=period)
    assert not ProgressUpdate.objects.exists()


def test_carry_forward_is_refused_when_the_period_already_has_an_update(
    objective, period, editor_a
):
    make_update(objective=objective, quarter=period)
    with pytest.raises(CarryForwardRefused, match="already has an update"):
        update_carry_forward(objective=objective, user=editor_a, period=period)


def test_confirmation_page_asks_then_records(client, editor_a, objective, period):
    client.force_login(editor_a)
    page = client.get(URL, {"objective": objective.pk})
    assert page.status_code == 200
    assert "Two vacancies." in page.content.decode()
    assert not ProgressUpdate.objects.filter(period_start=period.start).exists()

    response = client.post(URL, {"objective": objective.pk})
    update = ProgressUpdate.objects.get(objective=objective, period_start=period.start)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/outcomes/progressupdate/{update.pk}/change/"
    assert update.carried_forward


def test_confirmation_page_explains_a_refusal(client, editor_a, objective, period):
    make_update(objective=objective, quarter=period)
    client.force_login(editor_a)
    assert "already has an update" in client.get(URL, {"objective": objective.pk}).content.decode()
    response = client.post(URL, {"objective": objective.pk}, follow=True)
    assert "already has an update" in response.content.decode()


def test_confirmation_needs_csrf(editor_a, objective, period):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(editor_a)
    assert client.post(URL, {"objective": objective.pk}).status_code == 403
    assert not ProgressUpdate.objects.filter(period_start=period.start).exists()


@pytest.mark.parametrize("persona", ["editor_b", "site_admin"])
def test_confirmation_is_council_scoped(client, request, persona, objective, period):
    client.force_login(request.getfixturevalue(persona))
    response = client.post(URL, {"objective": objective.pk})
    created = ProgressUpdate.objects.filter(period_start=period.start).exists()
    if persona == "editor_b":
        assert response.status_code == 404
        assert not created
    else:
        assert response.status_code == 302
        assert created


@pytest.mark.parametrize("value", ["", "abc", "999999", "²", "1" + "0" * 5000])
def test_confirmation_page_for_nothing_is_not_found(client, editor_a, value):
    client.force_login(editor_a)
    assert client.get(URL, {"objective": value}).status_code == 404


def test_board_member_is_sent_to_sign_in(client, board_member, objective):
    client.force_login(board_member)
    response = client.get(URL, {"objective": objective.pk})
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_admin_action_confirms_several_and_explains_refusals(
    client, editor_a, objective, council_a, period
):
    fresh = make_objective(make_aim(make_strategy(council_a)), title="No history")
    client.force_login(editor_a)
    response = client.post(
        "/admin/outcomes/objective/",
        {"action": "confirm_no_change", "_selected_action": [objective.pk, fresh.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "Recorded “no change”" in html
    assert "has no update for" in html
    assert ProgressUpdate.objects.filter(period_start=period.start).count() == 1


def test_programme_changelist_has_the_action(client, editor_a, council_a, period):
    programme = make_programme(make_strategy(council_a), title="Family hubs")
    make_update(programme=programme, quarter=period.previous, rating="off_track")
    client.force_login(editor_a)
    client.post(
        "/admin/strategies/programme/",
        {"action": "confirm_no_change", "_selected_action": [programme.pk]},
    )
    update = ProgressUpdate.objects.get(programme=programme, period_start=period.start)
    assert update.rating == "off_track"
    assert update.carried_forward
