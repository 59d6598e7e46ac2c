"""A programme serves objectives of its own strategy, never another's."""

import pytest

from strategies.models import ProgrammeObjective
from tests.factories import make_aim, make_objective, make_programme, make_strategy

from .conftest import admin_url, change_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme_and_objectives(council_a):
    published = make_strategy(council_a, status="published", title="Published plan")
    own = make_objective(make_aim(published), title="Every child is ready for school")
    draft = make_strategy(council_a, status="draft", title="Draft plan")
    other = make_objective(make_aim(draft), title="Close two children's centres")
    return make_programme(published, title="Family hubs"), own, other


def _link(client, programme, objective):
    data = change_form_data(client.get(admin_url(programme)))
    row = int(data["objective_links-TOTAL_FORMS"])
    data["objective_links-TOTAL_FORMS"] = str(row + 1)
    data[f"objective_links-{row}-objective"] = str(objective.pk)
    return client.post(admin_url(programme), data)


def test_a_programme_serves_its_own_strategys_objective(client, editor_a, programme_and_objectives):
    programme, own, _ = programme_and_objectives
    client.force_login(editor_a)
    assert _link(client, programme, own).status_code == 302
    assert ProgrammeObjective.objects.filter(programme=programme, objective=own).exists()


def test_another_strategys_objective_is_refused_with_a_reason(
    client, editor_a, programme_and_objectives
):
    programme, _, other = programme_and_objectives
    client.force_login(editor_a)
    response = _link(client, programme, other)
    assert response.status_code == 200
    assert "Choose an objective of this programme" in response.content.decode()
    assert not ProgrammeObjective.objects.filter(objective=other).exists()


def test_another_strategys_objective_is_refused_on_the_add_page_too(
    client, editor_a, programme_and_objectives
):
    from strategies.models import Programme

    programme, _, other = programme_and_objectives
    client.force_login(editor_a)
    data = change_form_data(client.get(admin_url(Programme, "add")))
    data.update(
        {
            "strategy": str(programme.strategy_id),
            "title": "Youth hubs",
            "status": "planned",
            "objective_links-TOTAL_FORMS": "1",
            "objective_links-0-objective": str(other.pk),
        }
    )
    response = client.post(admin_url(Programme, "add"), data)
    assert response.status_code == 200
    assert "Choose an objective of this programme" in response.content.decode()
    assert not Programme.objects.filter(title="Youth hubs").exists()
