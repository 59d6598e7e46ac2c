"""Atom feeds carry published strategies and signed-off progress, and nothing the public may not
see: no drafts, no progress awaiting sign-off, and a council's feed only that council's work."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outcomes.periods import Quarter
from tests.factories import (
    make_aim,
    make_board,
    make_council,
    make_meeting,
    make_objective,
    make_programme,
    make_strategy,
    make_update,
    sign_off,
)

ATOM = "{http://www.w3.org/2005/Atom}"
Q1 = Quarter.containing(dt.date(2026, 4, 1))


@pytest.fixture
def world(council_a, council_b):
    board = make_board(council_a)
    meeting = make_meeting(board)
    published = make_strategy(council_a, status="published", title="Wyvern children's plan")
    draft = make_strategy(council_a, status="draft", title="Secret draft plan", board=board)
    objective = make_objective(make_aim(published), title="Fewer exclusions")
    sign_off(
        make_update(objective=objective, quarter=Q1, commentary="Exclusions fell by a tenth."),
        meeting,
    )
    make_update(
        objective=objective, quarter=Q1.next, rating="off_track", commentary="Unsigned words."
    )
    hidden_objective = make_objective(make_aim(draft), title="Hidden objective")
    sign_off(make_update(objective=hidden_objective, quarter=Q1), meeting)
    programme = make_programme(published, title="Family help hubs")
    sign_off(make_update(programme=programme, quarter=Q1, rating="complete"), meeting)
    other = make_strategy(council_b, status="published", title="Other council's plan")
    sign_off(
        make_update(objective=make_objective(make_aim(other), title="Other objective")),
        make_meeting(make_board(council_b)),
    )
    return {"published": published, "other": other}


def _parse(body):
    return ET.fromstring(body)  # noqa: S314 (our own feed, not untrusted input)


def _entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = _parse(response.content)
    return [
        (entry.findtext(f"{ATOM}title"), entry.findtext(f"{ATOM}summary") or "")
        for entry in feed.iter(f"{ATOM}entry")
    ]


def test_the_site_feed_has_published_strategies_and_signed_off_progress(client, world):
    entries = _entries(client.get("/feeds/updates.atom"))
    titles = " | ".join(title for title, _ in entries)
    summaries = " | ".join(summary for _, summary in entries)
    assert "Published: Wyvern children's plan" in titles
    assert "On track: Fewer exclusions, Q1 2026-27" in titles
    assert "Complete: Family help hubs" in titles
    assert "Exclusions fell by a tenth." in summaries
    assert "Other council's plan" in titles


def test_the_feed_never_has_drafts_or_unsigned_progress(client, world):
    body = client.get("/feeds/updates.atom").content.decode()
    assert "Secret draft plan" not in body
    assert "Hidden objective" not in body
    assert "Unsigned words." not in body
    assert "Off track" not in body


def test_a_council_feed_has_only_that_councils_strategies(client, world, council_a):
    entries = _entries(client.get(f"/councils/{council_a.slug}/feed.atom"))
    titles = " | ".join(title for title, _ in entries)
    assert "Wyvern children's plan" in titles
    assert "Other council's plan" not in titles
    assert "Other objective" not in titles
    assert "Hidden objective" not in titles


def test_a_council_feed_includes_strategies_it_co_owns(client, world, council_b):
    from strategies.models import StrategyCouncil

    StrategyCouncil.objects.create(strategy=world["published"], council=council_b)
    titles = [t for t, _ in _entries(client.get(f"/councils/{council_b.slug}/feed.atom"))]
    assert any("Wyvern children's plan" in title for title in titles)


def test_an_unknown_councils_feed_is_not_found(client, db):
    assert client.get("/councils/nowhere/feed.atom").status_code == 404


def test_feed_entries_link_to_absolute_public_pages_with_unique_ids(client, world):
    feed = _parse(client.get("/feeds/updates.atom").content)
    ids = [entry.findtext(f"{ATOM}id") for entry in feed.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))
    links = [link.get("href") for link in feed.iter(f"{ATOM}link")]
    assert f"http://testserver{world['published'].get_absolute_url()}" in links


def test_pages_point_feed_readers_at_the_feeds(client, world, council_a):
    home = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in home
    assert 'href="/feeds/updates.atom"' in home
    council = client.get(council_a.get_absolute_url()).content.decode()
    assert f'href="/councils/{council_a.slug}/feed.atom"' in council


def test_feeds_run_the_same_queries_however_much_is_published(client, world, council_a):
    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    urls = ("/feeds/updates.atom", f"/councils/{council_a.slug}/feed.atom")
    before = [count(url) for url in urls]
    meeting = make_meeting(make_board(council_a), date=dt.date(2026, 8, 1))
    for number in range(5):
        strategy = make_strategy(council_a, status="published", title=f"More {number}")
        for _ in range(3):
            sign_off(make_update(objective=make_objective(make_aim(strategy))), meeting)
        make_council()
    assert [count(url) for url in urls] == before
