"""A programme serves objectives of its own strategy; a link to any other strategy's objective,
above all a draft's, never reaches a public page or download."""

import pytest

from strategies.models import ProgrammeObjective
from tests.factories import make_aim, make_objective, make_programme, make_strategy

pytestmark = pytest.mark.django_db


def test_a_link_to_a_draft_strategys_objective_is_not_shown(client, council_a):
    published = make_strategy(council_a, status="published", title="Published plan")
    own = make_objective(make_aim(published), title="Every child is ready for school")
    draft = make_strategy(council_a, status="draft", title="Draft plan")
    secret = make_objective(make_aim(draft), title="Close two children's centres")
    programme = make_programme(published, title="Family hubs")
    ProgrammeObjective.objects.create(programme=programme, objective=own)
    ProgrammeObjective.objects.create(programme=programme, objective=secret)

    page = client.get(published.get_absolute_url()).content.decode()
    data = client.get(published.get_absolute_url() + "data.json").content.decode()
    csv = client.get(published.get_absolute_url() + "data.csv").content.decode()
    everything = client.get("/data/all.json").getvalue().decode()

    assert "Every child is ready for school" in page
    for text in (page, data, csv, everything):
        assert "Close two children" not in text
    served = [
        programme["objective_ids"]
        for programme in client.get(published.get_absolute_url() + "data.json").json()["programmes"]
    ]
    assert served == [[own.pk]]
