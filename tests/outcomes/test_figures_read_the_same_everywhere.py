"""A measurement reads the same on the public strategy and indicator pages as in the board pack,
live or frozen: one format, rounded half up, with thousands commas."""

import datetime as dt

import pytest
from django.urls import reverse

from boards.pack import meeting_hold
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_strategy,
)


@pytest.fixture
def figures(council_a, board_a, board_member):
    strategy = make_strategy(council_a, status="published", board=board_a)
    objective = make_objective(make_aim(strategy))
    whole = make_indicator(objective, title="Children seen", unit_label="children")
    make_measurement(whole, dt.date(2025, 3, 31), "1234.5")
    tenths = make_indicator(objective, title="Rate per 1,000", unit_label="", decimal_places=1)
    make_measurement(tenths, dt.date(2025, 3, 31), "2.25")
    meeting = make_meeting(board_a, date=dt.date(2025, 6, 1))
    return strategy, whole, tenths, meeting


def _indicator_page(client, strategy, indicator):
    url = reverse(
        "public:indicator",
        kwargs={"council": strategy.lead_council.slug, "slug": strategy.slug, "pk": indicator.pk},
    )
    return client.get(url).content.decode()


def _pack(client, meeting):
    url = reverse("boards:pack", kwargs={"slug": meeting.board.slug, "pk": meeting.pk})
    return client.get(url).content.decode()


def test_a_figure_reads_the_same_on_public_pages_and_in_the_board_pack(
    client, figures, board_member
):
    strategy, whole, tenths, meeting = figures
    # The objective's own page shows its indicators' figures beside their charts.
    strategy_page = client.get(whole.objective.get_absolute_url()).content.decode()
    whole_page = _indicator_page(client, strategy, whole)
    tenths_page = _indicator_page(client, strategy, tenths)
    client.force_login(board_member)
    live = _pack(client, meeting)
    meeting_hold(meeting=meeting, user=board_member)
    frozen = _pack(client, meeting)

    for html in (strategy_page, whole_page, live, frozen):
        assert "1,235" in html
        assert "Latest figure: 1,235 children" in html  # the chart's description
        for rounded_to_even in ("1234 ", "1234<", "1,234 children", ">1,234<"):
            assert rounded_to_even not in html
    for html in (strategy_page, tenths_page, live, frozen):
        assert ">2.3<" in html or ">2.3 <" in html  # in a table cell
        assert "Latest figure: 2.3 for the period" in html
        for rounded_to_even in (">2.2<", ">2.2 <", "Latest figure: 2.2"):
            assert rounded_to_even not in html
