"""Entering progress in the admin: the author is recorded and periods are financial quarters."""

import datetime as dt

import pytest

from outcomes.models import ProgressUpdate
from outcomes.periods import Quarter, current_period
from tests.factories import make_update

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def new_update_form(client, user, objective, **fields):
    client.force_login(user)
    data = change_form_data(client.get(admin_url(ProgressUpdate, "add")))
    data.update(
        {
            "objective": objective.pk,
            "period": "2026-07-01",
            "rating": "on_track",
            "commentary": "The new family hubs opened on time.",
            **fields,
        }
    )
    return data


def test_a_new_update_records_its_author(client, editor_a, records_a):
    objective = records_a["objective"]
    data = new_update_form(client, editor_a, objective)

    response = client.post(admin_url(ProgressUpdate, "add"), data)

    assert response.status_code == 302
    update = ProgressUpdate.objects.get(objective=objective, period_start="2026-07-01")
    assert update.author == editor_a
    assert update.history.first().history_user == editor_a


def test_the_author_cannot_be_chosen_by_crafted_post(client, editor_a, publisher_a, records_a):
    data = new_update_form(client, editor_a, records_a["objective"], author=publisher_a.pk)

    client.post(admin_url(ProgressUpdate, "add"), data)

    update = ProgressUpdate.objects.get(period_start="2026-07-01")
    assert update.author == editor_a


def test_editing_keeps_the_original_author(client, editor_a, publisher_a, records_a):
    data = new_update_form(client, editor_a, records_a["objective"])
    client.post(admin_url(ProgressUpdate, "add"), data)
    update = ProgressUpdate.objects.get(period_start="2026-07-01")

    client.force_login(publisher_a)
    data = change_form_data(client.get(admin_url(update)))
    data["commentary"] = "Corrected by the publisher."
    client.post(admin_url(update), data)

    update.refresh_from_db()
    assert update.author == editor_a
    assert update.history.first().history_user == publisher_a


def test_a_period_that_is_not_a_financial_quarter_is_refused(client, editor_a, records_a):
    # The form offers only quarters; a crafted post can still send dates of its own.
    data = new_update_form(client, editor_a, records_a["objective"], period="")
    data.update(period_start="2026-06-01", period_end="2026-08-31")

    response = client.post(admin_url(ProgressUpdate, "add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["period_start"]
    assert "financial quarter" in errors[0]
    assert not ProgressUpdate.objects.filter(period_start="2026-06-01").exists()


def test_an_update_at_risk_needs_next_steps(client, editor_a, records_a):
    data = new_update_form(client, editor_a, records_a["objective"])
    data["rating"] = "at_risk"

    response = client.post(admin_url(ProgressUpdate, "add"), data)

    assert response.status_code == 200
    assert "next_steps" in response.context["adminform"].form.errors


def test_an_update_for_both_an_objective_and_a_programme_is_refused(client, editor_a, records_a):
    data = new_update_form(client, editor_a, records_a["objective"])
    data["programme"] = records_a["programme"].pk

    response = client.post(admin_url(ProgressUpdate, "add"), data)

    assert response.status_code == 200
    assert "objective" in response.context["adminform"].form.errors


def test_a_second_update_for_the_same_quarter_is_refused_with_a_message(
    client, editor_a, records_a
):
    objective = records_a["objective"]
    client.post(admin_url(ProgressUpdate, "add"), new_update_form(client, editor_a, objective))

    response = client.post(
        admin_url(ProgressUpdate, "add"), new_update_form(client, editor_a, objective)
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert ProgressUpdate.objects.filter(period_start="2026-07-01").count() == 1


def test_progress_for_a_strategy_is_one_filter_away(client, editor_a, records_a):
    client.force_login(editor_a)
    strategy = records_a["strategy"]
    programme_update = ProgressUpdate.objects.create(
        programme=records_a["programme"],
        period_start="2026-04-01",
        period_end="2026-06-30",
        rating="on_track",
        commentary="Recruitment finished.",
    )

    response = client.get(
        admin_url(ProgressUpdate, "changelist") + f"?strategy__id__exact={strategy.pk}"
    )

    listed = {update.pk for update in response.context["cl"].queryset}
    assert listed == {records_a["progressupdate"].pk, programme_update.pk}


@pytest.mark.parametrize(
    ("period_start", "period_end", "field"),
    [
        # The last quarter a date can hold: its following quarter starts in year 10000.
        ("9999-10-01", "9999-12-31", "period_start"),
        ("0001-01-01", "0001-03-31", "period_start"),
        ("2026-04-01", "9999-12-31", "period_end"),
    ],
)
def test_a_period_in_an_implausible_year_is_a_form_error(
    client, editor_a, records_a, period_start, period_end, field
):
    # Crafted dates with no quarter chosen: the form itself offers only real quarters.
    data = new_update_form(client, editor_a, records_a["objective"], period="")
    data.update(period_start=period_start, period_end=period_end)

    response = client.post(admin_url(ProgressUpdate, "add"), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors[field]
    assert "between 1990 and 2100" in errors[0]
    assert not ProgressUpdate.objects.filter(commentary=data["commentary"]).exists()


@pytest.mark.parametrize(
    "change",
    [
        {"commentary": "The hubs opened after all; the rating was wrong."},
        {"rating": "complete"},
        {"next_steps": "Open the third hub in the spring."},
    ],
)
def test_rewriting_a_carried_forward_update_clears_the_no_change_mark(
    client, editor_a, records_a, change
):
    update = make_update(
        objective=records_a["objective"],
        quarter=Quarter.containing(dt.date(2026, 7, 1)),
        carried_forward=True,
    )
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))
    data.update(change)

    response = client.post(admin_url(update), data)

    assert response.status_code == 302
    update.refresh_from_db()
    assert not update.carried_forward


def test_saving_a_carried_forward_update_unchanged_keeps_the_no_change_mark(
    client, editor_a, records_a
):
    update = make_update(
        objective=records_a["objective"],
        quarter=Quarter.containing(dt.date(2026, 7, 1)),
        carried_forward=True,
    )
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))

    response = client.post(admin_url(update), data)

    assert response.status_code == 302
    update.refresh_from_db()
    assert update.carried_forward


