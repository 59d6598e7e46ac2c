"""What a page shows beside an indicator, shared by the indicator's own page and its objective's."""

import dataclasses

from outcomes.chart_data import ChartData
from outcomes.charts import draw_chart
from outcomes.comparison import compare
from outcomes.provenance import Provenance


def add_figures(indicator, today=None, compared_for=None):
    """Attach the chart and provenance a page shows beside an indicator (from prefetched rows).
    Given `compared_for` (a council), an indicator adopting a national one also carries where
    that council stands (indicator.comparison; None otherwise), and its one chart draws
    England's and the neighbours' lines beside the council's own."""
    data = ChartData.of(indicator)
    indicator.comparison = None
    if compared_for is not None and indicator.national_indicator_id:
        indicator.comparison = compare(indicator, compared_for)
        data = dataclasses.replace(
            data, comparisons=indicator.comparison.series, own_label=compared_for.name
        )
    indicator.chart = draw_chart(data, element_id=f"indicator-{indicator.pk}")
    indicator.provenance = Provenance.of(indicator, today)
    return indicator
