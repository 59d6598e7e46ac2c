"""Each rating has one tag, colour and words, on the public strategy page, the board dashboard
and the board pack alike."""

import datetime as dt
import re
from collections import defaultdict

import pytest
from django.urls import reverse

from outcomes.models import Rating
from outcomes.periods import current_period
from tests.factories import (
    make_aim,
    make_meeting,
    make_objective,
    make_strategy,
    make_update,
    sign_off,
)

TAG = re.compile(r'<strong class="govuk-tag (govuk-tag--[a-z]+)">([^<]+)</strong>')


def _tag_colours(html):
    """Each rating's words, with every colour class its tags have on the page."""
    colours = defaultdict(set)
    for colour, label in TAG.findall(html):
        if label in Rating.labels:
            colours[label].add(colour)
    return colours


@pytest.fixture
def every_rating(council_a, board_a, board_member):
    """One objective per rating, each signed off at a meeting, in a public strategy."""
    strategy = make_strategy(council_a, status="published", board=board_a)
    aim = make_aim(strategy)
    meeting = make_meeting(board_a, date=dt.date.today())
    for rating in Rating.values:
        update = make_update(
            objective=make_objective(aim, title=f"Objective {rating}"),
            quarter=current_period(),
            rating=rating,
        )
        sign_off(update, meeting, board_member)
    return strategy, meeting


def test_each_rating_has_the_same_tag_colour_on_public_and_board_pages(
    client, every_rating, board_member
):
    strategy, meeting = every_rating
    public = _tag_colours(client.get(strategy.get_absolute_url()).content.decode())
    client.force_login(board_member)
    board_url = reverse("boards:detail", kwargs={"slug": meeting.board.slug})
    dashboard = _tag_colours(client.get(board_url).content.decode())
    pack_url = reverse("boards:pack", kwargs={"slug": meeting.board.slug, "pk": meeting.pk})
    pack = _tag_colours(client.get(pack_url).content.decode())

    for label in Rating.labels:
        assert len(public[label]) == 1, (label, public[label])
        assert dashboard[label] == public[label], label
        assert pack[label] == public[label], label
    assert public["At risk"] == {"govuk-tag--orange"}
