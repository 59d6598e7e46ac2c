"""Every choice of objective, programme or indicator names its strategy (and aim), and leaves
out archived strategies' parts unless the officer asks for them."""

import pytest
from django.urls import reverse

from tests.factories import (
    make_aim,
    make_indicator,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
)

from .conftest import admin_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_strategies(council_a):
    current = make_strategy(council_a, title="Children's plan 2024-27")
    old = make_strategy(council_a, title="Children's plan 2019-23", status="archived")
    return {
        "current": make_objective(
            make_aim(current, title="Start well"), title="Every child ready for school at five"
        ),
        "old": make_objective(
            make_aim(old, title="Best start"), title="Help every child to be ready for school"
        ),
        "programme": make_programme(current, title="Family hubs"),
        "old_programme": make_programme(old, title="Children's centres"),
    }


def autocomplete(client, model_name, field_name, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "outcomes", "model_name": model_name, "field_name": field_name, "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_an_objective_choice_names_its_aim_and_strategy(client, editor_a, two_strategies):
    client.force_login(editor_a)

    texts = autocomplete(client, "progressupdate", "objective", "school")

    assert texts == ["Every child ready for school at five — Start well · Children's plan 2024-27"]


def test_archived_strategies_parts_are_offered_only_when_asked(client, editor_a, two_strategies):
    client.force_login(editor_a)

    texts = autocomplete(client, "progressupdate", "objective", "school archived")

    assert (
        "Help every child to be ready for school — Best start · Children's plan 2019-23 (archived)"
        in texts
    )
    assert len(texts) == 2


def test_a_programme_choice_names_its_strategy(client, editor_a, two_strategies):
    client.force_login(editor_a)

    assert autocomplete(client, "progressupdate", "programme") == [
        "Family hubs — Children's plan 2024-27"
    ]
    assert "Children's centres — Children's plan 2019-23 (archived)" in autocomplete(
        client, "progressupdate", "programme", "archived"
    )


def test_an_indicator_choice_names_its_objective_and_strategy(client, editor_a, two_strategies):
    make_indicator(two_strategies["current"], title="Good level of development")
    make_indicator(two_strategies["old"], title="Take-up of funded places")
    client.force_login(editor_a)

    assert autocomplete(client, "measurement", "indicator") == [
        "Good level of development — Every child ready for school at five · Children's plan 2024-27"
    ]
    assert len(autocomplete(client, "measurement", "indicator", "archived")) == 2


def test_objectives_can_be_found_by_their_strategys_name(client, editor_a, two_strategies):
    client.force_login(editor_a)

    texts = autocomplete(client, "progressupdate", "objective", "2024-27")

    assert len(texts) == 1


def test_the_chosen_objective_is_shown_with_its_strategy(client, editor_a, two_strategies):
    update = make_update(objective=two_strategies["old"])
    client.force_login(editor_a)

    html = client.get(admin_url(update)).content.decode()

    assert (
        "Help every child to be ready for school — Best start · Children&#x27;s plan 2019-23"
        in html
    )
