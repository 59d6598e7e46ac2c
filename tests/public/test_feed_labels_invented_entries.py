"""A feed reader shows an entry without the site's demonstration notice, so an invented rating
or strategy says so in its own title and summary; a real one carries no label."""

import xml.etree.ElementTree as ET

from outcomes.models import ProgressUpdate
from strategies.models import Strategy
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_update,
    sign_off,
)

ATOM = "{http://www.w3.org/2005/Atom}"


def _entries(client):
    feed = ET.fromstring(client.get("/feeds/updates.atom").content)  # noqa: S314 our own feed
    return {
        entry.findtext(f"{ATOM}title"): entry.findtext(f"{ATOM}summary") or ""
        for entry in feed.iter(f"{ATOM}entry")
    }


def test_an_invented_rating_and_strategy_are_labelled_in_the_feed(client, strategy_a, board_a):
    update = make_update(objective=make_objective(make_aim(strategy_a), title="Fewer exclusions"))
    ProgressUpdate.objects.filter(pk=update.pk).update(demonstration=True)
    update.refresh_from_db()
    sign_off(update, make_meeting(board_a))
    Strategy.objects.filter(pk=strategy_a.pk).update(demonstration=True)
    entries = _entries(client)
    rating = next(title for title in entries if title.startswith("On track: Fewer exclusions"))
    assert rating.endswith("[demonstration]")
    assert entries[rating].startswith("Demonstration: invented")
    published = next(title for title in entries if title.startswith("Published: Open plan"))
    assert published.endswith("[demonstration]")
    assert entries[published].startswith("Demonstration: invented")


def test_a_real_rating_is_not(client, strategy_a, board_a):
    sign_off(make_update(objective=make_objective(make_aim(strategy_a))), make_meeting(board_a))
    body = client.get("/feeds/updates.atom").content.decode()
    assert "demonstration" not in body.lower()
