import datetime as dt
import re

import pytest

from tests.factories import (
    make_aim,
    make_indicator,
    make_measurement,
    make_objective,
    make_strategy,
    make_target,
)


@pytest.fixture
def indicator(council_a):
    strategy = make_strategy(council_a, status="published")
    indicator = make_indicator(
        make_objective(make_aim(strategy), title="Start well"),
        title="Children excluded from school",
        polarity="lower_better",
        decimal_places=1,
        unit_label="per 100 pupils",
        baseline_value="14.2",
        baseline_date=dt.date(2024, 3, 31),
    )
    make_target(indicator, dt.date(2027, 3, 31), "9.5")
    make_measurement(indicator, dt.date(2024, 6, 30), "13.4")
    make_measurement(indicator, dt.date(2024, 9, 30), "12.75")
    make_measurement(indicator, dt.date(2024, 12, 31), None, status="suppressed")
    make_measurement(indicator, dt.date(2025, 3, 31), "11.1")
    return indicator


def _indicator_url(indicator):
    strategy = indicator.objective.aim.strategy
    return f"{strategy.get_absolute_url()}indicators/{indicator.pk}/"


def _svg(html):
    return re.search(r'<svg class="app-chart".*?</svg>', html, re.S).group(0)


def test_the_indicator_page_draws_an_svg_chart_with_a_title_and_description(client, indicator):
    html = client.get(_indicator_url(indicator)).content.decode()
    svg = _svg(html)
    assert 'role="img"' in svg
    title_id = f"indicator-{indicator.pk}-chart-title"
    assert f'aria-labelledby="{title_id} indicator-{indicator.pk}-chart-desc"' in svg
    assert f'<title id="{title_id}">Children excluded from school: figures over time</title>' in svg
    assert "Latest figure: 11.1 per 100 pupils" in svg
    assert "Lower is better" in svg
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_the_chart_is_followed_by_a_table_with_the_same_numbers(client, indicator):
    html = client.get(_indicator_url(indicator)).content.decode()
    after_chart = html.split("</svg>")[-1]
    table = re.search(r"<table.*?</table>", after_chart, re.S).group(0)
    assert "<caption" in table
    assert "Figures for Children excluded from school" in table
    for shown in ("13.4 per 100 pupils", "12.8 per 100 pupils", "11.1 per 100 pupils"):
        assert shown in table
    # The chart plots exactly the published values: one point per figure with a value.
    assert _svg(html).count('r="4" fill="#1d70b8"') == 3


def test_a_suppressed_figure_is_a_gap_in_the_line_and_says_so(client, indicator):
    html = client.get(_indicator_url(indicator)).content.decode()
    svg = _svg(html)
    # Two runs of the line: before the suppressed quarter, and the lone point after it.
    assert svg.count("<polyline") == 2  # one figures run of two or more points, one target path
    assert "No figure for the period ending 31 December 2024 (suppressed" in svg
    assert "Suppressed (too few to publish)" in html.split("</svg>")[-1]
    assert "a gap in the line" in html


def test_the_chart_shows_baseline_and_target_and_polarity_in_words(client, indicator):
    html = client.get(_indicator_url(indicator)).content.decode()
    svg = _svg(html)
    assert "Baseline: 14.2 per 100 pupils in March 2024." in svg
    assert "Target: 9.5 per 100 pupils by March 2027." in svg
    assert ">Baseline</text>" in svg
    assert ">Target</text>" in svg
    assert "<strong>Lower is better</strong>" in html


def test_the_objective_page_anchors_each_indicator_and_links_its_page(client, indicator):
    html = client.get(indicator.objective.get_absolute_url()).content.decode()
    assert f'id="indicator-{indicator.pk}"' in html
    assert f'href="{_indicator_url(indicator)}"' in html
    assert f"Open {indicator.title} on its own page" in html


def test_an_indicator_of_a_draft_strategy_is_not_found(client, council_a):
    strategy = make_strategy(council_a, status="draft")
    indicator = make_indicator(make_objective(make_aim(strategy)))
    assert client.get(_indicator_url(indicator)).status_code == 404


def test_an_indicator_of_another_strategy_is_not_found(client, indicator, council_a):
    other = make_strategy(council_a, status="published")
    url = f"{other.get_absolute_url()}indicators/{indicator.pk}/"
    assert client.get(url).status_code == 404


def test_an_indicator_with_no_figures_says_so_and_draws_no_chart(client, council_a):
    strategy = make_strategy(council_a, status="published")
    indicator = make_indicator(make_objective(make_aim(strategy)))
    html = client.get(_indicator_url(indicator)).content.decode()
    assert "No figures yet" in html
    assert 'class="app-chart"' not in html