def test_the_quarter_is_chosen_by_name_and_its_dates_filled_in(client, editor_a, records_a):
    client.force_login(editor_a)
    form = client.get(admin_url(ProgressUpdate, "add")).context["adminform"].form
    current = current_period()
    offered = dict(form.fields["period"].choices)
    assert offered[current.start.isoformat()] == current.long_label
    assert offered[current.previous.start.isoformat()] == current.previous.long_label
    assert form.fields["period"].initial == current.start.isoformat()

    data = new_update_form(client, editor_a, records_a["objective"], period="2025-10-01")
    assert client.post(admin_url(ProgressUpdate, "add"), data).status_code == 302
    update = ProgressUpdate.objects.get(commentary=data["commentary"])
    assert (update.period_start, update.period_end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


@pytest.mark.parametrize("period", ["2026-08-01", "not a date", "9999-10-01", "²"])
def test_a_period_that_is_not_a_quarter_is_a_form_error(client, editor_a, records_a, period):
    data = new_update_form(client, editor_a, records_a["objective"], period=period)
    response = client.post(admin_url(ProgressUpdate, "add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["period"]
    assert not ProgressUpdate.objects.filter(commentary=data["commentary"]).exists()


def test_a_second_update_for_the_same_quarter_is_a_form_error(client, editor_a, records_a):
    make_update(objective=records_a["objective"], quarter=Quarter.containing(dt.date(2026, 7, 1)))
    data = new_update_form(client, editor_a, records_a["objective"])
    response = client.post(admin_url(ProgressUpdate, "add"), data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors
    assert not ProgressUpdate.objects.filter(commentary=data["commentary"]).exists()


def test_editing_an_update_keeps_its_quarter(client, editor_a, records_a):
    update = make_update(
        objective=records_a["objective"], quarter=Quarter.containing(dt.date(2021, 4, 1))
    )
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(update)))
    assert data["period"] == "2021-04-01"
    data["commentary"] = "Corrected."
    assert client.post(admin_url(update), data).status_code == 302
    update.refresh_from_db()
    assert (update.period_start, update.commentary) == (dt.date(2021, 4, 1), "Corrected.")


def test_the_list_filters_by_reporting_quarter(client, editor_a, records_a, records_b):
    earlier = make_update(
        objective=records_a["objective"], quarter=Quarter.containing(dt.date(2021, 4, 1))
    )
    client.force_login(editor_a)
    url = admin_url(ProgressUpdate, "changelist")

    page = client.get(url).content.decode()
    assert "Q1 2021-22 (April to June 2021)" in page

    listed = client.get(url, {"period": "2021-04-01"}).context["cl"].result_list
    assert list(listed) == [earlier]
    for odd in ("not-a-date", "²", "2021-02-30"):
        response = client.get(url, {"period": odd})
        assert response.status_code == 200
        assert list(response.context["cl"].result_list) == []
