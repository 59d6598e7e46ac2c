"""The demo's Telford & Wrekin re-referrals indicator adopts the framework's national indicator,
and its page compares it with England and Telford's ten real statistical neighbours, whose
figures are invented and say so."""

from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from councils.models import Council, StatisticalNeighbour
from outcomes.demo import national_figures as national_data
from outcomes.models import Indicator, NationalFigure, NationalIndicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    with time_machine.travel("2026-11-30 12:00", tick=False):
        call_command("load_demo", stdout=StringIO())


def test_telfords_neighbours_are_dfes_ten_in_order(demo):
    telford = Council.objects.get(gss_code="E06000020")
    links = StatisticalNeighbour.objects.filter(council=telford).order_by("rank")
    assert [link.neighbour.gss_code for link in links] == [
        code for code, *_ in national_data.TELFORD_NEIGHBOURS
    ]
    # Stockton-on-Tees is a demo council already: it is the same council, not a second one.
    assert Council.objects.filter(name="Stockton-on-Tees").count() == 1


def test_the_re_referrals_indicator_adopts_repeat_referrals_with_invented_figures(demo):
    national = NationalIndicator.objects.get(slug=national_data.REPEAT_REFERRALS)
    indicator = Indicator.objects.get(national_indicator=national)
    assert indicator.objective.aim.strategy.lead_council.gss_code == "E06000020"
    assert indicator.unit_label == national.unit_label
    assert indicator.polarity == national.polarity
    figures = NationalFigure.objects.filter(national_indicator=national)
    assert figures.filter(council=None).count() == 3
    assert figures.exclude(council=None).count() == 20
    assert not figures.filter(demonstration=False).exists()


def test_its_page_says_where_telford_stands(client, demo):
    indicator = Indicator.objects.get(national_indicator__slug=national_data.REPEAT_REFERRALS)
    with time_machine.travel("2026-11-30 12:00", tick=False):
        page = client.get(indicator.get_absolute_url()).content.decode()

    assert "How Telford &amp; Wrekin compares" in page
    # Telford counts by quarter, England by year: the page says which figure it compares.
    assert (
        "Financial year 2025-26 (to 31 March 2026): Telford &amp; Wrekin, 18.2 % (its own "
        "figure, for the quarter to 31 March 2026)." in page
    )
    assert "lower than England, which is better" in page
    assert "Among itself and its 10 statistical neighbours with a figure" in page
    assert "Some of these figures were invented for the demonstration." in page


def test_loading_again_changes_nothing(demo):
    with time_machine.travel("2026-11-30 12:00", tick=False):
        out = StringIO()
        call_command("load_demo", stdout=out)
    assert "In all: 0 created, 0 updated" in out.getvalue()
