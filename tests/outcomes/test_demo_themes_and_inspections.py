"""The demo maps its councils' aims and objectives to the national themes, and takes their Ofsted
history from the real records, each labelled with its source."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from councils.models import Council, Inspection, Judgement
from outcomes.demo import themes as theme_data
from outcomes.models import Aim, Objective, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=StringIO())


def test_every_mapping_names_an_aim_and_a_theme_the_demo_has(demo):
    for ((gss_code, slug), title), themes in theme_data.AIM_THEMES.items():
        aim = Aim.objects.get(
            strategy__lead_council__gss_code=gss_code, strategy__slug=slug, title=title
        )
        assert sorted(aim.themes.values_list("slug", flat=True)) == sorted(themes)
    assert Objective.objects.filter(themes__isnull=False).exists()


def test_the_demo_councils_promise_something_under_keep_safe(demo, client):
    keep_safe = Theme.objects.get(slug="keep-safe")
    page = client.get(keep_safe.get_absolute_url()).content.decode()

    for name in ("Telford &amp; Wrekin", "Stoke-on-Trent", "Cheshire East"):
        assert name in page
    assert "Create the conditions in which every child is safe" in page


def test_the_demo_ofsted_history_is_the_real_one_with_its_source(demo):
    telford = Council.objects.get(gss_code="E06000020")
    latest = telford.inspections.first()

    assert latest.published_on == dt.date(2024, 7, 12)
    assert latest.visit_start == dt.date(2024, 4, 29)
    assert latest.help_and_protection == Judgement.GOOD
    assert "official statistics" in latest.source
    assert not Inspection.objects.filter(source="").exists()
