"""Every date the admin shows an officer is in UK form: 31 August 2025 or 31/08/2025, never
August 31, 2025 or 2025-08-31, in lists, forms, date boxes and history alike."""

import datetime as dt
import re
from html import unescape

import pytest
from django.urls import reverse

from outcomes.periods import Quarter
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_strategy,
    make_update,
)

pytestmark = pytest.mark.django_db

_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
US_FORM = re.compile(rf"{_MONTH} \d{{1,2}}, \d{{4}}|\b\d{{4}}-\d{{2}}-\d{{2}}\b")


def _shown_text(html):
    """What a person reads: the text and the values in boxes, not links or ids."""
    values = " ".join(re.findall(r'<input[^>]*type="text"[^>]*value="([^"]*)"', html))
    body = html.split("<body", 1)[1]
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", body)) + " " + values


@pytest.fixture
def records(council_a, board_a):
    strategy = make_strategy(council_a, board=board_a)
    objective = make_objective(make_aim(strategy))
    indicator = make_indicator(objective, decimal_places=1)
    make_measurement(indicator, dt.date(2025, 8, 31), "64.8")
    update = make_update(objective=objective, quarter=Quarter.containing(dt.date(2025, 7, 1)))
    make_meeting(board_a, date=dt.date(2025, 10, 14))
    return {"strategy": strategy, "indicator": indicator, "update": update}


def test_the_admin_shows_every_date_in_uk_form(client, editor_a, records):
    client.force_login(editor_a)
    pages = [
        reverse("admin:outcomes_measurement_changelist"),
        reverse("admin:outcomes_indicator_change", args=[records["indicator"].pk]),
        reverse("admin:outcomes_indicator_history", args=[records["indicator"].pk]),
        reverse("admin:outcomes_progressupdate_changelist"),
        reverse("admin:outcomes_progressupdate_change", args=[records["update"].pk]),
        reverse("admin:strategies_meeting_changelist"),
        reverse("admin:strategies_strategy_change", args=[records["strategy"].pk]),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _shown_text(response.content.decode())
        assert not US_FORM.findall(text), (url, US_FORM.findall(text))
        if "progressupdate/" not in url or "change" not in url:
            # Each of these shows at least one date; the update's form names its quarter.
            assert re.search(r"\d{1,2} [A-Z][a-z]+ \d{4}|\d{2}/\d{2}/\d{4}", text), url
