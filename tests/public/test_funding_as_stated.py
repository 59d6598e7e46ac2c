"""A programme's funding is shown as its document states it: an exact sum, at least a sum, a
range, or not stated, never a guessed or zero amount."""

import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from outcomes.demo import demo_load
from strategies.models import FundingKind, Programme
from tests.factories import make_programme, make_strategy


@pytest.fixture
def strategy(council_a):
    return make_strategy(council_a, status="published")


@pytest.mark.parametrize(
    ("fields", "shown", "label"),
    [
        ({"funding_kind": "exact", "funding_amount": 250000}, "£250,000", "£250,000"),
        ({"funding_kind": "at_least", "funding_amount": 600000}, "At least £600,000", None),
        (
            {"funding_kind": "range", "funding_amount": 1000000, "funding_amount_max": 2000000},
            "£1,000,000 to £2,000,000",
            None,
        ),
        ({}, "Amount not stated (source: DfE grant)", "Not stated"),
    ],
)
def test_funding_reads_as_the_document_states_it(client, strategy, fields, shown, label):
    programme = make_programme(strategy, title="Family hubs", funding_source="DfE grant", **fields)
    html = client.get(strategy.get_absolute_url()).content.decode()
    assert shown in html
    if fields:
        assert f"{shown} from DfE grant" in html
    if label:
        assert programme.funding_label == label
    data = client.get(strategy.get_absolute_url() + "data.json").json()["programmes"][0]
    assert data["funding_kind"] == fields.get("funding_kind", "not_stated")
    assert data["funding_amount"] == fields.get("funding_amount")
    assert data["funding_amount_max"] == fields.get("funding_amount_max")


@pytest.mark.parametrize(
    ("amount", "label"),
    [
        ("250000.00", "£250,000"),
        ("1234567", "£1,234,567"),
        ("1000.50", "£1,000.50"),
        ("2.5", "£2.50"),
    ],
)
def test_pence_show_only_where_the_document_states_some(strategy, amount, label):
    """Whole pounds read as the document writes them; a sum with pence keeps them, rather than
    being rounded to a pound (half to even, as Python would: £2.50 as "£2")."""
    programme = make_programme(strategy, funding_kind="exact", funding_amount=Decimal(amount))
    programme.refresh_from_db()
    assert programme.funding_label == label


def test_a_range_shows_pence_at_both_ends_or_neither(strategy):
    programme = make_programme(
        strategy,
        funding_kind="range",
        funding_amount=Decimal("1000"),
        funding_amount_max=Decimal("2000.50"),
    )
    programme.refresh_from_db()
    assert programme.funding_label == "£1,000.00 to £2,000.50"


@pytest.mark.parametrize(
    "fields",
    [
        {"funding_kind": "not_stated", "funding_amount": 5},
        {"funding_kind": "exact"},
        {"funding_kind": "at_least", "funding_amount": 5, "funding_amount_max": 9},
        {"funding_kind": "range", "funding_amount": 5},
        {"funding_kind": "range", "funding_amount": 9, "funding_amount_max": 5},
    ],
)
def test_the_database_refuses_funding_that_contradicts_how_it_is_stated(strategy, fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_programme(strategy, **fields)


def test_the_demo_states_together4children_funding_as_at_least(db):
    demo_load(stdout=io.StringIO())
    programme = Programme.objects.get(title="Together4Children adoption agency")
    assert programme.funding_kind == FundingKind.AT_LEAST
    assert programme.funding_label == "At least £600,000"
    others = Programme.objects.exclude(pk=programme.pk)
    assert set(others.values_list("funding_kind", flat=True)) == {FundingKind.NOT_STATED}
