"""An officer is only ever offered their own councils' rows to link to."""

import pytest
from django.urls import reverse

from outcomes.models import ProgressUpdate
from strategies.models import Programme, Strategy
from tests.factories import make_programme, make_strategy

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def choice_ids(response, field, form=None):
    form = form or response.context["adminform"].form
    return {int(value.value) for value, _ in form.fields[field].choices if value}


def test_strategy_form_offers_only_own_councils_boards_and_predecessors(
    client, editor_a, records_a, records_b
):
    client.force_login(editor_a)

    response = client.get(admin_url(Strategy, "add"))

    assert choice_ids(response, "lead_council") == {records_a["council"].pk}
    assert choice_ids(response, "board") == {records_a["board"].pk}
    assert choice_ids(response, "predecessor") == {records_a["strategy"].pk}


def test_progress_update_form_offers_only_own_objectives_and_programmes(
    client, editor_b, records_a, records_b
):
    client.force_login(editor_b)

    response = client.get(admin_url(ProgressUpdate, "add"))

    assert choice_ids(response, "objective") == {records_b["objective"].pk}
    assert choice_ids(response, "programme") == {records_b["programme"].pk}


def test_inline_choices_are_scoped_too(client, editor_a, records_a, records_b):
    client.force_login(editor_a)

    response = client.get(admin_url(records_a["strategy"]))

    partner_formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.opts.model.__name__ == "StrategyPartner"
    )
    assert choice_ids(response, "partner", form=partner_formset.empty_form) == {
        records_a["partner"].pk
    }


def test_co_owning_council_may_be_any_council(client, editor_a, records_a, records_b):
    client.force_login(editor_a)

    response = client.get(admin_url(records_a["strategy"]))

    formset = next(
        f.formset
        for f in response.context["inline_admin_formsets"]
        if f.opts.model.__name__ == "StrategyCouncil"
    )
    offered = choice_ids(response, "council", form=formset.empty_form)
    assert {records_a["council"].pk, records_b["council"].pk} <= offered


def test_crafted_post_linking_another_councils_partner_is_refused(
    client, editor_a, records_a, records_b
):
    client.force_login(editor_a)
    programme = records_a["programme"]
    data = change_form_data(client.get(admin_url(programme)))
    data["lead_partner"] = records_b["partner"].pk

    response = client.post(admin_url(programme), data)

    assert response.status_code == 200
    assert "lead_partner" in response.context["adminform"].form.errors
    programme.refresh_from_db()
    assert programme.lead_partner_id is None


def autocomplete(client, app_label, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term},
    )
    return response


@pytest.mark.parametrize(
    ("source", "field", "target"),
    [
        (("strategies", "strategy"), "lead_council", "council"),
        (("strategies", "strategy"), "board", "board"),
        (("strategies", "programme"), "strategy", "strategy"),
        (("strategies", "programme"), "lead_partner", "partner"),
        (("outcomes", "progressupdate"), "objective", "objective"),
        (("outcomes", "progressupdate"), "programme", "programme"),
        (("outcomes", "indicator"), "objective", "objective"),
        (("strategies", "strategypartner"), "partner", "partner"),
        (("strategies", "boardaction"), "meeting", "meeting"),
    ],
)
def test_autocomplete_offers_only_own_councils_rows(
    client, editor_a, records_a, records_b, source, field, target
):
    client.force_login(editor_a)

    response = autocomplete(client, *source, field)

    assert response.status_code == 200
    offered = {int(result["id"]) for result in response.json()["results"]}
    assert offered == {records_a[target].pk}


def test_autocomplete_search_never_reaches_another_council(client, editor_a, records_b):
    client.force_login(editor_a)

    response = autocomplete(client, "outcomes", "progressupdate", "programme", "Brackenfield")

    assert response.json()["results"] == []


def test_autocomplete_is_closed_to_people_outside_the_admin(client, stranger, records_a):
    client.force_login(stranger)

    response = autocomplete(client, "strategies", "programme", "strategy")

    assert response.status_code == 302


def test_autocomplete_is_closed_to_staff_without_a_council(
    client, staff_without_council, records_a
):
    client.force_login(staff_without_council)

    response = autocomplete(client, "strategies", "programme", "strategy")

    assert response.status_code == 403


def test_site_admin_autocomplete_reaches_every_council(client, site_admin, records_a, records_b):
    client.force_login(site_admin)

    response = autocomplete(client, "strategies", "programme", "strategy")

    offered = {int(result["id"]) for result in response.json()["results"]}
    assert offered == {records_a["strategy"].pk, records_b["strategy"].pk}


def test_officer_cannot_link_a_board_member_to_a_sign_in_account(client, editor_a, records_a):
    client.force_login(editor_a)

    response = client.get(admin_url(records_a["board"]))

    formset = response.context["inline_admin_formsets"][0].formset
    assert "user" not in formset.empty_form.fields


def test_programme_listing_filters_offer_only_own_strategies(
    client, editor_a, council_a, records_a, records_b
):
    second = make_programme(make_strategy(council_a)).strategy
    client.force_login(editor_a)

    response = client.get(admin_url(Programme, "changelist"))

    strategy_filter = next(
        spec for spec in response.context["cl"].filter_specs if spec.title == "strategy"
    )
    assert {pk for pk, _ in strategy_filter.lookup_choices} == {records_a["strategy"].pk, second.pk}
