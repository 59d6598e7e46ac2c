"""Where a council's record is silent the page and the open data say "not stated" rather than
guess: a decision's date and whether it was a key decision."""

import io

import pytest

from outcomes.demo import demo_load
from strategies.models import Decision, KeyDecision
from tests.factories import make_strategy


@pytest.fixture
def strategy(council_a):
    return make_strategy(council_a, status="published")


def test_a_decision_with_no_date_or_key_status_says_not_stated(client, strategy):
    Decision.objects.create(strategy=strategy, body="cabinet", meeting_date=None)
    page = client.get(strategy.get_absolute_url()).content.decode()
    decision = page.split('id="decision"')[1].split("</dl>")[0]
    assert "Cabinet, date not stated" in decision
    assert 'Key decision</dt><dd class="govuk-summary-list__value">Not stated</dd>' in decision
    data = client.get(strategy.get_absolute_url() + "data.json").json()
    assert data["decisions"][0]["meeting_date"] is None
    assert data["decisions"][0]["key_decision"] == "not_stated"


def test_a_stated_answer_is_shown_as_stated(client, strategy):
    Decision.objects.create(strategy=strategy, body="cabinet", key_decision=KeyDecision.NO)
    page = client.get(strategy.get_absolute_url()).content.decode()
    assert 'Key decision</dt><dd class="govuk-summary-list__value">No</dd>' in page


def test_the_demo_says_not_stated_where_the_documents_are_silent(db):
    demo_load(stdout=io.StringIO())
    stoke = Decision.objects.filter(strategy__lead_council__name__startswith="Stoke")
    assert stoke.count() == 3
    assert set(stoke.values_list("meeting_date", flat=True)) == {None}
    telford = Decision.objects.get(strategy__lead_council__name__startswith="Telford")
    assert telford.key_decision == KeyDecision.NOT_STATED
    cheshire = Decision.objects.get(strategy__lead_council__name__startswith="Cheshire")
    assert cheshire.key_decision == KeyDecision.YES
