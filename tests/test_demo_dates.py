"""The demo gives a strategy only the publication dates its documents give; where they give
none, the site dates it by when the demo first loaded it, as it dates an officer's publishing,
so the feeds carry no stand-in dates and a second run keeps them."""

import datetime as dt
import io

import time_machine

from outcomes.demo import demo_load
from strategies.models import Strategy


def test_strategies_with_no_documented_date_are_dated_when_first_loaded(client, db):
    with time_machine.travel(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC), tick=False):
        demo_load(stdout=io.StringIO())
    with time_machine.travel(dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC), tick=False):
        demo_load(stdout=io.StringIO())  # a second run changes no date
    stoke = Strategy.objects.filter(lead_council__name="Stoke-on-Trent", status="published")
    assert stoke.count() == 3
    assert {s.published_at.date() for s in stoke} == {dt.date(2026, 11, 30)}
    stockton_plan = Strategy.objects.get(title="Children and Young People's Plan 2015 to 2018")
    assert stockton_plan.first_public_at.date() == dt.date(2026, 11, 30)
    # A date the documents give is kept: Telford's cabinet met on 13 February 2025.
    telford = Strategy.objects.get(title="Children and Young People's Strategy 2025 to 2028")
    assert telford.published_at.date() == dt.date(2025, 2, 13)
    feed = client.get("/feeds/updates.atom").content.decode()
    assert "2020-10-01" not in feed
