"""An Ofsted inspection's visit dates may be not stated: the council page says so rather than
guess, and shows them where they are known."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from councils.models import Inspection


def _inspections(client, council):
    html = client.get(council.get_absolute_url()).content.decode()
    return html.split("Ofsted inspections of children's services")[1]


def test_an_inspection_with_no_visit_dates_says_not_stated(client, council_a):
    Inspection.objects.create(
        council=council_a, published_on=dt.date(2020, 3, 2), overall_effectiveness="outstanding"
    )
    assert "Visit dates not stated." in _inspections(client, council_a)


def test_known_visit_dates_are_shown(client, council_a):
    Inspection.objects.create(
        council=council_a,
        published_on=dt.date(2024, 7, 12),
        visit_start=dt.date(2024, 6, 10),
        visit_end=dt.date(2024, 6, 14),
        overall_effectiveness="outstanding",
    )
    assert "Inspectors visited from 10 June 2024 to 14 June 2024." in _inspections(
        client, council_a
    )


def test_the_database_refuses_an_end_before_the_beginning(council_a):
    # An end with no beginning is allowed: Ofsted's history file gives some visits only so.
    started, ended = dt.date(2024, 6, 14), dt.date(2024, 6, 10)
    with pytest.raises(IntegrityError), transaction.atomic():
        Inspection.objects.create(
            council=council_a,
            published_on=dt.date(2024, 7, 12),
            visit_start=started,
            visit_end=ended,
            overall_effectiveness="good",
        )
