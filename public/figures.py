"""What a page shows beside an indicator, shared by the indicator's own page and its objective's."""

import dataclasses

from outcomes.charts import ChartData, draw_chart, indicator_chart
from outcomes.comparison import compare
from outcomes.provenance import Provenance


def add_figures(indicator, today=None):
    """Attach the chart and provenance a page shows beside an indicator (from prefetched rows)."""
    indicator.chart = indicator_chart(indicator)
    indicator.provenance = Provenance.of(indicator, today)
    return indicator


def add_comparison(indicator, council):
    """Where the council stands on the national indicator the indicator adopts, and its chart
    redrawn with England's and the neighbours' lines beside the council's own."""
    indicator.comparison = compare(indicator, council)
    data = dataclasses.replace(
        ChartData.of(indicator), comparisons=indicator.comparison.series, own_label=council.name
    )
    indicator.chart = draw_chart(data, element_id=f"indicator-{indicator.pk}")
    return indicator
