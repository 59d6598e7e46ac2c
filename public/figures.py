"""What a page shows beside an indicator, shared by the indicator's own page and its objective's."""

from outcomes.charts import indicator_chart
from outcomes.queries import Provenance


def add_figures(indicator, today=None):
    """Attach the chart and provenance a page shows beside an indicator (from prefetched rows)."""
    indicator.chart = indicator_chart(indicator)
    indicator.provenance = Provenance.of(indicator, today)
    return indicator
