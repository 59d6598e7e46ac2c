"""The board pack draws each indicator with the public pages' chart, target line and labelled
axes included, from the figures frozen in the pack; a pack frozen before the snapshot kept chart
data still draws its chart."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from boards.pack import meeting_hold
from strategies.models import Meeting
from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_meeting,
    make_objective,
    make_strategy,
)

TARGET_LINE = re.compile(r'<polyline points="[^"]+" fill="none" stroke="#00703c"')


@pytest.fixture
def indicator(council_a, board_a):
    strategy = make_strategy(council_a, status="published", board=board_a)
    indicator = make_indicator(
        make_objective(make_aim(strategy)),
        title="Babies visited within 14 days",
        decimal_places=1,
        baseline_value=71,
        baseline_date=dt.date(2024, 3, 31),
    )
    indicator.targets.create(date=dt.date(2027, 3, 31), value=90)
    make_measurement(indicator, dt.date(2025, 3, 31), 74)
    make_measurement(indicator, dt.date(2025, 9, 30), "79.04")
    return indicator


@pytest.fixture
def meeting(board_a, board_member, client):
    client.force_login(board_member)
    return make_meeting(board_a, date=dt.date(2025, 12, 1))


def _pack_svg(client, meeting):
    url = reverse("boards:pack", kwargs={"slug": meeting.board.slug, "pk": meeting.pk})
    html = client.get(url).content.decode()
    return re.search(r'<svg class="app-chart".*?</svg>', html, re.S).group(0)


def _public_svg(client, indicator):
    strategy = indicator.objective.aim.strategy
    url = reverse(
        "public:indicator",
        kwargs={"council": strategy.lead_council.slug, "slug": strategy.slug, "pk": indicator.pk},
    )
    html = client.get(url).content.decode()
    return re.search(r'<svg class="app-chart".*?</svg>', html, re.S).group(0)


def test_the_pack_chart_has_a_target_line_and_labelled_axes(client, indicator, meeting):
    svg = _pack_svg(client, meeting)
    assert TARGET_LINE.search(svg)
    assert ">Target</text>" in svg
    assert ">Baseline</text>" in svg
    assert ">Value (%)</text>" in svg
    assert ">Period ending</text>" in svg
    assert ">2025</text>" in svg
    assert "Target: 90.0 % by March 2027." in svg


def test_the_pack_draws_the_same_chart_as_the_indicator_page(client, indicator, meeting):
    pack = _pack_svg(client, meeting).replace(f"pack-indicator-{indicator.pk}-", "")
    public = _public_svg(client, indicator).replace(f"indicator-{indicator.pk}-", "")
    assert pack == public


def test_a_frozen_pack_draws_its_chart_from_what_was_frozen(
    client, indicator, meeting, board_member
):
    meeting_hold(meeting=meeting, user=board_member)
    indicator.targets.update(value=50)
    indicator.measurements.update(value=10)
    svg = _pack_svg(client, meeting)
    assert "Latest figure: 79.0 %" in svg
    assert "Target: 90.0 % by March 2027." in svg


def test_a_pack_frozen_before_charts_were_kept_still_draws_its_chart(
    client, indicator, meeting, board_member
):
    meeting_hold(meeting=meeting, user=board_member)
    pack = meeting.pack
    # As the first pack format froze an indicator: no chart data, figures written as plain
    # decimals to the indicator's places, and the polarity in words.
    pack["format"] = 1
    for frozen in pack["strategies"][0]["indicators"]:
        del frozen["chart_data"]
        assert frozen["polarity"] == "Higher is better"
    Meeting.objects.filter(pk=meeting.pk).update(pack=pack)

    svg = _pack_svg(client, meeting)
    assert TARGET_LINE.search(svg)
    assert ">Value (%)</text>" in svg
    assert "Latest figure: 79.0 %" in svg  # places read back from "79.0"
    assert "Baseline: 71.0 % in March 2024." in svg
    assert "Higher is better." in svg


def test_the_pack_chart_key_names_each_line_by_its_shape_and_label(client, indicator, meeting):
    html = client.get(reverse("boards:pack", args=[meeting.board.slug, meeting.pk])).content
    key = html.decode().split('class="govuk-body-s app-chart-key"')[1].split("</figcaption>")[0]
    assert "Figures: solid line, round points" in key
    assert "Target: dashed line, diamond points" in key
    for colour in ("blue", "green", "grey", "red", "black"):
        assert colour not in key.lower()
